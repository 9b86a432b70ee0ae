"""Crawl control shared by every outlet spider: when a known article is due for a revisit,
the backfill date window, and the bookkeeping of a backfill's page-by-page walk.

Kept apart from ``spiders/base.py`` so the policy can be unit-tested without Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from crawler.config import default, from_settings
from crawler.korean import KST


@dataclass(frozen=True)
class RevisitPolicy:
    """Revisit an archived article when the time since its last check exceeds ``fraction``
    of its age, clamped to [min_interval, max_interval]; never once it is older than
    ``horizon``. A 2-hour-old article is re-checked after 15 min, a 2-day-old one after
    12 h, a 3-week-old one weekly, and the long tail not at all: the cost of a recrawl stays
    bounded by what was published recently, not by the archive's size."""

    # The defaults are the declared ones (crawler/config.py), so RevisitPolicy() is the policy an
    # unconfigured crawl runs.
    fraction: float = default("revisit_fraction")
    min_interval: timedelta = timedelta(seconds=default("revisit_min_seconds"))
    max_interval: timedelta = timedelta(seconds=default("revisit_max_seconds"))
    horizon: timedelta = timedelta(days=default("revisit_horizon_days"))

    @classmethod
    def from_settings(cls, settings: Any) -> "RevisitPolicy":
        return cls(fraction=from_settings(settings, "GUPRESS_REVISIT_FRACTION"),
                   min_interval=timedelta(seconds=from_settings(settings, "GUPRESS_REVISIT_MIN_SECONDS")),
                   max_interval=timedelta(seconds=from_settings(settings, "GUPRESS_REVISIT_MAX_SECONDS")),
                   horizon=timedelta(days=from_settings(settings, "GUPRESS_REVISIT_HORIZON_DAYS")))

    def interval(self, age: timedelta) -> timedelta:
        return min(max(age * self.fraction, self.min_interval), self.max_interval)

    def is_due(self, *, published_at: datetime | None, first_seen_at: datetime, last_checked_at: datetime,
               now: datetime) -> bool:
        born = min(published_at, first_seen_at) if published_at else first_seen_at
        age = now - born
        if age > self.horizon:
            return False
        return now - last_checked_at >= self.interval(age)


@dataclass(frozen=True)
class DateWindow:
    """A backfill's [since, until] in KST calendar days (either end open)."""

    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, since: str | date | None, until: str | date | None) -> "DateWindow":
        return cls(_date(since), _date(until))

    @property
    def start(self) -> datetime | None:
        return datetime.combine(self.since, time.min, KST) if self.since else None

    @property
    def end(self) -> datetime | None:
        return datetime.combine(self.until + timedelta(days=1), time.min, KST) if self.until else None

    def contains(self, moment: datetime) -> bool:
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)

    def before_start(self, moment: datetime) -> bool:
        return self.start is not None and moment < self.start

    @property
    def label(self) -> str:
        return f"{self.since or ''}..{self.until or ''}"


def _date(value: str | date | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass
class PageInProgress:
    """One backfill list page whose articles are still being fetched or stored. An article
    leaves ``waiting`` once its item has left the pipelines (committed, dropped or owed to the
    retry ledger), not when its callback returns; the next list page is requested only once
    ``waiting`` is empty, so the cursor (saved when a page is parsed) never runs ahead of
    stored work."""

    entry: str
    page: int
    next_url: str | None
    urls: list[str]
    waiting: set[str] = field(default_factory=set)


class BackfillWalk:
    """Pages in progress per entry point and the publication dates seen on them."""

    def __init__(self, window: DateWindow) -> None:
        self.window = window
        self.pages: dict[str, PageInProgress] = {}
        self.finished: dict[str, PageInProgress] = {}
        self.published: dict[str, datetime] = {}

    def begin(self, page: PageInProgress) -> None:
        self.pages[page.entry] = page

    def settle(self, entry: str | None, url: str) -> PageInProgress | None:
        """Mark one article of the entry's current page done; returns the page once all are."""
        page = self.pages.get(entry or "")
        if page is None:
            return None
        page.waiting.discard(url)
        if page.waiting:
            return None
        return self.pages.pop(page.entry)

    def note_published(self, url: str, published_at: datetime) -> None:
        self.published[url] = published_at

    def past_window(self, page: PageInProgress) -> bool:
        """Every article of the page predates ``since``: deeper pages (older) cannot matter."""
        dates = [self.published.get(u) for u in page.urls]
        return bool(dates) and all(d is not None and self.window.before_start(d) for d in dates)


# --- what a failed request tells us ---------------------------------------------------------

#: The message of the IgnoreRequest Scrapy's RobotsTxtMiddleware raises (Scrapy 2.19).
ROBOTS_REFUSAL = "Forbidden by robots.txt"


def is_robots_refusal(failure: Any) -> bool:
    """robots.txt disallows the URL: the site's wish, not a fault of the crawl or the site."""
    from scrapy.exceptions import IgnoreRequest

    return bool(failure.check(IgnoreRequest)) and ROBOTS_REFUSAL in str(failure.value)


def failure_reason(failure: Any) -> str:
    """A short, stable reason: 'HTTP 503' for an error status (Scrapy's own message,
    'Ignoring non-200 response', names no status), else the exception's message."""
    response = getattr(failure.value, "response", None)
    status = getattr(response, "status", None)
    if status is not None:
        return f"HTTP {status}"
    message = failure.getErrorMessage() or failure.type.__name__
    return message.splitlines()[0][:200]
