"""The daemon as a real process: a seconds-long interval triggers crawls, one outlet never
overlaps itself, SIGTERM leaves every crawl_runs row closed, and a standby daemon takes over
when the leader dies (PostgreSQL advisory lock / SQLite file lock)."""

from __future__ import annotations

import json
import signal
import socket
import sys
import urllib.request

from crawler.daemon.config import DaemonConfig
from storage.db import Database, migrate
from tests.ops_support import SyntheticOutlet, ops_env, query, spawn, wait_until

RUNS = "SELECT id, status, started_at, finished_at, exit_reason FROM crawl_runs ORDER BY id"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def daemon_env(database_url: str, outlet: SyntheticOutlet, port: int, **extra: str) -> dict[str, str]:
    env = ops_env(database_url, outlet)
    env.update({"GUPRESS_SCHEDULE_INTERVAL": "2", "GUPRESS_SCHEDULE_JITTER": "0", "GUPRESS_OUTLETS": "asiae",
                "GUPRESS_STATUS_ADDR": f"127.0.0.1:{port}", "GUPRESS_SHUTDOWN_GRACE": "0.5",
                "GUPRESS_TERM_TIMEOUT": "10", "GUPRESS_LEADER_POLL": "0.2", "GUPRESS_DAEMON_HEARTBEAT": "0.5",
                "GUPRESS_CRAWL_ARGS": "-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False"})
    env.update(extra)
    return env


def healthz(port: int) -> dict:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return {}


def runs(url: str) -> list[tuple]:
    return query(url, RUNS)


def test_schedule_triggers_crawls_never_overlaps_and_sigterm_closes_every_run(sqlite_url):
    migrate(Database(sqlite_url))
    port = free_port()
    with SyntheticOutlet.build(4) as outlet:
        env = daemon_env(sqlite_url, outlet, port,
                         GUPRESS_CRAWL_ARGS="-s DOWNLOAD_DELAY=0.4 -s RANDOMIZE_DOWNLOAD_DELAY=False "
                                            "-s AUTOTHROTTLE_ENABLED=False")
        daemon = spawn("scheduler.py", env=env)
        try:
            wait_until(lambda: healthz(port).get("role") == "leader", timeout=20, message="leader")
            wait_until(lambda: sum(r[1] == "finished" for r in runs(sqlite_url)) >= 3, timeout=40,
                       message="three scheduled crawls")
            for _ in range(12):  # the next crawl has 12 new articles at 0.4 s each: it will be running
                outlet.publish()
            before = len(runs(sqlite_url))
            wait_until(lambda: any(r[1] == "running" and r[0] > before for r in runs(sqlite_url)), timeout=20,
                       message="a crawl of the new articles running")
            assert healthz(port)["running_crawls"].keys() == {"asiae"}
            daemon.send_signal(signal.SIGTERM)
            output, _ = daemon.communicate(timeout=40)
        finally:
            if daemon.poll() is None:
                daemon.kill()
    assert daemon.returncode == 0, output[-3000:]
    rows = runs(sqlite_url)
    assert all(status != "running" and finished is not None for _id, status, _s, finished, _r in rows)
    assert rows[-1][1] == "interrupted" and "daemon shutdown" in rows[-1][4]
    assert {r[1] for r in rows[:-1]} == {"finished"}
    assert query(sqlite_url, "SELECT DISTINCT \"trigger\" FROM crawl_runs") == [("schedule",)]
    ordered = sorted(rows, key=lambda r: r[2])
    for earlier, later in zip(ordered, ordered[1:]):
        assert later[2] >= earlier[3], "two crawls of one outlet overlapped"
    assert query(sqlite_url, "SELECT count(*) FROM crawl_leases")[0][0] == 0


def test_standby_daemon_takes_over_when_the_leader_dies(database_url):
    migrate(Database(database_url))
    port_a, port_b = free_port(), free_port()
    with SyntheticOutlet.build(3) as outlet:
        leader = spawn("-m", "crawler.cli", "daemon", env=daemon_env(database_url, outlet, port_a))
        standby = None
        try:
            wait_until(lambda: healthz(port_a).get("role") == "leader", timeout=20, message="first leader")
            standby = spawn("scheduler.py", env=daemon_env(database_url, outlet, port_b))
            wait_until(lambda: healthz(port_b).get("role") == "standby", timeout=20, message="standby")
            assert healthz(port_b)["status"] == "ok" and healthz(port_b)["scheduler"] == "stopped"
            leader.send_signal(signal.SIGKILL)
            leader.wait(timeout=10)
            wait_until(lambda: healthz(port_b).get("role") == "leader", timeout=20, message="takeover")
            taken_over = len(runs(database_url))
            wait_until(lambda: len(runs(database_url)) > taken_over + 1, timeout=30, message="crawls by the new leader")
            standby.send_signal(signal.SIGTERM)
            output, _ = standby.communicate(timeout=40)
        finally:
            for proc in (leader, standby):
                if proc is not None and proc.poll() is None:
                    proc.kill()
    assert standby.returncode == 0, output[-3000:]
    assert "leader lock acquired" in output and "standing by" in output
    wait_until(lambda: all(r[1] != "running" for r in runs(database_url)), timeout=20,
               message="the killed leader's last crawl (its own process) to close its row")


def test_daemon_config_from_env():
    config = DaemonConfig.from_env({"GUPRESS_SCHEDULE_INTERVAL": "600", "GUPRESS_OUTLETS": "asiae, ket",
                                    "GUPRESS_CRAWL_ARGS": "-s DOWNLOAD_DELAY=2", "GUPRESS_STATUS_ADDR": "off"})
    assert (config.interval, config.jitter, config.misfire_grace) == (600, 60, 300)
    assert config.outlets == ("asiae", "ket") and config.crawl_args == ("-s", "DOWNLOAD_DELAY=2")
    assert config.status_host_port is None
    assert DaemonConfig.from_env({}).status_host_port == ("127.0.0.1", 9410)


STUBBORN_CRAWL = """
import signal, sys, time
from storage.db import Database
from storage import repository
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a crawl that will not stop by itself
db = Database(sys.argv[1])
repository.start_crawl_run(db, outlet_slug="asiae", trigger="schedule")
print("row written", flush=True)
time.sleep(60)
"""


def test_a_crawl_that_ignores_sigterm_is_killed_and_its_row_closed(db, monkeypatch):
    from crawler.daemon.crawls import CrawlSupervisor
    from storage import repository

    config = DaemonConfig(crawl_timeout=2, term_timeout=0.5)
    supervisor = CrawlSupervisor(db, config, db.url)
    monkeypatch.setattr(supervisor, "command", lambda outlet: [sys.executable, "-c", STUBBORN_CRAWL, db.url])
    outcome = supervisor.run("asiae")
    assert (outcome.ended, outcome.statuses, outcome.returncode) == ("timeout", ("killed",), -9)
    run = repository.recent_crawl_runs(db, outlet_slug="asiae")[0]
    assert run.status == "killed" and run.finished_at is not None
    assert run.exit_reason.startswith("daemon: timeout after 2s; SIGKILL")
    assert supervisor.running() == {}
