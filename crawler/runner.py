"""Run spiders in this process and report what each run did.

Used by ``gupress crawl`` and ``gupress demo`` (one-off processes). The daemon never calls
this in its own process: each scheduled crawl is a separate ``gupress crawl`` process,
because the Twisted reactor cannot be restarted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.config import redact_url
from storage import repository
from storage.db import Database, migrate


class DatabaseUnavailable(RuntimeError):
    """The archive database cannot be reached or migrated; the message is safe to print."""


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    if overrides:
        settings.setdict(overrides, priority="cmdline")
    return settings


def spider_names(settings: Settings | None = None) -> list[str]:
    return sorted(SpiderLoader.from_settings(settings or project_settings()).list())


def spider_class(name: str, settings: Settings | None = None):
    return SpiderLoader.from_settings(settings or project_settings()).load(name)


def spider_for_url(url: str, settings: Settings | None = None):
    """The spider class whose outlet serves ``url`` (None when no outlet owns it)."""
    loader = SpiderLoader.from_settings(settings or project_settings())
    for name in sorted(loader.list()):
        cls = loader.load(name)
        if hasattr(cls, "owns_url") and cls.owns_url(url):
            return cls
    return None


def prepare_database(url: str) -> Database:
    """Open and migrate the archive, turning driver errors into one readable sentence."""
    from sqlalchemy.exc import SQLAlchemyError

    db = Database(url)
    try:
        migrate(db)
    except SQLAlchemyError as exc:
        db.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseUnavailable(f"cannot open the archive at {redact_url(url)}: {reason}") from None
    return db


@dataclass(frozen=True)
class RunSummary:
    outlet: str
    run_id: int | None
    status: str
    exit_reason: str | None
    counters: dict[str, int]

    @property
    def ok(self) -> bool:
        return self.status in {"finished", "finished_with_errors"}

    @property
    def skipped(self) -> bool:
        """Another crawl of the outlet held its lease: nothing was wrong, nothing was done."""
        return self.status == "skipped_locked"


def run_crawls(outlets: list[str], settings: Settings, spider_kwargs: dict[str, Any] | None = None) -> list[RunSummary]:
    """Crawl the outlets concurrently in this process; returns one summary per outlet."""
    from scrapy.crawler import AsyncCrawlerProcess

    from crawler.logging_setup import configure_logging, quiet_per_request_failures

    json_logs = settings.getbool("GUPRESS_LOG_JSON")
    if json_logs:
        settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    if json_logs:
        configure_logging(json_output=True, level=settings.get("LOG_LEVEL", "INFO"))
    if str(settings.get("LOG_LEVEL", "INFO")).upper() not in {"DEBUG", "INFO"}:
        quiet_per_request_failures()
    crawlers = []
    for name in outlets:
        crawler = process.create_crawler(name)
        process.crawl(crawler, **(spider_kwargs or {}))
        crawlers.append((name, crawler))
    process.start()
    return summarise(settings.get("GUPRESS_DATABASE_URL"), crawlers)


def summarise(database_url: str, crawlers) -> list[RunSummary]:
    """One summary per (outlet, crawler) that has run, read back from its crawl_runs row."""
    db = Database(database_url)
    try:
        return [_summary(db, name, crawler) for name, crawler in crawlers]
    finally:
        db.dispose()


def _summary(db: Database, name: str, crawler) -> RunSummary:
    from sqlalchemy.exc import SQLAlchemyError

    recorder = getattr(crawler, "gupress_run", None)
    try:
        run = repository.get_crawl_run(db, recorder.run_id) if recorder and recorder.run_id else None
    except SQLAlchemyError:  # the database went away before the run could be closed (issue 8)
        return RunSummary(name, recorder.run_id, "failed",
                          f"database unreachable at close; run {recorder.run_id} left open (the next run closes it "
                          "as abandoned and walks every list page)", recorder.counters())
    if run is None:
        return RunSummary(name, None, "failed", "the crawl did not start (see the log above)", {})
    counters = {k: getattr(run, k) for k in repository.RUN_COUNTERS}
    return RunSummary(name, run.id, run.status, run.exit_reason, counters)


def summary_events(summaries: list[RunSummary]) -> list[str]:
    """The summary as JSON log lines (one ``crawl_summary`` event per outlet), for GUPRESS_LOG_JSON."""
    from crawler.logging_setup import json_line

    return [json_line(f"{s.outlet}: {s.status}", level="INFO" if s.ok or s.skipped else "ERROR",
                      logger="gupress.crawl", event="crawl_summary", outlet=s.outlet, run_id=s.run_id,
                      status=s.status, exit_reason=s.exit_reason, **s.counters) for s in summaries]


def print_summaries(summaries: list[RunSummary], json_output: bool) -> None:
    print("\n".join(summary_events(summaries)) if json_output else format_summaries(summaries), flush=True)


def format_summaries(summaries: list[RunSummary]) -> str:
    header = f"{'outlet':<16}{'status':<22}{'pages':>6}{'new':>6}{'revised':>8}{'unchanged':>10}{'rejected':>9}{'errors':>7}"
    lines = [header, "-" * len(header)]
    for s in summaries:
        c = s.counters
        lines.append(f"{s.outlet:<16}{s.status:<22}{c.get('pages_fetched', 0):>6}{c.get('items_new', 0):>6}"
                     f"{c.get('items_revised', 0):>8}{c.get('items_unchanged', 0):>10}"
                     f"{c.get('items_rejected', 0):>9}{c.get('errors', 0):>7}")
        if not s.ok or (s.exit_reason and s.exit_reason != "finished"):
            lines.append(f"  {s.outlet}: {s.exit_reason}")
    return "\n".join(lines)
