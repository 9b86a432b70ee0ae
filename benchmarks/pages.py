"""Realistic article pages for the benchmarks, per CMS family, and a loopback site serving them.

The saved fixtures (tests/fixtures/) are 1–10 KB: the article and little else. Real pages of
these outlets weigh ~100–250 KB, most of it not the article: inline scripts (ad slots,
analytics, menu JSON), a mega-menu, most-read / related / photo boxes naming other districts,
a weather strip, a footer. Parsing cost grows with all of that (every text node is a
candidate for the ``text`` layer), so a benchmark on bare fixtures would flatter the parser.

Each family below writes the markup its spider reads (copied from the fixture of that family,
see the spider modules for the selectors) and pads it to ~115 KB with that furniture. Bodies
are the Korean texts of the fixtures' article pages (benchmarks/fixture_texts.py),
made unique per article. Everything is deterministic for a given article number.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from html import escape
from pathlib import Path

from benchmarks.fixture_texts import fixture_articles
from crawler.korean import KST
from crawler.replay import ReplaySite, SiteManifest

REPO = Path(__file__).resolve().parents[1]
TARGET_BYTES = 115_000
SECTIONS = ["정치", "경제", "사회", "자치행정", "서울시", "교육", "문화", "스포츠", "연예", "오피니언", "포토", "영상",
            "지방자치", "의회", "복지", "환경", "부동산", "국제", "IT·과학", "건강"]

#: Neutral sentences (no place names) that make each generated paragraph unique.
FILLERS = ("이번 사업에는 예산 {a}억 {b}천만 원이 투입된다.", "지난해에는 주민 {a}명이 참여해 만족도 {b}0%를 기록했다.",
           "관련 문의는 {a}건 접수됐으며 {b}일 안에 답변할 계획이다.", "올해 지원 대상은 {a}가구로 지난해보다 {b}% 늘었다.")


@dataclass(frozen=True)
class Text:
    title: str
    paragraphs: tuple[str, ...]


@lru_cache(maxsize=1)
def texts() -> tuple[Text, ...]:
    """Titles and body paragraphs of every fixture article (real Korean press-release prose)."""
    out = []
    for title, body in fixture_articles():
        paragraphs = tuple(p for p in body.split("\n\n") if p.strip())
        if title and len(paragraphs) >= 3:
            out.append(Text(title, paragraphs))
    return tuple(out)


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Every sentence of the golden bodies but their leads."""
    return tuple(sentence for text in texts() for paragraph in text.paragraphs[1:]
                 for sentence in re.split(r"(?<=다\.)\s+", paragraph) if len(sentence) > 15)


@dataclass(frozen=True)
class Article:
    number: int
    title: str
    paragraphs: tuple[str, ...]
    reporter: str
    published: datetime

    @classmethod
    def make(cls, number: int) -> "Article":
        """Article ``number``: the lead paragraph of a golden text (it names the district), then
        as many paragraphs of sentences drawn from all golden texts, each paragraph ending in a
        sentence with its own figures. No two articles share a paragraph (a cache must not make
        the benchmark look better than a crawl) and two articles are not near-duplicates of each
        other (the store's clustering would otherwise merge a cluster per golden text)."""
        pool = texts()
        text = pool[number % len(pool)]
        rng = random.Random(number)
        filler = lambda: rng.choice(FILLERS).format(a=rng.randint(2, 980), b=rng.randint(1, 9))  # noqa: E731
        drawn = [" ".join(rng.sample(sentences(), 2)) for _ in text.paragraphs[1:]]
        paragraphs = tuple(f"{p} {filler()}" for p in (text.paragraphs[0], *drawn))
        contact = f"문의는 구청 담당 부서(02-{rng.randint(2000, 2999)}-{number % 10000:04d})로 하면 된다."
        return cls(number, f"{text.title} ({number}호)", paragraphs + (contact,),
                   rng.choice(["이지선", "박종일", "변윤수", "장은숙", "신민수", "김태인"]),
                   datetime(2026, 1, 19, 7, 32, tzinfo=KST) - timedelta(minutes=37 * number))

    @property
    def stamp(self) -> datetime:
        return self.published.astimezone(KST)


