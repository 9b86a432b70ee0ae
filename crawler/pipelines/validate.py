"""Required fields and sanity checks. A failing item becomes a ``rejected_items`` row with
its reason and URL: bad input is recorded, never silently dropped."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.pipelines import CrawlerPipeline

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 40
#: No Korean outlet in scope published online before this.
EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=timezone.utc)


def validation_errors(item: ArticleItem, *, now: datetime | None = None) -> list[str]:
    """Every reason this item cannot be archived (empty when it can)."""
    now = now or datetime.now(timezone.utc)
    errors = []
    if not item.title:
        errors.append("missing title")
    if not item.published_at:
        errors.append("missing or unparsable publication date" + (f" ({item.published_raw!r})" if item.published_raw else ""))
    elif item.published_at > now + timedelta(minutes=10):
        errors.append(f"publication date in the future ({item.published_at.isoformat()})")
    elif item.published_at < EARLIEST_PLAUSIBLE:
        errors.append(f"implausible publication date ({item.published_at.isoformat()})")
    if not item.body or len(item.body) < MIN_BODY_CHARS:
        errors.append(f"body missing or shorter than {MIN_BODY_CHARS} characters")
    if not item.canonical_url:
        errors.append("missing canonical URL")
    return errors


class ItemRejected(DropItem):
    """Dropped by validation; the store has recorded why."""


class ValidatePipeline(CrawlerPipeline):
    def process_item(self, item: ArticleItem) -> ArticleItem:
        errors = validation_errors(item)
        if not errors:
            return item
        reason = "; ".join(errors)
        recorder = getattr(self.crawler, "gupress_run", None)
        if recorder is not None:
            recorder.reject(item, reason)
        self.crawler.stats.inc_value("gupress/items_rejected")
        raise ItemRejected(f"{item.url}: {reason}")
