"""The daemon fleet's shared state: heartbeats (``daemons``) and the work board
(``crawl_dispatch``). Several ``gupress daemon`` processes on one database share the
scheduled crawls through these calls; every write is one conditional statement, so two
daemons racing for the same row cannot both win (on PostgreSQL and on SQLite alike).

- the leader's scheduler marks an outlet due (:func:`mark_due`);
- any live daemon with a free slot claims due outlets (:func:`claim_due`), one row each;
- the crawl ends and its daemon clears the claim (:func:`finish_claim`);
- a daemon whose heartbeat is older than ``dead_after`` is dead: the next live daemon's
  :func:`reap_dead` puts its claimed outlets back as due, so another daemon crawls them.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from storage.models import CrawlDispatch, DaemonMember
from storage.types import utcnow

if TYPE_CHECKING:
    from storage.db import Database

#: Rows of stopped daemons are kept this long (for ``gupress status``), then deleted.
FORGET_STOPPED_AFTER = timedelta(days=7)


def new_daemon_id() -> str:
    """``host:pid:token``: readable in ``gupress status``, unique even when a pid is reused."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Claim:
    outlet: str
    due_at: datetime
    claimed_at: datetime


@dataclass(frozen=True)
class DaemonInfo:
    id: str
    hostname: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    concurrency: int
    running: int
    leader: bool
    alive: bool


# --- heartbeats --------------------------------------------------------------------------


def register_daemon(db: Database, *, daemon_id: str, concurrency: int) -> None:
    now = utcnow()
    with db.session() as session:
        session.add(DaemonMember(id=daemon_id, hostname=socket.gethostname(), pid=os.getpid(), started_at=now,
                                 heartbeat_at=now, concurrency=concurrency, running=0, leader=False))


def heartbeat(db: Database, *, daemon_id: str, running: int, leader: bool, concurrency: int = 1) -> bool:
    """Say this daemon lives. False when the fleet had declared it dead meanwhile (its
    claims were handed to others; it lives on and claims afresh), or had forgotten it (its
    row is written again)."""
    with db.session() as session:
        member = session.get(DaemonMember, daemon_id)
        if member is None:
            now = utcnow()
            session.add(DaemonMember(id=daemon_id, hostname=socket.gethostname(), pid=os.getpid(), started_at=now,
                                     heartbeat_at=now, concurrency=concurrency, running=running, leader=leader))
            return False
        revived = member.stopped_at is not None
        member.heartbeat_at, member.running, member.leader, member.stopped_at = utcnow(), running, leader, None
        return not revived


def retire_daemon(db: Database, *, daemon_id: str) -> list[str]:
    """A clean stop: mark the daemon stopped and put the outlets it still holds back as due
    (their crawls were stopped with it), so another daemon picks them up at once."""
    released = _release_claims(db, [daemon_id])
    with db.session() as session:
        session.execute(update(DaemonMember).where(DaemonMember.id == daemon_id)
                        .values(stopped_at=utcnow(), running=0, leader=False))
    return released


def reap_dead(db: Database, *, dead_after: float) -> dict[str, list[str]]:
    """Daemons silent for ``dead_after`` seconds are dead: mark them stopped and put their
    claimed outlets back as due. Returns {dead daemon: outlets handed back}."""
    cutoff = utcnow() - timedelta(seconds=dead_after)
    with db.session() as session:
        session.execute(delete(DaemonMember).where(DaemonMember.stopped_at < utcnow() - FORGET_STOPPED_AFTER))
        dead = list(session.scalars(select(DaemonMember.id).where(DaemonMember.stopped_at.is_(None),
                                                                  DaemonMember.heartbeat_at < cutoff)))
        if dead:
            session.execute(update(DaemonMember).where(DaemonMember.id.in_(dead), DaemonMember.heartbeat_at < cutoff)
                            .values(stopped_at=utcnow(), running=0, leader=False))
    if not dead:
        return {}
    with db.session() as session:
        held = list(session.execute(select(CrawlDispatch.claimed_by, CrawlDispatch.outlet_slug)
                                    .where(CrawlDispatch.claimed_by.in_(dead))))
    _release_claims(db, dead)
    handed: dict[str, list[str]] = {d: [] for d in dead}
    for owner, outlet in held:
        handed[owner].append(outlet)
    return handed


def daemons(db: Database, *, dead_after: float, include_stopped: bool = False) -> list[DaemonInfo]:
    """The fleet as the database knows it; ``alive`` = heartbeat within ``dead_after``."""
    cutoff = utcnow() - timedelta(seconds=dead_after)
    query = select(DaemonMember).order_by(DaemonMember.started_at)
    if not include_stopped:
        query = query.where(DaemonMember.stopped_at.is_(None))
    with db.session() as session:
        return [DaemonInfo(m.id, m.hostname, m.pid, m.started_at, m.heartbeat_at, m.stopped_at, m.concurrency,
                           m.running, m.leader, m.stopped_at is None and m.heartbeat_at >= cutoff)
                for m in session.scalars(query)]


