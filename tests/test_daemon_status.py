"""The status endpoint's exposure (loopback unless GUPRESS_STATUS_ALLOW_REMOTE=true), the
/healthz states (ok, degraded, shutting_down), and the outage bookkeeping: capped backoff,
one log line per change of state, a started crawl refusing to start without the lock."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading

import pytest
from sqlalchemy.exc import OperationalError

from crawler.config import ConfigError
from crawler.daemon.config import PARENT_PID_ENV, DaemonConfig, is_loopback
from crawler.daemon.crawls import CrawlSupervisor
from crawler.daemon.dbretry import DatabaseWatch, backoff_delays
from crawler.daemon.status_server import DaemonView
from storage.db import Database, migrate
from tests.ops_support import SyntheticOutlet, query, spawn, wait_until
from tests.support import REPO
from tests.test_daemon import daemon_env, free_port
from tests.test_daemon_outage import health

OUTAGE = OperationalError("SELECT 1", {}, Exception("connection refused"))


@pytest.mark.parametrize("address", ["0.0.0.0:9410", "[::]:9410", "192.168.0.7:9410", "10.1.2.3:80"])
def test_a_non_loopback_status_address_is_refused_unless_allowed(address):
    with pytest.raises(ConfigError, match="GUPRESS_STATUS_ADDR.*GUPRESS_STATUS_ALLOW_REMOTE=true"):
        DaemonConfig.from_env({"GUPRESS_STATUS_ADDR": address}).check_status_exposure()
    allowed = DaemonConfig.from_env({"GUPRESS_STATUS_ADDR": address, "GUPRESS_STATUS_ALLOW_REMOTE": "true"})
    assert "unauthenticated" in allowed.check_status_exposure()


@pytest.mark.parametrize("address", ["127.0.0.1:9410", "127.0.0.5:1", "[::1]:9410", "localhost:9410", ":9410", "off"])
def test_loopback_status_addresses_need_no_permission(address):
    assert DaemonConfig.from_env({"GUPRESS_STATUS_ADDR": address}).check_status_exposure() is None


def test_is_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.168.1.1")
    assert not is_loopback("no-such-host.invalid")


def test_the_daemon_refuses_to_start_on_a_wildcard_address(sqlite_url):
    migrate(Database(sqlite_url))
    with SyntheticOutlet.build(1) as outlet:
        env = daemon_env(sqlite_url, outlet, 0, GUPRESS_STATUS_ADDR=f"0.0.0.0:{free_port()}")
        result = subprocess.run([sys.executable, "scheduler.py"], cwd=REPO, env=env, capture_output=True,
                                text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "GUPRESS_STATUS_ADDR=0.0.0.0:" in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert query(sqlite_url, "SELECT count(*) FROM crawl_runs")[0][0] == 0


def test_the_daemon_serves_a_wildcard_address_when_allowed_and_says_so(sqlite_url):
    migrate(Database(sqlite_url))
    port = free_port()
    with SyntheticOutlet.build(1) as outlet:
        env = daemon_env(sqlite_url, outlet, 0, GUPRESS_STATUS_ADDR=f"0.0.0.0:{port}",
                         GUPRESS_STATUS_ALLOW_REMOTE="true", GUPRESS_SCHEDULE_INTERVAL="3600")
        daemon = spawn("scheduler.py", env=env)
        try:
            wait_until(lambda: health(port)[0] == 200, timeout=30, message="healthz on 127.0.0.1 via 0.0.0.0")
            daemon.send_signal(signal.SIGTERM)
            output, _ = daemon.communicate(timeout=60)
        finally:
            if daemon.poll() is None:
                daemon.kill()
    assert daemon.returncode == 0
    assert f"/healthz and /metrics are served unauthenticated on 0.0.0.0:{port}" in output


def test_backoff_is_exponential_and_capped():
    delays = backoff_delays(3.0, first=0.25)
    assert [next(delays) for _ in range(7)] == [0.25, 0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(caplog):
    watch, stop, attempts = DatabaseWatch(retry_max=0.01), threading.Event(), []

    def flaky():
        attempts.append(1)
        if len(attempts) < 6:
            raise OUTAGE
        return "done"

    with caplog.at_level(logging.INFO, logger="crawler.daemon.dbretry"):
        assert watch.retry("closing a run", flaky, stop) == "done"
    messages = [r.getMessage() for r in caplog.records]
    assert len(attempts) == 6 and len(messages) == 2, messages
    assert messages[0].startswith("database unreachable (closing a run: Exception: connection refused)")
    assert messages[1].startswith("database answers again after")
    assert not watch.down


def test_a_retry_gives_up_when_the_daemon_stops():
    stop = threading.Event()
    stop.set()
    watch = DatabaseWatch(retry_max=5)
    assert watch.retry("closing a run", lambda: (_ for _ in ()).throw(OUTAGE), stop) is None
    assert watch.down and "connection refused" in watch.reason


def test_healthz_states(db):
    watch, stopping = DatabaseWatch(), threading.Event()
    view = DaemonView(db, role=lambda: "leader", scheduler_running=lambda: True, stopping=stopping.is_set,
                      watch=watch)
    assert view.health()[0] == 200 and view.health()[1]["status"] == "ok"
    watch.failed("leader lock check", OUTAGE)
    code, body = view.health()
    assert (code, body["status"]) == (503, "degraded") and "connection refused" in body["reason"]
    watch.answered()
    stopping.set()
    assert view.health()[0] == 503 and view.health()[1]["status"] == "shutting_down"


def test_healthz_is_degraded_when_the_database_does_not_answer(tmp_path):
    gone = Database("postgresql+psycopg://postgres@127.0.0.1:1/none")  # nothing listens on port 1
    code, body = DaemonView(gone, role=lambda: "standby").health()
    assert (code, body["status"], body["database"]) == (503, "degraded", "unreachable")


def test_a_crawl_does_not_start_once_the_daemons_heartbeat_is_stale(db, monkeypatch):
    supervisor = CrawlSupervisor(db, DaemonConfig(), db.url, may_start=lambda: False)
    monkeypatch.setattr(supervisor, "command", lambda outlet: pytest.fail("a crawl was started"))
    assert supervisor.run("asiae").ended == "stale_heartbeat"


def test_a_crawl_whose_daemon_is_already_gone_does_not_start(sqlite_url):
    """The race the parent-death signal leaves open (the daemon dies between fork and prctl)
    is closed by comparing getppid() with the daemon's pid."""
    migrate(Database(sqlite_url))
    env = {**os.environ, "GUPRESS_DATABASE_URL": sqlite_url, PARENT_PID_ENV: "1"}
    result = subprocess.run([sys.executable, "-m", "crawler.daemon.child", "crawl", "asiae"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3 and "not crawling" in result.stderr
    assert query(sqlite_url, "SELECT count(*) FROM crawl_runs")[0][0] == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # that thread's death is the point
def test_a_scheduler_thread_killed_by_an_unexpected_job_store_error_is_noticed(sqlite_url, monkeypatch):
    """APScheduler 3.11 guards only get_due_jobs() in its main loop: an error from the job
    store's get_next_run_time() ends the scheduler thread while ``running`` stays True. Database
    errors are caught by OutageProofScheduler (tests/test_daemon_scheduler_outage.py); anything
    else still kills the thread, and the daemon must see that (and /healthz must not say ok)."""
    from crawler.daemon.service import Daemon

    db = Database(sqlite_url)
    migrate(db)
    daemon = Daemon(db, DaemonConfig(interval=3600, jitter=0), ["asiae"])
    daemon._start_scheduling()
    try:
        assert daemon._scheduler_alive()
        store = daemon.scheduler._lookup_jobstore("default")
        monkeypatch.setattr(store, "get_next_run_time", lambda: (_ for _ in ()).throw(RuntimeError("a bug")))
        daemon.scheduler.wakeup()
        wait_until(lambda: not daemon.scheduler._thread.is_alive(), timeout=10, message="the scheduler thread to die")
        assert daemon.scheduler.running  # what APScheduler itself still claims
        assert not daemon._scheduler_alive()
        daemon.role = "leader"
        code, body = daemon.view().health()
        assert (code, body["status"], body["scheduler"]) == (503, "fail", "stopped")
    finally:
        daemon._stop_scheduling()
        db.dispose()


DYING_CRAWL = """
import sys
from storage.db import Database
from storage import repository
repository.start_crawl_run(Database(sys.argv[1]), outlet_slug="asiae", trigger="schedule")
sys.exit(1)  # dies with its row 'running', as a crawl hit by a database outage may
"""


def test_closing_a_dead_crawls_row_waits_for_the_database(db, monkeypatch):
    from crawler.daemon import crawls
    from storage import repository

    supervisor = CrawlSupervisor(db, DaemonConfig(db_retry_max=0.05), db.url)
    monkeypatch.setattr(supervisor, "command", lambda outlet: [sys.executable, "-c", DYING_CRAWL, db.url])
    real, failures = crawls.state.runs_of_process, []

    def away_twice(*args, **kwargs):
        if len(failures) < 2:
            failures.append(1)
            raise OUTAGE
        return real(*args, **kwargs)

    monkeypatch.setattr(crawls.state, "runs_of_process", away_twice)
    outcome = supervisor.run("asiae")
    assert len(failures) == 2 and outcome.statuses == ("killed",) and outcome.returncode == 1
    run = repository.recent_crawl_runs(db, outlet_slug="asiae")[0]
    assert run.status == "killed" and "crawl process died" in run.exit_reason


def test_a_daemon_waits_out_an_unreachable_database_and_stops_promptly_when_asked():
    """The lock attempt raising (nothing listens) is an outage to wait out, not a crash;
    a stop request ends the wait at once."""
    from crawler.daemon.service import Daemon

    port = free_port()
    gone = Database("postgresql+psycopg://postgres@127.0.0.1:1/none")
    daemon = Daemon(gone, DaemonConfig(status_addr=f"127.0.0.1:{port}", db_retry_max=0.2), ["asiae"])
    result = []
    thread = threading.Thread(target=lambda: result.append(daemon.run()))
    thread.start()
    try:
        code, body = wait_until(lambda: (lambda h: h if h[0] == 503 else None)(health(port)), timeout=20,
                                message="503 from the waiting daemon")
        assert body["status"] == "degraded"
        assert "database unreachable" in body["reason"] and body["role"] == "standby"
        wait_until(lambda: daemon.watch.down, timeout=10, message="the outage noted")
        assert thread.is_alive()
    finally:
        daemon.stop_requested.set()
        thread.join(timeout=20)
    assert not thread.is_alive() and result == [0]
