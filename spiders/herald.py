"""헤럴드경제 (biz.heraldcorp.com), where 박종일 now writes Seoul district news. A one-off site.

No selector of the 2024+ template is known (``../shared/outlets.md`` §2, §11), so this spider
reads the page's own metadata first (``og:title``, ``article:published_time``, JSON-LD
``NewsArticle``) and takes the body from the generic main-text extractor (the largest
paragraph cluster). The lead byline ``[헤럴드경제=박종일 선임기자]`` is left in the body for
the normalizer to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapy.http import Response

from crawler.extract import generic_paragraphs, page_metadata, pick, text_of
from crawler.items import ArticleItem
from spiders.base import OutletSpider
from spiders.cms import first_match, next_page_by_param, split_lines, visible_lines

#: ``/article/{8 digits}`` (ids run sequentially, outlets.md §2) and the old ``view.php?ud=``.
ARTICLE_URL = re.compile(r"/article/(?P<id>\d{8})(?!\d)|/view\.php\?(?:[^#]*&)?ud=(?P<ud>\d{14})(?!\d)")
PUBLISHED_TEXT = re.compile(r"(?:입력|기사입력|승인)\s*:?\s*\d{4}[.-]\d{2}[.-]\d{2}\.?\s+\d{1,2}:\d{2}(?::\d{2})?")


class HeraldSpider(OutletSpider):
    name = "herald"
    outlet_name = "헤럴드경제"
    # Seoul-based daily whose district desk (박종일, 박병국) names Seoul districts unprefixed;
    # other cities' districts carry their city ("부산 강서구").
    outlet_region = "서울"
    cms_family = None
    home_url = "https://biz.heraldcorp.com/"
    domains = ("heraldcorp.com",)
    # Guessed: the newer site has section URLs like /economy (outlets.md §2); /society and
    # its ?page=N pagination are not confirmed.
    default_entry_points = ("https://biz.heraldcorp.com/society",)

    def article_id(self, url: str) -> str | None:
        match = ARTICLE_URL.search(url)
        if not match or not self.owns_url(url):
            return None
        return match.group("id") or match.group("ud")

    def canonical_url(self, url: str) -> str | None:
        """biz./mbiz./nbiz. hosts, ``?ref=naver`` and ``?sec=011`` fold into one URL."""
        article_id = self.article_id(url)
        if article_id is None:
            return None
        if len(article_id) == 14:
            return f"https://biz.heraldcorp.com/view.php?ud={article_id}"
        return f"https://biz.heraldcorp.com/article/{article_id}"

    def article_links(self, response: Response) -> Iterable[str]:
        """Links of the section's news list; the ranking box beside it is left alone."""
        listing = response.css(".news_list") or response.css("main")
        return listing.css("a::attr(href)").getall()

    def next_list_page(self, response: Response, page: int) -> str | None:
        """A numbered pager is followed when present; otherwise ``?page=N`` is computed."""
        return next_page_by_param(response, page, pagination_css=".paging, .pagination")

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        meta = page_metadata(response)
        pick(item, "title", ("meta", meta.get("og:title")), ("jsonld", meta.ld("headline")),
             ("selector", text_of(response.css("article h1, h1"))))
        pick(item, "subtitle", ("selector", text_of(response.css("h1 + h2"))))
        pick(item, "category", ("meta", meta.get("article:section")), ("jsonld", meta.ld("articleSection")))
        pick(item, "reporter_raw", ("jsonld", meta.ld("author")), ("meta", meta.get("author", "dable:author")))
        pick(item, "published_raw", ("meta", meta.get("article:published_time")),
             ("jsonld", meta.ld("datePublished")),
             ("text", lambda: first_match(visible_lines(response), PUBLISHED_TEXT)))
        pick(item, "updated_raw", ("meta", meta.get("article:modified_time")), ("jsonld", meta.ld("dateModified")))
        pick(item, "body_paragraphs", ("jsonld", split_lines(meta.ld("articleBody"))),
             ("generic", lambda: generic_paragraphs(response.text, response.url)))
