"""Crawl-state repository: what incremental crawls, leases, backfill cursors, the daemon and
``gupress status`` read and write. Same shape as ``storage.repository``: keyword arguments,
one transaction per call, plain values out.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, literal, select, union_all, update
from sqlalchemy.exc import IntegrityError

from storage.models import (
    Article,
    BackfillCursor,
    CrawlLease,
    CrawlRun,
    CrawlRunStats,
    Outlet,
    OutletState,
    RejectedItem,
)
from storage.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from storage.db import Database

RUN_STAT_FIELDS = ("list_pages", "links_found", "links_skipped", "revisits", "not_modified", "requests",
                   "items_outside_window")
OK_STATUSES = frozenset({"finished", "finished_with_errors"})


# --- what a list page already knows ---------------------------------------------------


@dataclass(frozen=True)
class KnownUrl:
    """What the archive knows of one URL seen on a list page."""

    url: str
    kind: str  # "archived" | "rejected"
    published_at: datetime | None
    first_seen_at: datetime
    last_checked_at: datetime
    etag: str | None = None
    last_modified: str | None = None


def known_urls(db: Database, urls: list[str]) -> dict[str, KnownUrl]:
    """Archived articles and previously rejected pages among ``urls``, in ONE query, so the
    cost of a list page does not depend on the archive's size (both columns are indexed)."""
    if not urls:
        return {}
    when = UTCDateTime()
    archived = select(Article.canonical_url.label("url"), literal("archived").label("kind"),
                      Article.published_at, Article.first_seen_at,
                      func.coalesce(Article.last_checked_at, Article.last_seen_at).label("checked"),
                      Article.etag, Article.last_modified).where(Article.canonical_url.in_(urls))
    rejected = select(RejectedItem.url, literal("rejected"), literal(None, type_=when),
                      func.min(RejectedItem.created_at), func.max(RejectedItem.created_at),
                      literal(None), literal(None)).where(RejectedItem.url.in_(urls)).group_by(RejectedItem.url)
    found: dict[str, KnownUrl] = {}
    with db.session() as session:
        for row in session.execute(union_all(archived, rejected)):
            url, kind, published, first_seen, checked, etag, modified = row
            if kind == "rejected" and url in found:
                continue  # archived wins over an old rejection of the same URL
            found[url] = KnownUrl(url, kind, _aware(published), _aware(first_seen), _aware(checked), etag, modified)
    return found


def recent_articles(db: Database, *, outlet_slug: str, since: datetime, limit: int) -> list[KnownUrl]:
    """Archived articles of one outlet published (or first seen) since ``since``, least
    recently checked first: the candidates for a revisit, however deep in the list pages they
    have sunk. Bounded by the revisit horizon and ``limit``, not by the archive's size."""
    checked = func.coalesce(Article.last_checked_at, Article.last_seen_at)
    query = (select(Article.canonical_url, Article.published_at, Article.first_seen_at, checked,
                    Article.etag, Article.last_modified)
             .join(Outlet, Outlet.id == Article.outlet_id)
             .where(Outlet.slug == outlet_slug, (Article.published_at >= since) | (Article.first_seen_at >= since))
             .order_by(checked).limit(limit))
    with db.session() as session:
        return [KnownUrl(url, "archived", published, first_seen, last_checked, etag, modified)
                for url, published, first_seen, last_checked, etag, modified in session.execute(query)]


def mark_checked(db: Database, *, canonical_url: str, when: datetime | None = None) -> bool:
    """A revisit answered 304 Not Modified: the article was checked, nothing else changed."""
    now = when or utcnow()
    with db.session() as session:
        result = session.execute(update(Article).where(Article.canonical_url == canonical_url)
                                 .values(last_checked_at=now, last_seen_at=now))
        return result.rowcount == 1


