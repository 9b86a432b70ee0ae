"""Outlets whose CMS is not known yet: the base ``gupress new-outlet --family generic`` subclasses.

Belongs here: the rules that work on most Korean news sites without knowing their markup.
Article URLs are recognised by the common numeric-id forms (``?idxno=``, ``?no=``, ``?idx=``,
``?ncode=``, ``/article/{id}``, ``/news/{id}``); fields come from the page's own metadata
(``og:title``, ``article:published_time``, ``<meta name="author">``), then JSON-LD
``NewsArticle``, then the visible ``입력 …`` / ``등록 …`` line, and the body from the generic
main-text extractor. Every field is recorded under the layer it came from, so once the real
markup is captured the outlet either moves to a family or its spider adds selectors in front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response

from crawler.extract import generic_paragraphs, page_metadata, pick, split_lines, text_of
from crawler.items import ArticleItem
from spiders.base import OutletSpider
from spiders.cms import VisibleText, feed_links, first_match, is_feed, next_page_by_param

#: The numeric-id article URLs of the common Korean news CMSs; group ``id`` is the article number.
COMMON_ARTICLE_URL = re.compile(
    r"[?&](?:idxno|no|idx|ncode|aid|article_id)=(?P<id>\d{3,})(?!\d)"
    r"|/(?:article|news|view|articles)/(?P<path_id>\d{3,})(?![\d.])")
#: A visible date line with its label ('입력 2025.03.04 10:20', '기사승인 : 2026-01-19 14:28:07').
PUBLISHED_LINE = re.compile(
    r"(?:기사)?(?:입력|등록|승인|작성)\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")
UPDATED_LINE = re.compile(r"(?:기사)?수정\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")


class GenericSpider(OutletSpider):
    """Base of an outlet on an unknown CMS; a subclass gives name, outlet, domains, entry points
    and, once pages are captured, a narrower ``article_url_pattern`` and ``list_css``."""

    cms_family = None
    #: Matches an article URL; group ``id`` (or ``path_id``) is the article number.
    article_url_pattern: ClassVar[re.Pattern[str]] = COMMON_ARTICLE_URL
    #: Links a list page offers; narrow it to the list box (sidebars link other sections' articles).
    list_css: ClassVar[str] = "a::attr(href)"
    #: The headline when neither ``og:title`` nor JSON-LD gives one.
    title_css: ClassVar[str] = "h1"

    def article_id(self, url: str) -> str | None:
        match = self.article_url_pattern.search(url)
        if not match or not self.owns_url(url):
            return None
        return match.groupdict().get("id") or match.groupdict().get("path_id")

    def canonical_url(self, url: str) -> str | None:
        """The URL on ``home_url``'s host with only the id parameter kept: mobile hosts, menu codes
        and tracking parameters fold into one row."""
        article_id = self.article_id(url)
        if article_id is None:
            return None
        home, parts = urlsplit(self.home_url), urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if v == article_id][:1]
        return urlunsplit((home.scheme, home.netloc, parts.path, urlencode(query), ""))

    def article_links(self, response: Response) -> Iterable[str]:
        if is_feed(response):
            return feed_links(response)
        return response.css(self.list_css).getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        if is_feed(response):
            return None
        return next_page_by_param(response, page)

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        text = VisibleText(response)
        pick(item, "title", ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")),
             ("selector", text_of(response.css(self.title_css))))
        pick(item, "category", ("meta", meta.get("article:section")), ("jsonld", meta.ld("articleSection")))
        pick(item, "reporter_raw", ("meta", meta.get("writer", "dable:author", "author")),
             ("jsonld", meta.ld("author")))
        pick(item, "published_raw", ("meta", meta.get("article:published_time")),
             ("jsonld", meta.ld("datePublished")), ("text", lambda: first_match(text.lines, PUBLISHED_LINE)))
        pick(item, "updated_raw", ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")),
             ("text", lambda: text.first_match(UPDATED_LINE, "수정")))
        pick(item, "body_paragraphs", ("jsonld", split_lines(meta.ld("articleBody"))),
             ("generic", lambda: generic_paragraphs(response.text, response.url)))