# --- furniture: what makes a real page 115 KB -----------------------------------------------

def script_blocks(rng: random.Random, outlet: str, size: int) -> str:
    """Inline scripts of the kind news CMSs carry: ad slots, analytics config, a menu JSON."""
    parts, total = [], 0
    while total < size:
        n = rng.randint(100000, 999999)
        chunk = (f"googletag.cmd.push(function(){{googletag.defineSlot('/21{n}/{outlet}/article_{n % 97}',"
                 f"[[300,250],[336,280]],'div-gpt-ad-{n}-0').addService(googletag.pubads());}});\n"
                 f"window.dataLayer=window.dataLayer||[];"
                 f"dataLayer.push({{'event':'pv','section':'{rng.choice(SECTIONS)}',"
                 f"'aid':'{n}','ts':{1700000000 + n}}});\n")
        parts.append(chunk)
        total += len(chunk.encode())
    return f"<script>\n{''.join(parts)}</script>\n"


def mega_menu(rng: random.Random, link: Callable[[int], str]) -> str:
    items = []
    for section in SECTIONS:
        subs = "".join(f'<li><a href="{link(rng.randint(1, 99))}">{section} {k}</a></li>' for k in range(1, 7))
        items.append(f'<li class="depth1"><a href="#">{section}</a><ul class="depth2">{subs}</ul></li>')
    return f'<nav class="gnb_all"><ul>{"".join(items)}</ul></nav>\n'


def teaser_items(rng: random.Random, link: Callable[[int], str], count: int, *, lead: bool) -> str:
    """Headlines (and leads) of other articles: other districts, as on the real sidebars."""
    out = []
    for _ in range(count):
        other = rng.choice(texts())
        extra = f" <span class=\"lead\">{escape(other.paragraphs[0][:120])}</span>" if lead else ""
        href = link(rng.randint(1000, 99999))
        out.append(f'<li><a href="{href}"><strong>{escape(other.title)}</strong>{extra}</a></li>')
    return "".join(out)


def footer(outlet_name: str) -> str:
    links = "".join(f'<a href="/company/{k}">{name}</a>' for k, name in enumerate(
        ["회사소개", "기사제보", "광고문의", "불편신고", "저작권보호정책", "개인정보처리방침", "청소년보호정책", "이메일무단수집거부"]))
    return (f'<footer id="footer"><div class="links">{links}</div><address>{outlet_name} · 서울특별시 중구 세종대로 1 · '
            f'대표전화 02-000-0000 · 등록번호 서울 아00000 · 발행·편집인 홍길동 · 청소년보호책임자 홍길동</address>'
            f'<p>Copyright © {outlet_name}. All rights reserved.</p></footer>\n')


def padded(head: str, top: str, article: str, sidebar: Callable[[int], str], outlet: str, outlet_name: str,
           rng: random.Random, link: Callable[[int], str]) -> str:
    """Assemble a page: head with scripts, menu, article, sidebars grown until the page reaches
    about TARGET_BYTES (three quarters sidebars and related lists, one quarter scripts)."""
    menu, foot = mega_menu(rng, link), footer(outlet_name)
    fixed = len((head + top + article + menu + foot).encode())
    room = max(TARGET_BYTES - fixed, 0)
    boxes, size = [], 0
    while size < room * 0.7:
        box = sidebar(len(boxes))
        boxes.append(box)
        size += len(box.encode())
    scripts = script_blocks(rng, outlet, max(int(room - size), 0))
    return (f"<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n{head}{scripts}</head>\n<body>\n"
            f"<div id=\"wrap\">\n{top}{menu}<div id=\"container\">\n{article}"
            f"<div id=\"aside\">\n{''.join(boxes)}</div>\n"
            f"</div>\n{foot}</div>\n</body>\n</html>\n")


