"""Crawl subprocesses: one ``gupress crawl <outlet> --trigger schedule`` process per crawl
(the Twisted reactor cannot be restarted, and a crash or leak stays in the child).

A crawl that overruns ``GUPRESS_CRAWL_TIMEOUT``, or is still running when the daemon stops
and the shutdown grace has passed, gets SIGTERM (Scrapy closes the spider with reason
'shutdown', so its ``crawl_runs`` row ends 'interrupted'), then SIGKILL after
``GUPRESS_TERM_TIMEOUT``; a row left 'running' by a killed child is closed here as 'killed'.
Either way the row's ``exit_reason`` says what the daemon did.

Children start through ``crawler.daemon.child``, which arms a parent-death signal: a daemon
killed with SIGKILL leaves no crawl running unsupervised (each gets SIGTERM and ends
'interrupted'). Closing a row retries while the database is away (see ``dbretry``); a crawl
only starts while ``may_start()`` says this daemon's fleet heartbeat is fresh.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from crawler.config import DAEMON_ID_ENV
from crawler.daemon.config import PARENT_PID_ENV, DaemonConfig
from crawler.daemon.dbretry import DatabaseWatch
from storage import state
from storage.types import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOutcome:
    outlet: str
    returncode: int | None
    ended: str  # "exited" | "timeout" | "shutdown" | "not_started" | "stale_heartbeat"
    seconds: float
    statuses: tuple[str, ...] = ()


class CrawlSupervisor:
    def __init__(self, db, config: DaemonConfig, database_url: str, *, watch: DatabaseWatch | None = None,
                 may_start=lambda: True, daemon_id: str | None = None) -> None:
        self.db = db
        self.daemon_id = daemon_id
        self.config = config
        self.database_url = database_url
        self.watch = watch or DatabaseWatch(config.db_retry_max)
        self.may_start = may_start
        self.stopping = threading.Event()
        self._running: dict[str, subprocess.Popen] = {}
        self._why: dict[int, str] = {}
        self._lock = threading.Condition()

    def command(self, outlet: str) -> list[str]:
        return [sys.executable, "-m", "crawler.daemon.child", "crawl", outlet, "--trigger", "schedule",
                *self.config.crawl_args]

    def child_env(self) -> dict[str, str]:
        env = {**os.environ, PARENT_PID_ENV: str(os.getpid())}
        if self.daemon_id:
            env[DAEMON_ID_ENV] = self.daemon_id  # the crawl's row names the daemon that ran it
        return env

    def running(self) -> dict[str, int]:
        with self._lock:
            return {outlet: proc.pid for outlet, proc in self._running.items()}

    def run(self, outlet: str) -> CrawlOutcome:
        """Run one crawl to its end (blocking: APScheduler's max_instances then really
        prevents overlap) and make sure its crawl_runs row is closed."""
        if self.stopping.is_set():
            return CrawlOutcome(outlet, None, "not_started", 0.0)
        started_at, began = utcnow(), time.monotonic()
        # The daemon may have lost touch with the fleet since it claimed the outlet (its claim
        # may be someone else's by now). Asked outside the lock /healthz reads running() through.
        if not self.may_start():
            log.warning("crawl of %s not started: this daemon's fleet heartbeat is stale", outlet)
            return CrawlOutcome(outlet, None, "stale_heartbeat", 0.0)
        with self._lock:
            if outlet in self._running:  # belt and braces; the lease would skip it anyway
                return CrawlOutcome(outlet, None, "not_started", 0.0)
            # The spawning thread waits for the child below, so the parent-death signal
            # (tied to this thread) fires only when the daemon process dies.
            proc = subprocess.Popen(self.command(outlet), start_new_session=True, env=self.child_env())
            self._running[outlet] = proc
        log.info("crawl of %s started (pid %s)", outlet, proc.pid)
        try:
            try:
                proc.wait(timeout=self.config.crawl_timeout)
            except subprocess.TimeoutExpired:
                self._why[proc.pid] = f"timeout after {self.config.crawl_timeout:g}s"
                self.terminate(proc)
        finally:
            with self._lock:
                self._running.pop(outlet, None)
                self._lock.notify_all()
        outcome = self._settle(outlet, proc, started_at, time.monotonic() - began)
        log.info("crawl of %s ended: %s, rc=%s, %.1fs, run status %s", outlet, outcome.ended, outcome.returncode,
                 outcome.seconds, ",".join(outcome.statuses) or "none")
        return outcome

    def terminate(self, proc: subprocess.Popen) -> None:
        """SIGTERM (graceful: the child closes its run as 'interrupted'), SIGKILL if it lingers."""
        if proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=self.config.term_timeout)
        except subprocess.TimeoutExpired:
            self._why[proc.pid] = self._why.get(proc.pid, "terminated") + "; SIGKILL"
            proc.kill()
            proc.wait()

    def _settle(self, outlet: str, proc: subprocess.Popen, started_at, seconds: float) -> CrawlOutcome:
        """Close the child's row if it left it 'running'; while the database is away this
        retries with backoff (until the daemon stops: then the next leader's start closes it)."""
        why = self._why.pop(proc.pid, None)

        def close_rows() -> list[str]:
            statuses = []
            for run in state.runs_of_process(self.db, hostname=socket.gethostname(), pid=proc.pid,
                                             since=started_at):
                if run.status == "running":
                    state.close_run(self.db, run_id=run.id, status="killed",
                                    exit_reason=f"daemon: {why or 'crawl process died'} (rc {proc.returncode})")
                    statuses.append("killed")
                else:
                    if why:
                        state.append_exit_reason(self.db, run_id=run.id, note=f"daemon: {why}")
                    statuses.append(run.status)
            return statuses

        statuses = self.watch.retry(f"closing the run of {outlet}", close_rows, self.stopping) or []
        ended = "exited" if why is None else ("timeout" if why.startswith("timeout") else "shutdown")
        return CrawlOutcome(outlet, proc.returncode, ended, seconds, tuple(statuses))

    def stop_all(self, grace: float) -> None:
        """No new crawls; let running ones finish within ``grace``, then terminate them."""
        self.stopping.set()
        deadline = time.monotonic() + grace
        with self._lock:
            while self._running and time.monotonic() < deadline:
                self._lock.wait(timeout=max(0.0, min(0.5, deadline - time.monotonic())))
            leftovers = list(self._running.values())
        for proc in leftovers:
            self._why[proc.pid] = f"daemon shutdown after {grace:g}s grace"
        threads = [threading.Thread(target=self.terminate, args=(p,)) for p in leftovers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def wait_idle(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._running and time.monotonic() < deadline:
                self._lock.wait(timeout=0.2)
            return not self._running
