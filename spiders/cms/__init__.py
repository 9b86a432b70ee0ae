"""CMS families: one base spider per newsroom platform, one short subclass per outlet.

Small Korean outlets rent one of a handful of hosted news CMSs, so URL rules, list-page
markup and article markup are shared by every outlet on a platform (``../shared/outlets.md``
§7). The family modules hold those rules:

- :mod:`spiders.cms.ndsoft`: family A, ND Soft ``/news/articleView.html?idxno=``.
- :mod:`spiders.cms.articlehtml`: family B, ``/news/article.html?no=`` with ``#news_body_area``.
- :mod:`spiders.cms.mailsend`: family C, the "기사 메일전송 / 등록 / 기사수정" CMS
  (``/news/view.php?idx=`` and ``/article/{id}``).
- :mod:`spiders.cms.generic`: no family; an outlet on its own CMS known only from its text (an
  article URL pattern plus metadata, text and generic layers behind guessed selectors).
  :class:`~spiders.cms.generic.GenericSpider` is what ``gupress new-outlet --family generic`` subclasses.

This module holds what the families share: canonical URLs built from the article id,
query-string pagination, RSS links and the visible-text lines the ``text`` layer reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import ClassVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from parsel import Selector
from scrapy.http import Response

from crawler.extract import PageMetadata, generic_paragraphs, pick, split_lines, texts
from crawler.items import ArticleItem
from spiders.base import OutletSpider

#: An info-line date with its label, as families A and B print it ('승인 2023.09.07 16:23',
#: '등록 2019.07.12 09:39:39', '입력 : 2026-01-19 14:28'); the label decides published vs updated.
PUBLISHED_TEXT = re.compile(r"(?:등록|입력|승인)\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")
UPDATED_TEXT = re.compile(r"수정\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")


class IdCanonicalSpider(OutletSpider):
    """An outlet whose articles are identified by one number in the URL.

    The canonical URL is rebuilt from that number alone, so host variants (www./m.),
    menu codes (``mcode``), search and tracking parameters all fold into one row.
    """

    #: Matches an article URL; group ``id`` (or, in a pattern of alternatives, ``path_id``) is the
    #: outlet's article number.
    article_url_pattern: ClassVar[re.Pattern[str]]
    #: Path of the one URL of an article on ``home_url``, with ``{id}``.
    article_path: ClassVar[str] = ""

    def article_id(self, url: str) -> str | None:
        match = self.article_url_pattern.search(url)
        if not match or not self.owns_url(url):
            return None
        return match.groupdict().get("id") or match.groupdict().get("path_id")

    def canonical_url(self, url: str) -> str | None:
        article_id = self.article_id(url)
        return urljoin(self.home_url, self.article_path.format(id=article_id)) if article_id else None


def query_param(url: str, name: str) -> str | None:
    return dict(parse_qsl(urlsplit(url).query)).get(name)


def with_query_param(url: str, name: str, value: object) -> str:
    """``url`` with ``name=value`` set, other parameters kept in order."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, str(value)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def is_feed(response: Response) -> bool:
    """RSS entry points: by content type, extension or the document's first tag."""
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
    if "xml" in content_type or response.url.split("?")[0].endswith(".xml"):
        return True
    return response.body.lstrip()[:200].lower().startswith((b"<?xml", b"<rss"))


def feed_links(response: Response) -> list[str]:
    """``<item><link>`` of an RSS feed, parsed as XML even when served as HTML
    (an HTML parser treats ``<link>`` as a void element and loses the URL)."""
    selector = Selector(text=response.text, type="xml")
    selector.remove_namespaces()
    return [link.strip() for link in selector.xpath("//item/link/text()").getall() if link.strip()]


def next_page_by_param(response: Response, page: int, *, param: str = "page",
                       pagination_css: str = ".pagination, .paging, #pages") -> str | None:
    """Next list page of a ``?page=N`` list.

    With a pagination bar, follow only a link it offers to page ``page + 1`` (no such link
    ends the walk); without one, compute the URL, and an empty page then ends the walk.
    """
    bar = response.css(pagination_css)
    if bar:
        for href in bar.css("a::attr(href)").getall():
            target = response.urljoin(href)
            if query_param(target, param) == str(page + 1):
                return target
        return None
    return with_query_param(response.url, param, page + 1)


VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]",
                           smart_strings=False)


def visible_lines(response: Response) -> list[str]:
    """The page's visible text, one stripped line per text node, in document order.

    Read with lxml directly: a 115 KB page has thousands of text nodes, and wrapping each in a
    parsel Selector (``response.xpath(...).getall()``) cost more than the rest of the parse."""
    return [" ".join(node.split()) for node in VISIBLE_TEXT(response.selector.root) if node.strip()]


#: A numeric character reference (``&#49688;``, ``&#xC218``): the one way Hangul can be in a
#: page's text without being in its markup as is (HTML has no named entities for it).
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}))")


def may_contain(html: str, label: str) -> bool:
    """False only when no text node of ``html`` can contain ``label``: it is not in the markup
    as is, nor can a character reference spell any of its characters."""
    if label in html:
        return True
    chars = set(label)
    for match in _CHAR_REFERENCE.finditer(html):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code < 0x110000 and chr(code) in chars:
            return True
    return False


class VisibleText:
    """The ``text`` layer's view of a page: its visible lines, read on first need only. It is a
    fallback behind the selectors and metadata, which on a healthy page answer first, and
    reading every text node of a 115 KB page costs more than the rest of the parse."""

    def __init__(self, response: Response) -> None:
        self._response = response

    @cached_property
    def lines(self) -> list[str]:
        return visible_lines(self._response)

    def first_match(self, pattern: re.Pattern[str], label: str) -> str | None:
        """``first_match`` over the lines for a ``pattern`` that starts with ``label``; a page
        that cannot contain ``label`` (say 수정: most articles were never edited) is not read."""
        if not may_contain(self._response.text, label):
            return None
        return first_match(self.lines, pattern)


def first_match(lines: Iterable[str], pattern: re.Pattern[str]) -> str | None:
    """The first line containing ``pattern``, cut to the match (the raw string as shown)."""
    for line in lines:
        match = pattern.search(line)
        if match:
            return match.group(0)
    return None


def pick_info_dates(item: ArticleItem, meta: PageMetadata, info: list[str], text: VisibleText) -> None:
    """Families A and B: dates from the info line, then page metadata, then the visible text
    (read only when the layers before it came up empty)."""
    pick(item, "published_raw", ("selector", first_match(info, PUBLISHED_TEXT)),
         ("meta", meta.get("article:published_time")), ("jsonld", meta.ld("datePublished")),
         ("text", lambda: first_match(text.lines, PUBLISHED_TEXT)))
    pick(item, "updated_raw", ("selector", first_match(info, UPDATED_TEXT)),
         ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")),
         ("text", lambda: text.first_match(UPDATED_TEXT, "수정")))


def pick_body(item: ArticleItem, response: Response, meta: PageMetadata, body_css: str) -> None:
    """Body paragraphs from the family's body box, then JSON-LD, then the generic extractor."""
    pick(item, "body_paragraphs", ("selector", texts(response.css(body_css))),
         ("jsonld", split_lines(meta.ld("articleBody"))),
         ("generic", lambda: generic_paragraphs(response.text, response.url)))
