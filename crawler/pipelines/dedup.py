"""Content hashing and in-run duplicates.

The hash covers what a reader sees (title, subtitle, body, dates), not the page bytes, so
a changed ad or view counter is not a new revision while an edited sentence is.
Whether the article is new, revised or unchanged across runs is decided by the store in
the same transaction that writes it.
"""

from __future__ import annotations

import hashlib

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.pipelines import CrawlerPipeline


def content_hash(item: ArticleItem) -> str:
    parts = [item.title or "", item.subtitle or "", item.body or "",
             item.published_at.isoformat() if item.published_at else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class DuplicateInRun(DropItem):
    """The same canonical article was already stored by this run (two URL variants)."""


class DedupPipeline(CrawlerPipeline):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        item.content_hash = content_hash(item)
        if item.canonical_url in self.seen:
            self.crawler.stats.inc_value("gupress/items_duplicate")
            raise DuplicateInRun(f"{item.url} is {item.canonical_url}, already stored in this run")
        self.seen.add(item.canonical_url)
        return item