def meta_head(a: Article, outlet_name: str, url: str, *, jsonld_body: bool) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
          "datePublished": a.stamp.isoformat(), "author": {"@type": "Person", "name": f"{a.reporter} 기자"},
          "publisher": {"@type": "Organization", "name": outlet_name}}
    if jsonld_body:
        ld["articleBody"] = "\n".join(a.paragraphs)
    return (f"<title>{escape(a.title)} - {outlet_name}</title>\n"
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{escape(a.title)}">\n'
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:description" content="{escape(a.paragraphs[0][:150])}">\n'
            f'<meta property="article:published_time" content="{a.stamp.isoformat()}">\n'
            f'<link rel="canonical" href="{url}">\n'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n')


# --- the families -------------------------------------------------------------------------

def _body_ps(a: Article, attrs: Callable[[int], str] = lambda k: "") -> str:
    return "".join(f"<p{attrs(k)}>{escape(p)}</p>\n" for k, p in enumerate(a.paragraphs, start=1))


def ndsoft_article(a: Article, url: str, rng: random.Random) -> str:
    """Family A, newer ND Soft skin (tests/fixtures/sijung/article-425280.html)."""
    link = lambda k: f"/news/articleView.html?idxno={k}"  # noqa: E731
    top = '<header id="user-header"><h1 class="user-logo"><a href="/">시정일보</a></h1></header>\n'
    article = (f'<header class="article-view-header"><div class="category">자치행정</div>'
               f'<h3 class="heading">{escape(a.title)}</h3><ul class="infomation">'
               f'<li><i class="icon-user-o"></i> 기자명 {a.reporter} 기자</li>'
               f'<li><i class="icon-clock-o"></i> 입력 {a.stamp:%Y.%m.%d %H:%M}</li><li>댓글 0</li></ul></header>\n'
               f'<section class="article-custom-font"><article id="article-view-content-div" itemprop="articleBody">\n'
               f'{_body_ps(a)}</article>\n<article class="view-editors"><div class="profile"><strong class="name">'
               f'{a.reporter} 기자</strong><p class="email">reporter{a.number % 50}@sijung.co.kr</p></div></article>\n'
               f'<article class="view-copyright">저작권자 © 시정일보 무단전재 및 재배포 금지</article></section>\n')
    box = lambda k: (f'<section class="auto-article"><header class="header"><h2>{SECTIONS[k % len(SECTIONS)]} '  # noqa: E731
                     f'많이 본 뉴스</h2></header><ul class="auto-titles">{teaser_items(rng, link, 8, lead=k % 2 == 1)}'
                     f'</ul></section>\n')
    return padded(meta_head(a, "시정일보", url, jsonld_body=False), top, article, box, "sijung", "시정일보", rng, link)


def articlehtml_article(a: Article, url: str, rng: random.Random) -> str:
    """Family B (tests/fixtures/tvseoul/article-66511.html): weather strip, art_top, #news_body_area."""
    link = lambda k: f"/news/article.html?no={k}"  # noqa: E731
    weather = "".join(f"<li>흐림{city} {rng.uniform(-5, 12):.1f}℃</li>" for city in
                      ["동두천", "강릉", "서울", "대전", "대구", "울산", "광주", "부산", "고창", "제주", "강화", "보은", "금산"])
    top = (f'<div id="header"><div class="top_date">{a.stamp:%Y.%m.%d}</div><div class="weather"><ul>{weather}</ul>'
           f'<span>기상청 제공</span></div><h1 class="logo"><a href="/">TV서울</a></h1></div>\n')
    body = "<p>&nbsp;</p>\n".join(f"<p>{escape(p)}</p>\n" for p in a.paragraphs)
    article = (f'<div class="art_navi"><a href="/news/section.html?sec_no=67">지방자치</a></div>\n<div class="art_top">'
               f'<h2>{escape(a.title)}</h2><ul class="art_info"><li>등록 {a.stamp:%Y.%m.%d %H:%M:%S}</li></ul></div>\n'
               f'<div id="news_body_area">\n<p>&nbsp;</p>\n{body}</div>\n'
               f'<div class="art_copy">Copyright @2015 TV서울 Corp. All rights reserved.</div>\n')
    box = lambda k: (f'<div class="sec_box"><h4>{SECTIONS[k % len(SECTIONS)]}</h4><a class="more" '  # noqa: E731
                     f'href="/news/section.html?sec_no={k}">더보기</a><ul>{teaser_items(rng, link, 8, lead=k % 2 == 1)}'
                     f'</ul></div>\n')
    head = (f"<title>{escape(a.title)} - TV서울</title>\n<meta property=\"og:title\" content=\"{escape(a.title)}\">\n"
            f'<meta property="article:published_time" content="{a.stamp.isoformat()}">\n')
    return padded(head, top, article, box, "tvseoul", "TV서울", rng, link)


def mailsend_article(a: Article, url: str, rng: random.Random) -> str:
    """Family C (tests/fixtures/krnews21/article-357431.html): 기사 메일전송 scaffold, #viewContent."""
    link = lambda k: f"/article/{k}?mcode=m96mass296"  # noqa: E731
    top = '<div id="header"><a href="/"><img src="/img/logo.png" alt="뉴스21"></a></div>\n'
    article = (f'<div id="content"><div class="viewTitle"><div class="viewMail"><a href="#">기사 메일전송</a></div>'
               f'<h3>{escape(a.title)}</h3><ul class="viewInfo"><li>{a.reporter}</li>'
               f'<li>등록 {a.stamp:%Y-%m-%d %H:%M:%S}</li></ul><div class="viewModify"><a href="#">기사수정</a></div></div>\n'
               f'<div id="viewContent">\n{_body_ps(a)}</div>\n<div class="viewLike"><button type="button">좋아요</button>'
               f'<span class="count">0</span></div><ul class="viewBtn"><li><a href="#">목록 바로가기</a></li>'
               f'<li><a href="#">인쇄</a></li></ul></div>\n')
    box = lambda k: (f'<div class="box hot"><h3>많이 본 뉴스<a href="#">더보기</a></h3><ol>'  # noqa: E731
                     f'{teaser_items(rng, link, 7, lead=True)}</ol></div>\n')
    head = f"<title>{escape(a.title)} - 뉴스21</title>\n<meta property=\"og:title\" content=\"{escape(a.title)}\">\n"
    return padded(head, top, article, box, "krnews21", "뉴스21", rng, link)


def asiae_article(a: Article, url: str, rng: random.Random) -> str:
    """Asia Economy current template (tests/fixtures/asiae/article-current.html)."""
    link = lambda k: f"/article/2026011{k:012d}"  # noqa: E731
    top = ('<div id="skip"><a href="#container">본문 바로가기</a></div>\n'
           '<header class="header"><a href="https://www.asiae.co.kr/">아시아경제</a></header>\n')
    marked = _body_ps(a, lambda k: f' data-alda-marking="{k}"')
    article = (f'<div class="content"><div class="article_head"><div class="lc"><a class="btn_title" '
               f'href="/list/society-all">사회</a></div><div class="area_title"><h1>{escape(a.title)}</h1></div>'
               f'<div class="reporter"><p><strong>{a.reporter}</strong> 기자</p></div><div class="date_box">'
               f'<p>입력{a.stamp:%Y.%m.%d %H:%M}</p></div><div class="util"><span>읽는 시간1분 12초</span>'
               f'<button>뉴스듣기</button></div></div>\n<div class="article" itemprop="articleBody">\n{marked}'
               f'<div class="e_article">{a.reporter} 기자 reporter@asiae.co.kr</div><p class="txt_prohibition">'
               f'&lt;ⓒ아시아경제(www.asiae.co.kr) 무단전재 배포금지&gt;</p></div>\n</div>\n')
    box = lambda k: (f'<section class="aside_box"><h3>실시간 핫이슈 {k}</h3><ul>'  # noqa: E731
                     f'{teaser_items(rng, link, 8, lead=k % 2 == 1)}</ul></section>\n')
    return padded(meta_head(a, "아시아경제", url, jsonld_body=True), top, article, box, "asiae", "아시아경제", rng, link)


def herald_article(a: Article, url: str, rng: random.Random) -> str:
    """헤럴드경제 (tests/fixtures/herald/article-10683244.html): metadata, body by the generic layer."""
    link = lambda k: f"/article/{10600000 + k}"  # noqa: E731
    top = '<header class="gnb"><a href="/">헤럴드경제</a></header>\n'
    body = "".join(f"<p>{escape(p)}</p>\n" for p in a.paragraphs)
    article = (f'<div class="article_wrap"><section class="article_view"><div class="article_top"><span '
               f'class="article_cate">사회</span><h1>{escape(a.title)}</h1><div class="article_date"><span>입력 '
               f'{a.stamp:%Y.%m.%d %H:%M}</span></div></div>\n<div class="article_body">\n{body}</div>\n'
               f'<div class="article_copy">Copyright ⓒ 헤럴드경제 All Rights Reserved.</div></section></div>\n')
    box = lambda k: (f'<aside class="ranking"><h3>많이 본 기사</h3><ol>'  # noqa: E731
                     f'{teaser_items(rng, link, 8, lead=k % 2 == 1)}</ol></aside>\n')
    head = meta_head(a, "헤럴드경제", url, jsonld_body=False) + '<meta property="article:section" content="사회">\n'
    return padded(head, top, article, box, "herald", "헤럴드경제", rng, link)


@dataclass(frozen=True)
class Family:
    """One CMS family as an outlet of it serves it: URLs, article page, list page."""

    name: str
    outlet: str                       # the spider that reads it
    outlet_name: str
    hosts: tuple[str, ...]
    article_url: Callable[[Article], str]
    list_url: Callable[[int], str]    # page number (from 1) -> absolute URL
    article_html: Callable[[Article, str, random.Random], str]
    list_html: Callable[[list[tuple[Article, str]], int, bool], str]  # (article, url) pairs, page, has next

    def article_page(self, a: Article) -> tuple[str, bytes]:
        url = self.article_url(a)
        return url, self.article_html(a, url, random.Random(a.number)).encode("utf-8")


def _list(family: str, box: str, items: str, pager: str, bar_class: str) -> Callable[..., str]:
    """A list page: the family's list box and pager (on the last page a bar with no next link),
    padded with the same furniture."""
    def render(entries: list[tuple[Article, str]], page: int, has_next: bool) -> str:
        rng = random.Random(page)
        rows = box.format(rows="".join(items.format(url=url, title=escape(a.title), date=f"{a.stamp:%Y.%m.%d %H:%M}")
                                       for a, url in entries))
        nav = pager.format(next=page + 1) if has_next else f'<div class="{bar_class}"><strong>{page}</strong></div>'
        link = lambda k: f"/teaser/{k}"  # noqa: E731
        ranking = lambda k: (f'<div class="rank_box"><h3>많이 본 뉴스</h3><ol>'  # noqa: E731
                             f'{teaser_items(rng, link, 8, lead=False)}</ol></div>\n')
        return padded(f"<title>{family} {page}</title>\n", "", f"{rows}{nav}\n", ranking, family, family, rng, link)
    return render


FAMILIES: dict[str, Family] = {f.name: f for f in [
    Family("ndsoft", "sijung", "시정일보", ("www.sijung.co.kr", "sijung.co.kr", "m.sijung.co.kr"),
           lambda a: f"https://www.sijung.co.kr/news/articleView.html?idxno={400000 + a.number}",
           lambda p: "https://www.sijung.co.kr/news/articleList.html?view_type=sm" if p == 1
           else f"https://www.sijung.co.kr/news/articleList.html?page={p}&view_type=sm", ndsoft_article,
           _list("sijung", '<section id="section-list"><ul class="type2">{rows}</ul></section>',
                 '<li><h4 class="titles"><a href="{url}">{title}</a></h4><em>{date}</em></li>',
                 '<ul class="pagination"><li><a href="/news/articleList.html?page={next}&amp;view_type=sm">{next}'
                 '</a></li></ul>', "pagination")),
    Family("articlehtml", "tvseoul", "TV서울", ("www.tvseoul.kr", "tvseoul.kr", "m.tvseoul.kr"),
           lambda a: f"http://www.tvseoul.kr/news/article.html?no={60000 + a.number}",
           lambda p: "http://www.tvseoul.kr/news/section_list_all.html?sec_no=67" if p == 1
           else f"http://www.tvseoul.kr/news/section_list_all.html?sec_no=67&page={p}", articlehtml_article,
           _list("tvseoul", '<ul class="art_list_all">{rows}</ul>', '<li><a href="{url}"><h2 class="clamp">{title}'
                 '</h2></a><span class="date">{date}</span></li>',
                 '<div class="list_page"><a href="?sec_no=67&amp;page={next}">{next}</a></div>', "list_page")),
    Family("mailsend", "krnews21", "뉴스21", ("www.krnews21.co.kr", "krnews21.co.kr", "m.krnews21.co.kr"),
           lambda a: f"https://www.krnews21.co.kr/article/{350000 + a.number}",
           lambda p: "https://www.krnews21.co.kr/news/list.php?mcode=m75mass275&vg=photo" if p == 1
           else f"https://www.krnews21.co.kr/news/list.php?mcode=m75mass275&vg=photo&page={p}", mailsend_article,
           _list("krnews21", '<ul class="photoList">{rows}</ul>',
                 '<li><a href="{url}"><strong>{title}</strong></a></li>',
                 '<div class="paging"><a href="?mcode=m75mass275&amp;vg=photo&amp;page={next}">{next}</a></div>',
                 "paging")),
    Family("asiae", "asiae", "아시아경제", ("www.asiae.co.kr", "view.asiae.co.kr", "cm.asiae.co.kr"),
           lambda a: f"https://www.asiae.co.kr/article/{a.stamp:%Y%m%d%H%M%S}{a.number % 100000:05d}",
           lambda p: "https://www.asiae.co.kr/list/society-all" + ("" if p == 1 else f"/{p}"), asiae_article,
           _list("asiae", '<div class="cont_listarea">{rows}</div>', '<div class="txt_box"><h3><a href="{url}">{title}'
                 '</a></h3><p class="date">{date}</p></div>',
                 '<div class="pagination"><a class="next" href="/list/society-all/{next}">다음</a></div>', "pagination")),
    Family("herald", "herald", "헤럴드경제", ("biz.heraldcorp.com", "mbiz.heraldcorp.com"),
           lambda a: f"https://biz.heraldcorp.com/article/{10700000 + a.number}",
           lambda p: "https://biz.heraldcorp.com/society" + ("" if p == 1 else f"?page={p}"), herald_article,
           _list("herald", '<ul class="news_list">{rows}</ul>', '<li><a href="{url}">{title}</a></li>',
                 '<div class="paging"><a href="?page={next}">{next}</a></div>', "paging")),
]}
#: Families whose spider reads the body with selectors (herald's body comes from the generic layer).
SELECTOR_FAMILIES = ("ndsoft", "articlehtml", "mailsend", "asiae")


def article_pages(family: str, count: int, start: int = 1) -> list[tuple[str, bytes]]:
    """(url, bytes) of ``count`` generated article pages of one family."""
    return [FAMILIES[family].article_page(Article.make(n)) for n in range(start, start + count)]


class GeneratedSite:
    """A loopback outlet of one family: ``count`` articles newest first, ``per_page`` per list page,
    served by crawler.replay.ReplaySite (use as a context manager)."""

    def __init__(self, family: str, count: int, *, per_page: int = 20) -> None:
        self.family = FAMILIES[family]
        self.site = ReplaySite()
        articles = [Article.make(n) for n in range(1, count + 1)]
        entries = []
        for article in articles:
            url, body = self.family.article_page(article)
            self.site.put(url, body)
            entries.append((article, url))
        self.list_pages = (count + per_page - 1) // per_page
        for page in range(1, self.list_pages + 1):
            chunk = entries[(page - 1) * per_page: page * per_page]
            self.site.put(self.family.list_url(page), self.family.list_html(chunk, page, page < self.list_pages))
        self.count = count

    @property
    def manifest(self) -> SiteManifest:
        return SiteManifest(outlet=self.family.outlet, hosts=list(self.family.hosts), pages=[],
                            entry_points=[self.family.list_url(1)], folder=REPO)

    def __enter__(self) -> "GeneratedSite":
        self.site.start()
        return self

    def __exit__(self, *exc) -> None:
        self.site.stop()
