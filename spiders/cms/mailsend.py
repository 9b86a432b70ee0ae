"""Family C: the "기사 메일전송 / 등록 / 기사수정" CMS (ket.kr, 뉴스21, 뉴스21통신, FMTV).

From ``../shared/outlets.md`` §4, §5 and §7: classic article URLs
``/news/view.php?idx={int}&mcode={code}``, the newer ``/article/{int}?mcode={code}`` (and the
short ``/news/{int}``), lists ``/news/list.php?mcode={code}&page=P&vg=photo|gallery``; the
visible scaffold is ``기사 메일전송`` → title → ``• 기자명`` → ``• 등록 YYYY-MM-DD HH:MM:SS`` →
``기사수정`` → optional ``• subtitle`` bullets → body → ``0`` → ``• 목록 바로가기 • 인쇄``.
No selector of this family is known (outlets.md §11), so the selectors below are the
ones the fixtures were written with, and the ``text`` layer reads that scaffold directly:
it is what keeps this family working when the guessed markup is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from scrapy.http import Response

from crawler.extract import generic_paragraphs, page_metadata, pick, text_of, texts
from crawler.items import ArticleItem
from spiders.cms import IdCanonicalSpider, VisibleText, first_match, next_page_by_param, split_lines

#: Classic ``view.php?idx=``, newer ``/article/{id}`` and short ``/news/{id}``; ``mcode`` and
#: search parameters (``sm, stx, stx2, w_section1, sdate, edate``) never identify an article.
ARTICLE_URL = re.compile(
    r"(?:/(?:news|mobile)/view\.php\?(?:[^#]*&)?idx=|/article/|/news/)(?P<id>\d+)(?![\d.])")
REGISTERED = re.compile(r"등록\s*:?\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?")
MODIFIED = re.compile(r"수정\s*:?\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?")
BARE_NAME = re.compile(r"^[•·]?\s*([가-힣]{2,4})(?:\s*(?:기자|선임기자|본부장))?$")

TITLE_CSS = "div.viewTitle h3"
INFO_CSS = "div.viewTitle ul.viewInfo li"
SUBTITLE_CSS = "ul.viewSubTitle li"
BODY_CSS = "div#viewContent > p, div#viewContent > div:not([class])"
LIST_CSS = ".newsList a::attr(href), .photoList a::attr(href), .galleryList a::attr(href)"


class MailSendSpider(IdCanonicalSpider):
    """Base of every family-C outlet; a subclass gives name, outlet, domains, entry points,
    and ``article_path`` when it uses the newer ``/article/{id}`` URLs."""

    cms_family = "C"
    article_url_pattern = ARTICLE_URL
    article_path = "/news/view.php?idx={id}"

    def article_links(self, response: Response) -> Iterable[str]:
        """The list box only: the '많이 본 뉴스' and 'TOP TODAY' boxes link other sections."""
        return response.css(LIST_CSS).getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        return next_page_by_param(response, page, pagination_css=".paging, .pagination")

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        info = texts(response.css(INFO_CSS))
        scaffold = Scaffold(VisibleText(response))
        pick(item, "title", ("selector", text_of(response.css(TITLE_CSS))),
             ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")), ("text", lambda: scaffold.title))
        pick(item, "subtitle", ("selector", " / ".join(s.strip(" •·") for s in texts(response.css(SUBTITLE_CSS)))))
        pick(item, "category", ("meta", meta.get("article:section")))
        pick(item, "reporter_raw", ("selector", _bare_name(info)),
             ("meta", meta.get("writer", "dable:author", "author")), ("jsonld", meta.ld("author")),
             ("text", lambda: scaffold.reporter))
        pick(item, "published_raw", ("selector", first_match(info, REGISTERED)),
             ("meta", meta.get("article:published_time")), ("jsonld", meta.ld("datePublished")),
             ("text", lambda: scaffold.registered))
        pick(item, "updated_raw", ("selector", first_match(info, MODIFIED)),
             ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")))
        pick(item, "body_paragraphs", ("selector", texts(response.css(BODY_CSS))),
             ("jsonld", split_lines(meta.ld("articleBody"))),
             ("generic", lambda: generic_paragraphs(response.text, response.url)))


class Scaffold:
    """The family's visible header, read as text: ``기사 메일전송`` / title / ``• 기자`` / ``• 등록 …``.

    The page's lines are read on first use only: this is the fallback behind the selectors."""

    def __init__(self, text: VisibleText) -> None:
        self._text = text

    @property
    def lines(self) -> list[str]:
        return self._text.lines

    @cached_property
    def registered_at(self) -> int | None:
        return next((i for i, line in enumerate(self.lines) if REGISTERED.search(line)), None)

    @property
    def registered(self) -> str | None:
        return first_match(self.lines[self.registered_at:], REGISTERED) if self.registered_at is not None else None

    @property
    def reporter(self) -> str | None:
        """The bare bullet right above ``등록`` (bullets may be their own text nodes)."""
        if self.registered_at is None:
            return None
        before = [line for line in self.lines[max(0, self.registered_at - 3):self.registered_at]
                  if line.strip(" •·")]
        return _bare_name(before[-1:])

    @property
    def title(self) -> str | None:
        mail = next((i for i, line in enumerate(self.lines) if line.replace(" ", "") == "기사메일전송"), None)
        if mail is None or mail + 1 >= len(self.lines):
            return None
        return self.lines[mail + 1]


def _bare_name(lines: list[str]) -> str | None:
    for line in lines:
        match = BARE_NAME.match(line.strip())
        if match and not line.strip(" •·").startswith(("등록", "수정")):
            return line.strip(" •·")
    return None
