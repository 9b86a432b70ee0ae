"""Outlets on their own CMS whose markup is not known: an article URL pattern plus layered extraction.

For an outlet seen only as extracted page text (``../shared/outlets.md``, the ``pages`` corpus) the URL
forms, the date line, the byline and the boilerplate are known, but not one selector. Such an outlet
subclasses :class:`LayeredSpider` with data only: the article URL pattern and canonical form, the list
entry points, the date line's pattern as the text shows it, and whatever selectors are guessed
(``*_css``; empty means "no guess"). Every field then falls back, in order, to the page's metadata
(``og:*``, ``article:*``, JSON-LD ``NewsArticle``), to the visible text (the date line) and to the
generic main-text extractor for the body, and the layer that answered is recorded: when a real page
answers from ``text``/``generic`` where the fixture answered from ``selector``, the guess was wrong
and ``gupress doctor``/``capture`` on a machine with internet is the path to the real markup.

List pages: links are taken from ``list_css`` (the whole page when empty) and kept only when the
article pattern matches, so a wrong list guess degrades to "every article link on the page" rather
than to nothing; RSS feeds are read as feeds.

:class:`GenericSpider` is the same with nothing known but the home page: the common numeric-id URL forms
and the common date-line labels; ``gupress new-outlet --family generic`` subclasses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response

from crawler.extract import first_email, generic_paragraphs, page_metadata, pick, split_lines, text_of, texts
from crawler.items import ArticleItem
from spiders.cms import (
    PUBLISHED_TEXT,
    UPDATED_TEXT,
    IdCanonicalSpider,
    VisibleText,
    feed_links,
    first_match,
    is_feed,
    next_page_by_param,
)


class LayeredSpider(IdCanonicalSpider):
    """Base of an outlet known from its text only; a subclass sets the class attributes below."""

    cms_family = None
    #: Guessed selectors, tried before the metadata layers; "" = no guess for that field.
    title_css: ClassVar[str] = ""
    subtitle_css: ClassVar[str] = ""
    category_css: ClassVar[str] = ""
    #: Element(s) holding the date line and/or reporter (the "info line").
    info_css: ClassVar[str] = ""
    reporter_css: ClassVar[str] = ""
    body_css: ClassVar[str] = ""
    #: Where article links are listed; "" (or a guess that matches nothing) = anywhere on the page,
    #: filtered by the URL pattern.
    list_css: ClassVar[str] = ""
    pagination_css: ClassVar[str] = ".pagination, .paging"
    page_param: ClassVar[str] = "page"
    #: Without a pagination bar, compute ``?page=N+1`` (a section list) or stop (a home page, a feed).
    compute_next_page: ClassVar[bool] = True
    #: The publication / update date as the outlet prints it (searched in the info line, then the page text).
    published_text: ClassVar[re.Pattern[str]] = PUBLISHED_TEXT
    updated_text: ClassVar[re.Pattern[str]] = UPDATED_TEXT
    #: A word the update line always contains; a page without it is not scanned for one.
    updated_label: ClassVar[str] = "수정"
    #: The visible line naming the reporter (and e-mail), when no selector for it is known.
    reporter_line: ClassVar[re.Pattern[str] | None] = None
    #: The outlet's own lines that are not article text but that the extractors keep (an info line, a
    #: print-edition line, a "more by this reporter" link, an editing credit), dropped from the body so
    #: that the bylines around them are the first and last lines the normalizer reads.
    chrome_lines: ClassVar[tuple[re.Pattern[str], ...]] = ()

    def article_links(self, response: Response) -> Iterable[str]:
        if is_feed(response):
            return feed_links(response)
        area = response.css(self.list_css) if self.list_css else None
        return (area or response).css("a::attr(href)").getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        """A feed is one page; a list follows its pagination bar (or ``?page=N`` without one)."""
        if is_feed(response) or not (self.compute_next_page or response.css(self.pagination_css)):
            return None
        return next_page_by_param(response, page, param=self.page_param, pagination_css=self.pagination_css)

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        info = texts(response.css(self.info_css)) if self.info_css else []
        text = VisibleText(response)
        pick(item, "title", ("selector", self._css_text(response, self.title_css)),
             ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")))
        pick(item, "subtitle", ("selector", self._css_text(response, self.subtitle_css)))
        pick(item, "category", ("selector", self._css_text(response, self.category_css)),
             ("meta", meta.get("article:section")), ("jsonld", meta.ld("articleSection")))
        reporter_line = (lambda: first_match(text.lines, self.reporter_line)) if self.reporter_line else None
        pick(item, "reporter_raw", ("selector", self._css_text(response, self.reporter_css)),
             ("meta", meta.get("dable:author", "author", "writer")), ("jsonld", meta.ld("author")),
             ("text", reporter_line))
        if reporter_line is not None:
            pick(item, "reporter_email", ("selector", first_email(info)),
                 ("text", lambda: first_email([reporter_line() or ""])))
        pick(item, "published_raw", ("selector", first_match(info, self.published_text)),
             ("meta", meta.get("article:published_time")), ("jsonld", meta.ld("datePublished")),
             ("text", lambda: first_match(text.lines, self.published_text)))
        pick(item, "updated_raw", ("selector", first_match(info, self.updated_text)),
             ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")),
             ("text", lambda: text.first_match(self.updated_text, self.updated_label)))
        pick(item, "body_paragraphs",
             ("selector", texts(response.css(self.body_css)) if self.body_css else None),
             ("jsonld", split_lines(meta.ld("articleBody"))),
             ("generic", lambda: generic_paragraphs(response.text, response.url)))
        drop_chrome_lines(item, self.chrome_lines)

    @staticmethod
    def _css_text(response: Response, css: str) -> str | None:
        return text_of(response.css(css)) if css else None


def drop_chrome_lines(item: ArticleItem, patterns: tuple[re.Pattern[str], ...]) -> None:
    """Body lines matching one of the outlet's chrome patterns, removed wherever they sit (the generic
    extractor keeps an info line at the top and credits at the end, a selector may catch them mid-box)."""
    if patterns and item.body_paragraphs:
        item.body_paragraphs = [line for line in item.body_paragraphs
                                if not any(pattern.search(line) for pattern in patterns)]


#: The numeric-id article URLs of the common Korean news CMSs; group ``id`` (or ``path_id``) is the number.
COMMON_ARTICLE_URL = re.compile(
    r"[?&](?:idxno|no|idx|ncode|aid|article_id)=(?P<id>\d{3,})(?!\d)"
    r"|/(?:article|news|view|articles)/(?P<path_id>\d{3,})(?![\d.])")
#: A visible date line with its label ('입력 2025.03.04 10:20', '기사승인 : 2026-01-19 14:28:07').
PUBLISHED_LINE = re.compile(
    r"(?:기사)?(?:입력|등록|승인|작성)\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")
UPDATED_LINE = re.compile(r"(?:기사)?수정\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")


class GenericSpider(LayeredSpider):
    """Base of an outlet whose CMS is not known at all (``gupress new-outlet --family generic``): a
    subclass gives name, outlet, domains and entry points, and once pages are captured a narrower
    ``article_url_pattern``, ``list_css`` and selectors (or moves to a family)."""

    article_url_pattern: ClassVar[re.Pattern[str]] = COMMON_ARTICLE_URL
    published_text = PUBLISHED_LINE
    updated_text = UPDATED_LINE

    def canonical_url(self, url: str) -> str | None:
        """The URL on ``home_url``'s host with only the id parameter kept: mobile hosts, menu codes
        and tracking parameters fold into one row (no ``article_path`` is known)."""
        article_id = self.article_id(url)
        if article_id is None:
            return None
        home, parts = urlsplit(self.home_url), urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if v == article_id][:1]
        return urlunsplit((home.scheme, home.netloc, parts.path, urlencode(query), ""))
