"""gupress daemon: the scheduler (same as ``python scheduler.py``)."""

from __future__ import annotations

import sys

from crawler.config import GupressConfig
from crawler.logging_setup import configure_logging


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "daemon", help="run the scheduler: crawl every outlet on an interval (also: python scheduler.py)",
        description="Run APScheduler with its job store in the archive database: one job per outlet every "
                    "GUPRESS_SCHEDULE_INTERVAL seconds (+ GUPRESS_SCHEDULE_JITTER), each crawl a separate "
                    "`gupress crawl` process with a GUPRESS_CRAWL_TIMEOUT. Only the daemon holding the leader "
                    "lock schedules; others stand by. SIGTERM/SIGINT: stop scheduling, let crawls finish for "
                    "GUPRESS_SHUTDOWN_GRACE seconds, then terminate them. Status on GUPRESS_STATUS_ADDR "
                    "(/healthz, /metrics; loopback only unless GUPRESS_STATUS_ALLOW_REMOTE=true). A database outage is "
                    "ridden out: retries with backoff, /healthz answers 503 degraded meanwhile. See the "
                    "Operations section of README.md.")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.set_defaults(func=run)


def run(args) -> int:
    config = GupressConfig.from_env()
    configure_logging(json_output=config.log_json, level=args.log_level)
    return run_daemon(config.database_url)


def run_daemon(database_url: str, outlets: list[str] | None = None) -> int:
    """Build and run the daemon; the exit code is 0 after a clean stop, 2 when the archive
    cannot be opened at start or the configuration is wrong (e.g. a status address that is not
    loopback without GUPRESS_STATUS_ALLOW_REMOTE). A database outage later is ridden out."""
    from crawler.archive import open_archive
    from crawler.daemon.config import DaemonConfig
    from crawler.daemon.service import Daemon
    from crawler.runner import spider_names

    config = DaemonConfig.from_env()
    config.check_status_exposure()  # ConfigError (exit 2) before anything is opened or bound
    known = spider_names()
    chosen = list(outlets or config.outlets or known)
    unknown = [o for o in chosen if o not in known]
    if unknown:
        print(f"gupress: GUPRESS_OUTLETS names unknown outlet(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    with open_archive(database_url) as db:
        daemon = Daemon(db, config, chosen)
        daemon.install_signal_handlers()
        return daemon.run()
