"""Crawl bookkeeping: one ``crawl_runs`` row per spider run, opened when the spider opens
and closed (with counters and a status) when it closes, whatever the reason.

It also owns the run's ``Database`` handle, so every pipeline of a run shares one engine,
and the outlet's crawl lease: a crawl that cannot take it (another daemon, ``gupress
crawl`` or backfill is crawling the outlet) closes at once as ``skipped_locked``. The lease
is renewed every third of ``GUPRESS_LEASE_TTL`` while the crawl runs and released at close.

Nothing a run stores or fails to store goes unaccounted (issue 8):

- counters reach the row as the crawl goes (items in the store's own transaction, the rest
  every ``GUPRESS_RUN_PROGRESS_SECONDS``), so a SIGKILLed run's row keeps what it stored;
- every article URL whose fetch or store failed is recorded in the retry ledger
  (``storage/retry_ledger.py``). The database may be the thing that failed, so failures
  are buffered in memory and written as soon as it answers again (after the next
  successful store, on the progress timer, and at close with retries). If it is still
  down at close, the buffer is lost with the process, and so is the close of the row:
  the next run closes the row as ``abandoned`` and, because the previous run did not
  complete its walk, walks every list page up to the cap instead of stopping at the first
  known one, which re-derives the missing articles from the site itself (no local spool
  file to lose, share or clean up).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from datetime import timedelta

from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.config import DAEMON_ID_ENV, from_settings, redact_url
from crawler.items import ArticleItem
from storage import repository, retry_ledger, run_progress, state
from storage.db import Database, migrate
from storage.retry_ledger import FailedUrl, RetryBackoff

log = logging.getLogger(__name__)


SKIPPED_LOCKED = "skipped_locked"


def unreachable_note(failures: list[tuple[str, str]], count: int) -> str:
    """'unreachable: URL (error)', naming the first list page that failed and why."""
    if not failures:
        return f"{count} entry point(s) unreachable"
    url, error = failures[0]
    more = f" and {len(failures) - 1} more" if len(failures) > 1 else ""
    return f"unreachable: {url} ({error[:70]}){more}"


#: Attempts (and pauses before them, seconds) at writing buffered failures when the spider closes.
CLOSE_FLUSH_PAUSES = (0.0, 0.5, 1.0, 2.0)


def run_status(close_reason: str, counters: dict[str, int], unreachable_entries: int, list_pages: int = 0) -> str:
    """finished | finished_with_errors | unreachable | interrupted | skipped_locked | failed.

    ``unreachable``: an entry point failed and no list page at all could be read, whether
    the connection was refused or the server answered 500/503 after every retry (the
    robots.txt and error responses it did receive are not list pages)."""
    if close_reason == SKIPPED_LOCKED:
        return SKIPPED_LOCKED
    if close_reason == "finished":
        if unreachable_entries and list_pages == 0:
            return "unreachable"
        return "finished_with_errors" if counters.get("errors", 0) else "finished"
    if close_reason in {"shutdown", "cancelled"}:
        return "interrupted"
    return "failed"


class CrawlRunRecorder:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.db = Database(settings.get("GUPRESS_DATABASE_URL"))
        self.keep_raw_pages = from_settings(settings, "GUPRESS_RAW_PAGES")
        self.run_id: int | None = None
        self.status: str | None = None
        self.lease_ttl = from_settings(settings, "GUPRESS_LEASE_TTL")
        self.lease_owner = state.lease_owner_id(uuid.uuid4().hex[:12])
        self.lease_held = False
        self.skip_note: str | None = None
        self._renewal: task.LoopingCall | None = None
        self.backoff = RetryBackoff(base=timedelta(seconds=from_settings(settings, "GUPRESS_RETRY_LEDGER_BASE_SECONDS")),
                                    cap=timedelta(seconds=from_settings(settings, "GUPRESS_RETRY_LEDGER_MAX_SECONDS")),
                                    max_attempts=from_settings(settings, "GUPRESS_RETRY_LEDGER_MAX_ATTEMPTS"))
        self.progress_every = from_settings(settings, "GUPRESS_RUN_PROGRESS_SECONDS")
        self._progress: task.LoopingCall | None = None
        #: Failed article URLs not yet written to the retry ledger (canonical URL → failure).
        self.unrecorded: dict[str, FailedUrl] = {}
        self.outlet_slug: str | None = None
        #: Status of the outlet's previous run; a walk cut short makes this run walk every page.
        self.previous_status: str | None = None
        crawler.gupress_run = self
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        migrate(self.db)
        repository.ensure_outlet(self.db, slug=spider.name, name=getattr(spider, "outlet_name", spider.name),
                                 home_url=getattr(spider, "home_url", None),
                                 cms_family=getattr(spider, "cms_family", None),
                                 region=getattr(spider, "outlet_region", None))
        settings = self.crawler.settings
        self.run_id = repository.start_crawl_run(
            self.db, outlet_slug=spider.name, mode=getattr(spider, "mode", None) or settings.get("GUPRESS_CRAWL_MODE"),
            trigger=settings.get("GUPRESS_TRIGGER"), daemon_id=os.environ.get(DAEMON_ID_ENV) or None)
        log.info("crawl run %s of %s into %s", self.run_id, spider.name, redact_url(self.db.url))
        self.outlet_slug = spider.name
        if getattr(spider, "mode", None) != "distributed":  # workers of one queue crawl one outlet together
            self._take_lease(spider)
        self.previous_status = run_progress.previous_run_status(self.db, outlet_slug=spider.name,
                                                                before_run_id=self.run_id)
        if self.progress_every > 0:
            self._progress = task.LoopingCall(self._save_progress)
            self._progress.start(self.progress_every, now=False)

    def _take_lease(self, spider) -> None:
        lease = state.acquire_lease(self.db, outlet_slug=spider.name, owner=self.lease_owner, ttl=self.lease_ttl,
                                    run_id=self.run_id)
        if not lease.acquired:
            until = lease.expires_at.isoformat(timespec="seconds") if lease.expires_at else "?"
            self.skip_note = f"another crawl holds the lease ({lease.holder}, until {until})"
            log.warning("%s: %s; not crawling", spider.name, self.skip_note)
            raise CloseSpider(SKIPPED_LOCKED)
        self.lease_held = True
        if lease.taken_from_run and lease.taken_from_run != self.run_id:
            if state.close_run(self.db, run_id=lease.taken_from_run, status="abandoned",
                               exit_reason=f"lease expired or its process died; taken over by run {self.run_id}"):
                log.warning("%s: closed run %s, whose crawl died holding the lease", spider.name,
                            lease.taken_from_run)
        self._renewal = task.LoopingCall(self._renew_lease, spider)
        self._renewal.start(max(self.lease_ttl / 3, 0.5), now=False)

    def _renew_lease(self, spider) -> None:
        try:
            renewed = state.renew_lease(self.db, outlet_slug=spider.name, owner=self.lease_owner, ttl=self.lease_ttl)
        except Exception:  # database briefly away: keep crawling, the lease lasts until it expires
            log.warning("%s: could not renew the crawl lease; will retry", spider.name, exc_info=True)
            return
        if renewed:
            return
        log.error("%s: lost the crawl lease (expired and taken over); stopping", spider.name)
        self.lease_held = False
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="lease_lost"))

    def item_error(self, item, response, spider, failure) -> None:
        """A pipeline raised (e.g. the database went away): count it so the run is not
        'finished', and owe the article to the retry ledger."""
        self.crawler.stats.inc_value("gupress/errors")
        self.crawler.stats.inc_value("gupress/errors/pipeline")
        url = getattr(item, "canonical_url", None)
        if url:
            log.warning("%s: could not store %s (%s); owed to the retry ledger", getattr(spider, "name", "?"), url,
                        failure.getErrorMessage().splitlines()[0][:200] if failure.getErrorMessage() else "?")
            self.note_failure(url, f"store failed: {failure.type.__name__}: {failure.getErrorMessage()}")

    def reject(self, item: ArticleItem, reason: str) -> None:
        fields = {k: v for k, v in item.to_contract().items() if k in {"title", "published_at", "reporter", "outlet_article_id"}}
        fields["published_raw"] = item.published_raw
        fields["extraction"] = item.extraction
        repository.record_rejection(self.db, outlet_slug=item.outlet, url=item.url, reason=reason,
                                    fields=fields, run_id=self.run_id,
                                    item=item if self.keep_raw_pages else None)
        if item.canonical_url:  # a rejection with a reason is a final outcome
            retry_ledger.settle(self.db, outlet_slug=item.outlet, url=item.canonical_url)
        self.database_answered()

    # --- retry ledger: failures buffered until the database answers ----------------------

    def note_failure(self, url: str, reason: str) -> None:
        """Owe ``url`` (canonical) to the ledger; written at once if the database answers."""
        self.unrecorded[url] = FailedUrl(url, reason)
        self.crawler.stats.inc_value("gupress/retry_ledger/failures")
        self.flush_failures()

    def database_answered(self) -> None:
        """Called after a successful write: a good moment to write what is still buffered."""
        if self.unrecorded:
            self.flush_failures()

    def flush_failures(self) -> bool:
        if not self.unrecorded or self.outlet_slug is None:
            return not self.unrecorded
        failures = list(self.unrecorded.values())
        try:
            retry_ledger.record_failures(self.db, outlet_slug=self.outlet_slug, failures=failures,
                                         backoff=self.backoff, run_id=self.run_id)
        except Exception as exc:  # the database is away: keep the buffer, try again later
            log.warning("%s: %d failed URL(s) not yet in the retry ledger (database: %s); will retry",
                        self.outlet_slug, len(failures), _first_line(exc))
            return False
        for failure in failures:
            self.unrecorded.pop(failure.url, None)
        self.crawler.stats.inc_value("gupress/retry_ledger/recorded", len(failures))
        log.info("%s: %d failed URL(s) recorded in the retry ledger", self.outlet_slug, len(failures))
        return True

    def _save_progress(self) -> None:
        """Timer: write buffered failures and copy the counters to the still-running row."""
        self.flush_failures()
        try:
            run_progress.save_progress(self.db, run_id=self.run_id, counters=self.counters())
        except Exception as exc:  # database briefly away: the next tick or the close writes them
            log.warning("could not save the progress of run %s (%s)", self.run_id, _first_line(exc))

    def _flush_at_close(self) -> bool:
        for pause in CLOSE_FLUSH_PAUSES:
            if pause:
                time.sleep(pause)
            if self.flush_failures():
                return True
        return False

    def counters(self) -> dict[str, int]:
        stats = self.crawler.stats.get_stats()
        return {
            "pages_fetched": stats.get("response_received_count", 0),
            "responses_304": stats.get("downloader/response_status_count/304", 0),
            "items_new": stats.get("gupress/items_new", 0),
            "items_revised": stats.get("gupress/items_revised", 0),
            "items_unchanged": stats.get("gupress/items_unchanged", 0),
            "items_duplicate": stats.get("gupress/items_duplicate", 0),
            "items_rejected": stats.get("gupress/items_rejected", 0),
            "errors": stats.get("gupress/errors", 0) + stats.get("spider_exceptions/count", 0),
        }

    def control_stats(self) -> dict[str, int]:
        """What the list walk saw and skipped (``crawl_run_stats``)."""
        stats = self.crawler.stats.get_stats()
        return {
            "list_pages": stats.get("gupress/list_pages", 0),
            "links_found": stats.get("gupress/links_found", 0),
            "links_skipped": stats.get("gupress/links_skipped", 0),
            "revisits": stats.get("gupress/revisits", 0),
            "not_modified": stats.get("gupress/not_modified", 0),
            "requests": stats.get("downloader/request_count", 0),
            "items_outside_window": stats.get("gupress/items_outside_window", 0),
        }

    def fallback_counts(self) -> dict[str, int]:
        prefix = "gupress/fallback/"
        return {k[len(prefix):]: v for k, v in self.crawler.stats.get_stats().items() if k.startswith(prefix)}

    def spider_closed(self, spider, reason: str) -> None:
        for loop in (self._renewal, self._progress):
            if loop is not None and loop.running:
                loop.stop()
        if self.run_id is None:
            return
        recorded = self._flush_at_close()
        counters = self.counters()
        unreachable = self.crawler.stats.get_value("gupress/unreachable_entry_points", 0)
        self.status = run_status(reason, counters, unreachable, self.crawler.stats.get_value("gupress/list_pages", 0))
        exit_reason = self.skip_note or reason
        if unreachable:
            exit_reason = f"{reason}; {unreachable_note(getattr(spider, 'unreachable', []), unreachable)}"
        if not recorded:  # the next run walks every list page to find them again
            self.status = "failed"
            exit_reason = f"{exit_reason}; {len(self.unrecorded)} failed URL(s) could not be written to the retry ledger"
        try:
            repository.finish_crawl_run(self.db, self.run_id, status=self.status, exit_reason=exit_reason[:200],
                                        counters=counters, fallback_counts=self.fallback_counts())
            state.save_run_stats(self.db, run_id=self.run_id, stats=self.control_stats(),
                                 lease_owner=self.lease_owner if self.lease_held else None)
            state.record_run_outcome(self.db, run_id=self.run_id)
        except Exception as exc:  # the database is down at close: do not crash the close
            self.status = None
            log.error("%s: could not close run %s (database: %s); the next run will close it as abandoned "
                      "and walk every list page to find what this run could not record", spider.name, self.run_id,
                      _first_line(exc))
        finally:
            if self.lease_held:
                try:
                    state.release_lease(self.db, outlet_slug=spider.name, owner=self.lease_owner)
                except Exception as exc:  # a dead process's lease is taken over at once on this host
                    log.warning("%s: could not release the crawl lease (%s)", spider.name, _first_line(exc))
            log.info("crawl run %s of %s: %s %s", self.run_id, spider.name, self.status, counters)
            self.db.dispose()


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:200]
