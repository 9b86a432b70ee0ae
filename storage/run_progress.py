"""A running crawl's counters, written as it goes, so a run killed mid-way (SIGKILL, OOM,
power) leaves a ``crawl_runs`` row that says what it stored when the next run or the daemon
closes it as ``abandoned``.

Two writers, both cheap: the store (``storage.article_store``) bumps the item counter of the outcome inside
the article's own transaction (so ``items_new`` etc. can never disagree with the rows
stored), and the run recorder copies the other counters (pages, errors, rejects …) every
``GUPRESS_RUN_PROGRESS_SECONDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update

from storage.models import CrawlRun

if TYPE_CHECKING:
    from storage.db import Database

ITEM_OUTCOMES = ("new", "revised", "unchanged")
#: Runs that ended having walked what they meant to walk; any other previous run (killed,
#: abandoned, interrupted, failed, never closed) may have left articles unrequested.
WALK_COMPLETED = frozenset({"finished", "finished_with_errors", "unreachable"})


def save_progress(db: Database, *, run_id: int, counters: dict[str, int]) -> bool:
    """Copy a running run's counters to its row (never touches a row already closed)."""
    values = {name: int(value) for name, value in counters.items() if name not in {f"items_{o}" for o in ITEM_OUTCOMES}}
    with db.session() as session:
        return session.execute(update(CrawlRun).where(CrawlRun.id == run_id, CrawlRun.status == "running")
                               .values(**values)).rowcount == 1


def previous_run_status(db: Database, *, outlet_slug: str, before_run_id: int) -> str | None:
    """Status of the outlet's last run before this one (runs skipped for the lease ignored)."""
    with db.session() as session:
        return session.scalar(select(CrawlRun.status).where(CrawlRun.outlet_slug == outlet_slug,
                                                            CrawlRun.id < before_run_id,
                                                            CrawlRun.status != "skipped_locked")
                              .order_by(CrawlRun.id.desc()).limit(1))


def walk_was_cut_short(status: str | None) -> bool:
    """The previous run may have left articles of its list pages unrequested (or lost the
    record of failures it could not write), so this run walks every page up to the cap."""
    return status is not None and status not in WALK_COMPLETED