def _aware(value):
    """Raw values from a UNION bypass the column type on SQLite; re-attach UTC there."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None) if isinstance(value, datetime) else value


# --- leases ---------------------------------------------------------------------------


def lease_owner_id(token: str) -> str:
    """``host:pid:token``: enough to tell whose lease it is and whether that process lives."""
    return f"{socket.gethostname()}:{os.getpid()}:{token}"


@dataclass(frozen=True)
class LeaseResult:
    acquired: bool
    holder: str | None = None
    expires_at: datetime | None = None
    #: The run whose expired or orphaned lease was taken over (its row may still say 'running').
    taken_from_run: int | None = None


def acquire_lease(db: Database, *, outlet_slug: str, owner: str, ttl: float, run_id: int | None = None) -> LeaseResult:
    """Take the outlet's crawl lease unless a live crawl holds it.

    Atomic on both backends: a conditional UPDATE takes an expired (or dead-on-this-host)
    lease, an INSERT takes a free one, and the primary key turns a racing second INSERT into
    an IntegrityError. Whoever loses gets ``acquired=False`` and the holder's id.
    """
    now = utcnow()
    expires = now + timedelta(seconds=ttl)
    holder = current_lease(db, outlet_slug=outlet_slug)
    takeable = [owner]
    if holder is not None and owner_is_dead_here(holder.owner):
        takeable.append(holder.owner)
    with db.session() as session:
        taken = session.execute(
            update(CrawlLease).where(CrawlLease.outlet_slug == outlet_slug,
                                     (CrawlLease.expires_at < now) | CrawlLease.owner.in_(takeable))
            .values(owner=owner, run_id=run_id, acquired_at=now, expires_at=expires)).rowcount
    if taken == 1:
        previous = holder.run_id if holder is not None and holder.owner != owner else None
        return LeaseResult(True, owner, expires, previous)
    try:
        with db.session() as session:
            session.add(CrawlLease(outlet_slug=outlet_slug, owner=owner, run_id=run_id, acquired_at=now,
                                   expires_at=expires))
        return LeaseResult(True, owner, expires)
    except IntegrityError:
        holder = current_lease(db, outlet_slug=outlet_slug)
        return LeaseResult(False, holder.owner if holder else None, holder.expires_at if holder else None)


def renew_lease(db: Database, *, outlet_slug: str, owner: str, ttl: float) -> bool:
    """Push the expiry forward; False means the lease was lost (expired and taken over)."""
    with db.session() as session:
        return session.execute(
            update(CrawlLease).where(CrawlLease.outlet_slug == outlet_slug, CrawlLease.owner == owner)
            .values(expires_at=utcnow() + timedelta(seconds=ttl))).rowcount == 1


def release_lease(db: Database, *, outlet_slug: str, owner: str) -> bool:
    with db.session() as session:
        return session.execute(delete(CrawlLease).where(CrawlLease.outlet_slug == outlet_slug,
                                                        CrawlLease.owner == owner)).rowcount == 1


def release_leases_of_run(db: Database, *, run_id: int) -> int:
    """Free the lease of a crawl the daemon had to kill (it could not release it itself)."""
    with db.session() as session:
        return session.execute(delete(CrawlLease).where(CrawlLease.run_id == run_id)).rowcount


def current_lease(db: Database, *, outlet_slug: str) -> CrawlLease | None:
    with db.session() as session:
        return session.get(CrawlLease, outlet_slug)


def owner_is_dead_here(owner: str) -> bool:
    """The lease's process ran on this host and is gone: its lease may be taken at once."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    return host == socket.gethostname() and pid.isdigit() and not pid_alive(int(pid))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- crawl runs: stats, outcomes, orphans ----------------------------------------------


def save_run_stats(db: Database, *, run_id: int, stats: dict[str, int], lease_owner: str | None = None) -> None:
    with db.session() as session:
        row = session.get(CrawlRunStats, run_id) or CrawlRunStats(crawl_run_id=run_id)
        for name in RUN_STAT_FIELDS:
            setattr(row, name, int(stats.get(name, 0)))
        row.lease_owner = lease_owner
        session.add(row)


