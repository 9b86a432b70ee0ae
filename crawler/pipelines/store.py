"""Write articles in batches, off the reactor thread, through ``storage.article_store``.

Each item goes to a group-commit queue (``crawler/pipelines/batching.py``); its batch's
transaction also counts the outcomes on the run's ``crawl_runs`` row and settles the URLs'
retry-ledger entries. The item's Deferred fires once the batch committed: only then is it
counted in the stats. A write that fails (the database went away: the whole batch; a bad
item: that item alone) reaches the run recorder's ``item_error``, which owes the URL to the
retry ledger; a batch that commits proves the database answers again, so failures still
buffered are written then.
"""

from __future__ import annotations

import logging

from scrapy.utils.defer import maybe_deferred_to_future

from crawler.config import from_settings
from crawler.extract import fallback_fields
from crawler.items import ArticleItem
from crawler.pipelines import CrawlerPipeline
from crawler.pipelines.batching import GroupCommitQueue
from crawler.pipelines.text_workers import TextWorkers
from storage import article_store

log = logging.getLogger(__name__)


class StorePipeline(CrawlerPipeline):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.writer: GroupCommitQueue | None = None
        self.texts: TextWorkers | None = None

    def open_spider(self) -> None:
        settings = self.crawler.settings
        self.texts = TextWorkers(from_settings(settings, "GUPRESS_STORE_TEXT_WORKERS"))
        self.writer = GroupCommitQueue(self._store, batch=from_settings(settings, "GUPRESS_STORE_BATCH"),
                                       seconds=from_settings(settings, "GUPRESS_STORE_BATCH_SECONDS"))

    async def close_spider(self) -> None:
        """Drain the queue: every item handed over is committed before the run is closed."""
        if self.writer is not None:
            await maybe_deferred_to_future(self.writer.close())
        if self.texts is not None:
            self.texts.close()

    def _store(self, items: list[ArticleItem]) -> list:
        """On the writer thread."""
        recorder = self.crawler.gupress_run
        texts = self.texts.take(items) if self.texts is not None else {}
        return article_store.save_articles(recorder.db, items, run_id=recorder.run_id, texts=texts)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        """Returns once the item's batch committed (Scrapy 2.19 wants a coroutine, not a Deferred)."""
        if not self.crawler.gupress_run.keep_raw_pages:
            item.raw_html = None
        if self.writer is None:
            self.open_spider()
        self.texts.submit(item)
        outcome = await maybe_deferred_to_future(self.writer.put(item))
        return self._acknowledged(outcome, item)

    def _acknowledged(self, outcome, item: ArticleItem) -> ArticleItem:
        self.crawler.gupress_run.database_answered()
        stats = self.crawler.stats
        stats.inc_value(f"gupress/items_{outcome.status}")
        for name in fallback_fields(item):
            stats.inc_value(f"gupress/fallback/{name}")
        log.debug("%s %s (article %s, revision %s)", outcome.status, item.canonical_url,
                  outcome.article_id, outcome.revision_no)
        item.raw_html = None  # the bytes are archived; do not carry them into feeds
        return item
