"""The daemon's life: open the archive, serve status, wait for the leader lock, close runs
left 'running' by dead processes, schedule one APScheduler job per outlet, and on
SIGTERM/SIGINT stop scheduling, let running crawls finish within the grace period,
terminate what is left, and release the lock.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
from datetime import timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config import redact_url
from crawler.daemon import jobs
from crawler.daemon.config import DaemonConfig
from crawler.daemon.crawls import CrawlSupervisor
from crawler.daemon.leader import leader_lock_for
from crawler.daemon.status_server import DaemonView, StatusServer
from storage import state
from storage.types import utcnow

log = logging.getLogger(__name__)

JOB_TABLE = "apscheduler_jobs"


class Daemon:
    def __init__(self, db, config: DaemonConfig, outlets: list[str]) -> None:
        self.db = db
        self.config = config
        self.outlets = outlets
        self.stop_requested = threading.Event()
        self.role = "standby"
        self.supervisor = CrawlSupervisor(db, config, db.url)
        self.scheduler: BackgroundScheduler | None = None
        self.leader = leader_lock_for(db)

    # --- lifecycle ----------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame) -> None:
        log.info("received %s: stopping the scheduler", signal.Signals(signum).name)
        self.stop_requested.set()

    def run(self) -> int:
        """Blocks until a stop signal (0) or the loss of the leader lock (1)."""
        server = self._start_status_server()
        try:
            if not self._wait_for_leadership():
                return 0
            return self._lead()
        finally:
            self.leader.release()
            if server is not None:
                server.stop()
            log.info("daemon stopped")

    def _wait_for_leadership(self) -> bool:
        log.info("daemon for %s on %s: waiting for the leader lock", ", ".join(self.outlets), redact_url(self.db.url))
        announced = False
        while not self.stop_requested.is_set():
            if self.leader.try_acquire():
                self.role = "leader"
                log.info("leader lock acquired: scheduling")
                return True
            if not announced:
                log.info("another daemon is the leader; standing by (retry every %gs)", self.config.leader_poll)
                announced = True
            self.stop_requested.wait(self.config.leader_poll)
        return False

    def _lead(self) -> int:
        closed = state.close_stale_runs(self.db, lease_grace=self.config.lease_ttl)
        if closed:
            log.warning("closed %s crawl run(s) left 'running' by dead processes: %s", len(closed), closed)
        jobs.install(self.supervisor)
        self.scheduler = self._build_scheduler()
        self._schedule_outlets(self.scheduler)
        exit_code = 0
        while not self.stop_requested.wait(1.0):
            if not self.leader.still_held():
                log.error("lost the leader lock: stopping so that a standby can take over")
                exit_code = 1
                break
        self.role = "stopping"
        self._shutdown()
        return exit_code

    def _shutdown(self) -> None:
        self.scheduler.shutdown(wait=False)
        running = self.supervisor.running()
        if running:
            log.info("waiting up to %gs for running crawls to finish: %s", self.config.shutdown_grace,
                     ", ".join(running))
        self.supervisor.stop_all(self.config.shutdown_grace)
        self.supervisor.wait_idle(self.config.term_timeout + 10)
        jobs.install(None)

    # --- scheduling -----------------------------------------------------------------------

    def _build_scheduler(self) -> BackgroundScheduler:
        return BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.db.engine, tablename=JOB_TABLE)},
            executors={"default": ThreadPoolExecutor(max_workers=max(1, len(self.outlets)))},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": int(self.config.misfire_grace or self.config.interval / 2)},
            timezone="UTC",
        )

    def _schedule_outlets(self, scheduler: BackgroundScheduler) -> None:
        """One interval job per outlet. A job already in the store with the same interval
        keeps its next run time, so a restart does not crawl every outlet at once."""
        scheduler.start(paused=True)
        wanted = {jobs.job_id(o): o for o in self.outlets}
        for job in scheduler.get_jobs():
            if job.id.startswith("crawl:") and job.id not in wanted:
                log.info("removing job %s (outlet no longer configured)", job.id)
                job.remove()
        interval = timedelta(seconds=self.config.interval)
        for job_id, outlet in wanted.items():
            existing = scheduler.get_job(job_id)
            if existing is not None and getattr(existing.trigger, "interval", None) == interval \
                    and existing.next_run_time is not None:
                log.info("job %s kept; next run %s", job_id, existing.next_run_time.isoformat(timespec="seconds"))
                continue
            first = utcnow() + timedelta(seconds=random.uniform(0, min(self.config.jitter, self.config.interval)))
            scheduler.add_job(jobs.run_outlet_crawl, IntervalTrigger(seconds=self.config.interval,
                                                                      jitter=self.config.jitter or None),
                              args=[outlet], id=job_id, name=f"crawl {outlet}", replace_existing=True,
                              next_run_time=first)
            log.info("job %s: every %gs (jitter %gs), first run %s", job_id, self.config.interval,
                     self.config.jitter, first.isoformat(timespec="seconds"))
        scheduler.resume()

    # --- status ---------------------------------------------------------------------------

    def view(self) -> DaemonView:
        return DaemonView(self.db, outlets=self.outlets, role=lambda: self.role,
                          scheduler_running=lambda: bool(self.scheduler and self.scheduler.running),
                          running_crawls=self.supervisor.running)

    def _start_status_server(self) -> StatusServer | None:
        address = self.config.status_host_port
        if address is None:
            return None
        server = StatusServer(self.view(), *address).start()
        log.info("status endpoint on http://%s/healthz and /metrics", server.address)
        return server
