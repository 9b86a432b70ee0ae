"""This daemon's place in the fleet: heartbeats, claiming due outlets, taking back the
outlets of dead daemons.

Every daemon (leader or not) runs one loop, every ``GUPRESS_DAEMON_HEARTBEAT`` seconds:

1. heartbeat (``daemons`` row: alive, how many crawls, leader or not);
2. reap: daemons silent for ``GUPRESS_DAEMON_DEAD_AFTER`` are dead, their claimed outlets go
   back on the board as due (any live daemon may do this; the UPDATE is idempotent);
3. claim due outlets up to ``GUPRESS_DAEMON_CONCURRENCY`` minus the crawls it is running, and
   start each in a thread that runs the crawl process and then clears the claim.

Only the leader's APScheduler marks outlets due (``storage.fleet.mark_due``), so there is one
clock; the work goes to whichever daemon has a free slot first. A daemon alone in the fleet
is woken by its own scheduler at once, so a single daemon starts crawls as soon as they fall due.
Each crawl also takes the outlet's crawl lease (``crawler.runlog``): even a daemon wrongly
declared dead cannot make two crawls of one outlet overlap.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from crawler.daemon.config import FleetSettings
from crawler.daemon.crawls import CrawlSupervisor
from crawler.daemon.dbretry import DB_ERRORS, DatabaseWatch
from storage import fleet, state
from storage.types import utcnow

log = logging.getLogger(__name__)


class FleetMember:
    def __init__(self, db, settings: FleetSettings, supervisor: CrawlSupervisor, outlets: list[str], *,
                 watch: DatabaseWatch, daemon_id: str | None = None, is_leader: Callable[[], bool] = lambda: False):
        self.db = db
        self.settings = settings
        self.supervisor = supervisor
        self.outlets = outlets
        self.watch = watch
        self.daemon_id = daemon_id or fleet.new_daemon_id()
        self.is_leader = is_leader
        self.registered = False
        self.alone = True  # until the first heartbeat counts the fleet
        self.last_heartbeat: float | None = None
        self.claims = 0  # outlets claimed, and the seconds from due to claim summed (/metrics)
        self.claim_delay_sum = 0.0
        self._active: set[str] = set()
        self._deferred: set[tuple[str, str]] = set()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()  # claim nothing more (heartbeats go on while crawls finish)
        self._exit = threading.Event()  # leave: the loop ends
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> "FleetMember":
        self._thread = threading.Thread(target=self._loop, name="fleet", daemon=True)
        self._thread.start()
        return self

    def stop_soon(self) -> None:
        """Claim nothing more (safe in a signal handler: sets events, waits for nothing)."""
        self._stop.set()
        self._wake.set()

    def retire(self) -> None:
        """After the crawls stopped: leave the fleet, handing back what is still claimed."""
        self.stop_soon()
        for thread in list(self._threads):
            thread.join(timeout=30)
        self._exit.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        if not self.registered:
            return
        try:
            handed = fleet.retire_daemon(self.db, daemon_id=self.daemon_id)
        except DB_ERRORS as exc:  # the others declare us dead after dead_after and take them back
            self.watch.failed("leaving the fleet", exc)
            return
        if handed:
            log.info("left the fleet; outlets handed back as due: %s", ", ".join(handed))

    def wake(self) -> None:
        """The leader's scheduler marked an outlet due: claim at once if nobody else would."""
        if self.alone:
            self._wake.set()

    def alive(self) -> bool:
        """This daemon's heartbeat is fresh: it may still start a crawl it claimed."""
        return self.last_heartbeat is not None and time.monotonic() - self.last_heartbeat < self.settings.dead_after

    def active(self) -> list[str]:
        with self._lock:
            return sorted(self._active)

    # --- the loop ------------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._exit.is_set():
            try:
                self._tick()
            except DB_ERRORS as exc:
                self.watch.failed("fleet heartbeat", exc)
            else:
                self.watch.answered()
            self._wake.wait(self.settings.heartbeat)
            self._wake.clear()

    def _tick(self) -> None:
        if not self.registered:
            fleet.register_daemon(self.db, daemon_id=self.daemon_id, concurrency=self.settings.concurrency)
            self.registered = True
            log.info("joined the fleet as %s (concurrency %s)", self.daemon_id, self.settings.concurrency)
        if not fleet.heartbeat(self.db, daemon_id=self.daemon_id, running=len(self.active()), leader=self.is_leader(),
                               concurrency=self.settings.concurrency):
            log.warning("the fleet had declared this daemon dead (no heartbeat for %gs) or forgotten it; "
                        "its claims went to others",
                        self.settings.dead_after)
        self.last_heartbeat = time.monotonic()
        for dead, outlets in fleet.reap_dead(self.db, dead_after=self.settings.dead_after).items():
            log.warning("daemon %s is dead (no heartbeat for %gs): outlets handed back as due: %s", dead,
                        self.settings.dead_after, ", ".join(outlets) or "none")
        self.alone = fleet.alive_count(self.db, dead_after=self.settings.dead_after) <= 1
        self._claim()

    def _claim(self) -> None:
        with self._lock:
            free = self.settings.concurrency - len(self._active)
        if self._stop.is_set() or self.supervisor.stopping.is_set():
            return
        for claim in fleet.claim_due(self.db, daemon_id=self.daemon_id, outlets=self.outlets, limit=free):
            if self._lease_busy(claim.outlet):
                fleet.defer_claim(self.db, daemon_id=self.daemon_id, outlet_slug=claim.outlet)
                continue
            delay = (claim.claimed_at - claim.due_at).total_seconds()
            self.claims, self.claim_delay_sum = self.claims + 1, self.claim_delay_sum + delay
            log.info("claimed %s (due %.2fs ago)", claim.outlet, delay)
            with self._lock:
                self._active.add(claim.outlet)
            thread = threading.Thread(target=self._crawl, args=(claim.outlet,), name=f"crawl {claim.outlet}")
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _lease_busy(self, outlet: str) -> bool:
        """Another crawl holds the outlet's lease (a manual crawl, or a dead daemon's crawl
        still closing): starting a process now would only end 'skipped_locked'."""
        lease = state.current_lease(self.db, outlet_slug=outlet)
        if lease is None or lease.expires_at < utcnow() or state.owner_is_dead_here(lease.owner):
            return False  # free, or takeable by the crawl's own acquire_lease
        if (outlet, lease.owner) not in self._deferred:  # once per holder, not once per heartbeat
            self._deferred.add((outlet, lease.owner))
            log.info("%s: claimed but its lease is held by %s; back on the board until it is free", outlet,
                     lease.owner)
        return True

    def _crawl(self, outlet: str) -> None:
        outcome = None
        try:
            outcome = self.supervisor.run(outlet)
        finally:
            if not self.supervisor.stopping.is_set():  # stopping: retire() hands the outlet back as due
                lost_race = outcome is not None and "skipped_locked" in outcome.statuses
                done = fleet.defer_claim if lost_race else fleet.finish_claim
                self.watch.retry(f"clearing the claim on {outlet}",
                                 lambda: done(self.db, daemon_id=self.daemon_id, outlet_slug=outlet),
                                 self.supervisor.stopping)
            with self._lock:
                self._active.discard(outlet)
            self._wake.set()  # a slot is free: look for more due work now
