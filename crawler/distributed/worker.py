"""A worker's side of a shared backfill: heartbeat, acknowledgements, and knowing when the
job is done.

A request taken from the queue sits in this worker's processing hash until its outcome is
in the archive: an article page when its item has passed the store (or was dropped), a list
page once its callback's output (the article and next-page requests) has been pushed to the
queue. Acknowledging late is harmless (after a crash the page is fetched once more and the
archive's unique constraints make the second store a no-op); acknowledging early would lose
work, so every acknowledgement comes after the fact.

The job is finished when the queue is empty and no live worker holds a request: nobody can
add one any more. Workers whose heartbeat expired (killed, machine gone) are reaped first.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time

from redis.exceptions import RedisError
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet import task

from crawler.config import from_settings
from crawler.distributed.keys import JobKeys
from crawler.distributed.queue import MAX_ATTEMPTS, requeue_orphans, requeue_own, requeue_unsettled

log = logging.getLogger(__name__)

#: Crawl counters (Scrapy stats) summed into the job's Redis stats hash.
SHARED_COUNTERS = {"gupress/list_pages": "pages", "gupress/items_new": "new", "gupress/items_revised": "revised",
                   "gupress/items_unchanged": "unchanged", "gupress/items_rejected": "rejected",
                   "gupress/items_outside_window": "outside_window", "gupress/links_skipped": "skipped",
                   "gupress/store_errors": "errors"}


class DistributedWorker:
    """Scrapy extension enabled by ``gupress worker``; the spider finds it as
    ``spider.distributed_worker`` (the queue needs it before the spider opens)."""

    def __init__(self, crawler) -> None:
        from scrapy_redis.connection import get_redis_from_settings

        settings = crawler.settings
        self.crawler = crawler
        self.server = get_redis_from_settings(settings)
        self.keys = JobKeys(settings.get("GUPRESS_QUEUE_PREFIX"), settings.get("GUPRESS_QUEUE_OUTLET"))
        self.worker_id = settings.get("GUPRESS_WORKER_ID")
        self.heartbeat_ttl = from_settings(settings, "GUPRESS_WORKER_HEARTBEAT_TTL")
        self.started = time.time()
        self._reported: dict[str, int] = {}
        self._beat: task.LoopingCall | None = None
        crawler.gupress_worker = self
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item_settled, signal=signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # --- liveness ------------------------------------------------------------------

    def spider_opened(self, spider) -> None:
        self.beat()
        moved = requeue_orphans(self.server, self.keys)
        if moved:
            log.warning("%s: put back %d request(s) of worker(s) that died", spider.name, moved)
        self._beat = task.LoopingCall(self.tick)
        self._beat.start(max(self.heartbeat_ttl / 3, 0.2), now=False)

    def beat(self) -> None:
        description = {"host": socket.gethostname(), "pid": os.getpid(), "started": self.started,
                       "seen": time.time()}
        self.server.set(self.keys.worker(self.worker_id), json.dumps(description),
                        px=int(self.heartbeat_ttl * 1000))

    def tick(self) -> None:
        try:
            self.beat()
            self.report_counters()
            requeue_orphans(self.server, self.keys)
        except Exception as exc:  # Redis briefly away: the crawl goes on, the next tick retries
            log.warning("worker heartbeat failed (%s); retrying", str(exc).splitlines()[0][:160])

    def report_counters(self) -> None:
        stats = self.crawler.stats
        pipe = self.server.pipeline()
        for stat, field in SHARED_COUNTERS.items():
            value = int(stats.get_value(stat, 0))
            delta = value - self._reported.get(stat, 0)
            if delta:
                pipe.hincrby(self.keys.stats, field, delta)
                self._reported[stat] = value
        pipe.execute()

    # --- acknowledgements -----------------------------------------------------------

    def ack(self, request: Request | None) -> None:
        entry = request.meta.get("gupress_queue_id") if request is not None else None
        if entry:
            try:
                self.server.hdel(self.keys.processing(self.worker_id), entry)
            except RedisError:  # unacknowledged: fetched once more later, stored once (constraints)
                log.warning("could not acknowledge %s (queue unreachable)", request.url)

    def item_settled(self, item=None, response=None, spider=None, **_kwargs) -> None:
        if response is not None:
            self.ack(response.request)

    # --- the window across workers ---------------------------------------------------

    def note_below_window(self, entry: str, page: int) -> None:
        """A list page of ``entry`` holds an article older than --since: pages after it do not
        need walking. Kept as the lowest such page, for every worker."""
        current = self.server.hget(self.keys.below, entry)
        if current is None or int(current) > page:
            self.server.hset(self.keys.below, entry, page)

    def walk_past(self, entry: str, page: int) -> bool:
        lowest = self.server.hget(self.keys.below, entry)
        return lowest is None or page < int(lowest)

    # --- the end ------------------------------------------------------------------------

    def spider_idle(self, spider) -> None:
        """Nothing in flight here, so whatever this worker still holds was not settled (its
        callback raised, Redis was away when its follow-ups were pushed): it goes back to the
        queue, up to MAX_ATTEMPTS times. Close only when the whole job is done: queue empty and
        no other live worker holding a request."""
        try:
            requeued, failed = requeue_unsettled(self.server, self.keys, self.worker_id)
            if requeued or failed:
                log.warning("%s: %d unsettled request(s) back in the queue, %d given up after %d attempts",
                            spider.name, requeued, failed, MAX_ATTEMPTS)
            requeue_orphans(self.server, self.keys)
            finished = not self.server.zcard(self.keys.requests) and not self._others_busy()
        except RedisError as exc:
            log.warning("queue unreachable while idle (%s); waiting", str(exc).splitlines()[0][:160])
            finished = False
        if not finished:
            raise DontCloseSpider("the shared queue is not finished")
        if self.server.zcard(self.keys.requests) or self._others_busy():
            raise DontCloseSpider("the shared queue is not finished")

    def _others_busy(self) -> bool:
        return any(self.server.hlen(name) for name in self.server.scan_iter(match=self.keys.processing_pattern))

    def spider_closed(self, spider, reason) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        try:
            self.report_counters()
            if reason == "finished":
                self.server.delete(self.keys.processing(self.worker_id))
            else:
                handed_back = requeue_own(self.server, self.keys, self.worker_id)
                if handed_back:
                    log.info("%s: handed %d unfinished request(s) back to the queue", spider.name, handed_back)
            self.server.delete(self.keys.worker(self.worker_id))
        except Exception as exc:  # Redis away: the heartbeat expires and others requeue our work
            log.warning("could not sign off from the queue (%s)", str(exc).splitlines()[0][:160])


class AcknowledgeAfterOutput:
    """Spider middleware: a page that yields no item (a list page, a rejected page) is done
    once its requests have been handed to the scheduler, i.e. when its output is exhausted
    (Scrapy schedules a yielded request synchronously before asking for the next one)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_spider_output(self, response, result):
        produced_item = False
        async for element in result:
            produced_item = produced_item or not isinstance(element, Request)
            yield element
        if not produced_item:
            worker = getattr(self.crawler.spider, "distributed_worker", None)
            if worker is not None:
                worker.ack(response.request)
