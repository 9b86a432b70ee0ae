"""Write each article in one transaction through ``storage.repository``.

The same transaction counts the outcome on the run's ``crawl_runs`` row and settles the
article's retry-ledger entry. A write that raises (the database went away) reaches the run
recorder's ``item_error``, which owes the URL to the retry ledger; a write that succeeds
proves the database answers again, so failures still buffered are written then.
"""

from __future__ import annotations

import logging

from crawler.extract import fallback_fields
from crawler.items import ArticleItem
from crawler.pipelines import CrawlerPipeline
from storage import repository

log = logging.getLogger(__name__)


class StorePipeline(CrawlerPipeline):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        recorder = self.crawler.gupress_run
        if not recorder.keep_raw_pages:
            item.raw_html = None
        outcome = repository.save_article(recorder.db, item, run_id=recorder.run_id)
        recorder.database_answered()
        stats = self.crawler.stats
        stats.inc_value(f"gupress/items_{outcome.status}")
        for name in fallback_fields(item):
            stats.inc_value(f"gupress/fallback/{name}")
        log.debug("%s %s (article %s, revision %s)", outcome.status, item.canonical_url,
                  outcome.article_id, outcome.revision_no)
        item.raw_html = None  # the bytes are archived; do not carry them into feeds
        return item
