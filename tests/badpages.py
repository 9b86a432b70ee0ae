"""A local outlet whose article pages each misbehave in one way (the bad-response catalogue).

The outlet is 시정일보's ND Soft skin (``spiders/sijung.py``), served by ``ReplaySite`` on
127.0.0.1. Every article's text is written here in Hangul, so a test can compare what was
archived with what the page said, whatever bytes and labels it was served with.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field

from crawler.replay import ReplaySite, SiteManifest

HOSTS = ["www.sijung.co.kr", "sijung.co.kr"]
LIST_URL = "https://www.sijung.co.kr/news/articleList.html?view_type=sm"
ARTICLE_URL = "https://www.sijung.co.kr/news/articleView.html?idxno={id}"


@dataclass
class Story:
    id: int
    title: str
    paragraphs: list[str]
    reporter: str = "정칠석"
    published: str = "2026.01.19 14:28"
    description: str | None = None

    @property
    def url(self) -> str:
        return ARTICLE_URL.format(id=self.id)

    @property
    def body(self) -> str:
        """The body as a reader sees it (and as the archive should store it)."""
        return "\n\n".join(self.paragraphs)


def story(id_: int, district: str, topic: str) -> Story:
    return Story(id_, f"{district}, {topic} 추진", [
        f"서울 {district}가 주민들의 삶의 질을 높이기 위해 {topic}을 본격적으로 추진한다고 밝혔다.",
        f"구 관계자는 “{topic}은 지역 주민과 함께 만드는 사업으로, 올해 안에 모든 동에서 시행할 계획”이라고 말했다.",
        f"{district}는 다음 달까지 주민 의견을 모은 뒤 세부 계획을 확정할 예정이다.",
    ])


def article_html(s: Story, *, charset: str = "utf-8", raw_title: str | None = None) -> str:
    """An ND Soft article page (title header, info line, body box) as the family prints it."""
    title = raw_title if raw_title is not None else s.title
    description = s.description if s.description is not None else s.paragraphs[0]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="{charset}">
<title>{title} - 시정일보</title>
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
</head><body>
<div id="user-wrap"><nav class="menu"><a href="/">홈</a> <a href="/news/articleList.html">전체기사</a></nav>
<header class="article-view-header"><h3 class="heading">{title}</h3></header>
<div class="info-text"><ul><li>{s.reporter} 기자</li><li>승인 {s.published}</li></ul></div>
<article id="article-view-content-div">
{paragraphs}
</article>
<footer class="footer">시정일보 | 서울특별시 | 등록번호 서울 아00000</footer>
</div></body></html>
"""


def list_html(stories: list[Story]) -> str:
    links = "\n".join(f'<div class="list-titles"><a href="/news/articleView.html?idxno={s.id}">{s.title}</a></div>'
                      for s in stories)
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>전체기사 - 시정일보</title></head>
<body><section id="section-list">{links}</section></body></html>"""


def gzip_bomb(decompressed_mib: int) -> bytes:
    """``decompressed_mib`` MiB of zeros, gzip-compressed (about 1000:1)."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as handle:
        for _ in range(decompressed_mib):
            handle.write(chunk)
    return buffer.getvalue()


@dataclass
class Catalogue:
    """The site and what each page is: ``good`` must be archived as written, ``rejected``
    maps a URL to the start of the reason it must be rejected with."""

    site: ReplaySite
    manifest: SiteManifest
    stories: dict[str, Story]
    good: dict[str, Story] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)

    def repair(self) -> None:
        """Serve every bad page well-formed (the faults are over)."""
        for key, s in self.stories.items():
            if key not in self.good:
                self.site.put(s.url, article_html(s))


ESCAPED_TITLE = "은평구\x00, 청년 \x1b[31m정책\x1b[0m 발표\x1b]0;owned\x07 \u202e설명회\u202c"
CLEAN_ESCAPED_TITLE = "은평구, 청년 정책 발표 설명회"


