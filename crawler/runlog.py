"""Crawl bookkeeping: one ``crawl_runs`` row per spider run, opened when the spider opens
and closed (with counters and a status) when it closes, whatever the reason.

It also owns the run's ``Database`` handle, so every pipeline of a run shares one engine,
and the outlet's crawl lease: a crawl that cannot take it (another daemon, ``gupress
crawl`` or backfill is crawling the outlet) closes at once as ``skipped_locked``. The lease
is renewed every third of ``GUPRESS_LEASE_TTL`` while the crawl runs and released at close.
"""

from __future__ import annotations

import logging
import uuid

from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.config import redact_url
from crawler.items import ArticleItem
from storage import repository, state
from storage.db import Database, migrate

log = logging.getLogger(__name__)


SKIPPED_LOCKED = "skipped_locked"


def unreachable_note(failures: list[tuple[str, str]], count: int) -> str:
    """'unreachable: URL (error)', naming the first list page that failed and why."""
    if not failures:
        return f"{count} entry point(s) unreachable"
    url, error = failures[0]
    more = f" and {len(failures) - 1} more" if len(failures) > 1 else ""
    return f"unreachable: {url} ({error[:70]}){more}"


def run_status(close_reason: str, counters: dict[str, int], unreachable_entries: int) -> str:
    """finished | finished_with_errors | unreachable | interrupted | skipped_locked | failed."""
    if close_reason == SKIPPED_LOCKED:
        return SKIPPED_LOCKED
    if close_reason == "finished":
        if counters.get("pages_fetched", 0) == 0 and unreachable_entries:
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
        self.keep_raw_pages = settings.getbool("GUPRESS_RAW_PAGES", True)
        self.run_id: int | None = None
        self.status: str | None = None
        self.lease_ttl = settings.getfloat("GUPRESS_LEASE_TTL", 300)
        self.lease_owner = state.lease_owner_id(uuid.uuid4().hex[:12])
        self.lease_held = False
        self.skip_note: str | None = None
        self._renewal: task.LoopingCall | None = None
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
            trigger=settings.get("GUPRESS_TRIGGER", "manual"))
        log.info("crawl run %s of %s into %s", self.run_id, spider.name, redact_url(self.db.url))
        self._take_lease(spider)

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
        """A pipeline raised (e.g. the database went away): count it so the run is not 'finished'."""
        self.crawler.stats.inc_value("gupress/errors")
        self.crawler.stats.inc_value("gupress/errors/pipeline")

    def reject(self, item: ArticleItem, reason: str) -> None:
        fields = {k: v for k, v in item.to_contract().items() if k in {"title", "published_at", "reporter", "outlet_article_id"}}
        fields["published_raw"] = item.published_raw
        fields["extraction"] = item.extraction
        repository.record_rejection(self.db, outlet_slug=item.outlet, url=item.url, reason=reason,
                                    fields=fields, run_id=self.run_id,
                                    item=item if self.keep_raw_pages else None)

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
        if self._renewal is not None and self._renewal.running:
            self._renewal.stop()
        if self.run_id is None:
            return
        counters = self.counters()
        unreachable = self.crawler.stats.get_value("gupress/unreachable_entry_points", 0)
        self.status = run_status(reason, counters, unreachable)
        exit_reason = self.skip_note or reason
        if unreachable:
            exit_reason = f"{reason}; {unreachable_note(getattr(spider, 'unreachable', []), unreachable)}"
        try:
            repository.finish_crawl_run(self.db, self.run_id, status=self.status, exit_reason=exit_reason[:200],
                                        counters=counters, fallback_counts=self.fallback_counts())
            state.save_run_stats(self.db, run_id=self.run_id, stats=self.control_stats(),
                                 lease_owner=self.lease_owner if self.lease_held else None)
            state.record_run_outcome(self.db, run_id=self.run_id)
        finally:
            if self.lease_held:
                state.release_lease(self.db, outlet_slug=spider.name, owner=self.lease_owner)
            log.info("crawl run %s of %s: %s %s", self.run_id, spider.name, self.status, counters)
            self.db.dispose()
