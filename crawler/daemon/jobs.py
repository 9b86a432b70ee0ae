"""APScheduler job functions. The job store pickles a reference to these functions and
their arguments (an outlet slug), so they are module-level and take only plain values; the
fleet member they use is installed by the running daemon.

The leader's job only marks the outlet due on the fleet's board; whichever daemon has a free
slot claims and crawls it (``crawler.daemon.fleet``). The name ``run_outlet_crawl`` is kept
so that jobs already in a job store keep working.
"""

from __future__ import annotations

import logging

from crawler.daemon.dbretry import DB_ERRORS
from storage import fleet

log = logging.getLogger(__name__)

_member = None  # crawler.daemon.fleet.FleetMember of the running daemon


def install(member) -> None:
    global _member
    _member = member


def job_id(outlet: str) -> str:
    return f"crawl:{outlet}"


def run_outlet_crawl(outlet: str) -> str:
    """Mark ``outlet`` due for the fleet; returns what happened (for APScheduler's events)."""
    if _member is None:
        raise RuntimeError("run_outlet_crawl needs a running gupress daemon in this process")
    try:
        marked = fleet.mark_due(_member.db, outlet_slug=outlet)
    except DB_ERRORS as exc:  # the leader's lock check notices the outage and stops scheduling
        _member.watch.failed(f"marking {outlet} due", exc)
        return "database_away"
    if not marked:
        log.info("%s: still due or still being crawled; this firing coalesces with it", outlet)
        return "coalesced"
    log.info("marked %s due", outlet)
    _member.wake()
    return "due"