def record_run_outcome(db: Database, *, run_id: int) -> None:
    """Fold a closed run into ``outlet_state`` (last run, last success, last new article)."""
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            return
        state = session.get(OutletState, run.outlet_slug) or OutletState(outlet_slug=run.outlet_slug)
        state.last_run_id, state.last_run_status = run.id, run.status
        state.last_run_at = run.finished_at or utcnow()
        if run.status in OK_STATUSES:
            state.last_success_at = state.last_run_at
        if run.items_new:
            state.last_new_article_at = state.last_run_at
        state.updated_at = utcnow()
        session.add(state)


def close_run(db: Database, *, run_id: int, status: str, exit_reason: str) -> bool:
    """Close a run its own process could not close (killed, vanished); no-op if already closed."""
    with db.session() as session:
        closed = session.execute(update(CrawlRun).where(CrawlRun.id == run_id, CrawlRun.status == "running")
                                 .values(status=status, exit_reason=exit_reason[:200], finished_at=utcnow())).rowcount
    if closed:
        release_leases_of_run(db, run_id=run_id)
        record_run_outcome(db, run_id=run_id)
    return bool(closed)


def append_exit_reason(db: Database, *, run_id: int, note: str) -> None:
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        if run is not None:
            run.exit_reason = f"{run.exit_reason}; {note}"[:200] if run.exit_reason else note[:200]


def runs_of_process(db: Database, *, hostname: str, pid: int, since: datetime | None = None) -> list[CrawlRun]:
    with db.session() as session:
        query = select(CrawlRun).where(CrawlRun.hostname == hostname, CrawlRun.pid == pid)
        if since is not None:
            query = query.where(CrawlRun.started_at >= since)
        return list(session.scalars(query.order_by(CrawlRun.id)))


def close_stale_runs(db: Database, *, lease_grace: float) -> list[int]:
    """Close 'running' rows whose process is gone: on this host a dead pid, elsewhere a run
    older than ``lease_grace`` seconds that no live lease backs. Returns the closed ids."""
    host, now = socket.gethostname(), utcnow()
    with db.session() as session:
        running = list(session.execute(select(CrawlRun.id, CrawlRun.hostname, CrawlRun.pid, CrawlRun.started_at)
                                       .where(CrawlRun.status == "running")))
        leased = set(session.scalars(select(CrawlLease.run_id).where(CrawlLease.expires_at >= now)))
    stale = []
    for run_id, run_host, pid, started in running:
        if run_host == host and pid:
            dead = not pid_alive(pid)
        else:
            dead = run_id not in leased and started < now - timedelta(seconds=lease_grace)
        if dead and close_run(db, run_id=run_id, status="abandoned", exit_reason="process vanished; closed at daemon start"):
            stale.append(run_id)
    return stale


# --- backfill cursors -------------------------------------------------------------------


def get_cursor(db: Database, *, outlet_slug: str, entry_point: str) -> BackfillCursor | None:
    with db.session() as session:
        return session.get(BackfillCursor, (outlet_slug, entry_point))


def save_cursor(db: Database, *, outlet_slug: str, entry_point: str, window: str, page: int, page_url: str) -> None:
    """Remember that list page ``page`` (at ``page_url``) is the one being worked on; a
    restart begins there (its already-stored articles are skipped as known)."""
    with db.session() as session:
        cursor = session.get(BackfillCursor, (outlet_slug, entry_point))
        if cursor is None:
            cursor = BackfillCursor(outlet_slug=outlet_slug, entry_point=entry_point, pages_done=0)
            session.add(cursor)
        cursor.window, cursor.page, cursor.page_url = window, page, page_url
        cursor.pages_done = max(page - 1, cursor.pages_done or 0)
        cursor.updated_at, cursor.completed_at = utcnow(), None


