"""What ``gupress status`` prints and ``/metrics`` exports: per outlet, the last run, new
articles today, the last new article, and health (``crawler.daemon.health``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from crawler.daemon.health import HealthRules, OutletHealth, evaluate
from crawler.korean import KST
from storage import fleet, retry_ledger, state
from storage.types import utcnow

HISTORY_RUNS = 20


@dataclass
class OutletReport:
    outlet: str
    last_run: dict[str, Any] | None
    new_today: int
    last_new_article_at: datetime | None
    health: OutletHealth
    #: Retry ledger: article URLs still owed (waiting for their next try) and given up.
    retry_pending: int = 0
    retry_given_up: int = 0

    def as_dict(self) -> dict[str, Any]:
        run = self.last_run or {}
        return {
            "outlet": self.outlet,
            "last_run_id": run.get("id"),
            "last_run_started_at": _iso(run.get("started_at")),
            "last_run_status": run.get("status"),
            "last_run_exit_reason": run.get("exit_reason"),
            "last_run_host": run.get("hostname"),
            "last_run_daemon": run.get("daemon_id"),
            "new_today": self.new_today,
            "last_new_article_at": _iso(self.last_new_article_at),
            "healthy": self.health.healthy,
            "problems": self.health.reasons,
            "details": self.health.details,
            "retry_pending": self.retry_pending,
            "retry_given_up": self.retry_given_up,
        }


def outlet_reports(db, outlets: list[str] | None = None, *, now: datetime | None = None,
                   rules: HealthRules | None = None) -> list[OutletReport]:
    """One report per outlet: the given ones, or every outlet the archive knows."""
    now = now or utcnow()
    rules = rules or HealthRules.from_env()
    names = sorted(set(outlets or []) or set(state.outlet_slugs(db)))
    states = state.outlet_states(db)
    midnight = datetime.combine(now.astimezone(KST).date(), time.min, KST)
    new_today = state.new_articles_since(db, since=midnight)
    ledger = retry_ledger.counts_by_outlet(db)
    reports = []
    for name in names:
        runs = state.run_history(db, outlet_slug=name, limit=HISTORY_RUNS)
        outlet_state = states.get(name)
        last_new = outlet_state.last_new_article_at if outlet_state else None
        health = evaluate(name, runs, last_new_article_at=last_new, now=now, rules=rules)
        owed = ledger.get(name, retry_ledger.LedgerCounts())
        reports.append(OutletReport(name, runs[0] if runs else None, new_today.get(name, 0), last_new, health,
                                    owed.pending, owed.given_up))
    return reports


def fleet_daemons(db, dead_after: float) -> list[fleet.DaemonInfo] | None:
    """The daemons of the fleet that have not stopped (``alive`` says whose heartbeat is
    fresh); None when the archive predates the fleet tables (revision 0008) or is away."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return fleet.daemons(db, dead_after=dead_after)
    except SQLAlchemyError:
        return None


def ran_on(run: dict[str, Any] | None) -> str:
    """Where a run ran: the daemon's id (``host:pid:token``), else the host of a manual crawl."""
    if not run:
        return "-"
    return run.get("daemon_id") or run.get("hostname") or "-"


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(KST).isoformat(timespec="seconds") if value else None


def ago(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "never"
    seconds = max(0, int((now - value).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return f"{seconds} s ago"
