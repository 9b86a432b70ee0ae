"""Family B: the ``/news/article.html?no=`` CMS (TV서울, 서대문신문, 영등포신문 …).

From ``../shared/outlets.md`` §3 and §7: articles ``/news/article.html?no=``, lists
``/news/section_list_all.html?sec_no=N&page=P`` and ``/news/article_list_all.html?page=P``,
list links in ``ul.art_list_all``, body ``#news_body_area``, info line
``등록 YYYY.MM.DD HH:MM:SS`` (sometimes ``수정 …``), a weather strip ending ``기상청 제공`` at
the top and ``정치 / 더보기`` teaser boxes under the article; the family emits
``article:published_time``. The header box (``div.art_top`` with ``h2``/``h3`` and
``ul.art_info``) is how the family renders elsewhere, not confirmed by outlets.md.
The reporter is printed only in the body's lead byline (``[TV서울=변윤수 기자]``), which
the normalizer reads; ``<meta name="writer">`` is used when a site emits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapy.http import Response

from crawler.extract import page_metadata, pick, text_of, texts
from crawler.items import ArticleItem
from spiders.cms import (
    IdCanonicalSpider,
    VisibleText,
    next_page_by_param,
    pick_body,
    pick_info_dates,
)

#: ``/news/article.html?no=`` on any host of the outlet; ``/mobile/`` and ``amp_`` forms are
#: the family's mobile and AMP pages (guessed from other sites on the CMS).
ARTICLE_URL = re.compile(r"/(?:news|mobile)/(?:amp_)?article\.html\?(?:[^#]*&)?no=(?P<id>\d+)(?!\d)")

TITLE_CSS = "div.art_top h2"
SUBTITLE_CSS = "div.art_top h3"
INFO_CSS = "div.art_top ul.art_info li"
CATEGORY_CSS = "div.art_navi a:last-child"
BODY_CSS = "#news_body_area > p, #news_body_area > div:not([class]) > p"
LIST_CSS = ("ul.art_list_all a[href*='article.html?no=']::attr(href), "
            "ul.sec_list li > a[href*='article.html?no=']::attr(href)")


class ArticleHtmlSpider(IdCanonicalSpider):
    """Base of every family-B outlet; a subclass gives name, outlet, domains, entry points."""

    cms_family = "B"
    article_url_pattern = ARTICLE_URL
    article_path = "/news/article.html?no={id}"

    def article_links(self, response: Response) -> Iterable[str]:
        """The list box only: the family's right column repeats most-read articles."""
        return response.css(LIST_CSS).getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        return next_page_by_param(response, page, pagination_css=".list_page, .pagination, .paging")

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        info = texts(response.css(INFO_CSS))
        text = VisibleText(response)
        pick(item, "title", ("selector", text_of(response.css(TITLE_CSS))),
             ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")))
        pick(item, "subtitle", ("selector", text_of(response.css(SUBTITLE_CSS))))
        pick(item, "category", ("selector", text_of(response.css(CATEGORY_CSS))),
             ("meta", meta.get("article:section")))
        pick(item, "reporter_raw", ("meta", meta.get("writer", "dable:author", "author")),
             ("jsonld", meta.ld("author")))
        pick_info_dates(item, meta, info, text)
        pick_body(item, response, meta, BODY_CSS)
