"""Log output for the daemon and crawl processes: plain lines by default, one JSON object
per line with ``GUPRESS_LOG_JSON=true`` (for journald/Loki/ELK pipelines that parse fields)."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone

PLAIN_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "msg", "pid"}`` plus ``exc`` when there is a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "pid": record.process,
        }
        spider = getattr(record, "spider", None)
        if spider is not None:
            entry["spider"] = getattr(spider, "name", str(spider))
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


#: Scrapy's per-request failure lines (a traceback for each robots.txt that could not be fetched, a line
#: for each request it gave up retrying): the spider reports each unreachable list page once, the run's
#: summary counts errors and the retry ledger keeps failed article URLs, so below INFO they are noise.
PER_REQUEST_FAILURE_LOGGERS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")


def quiet_per_request_failures() -> None:
    for name in PER_REQUEST_FAILURE_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def json_line(msg: str, *, level: str = "INFO", logger: str = "gupress", **fields) -> str:
    """One JSON log line in the JsonFormatter's shape, for output that is not a log record (summaries,
    command errors) but must still parse when JSON logs are on."""
    entry = {"ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "level": level,
             "logger": logger, "msg": msg, "pid": os.getpid(), **fields}
    return json.dumps(entry, ensure_ascii=False, default=str)


def say(msg: str, *, stream=None, level: str = "INFO", **fields) -> None:
    """Print a line for people, or its JSON form when ``GUPRESS_LOG_JSON`` is on."""
    from crawler.config import json_logs_requested

    stream = stream or sys.stderr
    print(json_line(msg, level=level, **fields) if json_logs_requested() else msg, file=stream, flush=True)


def make_handler(json_output: bool, stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_output else logging.Formatter(PLAIN_FORMAT))
    return handler


def configure_logging(*, json_output: bool, level: str | int = "INFO") -> None:
    """Replace the root logger's handlers with one stderr handler in the chosen format."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = make_handler(json_output)
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(json_output)  # Python warnings become log records, hence JSON too
    # Alembic narrates every (no-op) migration check at INFO; a daemon log needs none of it.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)
                                              if isinstance(level, str) else level))

