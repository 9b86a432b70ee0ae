"""The crawl benchmark's fair reference: a Scrapy spider that fetches the pages of the loopback
site and follows their links, nothing else (no item, no parsing beyond the links, no store).

    scrapy runspider benchmarks/follow_spider.py -a start=http://127.0.0.1:PORT/list -a paths=paths.json

``paths`` is a JSON file of the site's pages and, among them, its list pages (path + query).
Like the outlet spider, it reads links on list pages only, and follows only links to the site's
pages (not the sidebars' teasers), so it fetches exactly the pages a crawl of the site fetches.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import Request, Spider


class FollowSpider(Spider):
    name = "follow"

    def __init__(self, start: str, paths: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start_url = start
        self.base = "{0.scheme}://{0.netloc}".format(urlsplit(start))
        site = json.loads(Path(paths).read_text(encoding="utf-8"))
        self.pages, self.lists = set(site["pages"]), set(site["lists"])

    async def start(self):
        yield Request(self.start_url)

    def parse(self, response):
        if _path(response.url) not in self.lists:
            return
        for href in response.css("a::attr(href)").getall():
            path = _path(response.urljoin(href))
            if path in self.pages:
                yield Request(self.base + path)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
