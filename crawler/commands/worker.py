"""gupress worker --queue redis://…: take requests from the shared backfill queue (seeded by
``gupress backfill --queue``) and store their articles, until every queued job is done.

Any number of workers, on any machines pointing at the same Redis and database, share the
work. A worker that dies loses nothing: what it had taken goes back to the queue once its
heartbeat expires (``GUPRESS_WORKER_HEARTBEAT_TTL``), and starting workers again resumes.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import uuid

from crawler.cliargs import positive_int
from crawler.logging_setup import say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "worker", help="process the shared backfill queue (distributed backfill)",
        description=__doc__.split("\n\n")[1] + " Exit codes: 0 every job done, 1 a crawl failed, 2 bad arguments, "
                    "unreachable Redis or database, 130 interrupted.")
    parser.add_argument("--queue", metavar="URL", help="Redis URL of the shared queue (default GUPRESS_QUEUE_URL)")
    parser.add_argument("--outlet", action="append", metavar="SLUG",
                        help="only these outlets' jobs (default: every queued job)")
    parser.add_argument("--concurrency", type=positive_int, help="requests in flight in this worker (default 16)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2")
    parser.set_defaults(func=run)


def run(args) -> int:
    from scrapy.crawler import AsyncCrawlerProcess, Crawler

    from crawler.archive import prepare_archive
    from crawler.commands.crawl import parse_overrides
    from crawler.distributed.job import connect, job_spec, queued_jobs, scrapy_settings
    from crawler.distributed.keys import JobKeys
    from crawler.runner import print_summaries, project_settings, spider_class, summarise

    queue_url = queue_url_of(args)
    if queue_url is None:
        return 2
    base = project_settings({"LOG_LEVEL": args.log_level, **parse_overrides(args.set)})
    prefix = base.get("GUPRESS_QUEUE_PREFIX")
    try:
        server = connect(queue_url)
    except Exception as exc:
        say(f"gupress: cannot reach the queue at {redacted(queue_url)}: {first_line(exc)}", level="ERROR")
        return 2
    outlets = [o for o in queued_jobs(server, prefix) if not args.outlet or o in args.outlet]
    if not outlets:
        say("no backfill job is queued; seed one with `gupress backfill --outlet X --queue URL`", stream=sys.stdout)
        return 0
    prepare_archive(base.get("GUPRESS_DATABASE_URL")).dispose()  # fail before taking work
    worker_id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    json_logs = base.getbool("GUPRESS_LOG_JSON")
    if json_logs:
        base.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = AsyncCrawlerProcess(base)
    if json_logs:
        from crawler.logging_setup import configure_logging

        configure_logging(json_output=True, level=base.get("LOG_LEVEL", "INFO"))
    crawlers = []
    for outlet in outlets:
        keys = JobKeys(prefix, outlet)
        spec = job_spec(server, keys)
        if spec is None:
            continue
        settings = base.copy()
        settings.setdict(scrapy_settings(queue_url, keys, worker_id, args.concurrency), priority="cmdline")
        settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"),
                                    "crawler.distributed.worker.DistributedWorker": 50}, priority="cmdline")
        settings.set("SPIDER_MIDDLEWARES", {**settings.getdict("SPIDER_MIDDLEWARES"),
                                            "crawler.distributed.worker.AcknowledgeAfterOutput": 10},
                     priority="cmdline")
        crawler = Crawler(spider_class(outlet, base), settings)
        process.crawl(crawler, **spec.spider_kwargs())
        crawlers.append((outlet, crawler))
    logging.getLogger("gupress.worker").info("worker %s: %s from %s", worker_id, ", ".join(o for o, _ in crawlers),
                                             redacted(queue_url))
    poll_the_queue_often()
    process.start()
    summaries = summarise(base.get("GUPRESS_DATABASE_URL"), crawlers)
    print_summaries(summaries, json_logs)
    if any(s.status == "interrupted" for s in summaries):
        return 130
    return 0 if all(s.ok for s in summaries) else 1


def poll_the_queue_often() -> None:
    """Scrapy asks its scheduler for the next request when a download ends and otherwise on a
    5 s heartbeat. A worker whose share of the queue is momentarily empty (another worker is
    parsing the list page that will fill it) would then sit idle for up to 5 s each time;
    scrapy-redis's RedisSpider works around the same wait from spider_idle. Here the engine's
    heartbeat is shortened to 0.5 s in worker processes only: a pop from an empty queue is one
    cheap Lua call."""
    from scrapy.core.engine import ExecutionEngine

    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = 0.5


def queue_url_of(args) -> str | None:
    from crawler.config import ConfigError, GupressConfig, check_queue_url

    try:
        url = args.queue or GupressConfig.from_env().queue_url
        if not url:
            say("gupress: give --queue redis://host:6379/0 (or set GUPRESS_QUEUE_URL)", level="ERROR")
            return None
        return check_queue_url(url)
    except ConfigError as exc:
        say(f"gupress: {exc}", level="ERROR")
        return None


def redacted(url: str) -> str:
    from crawler.config import redact_url

    return redact_url(url)


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
