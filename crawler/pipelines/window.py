"""Backfill date window: items published outside ``--since``/``--until`` are not stored.

Runs right after normalization (the first point where ``published_at`` is known) and tells
the spider each article's date, so a backfill walking newest-first can stop once a whole
list page predates ``--since``.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.pipelines import CrawlerPipeline


class OutsideWindow(DropItem):
    """Published outside the backfill's date window (not an error, not a rejection)."""


class BackfillWindowPipeline(CrawlerPipeline):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        spider = self.crawler.spider
        window = getattr(spider, "window", None)
        if item.published_at is None or window is None:
            return item
        if hasattr(spider, "note_published"):
            spider.note_published(item.canonical_url or item.url, item.published_at)
        if not window.contains(item.published_at):
            self.crawler.stats.inc_value("gupress/items_outside_window")
            raise OutsideWindow(f"{item.url}: published {item.published_at.isoformat()}, outside {window.label}")
        return item
