"""The retry ledger: article URLs whose fetch or store failed, so later runs retry them
whatever their list walk does.

Why a table: an incremental run stops at the first fully archived list page, so an article
whose write failed (the database restarted) or whose fetch failed (a 503 storm on a deep
page) would never be requested again. Each failure is upserted here with its reason and an
exponentially growing ``next_try_at``; every run of the outlet starts by requesting its due
URLs; the store deletes the row in the same transaction that archives the article (a
rejection deletes it too: a reason is a final outcome); after ``max_attempts`` failures the
row is kept as *given up* and shown by ``gupress status`` and ``/metrics``.

Same shape as ``storage.repository``: keyword arguments, one transaction per call, plain
values out. Time is always passed in (``now``) so the schedule is testable without clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from storage.models import RetryLedgerEntry
from storage.types import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.db import Database

#: Longest reason kept (an exception message can be a page long).
REASON_CHARS = 300


@dataclass(frozen=True)
class RetryBackoff:
    """When to try a failed URL again: ``base`` after the first failure, doubling after each
    further one (capped at ``cap``); after ``max_attempts`` failures, never (given up)."""

    base: timedelta = timedelta(minutes=15)
    cap: timedelta = timedelta(days=1)
    max_attempts: int = 8

    def next_try(self, attempts: int, now: datetime) -> datetime | None:
        """``attempts`` failures so far → the next try, or None once the limit is reached."""
        if attempts >= self.max_attempts:
            return None
        return now + min(self.base * (2 ** max(attempts - 1, 0)), self.cap)


@dataclass(frozen=True)
class FailedUrl:
    """One failure to record: the article's canonical URL and why."""

    url: str
    reason: str


@dataclass(frozen=True)
class LedgerEntry:
    outlet_slug: str
    url: str
    reason: str
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime
    next_try_at: datetime | None
    gave_up_at: datetime | None
    last_run_id: int | None

    @property
    def given_up(self) -> bool:
        return self.gave_up_at is not None


def record_failures(db: Database, *, outlet_slug: str, failures: list[FailedUrl], backoff: RetryBackoff,
                    run_id: int | None, now: datetime | None = None) -> list[LedgerEntry]:
    """Upsert failures in ONE transaction: a new URL gets attempts=1, a known one one more
    attempt and a later ``next_try_at`` (or ``gave_up_at`` at the limit). A URL failing twice
    in one call counts once. The outlet's lease makes one writer per outlet, so the
    read-then-write needs no lock."""
    now = now or utcnow()
    unique = {f.url: f for f in failures}
    if not unique:
        return []
    with db.session() as session:
        existing = {e.url: e for e in session.scalars(select(RetryLedgerEntry).where(
            RetryLedgerEntry.outlet_slug == outlet_slug, RetryLedgerEntry.url.in_(list(unique))))}
        for url, failure in unique.items():
            entry = existing.get(url)
            if entry is None:
                entry = RetryLedgerEntry(outlet_slug=outlet_slug, url=url, attempts=0, first_failed_at=now)
                session.add(entry)
                existing[url] = entry
            entry.attempts += 1
            entry.reason = failure.reason[:REASON_CHARS]
            entry.last_failed_at, entry.last_run_id = now, run_id
            entry.next_try_at = backoff.next_try(entry.attempts, now)
            entry.gave_up_at = now if entry.next_try_at is None else None
        session.flush()
        return [_entry(existing[url]) for url in unique]


def due_urls(db: Database, *, outlet_slug: str, now: datetime | None = None, limit: int = 500) -> list[str]:
    """The outlet's URLs whose next try has come, longest waiting first (indexed query)."""
    now = now or utcnow()
    with db.session() as session:
        return list(session.scalars(
            select(RetryLedgerEntry.url).where(RetryLedgerEntry.outlet_slug == outlet_slug,
                                               RetryLedgerEntry.gave_up_at.is_(None),
                                               RetryLedgerEntry.next_try_at <= now)
            .order_by(RetryLedgerEntry.next_try_at, RetryLedgerEntry.id).limit(limit)))


def held_back(db: Database, *, outlet_slug: str, urls: list[str], now: datetime | None = None) -> set[str]:
    """Which of a list page's URLs the ledger says not to fetch now: backing off, or given up.
    One query per list page, so a broken article on page 1 is not refetched on every run
    (and does not keep every incremental walk going deeper)."""
    if not urls:
        return set()
    now = now or utcnow()
    with db.session() as session:
        rows = session.execute(select(RetryLedgerEntry.url, RetryLedgerEntry.next_try_at, RetryLedgerEntry.gave_up_at)
                               .where(RetryLedgerEntry.outlet_slug == outlet_slug, RetryLedgerEntry.url.in_(urls)))
        return {url for url, next_try, gave_up in rows if gave_up is not None or (next_try is not None and next_try > now)}


def settle_in_session(session: Session, *, outlet_slug: str, url: str) -> None:
    """The article reached a final outcome: drop its ledger row inside the caller's
    transaction (the store's), so 'archived' and 'no longer owed' commit together."""
    session.execute(delete(RetryLedgerEntry).where(RetryLedgerEntry.outlet_slug == outlet_slug,
                                                   RetryLedgerEntry.url == url))


def settle(db: Database, *, outlet_slug: str, url: str) -> None:
    with db.session() as session:
        settle_in_session(session, outlet_slug=outlet_slug, url=url)


def entries(db: Database, *, outlet_slug: str | None = None) -> list[LedgerEntry]:
    with db.session() as session:
        query = select(RetryLedgerEntry).order_by(RetryLedgerEntry.outlet_slug, RetryLedgerEntry.id)
        if outlet_slug:
            query = query.where(RetryLedgerEntry.outlet_slug == outlet_slug)
        return [_entry(e) for e in session.scalars(query)]


@dataclass(frozen=True)
class LedgerCounts:
    pending: int = 0
    given_up: int = 0


def counts_by_outlet(db: Database) -> dict[str, LedgerCounts]:
    """Per outlet: URLs still to retry and URLs given up (one grouped query)."""
    gave_up = RetryLedgerEntry.gave_up_at.is_not(None)
    with db.session() as session:
        rows = session.execute(select(RetryLedgerEntry.outlet_slug, gave_up.label("gave_up"), func.count())
                               .group_by(RetryLedgerEntry.outlet_slug, gave_up))
        found: dict[str, dict[str, int]] = {}
        for slug, is_given_up, count in rows:
            found.setdefault(slug, {})["given_up" if is_given_up else "pending"] = count
    return {slug: LedgerCounts(**values) for slug, values in found.items()}


def _entry(row: RetryLedgerEntry) -> LedgerEntry:
    return LedgerEntry(row.outlet_slug, row.url, row.reason, row.attempts, row.first_failed_at, row.last_failed_at,
                       row.next_try_at, row.gave_up_at, row.last_run_id)
