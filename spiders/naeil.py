"""내일신문 (naeil.com), whose 서울 local desk (``/local/seoul``) covers the 25 district offices.

Its own CMS, known only as page text (docs/outlets/naeil.md): articles ``/news/read/{id}``, the date
line printed after the date (``2025-05-13 13:00:03 게재``), the closing ``김진명 기자 jmkim@naeil.com``
and a ``김진명 기자 기사 더보기`` link. The subtitle is printed as the first line under the date line,
where the generic extractor keeps it as the body's first line; it is moved to ``subtitle``. No selector
is known.
"""

import re

from scrapy.http import Response

from crawler.items import ArticleItem
from spiders.cms.generic import LayeredSpider

#: A subtitle line: short and not a sentence (the body's sentences end in 다. / 요. / a quote).
SUBTITLE_LINE = re.compile(r"^[^.!?]{2,40}$")

ARTICLE_URL = re.compile(r"/news/read/(?P<id>\d{4,8})(?!\d)")


class NaeilSpider(LayeredSpider):
    name = "naeil"
    outlet_name = "내일신문"
    outlet_region = "서울"  # the local/seoul desk; other cities' districts carry the city name
    home_url = "https://www.naeil.com/"
    domains = ("naeil.com",)
    article_url_pattern = ARTICLE_URL
    article_path = "/news/read/{id}"
    # Seen: /local/seoul?page=11, ?page=12 (dated teasers of district news).
    default_entry_points = ("https://www.naeil.com/local/seoul",)
    published_text = re.compile(r"\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*게재")
    #: The link under the closing byline ("김진명 기자 기사 더보기").
    chrome_lines = (re.compile(r"^\S{2,4}\s*기자\s*기사\s*더보기$"),)
    #: The closing "김진명 기자 jmkim@naeil.com" (a line too short for the generic extractor to keep).
    reporter_line = re.compile(r"^[가-힣]{2,4}\s*기자\s+[\w.+-]+@naeil\.com$")

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        super().extract_article(response, item)
        lines = item.body_paragraphs or []
        if not item.subtitle and len(lines) > 1 and SUBTITLE_LINE.match(lines[0]):
            item.subtitle, item.body_paragraphs = lines[0], lines[1:]
            item.extraction["subtitle"] = "text"
