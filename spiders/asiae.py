"""Asia Economy (아시아경제), www./view./cm.asiae.co.kr, whose '[서울시 자치구 뉴스]'
roundups pack several districts into one article.

Markup from ../shared/outlets.md §1: the current template (``.area_title h1``,
``.date_box p`` with ``입력 …``, ``.article p[data-alda-marking]``) and the ~2022 one
(``div.area_title h3``, ``div#txt_area p``, ``p.user_data``). Neither is confirmed against
live HTML, hence the metadata and generic layers behind them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapy.http import Response

from crawler.extract import first_email, generic_paragraphs, page_metadata, pick, split_lines, text_of, texts
from crawler.items import ArticleItem
from spiders.base import OutletSpider

#: 19 digits: YYYYMMDDhhmmss of publication plus 5 more (outlets.md §1).
ARTICLE_ID = re.compile(r"(?:/article/(?:[\w-]+/)?|ampview\.htm\?(?:.*&)?no=)(\d{19})(?!\d)")
LIST_PAGE = re.compile(r"^(?P<base>.*/list/[\w-]+)(?:/(?P<page>\d+))?/?$")


class AsiaeSpider(OutletSpider):
    name = "asiae"
    outlet_name = "아시아경제"
    outlet_region = "서울"  # its district desk ('[서울시 자치구 뉴스]') covers Seoul's 25 districts
    home_url = "https://www.asiae.co.kr/"
    domains = ("asiae.co.kr",)
    # Guessed: list sections are /list/{section}[/{page}] (seen in third-party code for
    # economy-all, politics-all); the district desk's own section is not confirmed.
    default_entry_points = ("https://www.asiae.co.kr/list/society-all",)

    def article_id(self, url: str) -> str | None:
        match = ARTICLE_ID.search(url)
        return match.group(1) if match else None

    def canonical_url(self, url: str) -> str | None:
        article_id = self.article_id(url)
        return f"https://www.asiae.co.kr/article/{article_id}" if article_id else None

    def article_links(self, response: Response) -> Iterable[str]:
        """Only the list area: after a redesign that drops it, yielding nothing (which health
        flags as no_yield) beats following the 'most read' sidebar."""
        return response.css(".cont_listarea a::attr(href)").getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        """Pages are /list/{section}/{n}. With a pagination bar, follow only what it offers
        (its absence of a 'next' ends the walk); without one, compute the next URL."""
        pagination = response.css(".pagination")
        if pagination:
            href = pagination.css("a.next::attr(href)").get() or pagination.xpath(
                f".//a[normalize-space(text())='{page + 1}']/@href").get()
            return response.urljoin(href) if href else None
        match = LIST_PAGE.match(response.url.split("?")[0])
        return f"{match.group('base')}/{page + 1}" if match else None

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        pick(item, "title",
             ("selector", text_of(response.css(".area_title h1, div.area_title h3"))),
             ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")))
        pick(item, "subtitle",
             ("selector", text_of(response.css(".article_head h4"))),
             ("meta", meta.get("og:description") if _looks_like_series_subtitle(meta.get("og:description")) else None))
        pick(item, "category", ("selector", text_of(response.css(".lc .btn_title"))),
             ("meta", meta.get("article:section")))
        pick(item, "reporter_raw",
             ("selector", text_of(response.css(".reporter p strong"))),
             ("meta", meta.get("dable:author") or meta.get("article:author")),
             ("jsonld", meta.ld("author")))
        pick(item, "reporter_email", ("selector", first_email(texts(response.css(".e_article")))))
        date_lines = texts(response.css(".date_box p, div.area_util p.user_data"))
        pick(item, "published_raw",
             ("selector", next((t for t in date_lines if "입력" in t), None)),
             ("meta", meta.get("article:published_time")), ("jsonld", meta.ld("datePublished")))
        pick(item, "updated_raw",
             ("selector", next((t for t in date_lines if "수정" in t), None)),
             ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")))
        pick(item, "body_paragraphs",
             ("selector", texts(response.css(".article p[data-alda-marking]"))),
             ("selector", texts(response.css("div#txt_area > p, div#txt_area > div:not([class]) > p"))),
             ("jsonld", split_lines(meta.ld("articleBody"))),
             ("generic", lambda: generic_paragraphs(response.text, response.url)))


def _looks_like_series_subtitle(text: str | None) -> bool:
    return bool(text and text.startswith("[서울시 자치구 뉴스]"))
