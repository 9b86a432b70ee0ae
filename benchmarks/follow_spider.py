"""The crawl benchmark's fair reference: a Scrapy spider that fetches the pages of the loopback
site and follows their links, nothing else (no item, no parsing beyond the links, no store).

    scrapy runspider benchmarks/follow_spider.py -a start=http://127.0.0.1:PORT/list -a paths=paths.json

``paths`` lists the site's pages (path + query); links to anything else (the sidebars' teasers)
are not followed, so it fetches exactly the pages a crawl of the site fetches.
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
        self.paths = set(json.loads(Path(paths).read_text(encoding="utf-8")))

    async def start(self):
        yield Request(self.start_url)

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            parts = urlsplit(response.urljoin(href))
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            if path in self.paths:
                yield Request(self.base + path)
