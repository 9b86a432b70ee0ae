"""Required fields and sanity checks. A failing item becomes a ``rejected_items`` row with
its reason and URL: bad input is recorded, never silently dropped."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.korean.dates import date_as_printed
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
        printed = date_as_printed(item.published_raw)
        unparsable = "missing or unparsable publication date" + (f" ({item.published_raw!r})" if item.published_raw else "")
        errors.append((printed and _date_out_of_range(printed, now)) or unparsable)
    elif reason := _date_out_of_range(item.published_at, now):
        errors.append(reason)
    if not item.body or len(item.body) < MIN_BODY_CHARS:
        errors.append(f"body missing or shorter than {MIN_BODY_CHARS} characters")
    if not item.canonical_url:
        errors.append("missing canonical URL")
    return errors


def _date_out_of_range(published: datetime, now: datetime) -> str | None:
    """Why a real calendar date cannot be this article's publication time (None if it can).

    The date parsers already refuse such dates, so this also runs on the date as printed:
    a page saying 2099 or 1970 is rejected for that, not as "unparsable"."""
    if published > now + timedelta(minutes=10):
        return f"publication date in the future ({published.isoformat()})"
    if published < EARLIEST_PLAUSIBLE:
        return f"implausible publication date ({published.isoformat()})"
    return None


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
