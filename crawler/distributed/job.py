"""Seeding a shared backfill job and reading its progress (``gupress backfill --queue`` and
``--status``); the workers' side is :mod:`crawler.distributed.worker`."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from crawler.distributed.keys import JobKeys, jobs_key


class JobConflict(ValueError):
    """A job for the outlet is queued with another window; the message says how to proceed."""


def connect(queue_url: str):
    import redis

    server = redis.Redis.from_url(queue_url, socket_connect_timeout=5, socket_timeout=30)
    server.ping()
    return server


def scrapy_settings(queue_url: str, keys: JobKeys, worker_id: str, concurrency: int | None = None) -> dict[str, Any]:
    """What turns an ordinary crawl into a worker of the shared queue (scrapy-redis settings
    plus ours). scrapy-redis %-formats key names with the spider name; ours are already whole
    (the prefix is checked to hold no '%')."""
    settings: dict[str, Any] = {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.ReliablePriorityQueue",
        "SCHEDULER_SERIALIZER": "crawler.distributed.queue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.seen,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": queue_url,
        "GUPRESS_QUEUE_OUTLET": keys.outlet,
        "GUPRESS_WORKER_ID": worker_id,
        "GUPRESS_TRIGGER": "worker",
        "GUPRESS_CRAWL_MODE": "distributed",
    }
    if concurrency:
        settings["CONCURRENT_REQUESTS"] = concurrency
    return settings


@dataclass(frozen=True)
class JobSpec:
    outlet: str
    since: str | None = None
    until: str | None = None
    max_pages: int | None = None

    def as_hash(self) -> dict[str, str]:
        return {"outlet": self.outlet, "since": self.since or "", "until": self.until or "",
                "max_pages": str(self.max_pages or ""), "seeded_at": f"{time.time():.3f}"}

    @classmethod
    def from_hash(cls, data: dict) -> "JobSpec":
        text = {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
                for k, v in data.items()}
        return cls(text["outlet"], text.get("since") or None, text.get("until") or None,
                   int(text["max_pages"]) if text.get("max_pages") else None)

    def spider_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"mode": "distributed", "since": self.since, "until": self.until}
        if self.max_pages:
            kwargs["max_pages"] = self.max_pages
        return kwargs


def seed(server, keys: JobKeys, spec: JobSpec, settings, *, restart: bool = False) -> int:
    """Queue the outlet's first list pages; returns how many were new to the queue. Seeding
    the same job again adds nothing (the dupefilter remembers); a different window is refused
    unless ``restart``, which forgets the old job first."""
    from scrapy.crawler import Crawler
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    from crawler.distributed import queue as queue_module
    from crawler.runner import spider_class

    existing = server.hgetall(keys.job)
    if existing and not restart:
        queued = JobSpec.from_hash(existing)
        if (queued.since, queued.until, queued.max_pages) != (spec.since, spec.until, spec.max_pages):
            raise JobConflict(f"a backfill of {spec.outlet} is queued for another window ({queued.since or '…'} to "
                              f"{queued.until or '…'}); finish it, or pass --restart to drop it")
    if restart:
        forget(server, keys)
    spider_cls = spider_class(spec.outlet, settings)
    spider = spider_cls.from_crawler(Crawler(spider_cls, settings), **spec.spider_kwargs())
    requests = [spider.list_request(url, page=1, entry=url) for url in spider.entry_points()]
    seen = RFPDupeFilter(server, key=keys.seen)
    queue = PriorityQueue(server, spider, keys.requests, serializer=queue_module)
    added = 0
    for request in requests:
        if not seen.request_seen(request):
            queue.push(request)
            added += 1
    if not existing or restart:
        server.hset(keys.job, mapping=spec.as_hash())
    server.sadd(jobs_key(keys.prefix), spec.outlet)
    return added


def forget(server, keys: JobKeys) -> None:
    names = [keys.requests, keys.seen, keys.job, keys.stats, keys.below, keys.failed]
    names += list(server.scan_iter(match=keys.processing_pattern))
    server.delete(*names)
    server.srem(jobs_key(keys.prefix), keys.outlet)


def queued_jobs(server, prefix: str) -> list[str]:
    return sorted(m.decode() if isinstance(m, bytes) else m for m in server.smembers(jobs_key(prefix)))


def job_spec(server, keys: JobKeys) -> JobSpec | None:
    data = server.hgetall(keys.job)
    return JobSpec.from_hash(data) if data else None


@dataclass
class Progress:
    outlet: str
    queued: int
    in_progress: int
    workers: list[dict] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    seeded_at: float | None = None
    failed: int = 0

    @property
    def finished(self) -> bool:
        return self.seeded_at is not None and not self.queued and not self.in_progress

    @property
    def articles(self) -> int:
        return sum(self.counters.get(k, 0) for k in ("new", "revised", "unchanged", "rejected", "outside_window"))

    def rate(self, now: float | None = None) -> float:
        if not self.seeded_at:
            return 0.0
        return self.articles / max((now or time.time()) - self.seeded_at, 1e-6)


def progress(server, keys: JobKeys) -> Progress:
    workers = []
    for name in server.scan_iter(match=keys.worker_pattern):
        raw = server.get(name)
        if raw:
            workers.append(json.loads(raw))
    in_progress = sum(server.hlen(name) for name in server.scan_iter(match=keys.processing_pattern))
    counters = {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in server.hgetall(keys.stats).items()}
    job = server.hgetall(keys.job)
    seeded = job.get(b"seeded_at") or job.get("seeded_at")
    return Progress(keys.outlet, server.zcard(keys.requests), in_progress, workers, counters,
                    float(seeded) if seeded else None, server.hlen(keys.failed))
