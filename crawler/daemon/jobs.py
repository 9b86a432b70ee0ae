"""APScheduler job functions. The job store pickles a reference to these functions and
their arguments (an outlet slug), so they are module-level and take only plain values; the
crawl supervisor they use is installed by the running daemon."""

from __future__ import annotations

from crawler.daemon.crawls import CrawlSupervisor

_supervisor: CrawlSupervisor | None = None


def install(supervisor: CrawlSupervisor | None) -> None:
    global _supervisor
    _supervisor = supervisor


def job_id(outlet: str) -> str:
    return f"crawl:{outlet}"


def run_outlet_crawl(outlet: str) -> str:
    """Crawl one outlet in a subprocess; returns how it ended (for APScheduler's events)."""
    if _supervisor is None:
        raise RuntimeError("run_outlet_crawl needs a running gupress daemon in this process")
    return _supervisor.run(outlet).ended
