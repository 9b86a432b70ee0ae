"""Riding out a database outage: capped exponential backoff, and one log line per change of
state ("database unreachable", "database answers again") instead of one per attempt.

Every database touch of the daemon (leader lock, job store, closing runs) goes through a
:class:`DatabaseWatch`, which also tells ``/healthz`` whether the database is away and why.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a database outage raises (the driver's errors arrive wrapped in SQLAlchemy's); a
#: programming error is not retried.
DB_ERRORS = (SQLAlchemyError, OSError)


def backoff_delays(cap: float, *, first: float = 0.25, factor: float = 2.0) -> Iterator[float]:
    """first, first*factor, ... never above ``cap`` (and forever ``cap`` after that)."""
    delay = min(first, cap)
    while True:
        yield delay
        delay = min(delay * factor, cap)


def describe(exc: BaseException) -> str:
    """The first line of a driver error, short enough for a log line or a health body.
    psycopg names host and port, never a password."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return f"{type(getattr(exc, 'orig', None) or exc).__name__}: {first[:200]}"


class DatabaseWatch:
    """Shared by the daemon's threads: is the database away (since when, why)?"""

    def __init__(self, retry_max: float = 30.0) -> None:
        self.retry_max = retry_max
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self.reason: str | None = None

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def failed(self, what: str, exc: BaseException) -> None:
        reason = describe(exc)
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = time.monotonic()
            self.reason = reason
        if first:
            log.warning("database unreachable (%s: %s); retrying with backoff up to %gs", what, reason,
                        self.retry_max)

    def answered(self) -> None:
        with self._lock:
            since, self.down_since, self.reason = self.down_since, None, None
        if since is not None:
            log.warning("database answers again after %.1fs", time.monotonic() - since)

    def retry(self, what: str, action: Callable[[], T], stop: threading.Event) -> T | None:
        """``action()`` until it succeeds (its result) or ``stop`` is set (None), backing off
        between attempts."""
        delays = backoff_delays(self.retry_max)
        while True:
            try:
                result = action()
            except DB_ERRORS as exc:  # the database is away or restarting
                self.failed(what, exc)
            else:
                self.answered()
                return result
            if stop.wait(next(delays)):
                log.warning("gave up %s: stopping while the database is unreachable", what)
                return None