def complete_cursor(db: Database, *, outlet_slug: str, entry_point: str, pages_done: int) -> None:
    with db.session() as session:
        cursor = session.get(BackfillCursor, (outlet_slug, entry_point))
        if cursor is not None:
            cursor.completed_at = cursor.updated_at = utcnow()
            cursor.pages_done = max(pages_done, cursor.pages_done or 0)


def reset_cursors(db: Database, *, outlet_slug: str) -> int:
    with db.session() as session:
        return session.execute(delete(BackfillCursor).where(BackfillCursor.outlet_slug == outlet_slug)).rowcount


def list_cursors(db: Database, *, outlet_slug: str) -> list[BackfillCursor]:
    with db.session() as session:
        return list(session.scalars(select(BackfillCursor).where(BackfillCursor.outlet_slug == outlet_slug)))


# --- status -------------------------------------------------------------------------------


def run_history(db: Database, *, outlet_slug: str, limit: int = 20) -> list[dict[str, Any]]:
    """The outlet's latest runs (newest first) with their crawl-control stats, as dicts."""
    with db.session() as session:
        rows = session.execute(select(CrawlRun, CrawlRunStats).outerjoin(
            CrawlRunStats, CrawlRunStats.crawl_run_id == CrawlRun.id)
            .where(CrawlRun.outlet_slug == outlet_slug).order_by(CrawlRun.id.desc()).limit(limit))
        return [_run_dict(run, stats) for run, stats in rows]


def _run_dict(run: CrawlRun, stats: CrawlRunStats | None) -> dict[str, Any]:
    data = {c: getattr(run, c) for c in ("id", "outlet_slug", "mode", "trigger", "started_at", "finished_at",
                                         "status", "exit_reason", "pages_fetched", "responses_304", "items_new",
                                         "items_revised", "items_unchanged", "items_duplicate",
                                         "items_rejected", "errors", "pid", "hostname", "daemon_id")}
    data["fallback_counts"] = dict(run.fallback_counts or {})
    for name in RUN_STAT_FIELDS:
        data[name] = getattr(stats, name) if stats is not None else None
    return data


def outlet_slugs(db: Database) -> list[str]:
    with db.session() as session:
        slugs = set(session.scalars(select(Outlet.slug))) | set(session.scalars(select(OutletState.outlet_slug)))
        return sorted(slugs)


def outlet_states(db: Database) -> dict[str, OutletState]:
    with db.session() as session:
        return {s.outlet_slug: s for s in session.scalars(select(OutletState))}


def new_articles_since(db: Database, *, since: datetime) -> dict[str, int]:
    """Articles first seen since ``since``, per outlet slug."""
    with db.session() as session:
        rows = session.execute(select(Outlet.slug, func.count(Article.id)).join(Article, Article.outlet_id == Outlet.id)
                               .where(Article.first_seen_at >= since).group_by(Outlet.slug))
        return {slug: count for slug, count in rows}


def run_totals(db: Database) -> list[dict[str, Any]]:
    """Per outlet and status: runs and summed counters (for Prometheus counters)."""
    with db.session() as session:
        rows = session.execute(select(CrawlRun.outlet_slug, CrawlRun.status, func.count(CrawlRun.id),
                                      func.sum(CrawlRun.items_new), func.sum(CrawlRun.items_revised),
                                      func.sum(CrawlRun.items_unchanged), func.sum(CrawlRun.items_rejected),
                                      func.sum(CrawlRun.errors), func.sum(CrawlRun.pages_fetched),
                                      func.sum(CrawlRun.responses_304))
                               .group_by(CrawlRun.outlet_slug, CrawlRun.status))
        keys = ("outlet", "status", "runs", "items_new", "items_revised", "items_unchanged", "items_rejected",
                "errors", "pages_fetched", "responses_304")
        return [{k: (v or 0) if k not in ("outlet", "status") else v for k, v in zip(keys, row)} for row in rows]


def database_reachable(db: Database) -> bool:
    try:
        with db.session() as session:
            session.execute(select(literal(1)))
        return True
    except Exception:  # any driver error means "not reachable" to a health check
        return False