def build_catalogue() -> Catalogue:
    stories = {
        "ok": story(9001, "은평구", "청년 일자리 박람회"),
        "ok2": story(9002, "금천구", "어르신 돌봄 서비스"),
        "storm": story(9003, "강서구", "스마트 쉼터 설치"),
        "euckr_as_utf8": story(9004, "광진구", "골목상권 살리기"),
        "utf8_as_euckr": story(9005, "영등포구", "안심 귀갓길 조성"),
        "escapes": story(9006, "서대문구", "청년 정책 설명회"),
        "cut55": story(9007, "마포구", "공공 자전거 확대"),
        "dataloss": story(9008, "종로구", "문화유산 야간 개방"),
        "reset": story(9009, "중랑구", "장미축제 준비"),
        "pdf": story(9010, "노원구", "보도자료 첨부"),
        "jpeg": story(9011, "도봉구", "사진 기사"),
        "empty": story(9012, "강북구", "주민센터 개소"),
        "huge": story(9013, "성북구", "도서관 개관"),
        "huge_stream": story(9017, "용산구", "공원 조성"),
        "bomb": story(9014, "동작구", "하천 정비"),
        "undecodable": story(9015, "관악구", "청소년 상담"),
        "short_body": story(9016, "서초구", "어린이 안전 교육"),
    }
    stories["escapes"].paragraphs[0] = "서울 서대문구가 청년 정책 설명회를\x00 연다고\x1b[2J 밝혔다. 설명회는 구청 대강당에서 열린다."
    short = stories["short_body"]
    short.description = " ".join(short.paragraphs)
    site = ReplaySite()
    manifest = SiteManifest(outlet="sijung", hosts=HOSTS, pages=[], entry_points=[LIST_URL], folder=None)
    site.put(LIST_URL, list_html(list(stories.values())))
    for s in stories.values():
        site.put(s.url, article_html(s))
    cat = Catalogue(site, manifest, stories)

    site.fail(stories["storm"].url, 503, 502, 504)
    cat.good["storm"] = stories["storm"]
    cat.good["ok"], cat.good["ok2"] = stories["ok"], stories["ok2"]

    euckr = stories["euckr_as_utf8"]
    site.put(euckr.url, article_html(euckr, charset="utf-8").encode("cp949"), content_type="text/html; charset=utf-8")
    cat.good["euckr_as_utf8"] = euckr
    utf8 = stories["utf8_as_euckr"]
    site.put(utf8.url, article_html(utf8, charset="euc-kr").encode("utf-8"), content_type="text/html; charset=euc-kr")
    cat.good["utf8_as_euckr"] = utf8

    escapes = stories["escapes"]
    site.put(escapes.url, article_html(escapes, raw_title=ESCAPED_TITLE))
    cat.good["escapes"] = escapes

    whole = article_html(stories["cut55"]).encode("utf-8")
    site.put(stories["cut55"].url, whole[: len(whole) * 55 // 100])
    cat.rejected[stories["cut55"].url] = "truncated: page ends after"
    whole = article_html(stories["dataloss"]).encode("utf-8")
    site.cut_off(stories["dataloss"].url, len(whole) * 55 // 100)
    cat.rejected[stories["dataloss"].url] = "truncated: received"
    whole = article_html(stories["reset"]).encode("utf-8")
    site.cut_off(stories["reset"].url, len(whole) * 40 // 100, reset=True)
    cat.rejected[stories["reset"].url] = "truncated: received"

    site.put(stories["pdf"].url, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
             content_type="application/pdf")
    cat.rejected[stories["pdf"].url] = "not HTML (application/pdf)"
    site.put(stories["jpeg"].url, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(2000) + b"\xff\xd9",
             content_type="text/html; charset=utf-8")
    cat.rejected[stories["jpeg"].url] = "not HTML (image/jpeg, served as text/html)"
    site.put(stories["empty"].url, b"")
    cat.rejected[stories["empty"].url] = "empty page"
    fifty_mb = b"<html><body>" + b"x" * (50 * 1024 * 1024) + b"</body></html>"
    site.put(stories["huge"].url, fifty_mb)
    cat.rejected[stories["huge"].url] = "too large: larger than DOWNLOAD_MAXSIZE (20971520 bytes)"
    site.put(stories["huge_stream"].url, fifty_mb)
    site.stream_without_length(stories["huge_stream"].url)  # cancelled once 20 MiB have arrived
    cat.rejected[stories["huge_stream"].url] = "too large: larger than DOWNLOAD_MAXSIZE (20971520 bytes)"
    site.put(stories["bomb"].url, gzip_bomb(200), headers={"Content-Encoding": "gzip"})
    cat.rejected[stories["bomb"].url] = "too large: decompressed body exceeds DOWNLOAD_MAXSIZE (20971520 bytes"
    garbage = b"<html><head><meta charset=\"utf-8\"></head><body>" + bytes(range(0x80, 0x100)) * 40 + b"</body></html>"
    site.put(stories["undecodable"].url, garbage)
    cat.rejected[stories["undecodable"].url] = "undecodable: not valid UTF-8 or CP949 (declared utf-8"
    cat.rejected[short.url] = "truncated: body has"
    site.put(short.url, article_html(Story(short.id, short.title, [short.paragraphs[0][:44] + " 밝혔다."],
                                           description=short.description)))
    return cat
