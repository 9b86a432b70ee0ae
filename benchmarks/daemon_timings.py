#!/usr/bin/env python3
"""Daemon timings on this machine: start to leader, start to first finished crawl, length of a
scheduled no-change crawl (a whole `gupress crawl` process), SIGTERM to exit (idle, and with a
crawl running), and standby takeover after the leader is SIGKILLed.

Usage: .venv/bin/python benchmarks/daemon_timings.py [sqlite|postgresql ...]   (default: sqlite)
PostgreSQL uses a throwaway database on GUPRESS_BENCH_PG_ADMIN_URL
(default postgresql+psycopg://postgres@127.0.0.1:5432/postgres), dropped afterwards.
"""

from __future__ import annotations

import json
import signal
import socket
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, text  # noqa: E402

from crawler.config import development_setting  # noqa: E402
from storage import repository  # noqa: E402
from storage.db import Database, migrate  # noqa: E402
from tests.ops_support import SyntheticOutlet, ops_env, query, spawn, wait_until  # noqa: E402

PG_ADMIN = development_setting("GUPRESS_BENCH_PG_ADMIN_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(port: int) -> dict:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return {}


def role(port: int) -> str | None:
    return health(port).get("role")


def env_for(url: str, outlet: SyntheticOutlet, port: int) -> dict[str, str]:
    env = ops_env(url, outlet)
    env.update({"GUPRESS_SCHEDULE_INTERVAL": "3", "GUPRESS_SCHEDULE_JITTER": "0", "GUPRESS_OUTLETS": "asiae",
                "GUPRESS_STATUS_ADDR": f"127.0.0.1:{port}", "GUPRESS_SHUTDOWN_GRACE": "0.5",
                "GUPRESS_LEADER_POLL": "0.5", "GUPRESS_CRAWL_ARGS": "-s DOWNLOAD_DELAY=0.3 "
                "-s RANDOMIZE_DOWNLOAD_DELAY=False -s AUTOTHROTTLE_ENABLED=False --log-level WARNING"})
    return env


def timed(predicate, what: str, timeout: float = 60) -> float:
    began = time.monotonic()
    wait_until(predicate, timeout=timeout, interval=0.02, message=what)
    return time.monotonic() - began


def measure(url: str) -> dict[str, float]:
    migrate(Database(url))
    finished = lambda n: query(url, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'")[0][0] >= n  # noqa: E731
    figures = {}
    with SyntheticOutlet.build(5) as outlet:
        port_a, port_b = free_port(), free_port()
        began = time.monotonic()
        leader = spawn("scheduler.py", env=env_for(url, outlet, port_a))
        figures["start_to_leader_s"] = timed(lambda: role(port_a) == "leader", "leader")
        timed(lambda: finished(1), "first crawl")
        figures["start_to_first_crawl_done_s"] = time.monotonic() - began
        timed(lambda: finished(2), "second crawl")
        db = Database(url)
        second = sorted(repository.recent_crawl_runs(db, outlet_slug="asiae"), key=lambda r: r.id)[1]
        figures["no_change_crawl_s"] = (second.finished_at - second.started_at).total_seconds()
        db.dispose()
        standby = spawn("scheduler.py", env=env_for(url, outlet, port_b))
        timed(lambda: role(port_b) == "standby", "standby")
        leader.send_signal(signal.SIGKILL)
        leader.wait()
        figures["takeover_after_sigkill_s"] = timed(lambda: role(port_b) == "leader", "takeover")
        # a crawl the killed leader had started lives on in its own session and closes its own
        # row (it may still be starting up, hence the pause before looking)
        time.sleep(3)
        timed(lambda: query(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'")[0][0] == 0, "orphans")
        for _ in range(20):
            outlet.publish()
        timed(lambda: health(port_b).get("running_crawls") and
              query(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'")[0][0], "busy crawl")
        began = time.monotonic()
        standby.send_signal(signal.SIGTERM)
        standby.wait(timeout=60)
        figures["sigterm_to_exit_busy_s"] = time.monotonic() - began
        figures["runs_left_running"] = query(url, "SELECT count(*) FROM crawl_runs WHERE status = 'running'")[0][0]
        idle = spawn("scheduler.py", env={**env_for(url, outlet, port_a), "GUPRESS_SCHEDULE_INTERVAL": "3600"})
        timed(lambda: role(port_a) == "leader", "idle leader")
        began = time.monotonic()
        idle.send_signal(signal.SIGTERM)
        idle.wait(timeout=60)
        figures["sigterm_to_exit_idle_s"] = time.monotonic() - began
    return figures


def main(argv: list[str]) -> int:
    for backend in argv or ["sqlite"]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                figures = measure(f"sqlite:///{folder}/daemon.db")
        else:
            name = f"gupress_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                figures = measure(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}")
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        print(backend, " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
