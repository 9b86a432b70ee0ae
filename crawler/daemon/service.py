"""The daemon's life: open the archive, serve status, join the fleet, contend for the leader
lock, close runs left 'running' by dead processes, schedule one APScheduler job per outlet,
and on SIGTERM/SIGINT stop scheduling and claiming, let running crawls finish within the
grace period, terminate what is left, leave the fleet and release the lock.

Several daemons on one database form a fleet (``crawler.daemon.fleet``): the leader's
scheduler marks outlets due, and every daemon, leader or standby, claims due outlets up to
its ``GUPRESS_DAEMON_CONCURRENCY`` and crawls them. A daemon that dies stops heartbeating and
the others hand its outlets back as due after ``GUPRESS_DAEMON_DEAD_AFTER``; a leader that
dies is replaced by a standby taking the lock.

A database outage is ridden out, never fatal: a standby retries the lock with backoff; a
leader whose lock connection dies (a PostgreSQL restart frees the advisory lock) stops its
scheduler at once, keeps supervising the crawls it started, and contends for the lock again
like a standby, so after the outage exactly one daemon leads. A crawl starts only while its
daemon's fleet heartbeat is fresh (``may_start``).
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
from crawler.daemon.dbretry import DB_ERRORS, DatabaseWatch, backoff_delays
from crawler.daemon.fleet import FleetMember
from crawler.daemon.leader import leader_lock_for
from crawler.daemon.status_server import DaemonView, StatusServer
from storage import state
from storage.types import utcnow

log = logging.getLogger(__name__)

JOB_TABLE = "apscheduler_jobs"
#: How often a leader checks its lock connection (and the scheduler thread).
LEADER_CHECK_SECONDS = 1.0


class OutageProofScheduler(BackgroundScheduler):
    """APScheduler 3.11 guards only ``get_due_jobs`` against job-store errors: when ``update_job`` or
    ``get_next_run_time`` meets a database going away, the exception kills the scheduler thread and prints a
    traceback. Here an outage is expected, so the error goes to the daemon's :class:`DatabaseWatch` (one log
    line per change of state) and the loop wakes again after ``jobstore_retry_interval``. A job submitted just
    before its ``update_job`` failed is due again then; that firing coalesces with the crawl it started."""

    def __init__(self, watch: DatabaseWatch, **options) -> None:
        self._watch = watch
        super().__init__(**options)

    def _process_jobs(self):
        try:
            return super()._process_jobs()
        except DB_ERRORS as exc:
            self._watch.failed("job store", exc)
            return self.jobstore_retry_interval


class Daemon:
    def __init__(self, db, config: DaemonConfig, outlets: list[str]) -> None:
        self.db = db
        self.config = config
        self.outlets = outlets
        self.stop_requested = threading.Event()
        self.role = "standby"
        self.watch = DatabaseWatch(config.db_retry_max)
        self.leader = leader_lock_for(db)
        self.supervisor = CrawlSupervisor(db, config, db.url, watch=self.watch)
        self.member = FleetMember(db, config.fleet, self.supervisor, outlets, watch=self.watch,
                                  is_leader=lambda: self.role == "leader")
        self.supervisor.may_start = self.member.alive
        self.supervisor.daemon_id = self.member.daemon_id
        self.scheduler: BackgroundScheduler | None = None
        self._retry_delays = backoff_delays(config.db_retry_max)

    # --- lifecycle ----------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame) -> None:
        log.info("received %s: stopping the scheduler", signal.Signals(signum).name)
        self.stop_requested.set()
        self.member.stop_soon()  # claim nothing more from now on

    def run(self) -> int:
        """Blocks until a stop signal; 0 then. Losing the leader lock (a database outage)
        is not an exit: the daemon stands by and contends again."""
        server = self._start_status_server()
        self.member.start()
        try:
            while not self.stop_requested.is_set() and self._wait_for_leadership():
                self._lead()
            return 0
        finally:
            self.role = "stopping"
            self._shutdown()
            self.leader.release()
            if server is not None:
                server.stop()
            log.info("daemon stopped")

    def _wait_for_leadership(self) -> bool:
        """True once the lock is held, False when asked to stop first."""
        log.info("daemon for %s on %s: waiting for the leader lock", ", ".join(self.outlets), redact_url(self.db.url))
        announced = False
        delays = None
        while not self.stop_requested.is_set():
            try:
                got = self.leader.try_acquire()
            except DB_ERRORS as exc:
                self.watch.failed("leader lock attempt", exc)
                delays = delays or backoff_delays(self.config.db_retry_max)
                self.stop_requested.wait(next(delays))
                continue
            self.watch.answered()
            delays = None
            if got:
                log.info("leader lock acquired: scheduling")
                return True
            if not announced:
                log.info("another daemon is the leader; standing by (retry every %gs)", self.config.leader_poll)
                announced = True
            self.stop_requested.wait(self.config.leader_poll)
        return False

    def _lead(self) -> None:
        """Schedule while the lock is held; return on a stop request or when the lock (or
        the scheduler) is lost, with scheduling stopped and the lock released."""
        try:
            self._start_scheduling()
        except DB_ERRORS as exc:
            self.watch.failed("starting the scheduler", exc)
            self._stop_scheduling()
            self.leader.release()
            self.stop_requested.wait(next(self._retry_delays))
            return
        self._retry_delays = backoff_delays(self.config.db_retry_max)
        self.role = "leader"
        while not self.stop_requested.wait(LEADER_CHECK_SECONDS):
            if not self.leader.still_held():
                if self.leader.lost_because is not None:
                    self.watch.failed("leader lock check", self.leader.lost_because)
                log.error("lost the leader lock: scheduling stopped, running crawls stay supervised; "
                          "contending for the lock again")
                break
            if not self._scheduler_alive():
                log.error("the scheduler thread died: restarting it")
                break
            self.watch.answered()
        if not self.stop_requested.is_set():
            self.role = "standby"
            self._stop_scheduling()
            self.leader.release()

    def _start_scheduling(self) -> None:
        closed = state.close_stale_runs(self.db, lease_grace=self.config.lease_ttl)
        if closed:
            log.warning("closed %s crawl run(s) left 'running' by dead processes: %s", len(closed), closed)
        jobs.install(self.member)
        self.scheduler = self._build_scheduler()
        self._schedule_outlets(self.scheduler)

    def _stop_scheduling(self) -> None:
        """Stop firing jobs; crawls already running go on under the supervisor."""
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None and scheduler.running:
            try:
                scheduler.shutdown(wait=False)
            except DB_ERRORS:  # the job store's shutdown touches nothing we need
                log.debug("scheduler shutdown with the database away", exc_info=True)

    def _scheduler_alive(self) -> bool:
        """APScheduler 3.11 lets an error of the job store escape its main loop when it comes
        from ``update_job``/``get_next_run_time`` (only ``get_due_jobs`` is guarded): the
        thread dies while ``running`` stays True."""
        scheduler = self.scheduler
        if scheduler is None or not scheduler.running:
            return False
        thread = getattr(scheduler, "_thread", None)
        return thread is None or thread.is_alive()

    def _shutdown(self) -> None:
        self.member.stop_soon()
        self._stop_scheduling()
        running = self.supervisor.running()
        if running:
            log.info("waiting up to %gs for running crawls to finish: %s", self.config.shutdown_grace,
                     ", ".join(running))
        self.supervisor.stop_all(self.config.shutdown_grace)
        self.supervisor.wait_idle(self.config.term_timeout + 10)
        self.member.retire()
        jobs.install(None)

    # --- scheduling -----------------------------------------------------------------------

    def _build_scheduler(self) -> BackgroundScheduler:
        return OutageProofScheduler(
            self.watch,
            jobstore_retry_interval=min(10.0, self.config.db_retry_max),
            jobstores={"default": SQLAlchemyJobStore(engine=self.db.engine, tablename=JOB_TABLE)},
            executors={"default": ThreadPoolExecutor(max_workers=max(1, len(self.outlets)))},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": int(self.config.misfire_grace)},
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
                          scheduler_running=self._scheduler_alive, running_crawls=self.supervisor.running,
                          stopping=self.stop_requested.is_set, watch=self.watch, member=self.member)

    def _start_status_server(self) -> StatusServer | None:
        address = self.config.status_host_port
        if address is None:
            return None
        warning = self.config.check_status_exposure()
        server = StatusServer(self.view(), *address).start()
        log.info("status endpoint on http://%s/healthz and /metrics", server.address)
        if warning:
            log.warning(warning)
        return server
