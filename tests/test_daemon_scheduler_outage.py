"""The scheduler thread survives a job store that fails mid-round (OutageProofScheduler).

APScheduler 3.11 catches job-store errors only in ``get_due_jobs``; an ``update_job`` that meets a
database going away killed the daemon's scheduler thread with a traceback (seen in the outage drill
when PostgreSQL stopped between a job's submission and its update). No database is needed to show
it: a memory job store that fails exactly as the SQLAlchemy store does when the server goes away.
"""

from __future__ import annotations

import threading

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import OperationalError

from crawler.daemon.dbretry import DatabaseWatch
from crawler.daemon.service import OutageProofScheduler


class StoreLosingItsServer(MemoryJobStore):
    """Fails the first ``failures`` updates like a job store whose server is shutting down."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    def update_job(self, job):
        if self.failures > 0:
            self.failures -= 1
            raise OperationalError("UPDATE apscheduler_jobs", {}, Exception("the database system is shutting down"))
        return super().update_job(job)


def run_two_firings(scheduler: BackgroundScheduler) -> tuple[bool, bool, int]:
    """(both firings ran, thread alive after them, store failures left)."""
    fired = threading.Semaphore(0)
    scheduler.add_job(fired.release, "interval", seconds=0.2, id="tick")
    scheduler.start()
    try:
        both = fired.acquire(timeout=10) and fired.acquire(timeout=3)  # firings come every 0.2 s
        return both, scheduler._thread.is_alive(), scheduler._jobstores["default"].failures
    finally:
        scheduler.shutdown(wait=False)


def test_a_failed_job_update_is_reported_once_and_the_thread_keeps_scheduling(caplog):
    watch = DatabaseWatch(retry_max=1)
    scheduler = OutageProofScheduler(watch, jobstores={"default": StoreLosingItsServer(failures=1)},
                                     jobstore_retry_interval=0.2, timezone="UTC")
    both, alive, failures_left = run_two_firings(scheduler)
    assert failures_left == 0  # the failing update really happened
    assert both and alive
    assert watch.down and "shutting down" in watch.reason
    unreachable = [r for r in caplog.records if "database unreachable (job store" in r.getMessage()]
    assert len(unreachable) == 1


def test_plain_apscheduler_loses_its_thread_to_the_same_failure():
    """Why the subclass exists: the same store kills a plain BackgroundScheduler's thread."""
    scheduler = BackgroundScheduler(jobstores={"default": StoreLosingItsServer(failures=1)},
                                    jobstore_retry_interval=0.2, timezone="UTC")
    previous_hook = threading.excepthook
    threading.excepthook = lambda args: None  # the dying thread's traceback is the point, not noise
    try:
        both, alive, failures_left = run_two_firings(scheduler)
    finally:
        threading.excepthook = previous_hook
    assert failures_left == 0
    assert not alive and not both