def alive_count(db: Database, *, dead_after: float) -> int:
    cutoff = utcnow() - timedelta(seconds=dead_after)
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(DaemonMember)
                              .where(DaemonMember.stopped_at.is_(None), DaemonMember.heartbeat_at >= cutoff)) or 0


# --- the work board -------------------------------------------------------------------------


def mark_due(db: Database, *, outlet_slug: str) -> bool:
    """The leader's scheduler fired for ``outlet_slug``. False when the outlet is still due
    (not yet claimed: the firings coalesce) or its crawl is still running (skipped, as one
    APScheduler instance would skip it)."""
    now = utcnow()
    with db.session() as session:
        marked = session.execute(update(CrawlDispatch).where(CrawlDispatch.outlet_slug == outlet_slug,
                                                             CrawlDispatch.due_at.is_(None),
                                                             CrawlDispatch.claimed_by.is_(None))
                                 .values(due_at=now)).rowcount
        if marked or session.get(CrawlDispatch, outlet_slug) is not None:
            return bool(marked)
    try:
        with db.session() as session:
            session.add(CrawlDispatch(outlet_slug=outlet_slug, due_at=now))
        return True
    except IntegrityError:  # another leader's firing inserted it first
        return False


def claim_due(db: Database, *, daemon_id: str, outlets: list[str], limit: int) -> list[Claim]:
    """Claim up to ``limit`` due outlets among ``outlets``, oldest due first. Each claim is
    a conditional UPDATE (still due, still unclaimed): of daemons racing for one outlet,
    exactly one gets rowcount 1."""
    if limit <= 0 or not outlets:
        return []
    with db.session() as session:
        due = list(session.execute(select(CrawlDispatch.outlet_slug, CrawlDispatch.due_at)
                                   .where(CrawlDispatch.outlet_slug.in_(outlets), CrawlDispatch.due_at.is_not(None),
                                          CrawlDispatch.claimed_by.is_(None))
                                   .order_by(CrawlDispatch.due_at).limit(limit)))
    claims = []
    for outlet, due_at in due:
        now = utcnow()
        with db.session() as session:
            won = session.execute(update(CrawlDispatch).where(CrawlDispatch.outlet_slug == outlet,
                                                              CrawlDispatch.due_at.is_not(None),
                                                              CrawlDispatch.claimed_by.is_(None))
                                  .values(claimed_by=daemon_id, claimed_at=now)).rowcount
        if won:
            claims.append(Claim(outlet, due_at, now))
    return claims


def finish_claim(db: Database, *, daemon_id: str, outlet_slug: str) -> bool:
    """The crawl ended: the outlet is free for its next due time. False when the claim had
    been handed to another daemon meanwhile (this one was thought dead)."""
    with db.session() as session:
        return session.execute(update(CrawlDispatch).where(CrawlDispatch.outlet_slug == outlet_slug,
                                                           CrawlDispatch.claimed_by == daemon_id)
                               .values(due_at=None, claimed_by=None, claimed_at=None)).rowcount == 1


def defer_claim(db: Database, *, daemon_id: str, outlet_slug: str) -> bool:
    """Put a claimed outlet back as due (still first in line): its crawl could not start yet
    because another crawl holds the outlet's lease (e.g. the crawl of a dead daemon still
    closing). Any daemon retries it at its next heartbeat."""
    with db.session() as session:
        return session.execute(update(CrawlDispatch).where(CrawlDispatch.outlet_slug == outlet_slug,
                                                           CrawlDispatch.claimed_by == daemon_id)
                               .values(claimed_by=None, claimed_at=None)).rowcount == 1


def dispatch_board(db: Database) -> dict[str, CrawlDispatch]:
    with db.session() as session:
        return {row.outlet_slug: row for row in session.scalars(select(CrawlDispatch))}


def _release_claims(db: Database, owners: list[str]) -> list[str]:
    """Put the outlets claimed by ``owners`` back on the board; they keep the time they fell
    due, so they go first."""
    with db.session() as session:
        outlets = list(session.scalars(select(CrawlDispatch.outlet_slug).where(CrawlDispatch.claimed_by.in_(owners))))
        session.execute(update(CrawlDispatch).where(CrawlDispatch.claimed_by.in_(owners))
                        .values(claimed_by=None, claimed_at=None))
    return outlets
