"""Family A: ND Soft's hosted news CMS (``/news/articleView.html?idxno=``).

From ``../shared/outlets.md`` §6–§7: body ``#article-view-content-div``, info line
``div.info-text ul li`` (reporter, ``승인 YYYY.MM.DD HH:MM`` on the older skin, ``입력 …`` /
``수정 …`` on the newer one), list titles ``div.list-titles a``, lists
``/news/articleList.html?page=P&sc_section_code=S1N1&view_type=sm``, RSS ``/rss/S1N{n}.xml``
and ``/rss/allArticle.xml``. The newer skin's header (``h3.heading``, ``ul.infomation``)
is how the family renders on current sites; it is not confirmed by outlets.md, hence the
metadata, text and generic layers behind every selector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapy.http import Response

from crawler.extract import first_email, page_metadata, pick, text_of, texts
from crawler.items import ArticleItem
from spiders.cms import (
    IdCanonicalSpider,
    VisibleText,
    feed_links,
    is_feed,
    next_page_by_param,
    pick_body,
    pick_info_dates,
)

ARTICLE_URL = re.compile(r"/news/articleView(?:Amp)?\.html\?(?:[^#]*&)?idxno=(?P<id>\d+)(?!\d)")
DATE_LABEL = re.compile(r"^(?:기사)?(?:승인|입력|등록|수정)")
NOT_A_REPORTER = re.compile(r"^(?:댓글|조회|기사\s*공유|\d)")

TITLE_CSS = ".article-head-title, header.article-view-header .heading, .article-view-header h1"
SUBTITLE_CSS = ".article-head-sub, header.article-view-header .subheading"
INFO_CSS = "div.info-text ul li, ul.infomation li"
BODY_CSS = "#article-view-content-div > p, #article-view-content-div > div > p"
LIST_CSS = ".list-titles a::attr(href), #section-list .titles a::attr(href)"


class NdSoftSpider(IdCanonicalSpider):
    """Base of every ND Soft outlet; a subclass gives name, outlet, domains, entry points."""

    cms_family = "A"
    article_url_pattern = ARTICLE_URL
    article_path = "/news/articleView.html?idxno={id}"

    def article_links(self, response: Response) -> Iterable[str]:
        """List titles only: the right-hand '많이 본 뉴스' box links articles too."""
        if is_feed(response):
            return feed_links(response)
        return response.css(LIST_CSS).getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        """An RSS feed is one page; a list follows its ``ul.pagination`` bar."""
        if is_feed(response):
            return None
        return next_page_by_param(response, page, pagination_css=".pagination, #pages")

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        info = texts(response.css(INFO_CSS))
        text = VisibleText(response)
        pick(item, "title", ("selector", text_of(response.css(TITLE_CSS))),
             ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")))
        pick(item, "subtitle", ("selector", text_of(response.css(SUBTITLE_CSS))))
        pick(item, "category", ("meta", meta.get("article:section")),
             ("selector", text_of(response.css(".article-view-header .category, .location a:last-child"))))
        pick(item, "reporter_raw", ("selector", _reporter(info)),
             ("meta", meta.get("dable:author", "author", "writer")), ("jsonld", meta.ld("author")))
        pick(item, "reporter_email",
             ("selector", first_email(texts(response.css(".view-editors, .article-writer")))))
        pick_info_dates(item, meta, info, text)
        pick_body(item, response, meta, BODY_CSS)


def _reporter(info: list[str]) -> str | None:
    """The info item that is neither a date nor a counter: '정칠석' or '기자명 정칠석 기자'."""
    for line in info:
        line = line.strip(" •·")
        if line and not DATE_LABEL.match(line) and not NOT_A_REPORTER.match(line):
            return re.sub(r"^기자명\s*", "", line)
    return None
