"""A throwaway PostgreSQL server for drills that stop or restart the database.

The shared server on 127.0.0.1:5432 is never restarted by a test: a drill gets its own
cluster (``initdb`` run as the ``postgres`` user into a temporary directory, on a free
port, trust auth on 127.0.0.1) and removes it afterwards. Under ``CI=true`` a machine that
cannot make one fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _pg_bin(tool: str) -> str:
    for directory in PG_BIN_CANDIDATES:
        if (directory / tool).exists():
            return str(directory / tool)
    found = shutil.which(tool)
    if not found:
        raise FileNotFoundError(f"{tool} not found (PostgreSQL server binaries)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayCluster:
    """``with ThrowawayCluster() as pg: pg.create_database("x"); pg.restart()``."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="gupress-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_postgres = os.geteuid() == 0

    # --- lifecycle --------------------------------------------------------------------

    def __enter__(self) -> "ThrowawayCluster":
        self.init()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.drop()

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> None:
        if self._as_postgres:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        self.wait_ready()

    def stop(self, mode: str = "fast") -> None:
        """``fast`` disconnects every client, as a restart or failover does."""
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, down_for: float = 0.0) -> None:
        self.stop()
        if down_for:
            time.sleep(down_for)
        self.start()

    def is_running(self) -> bool:
        return self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "status", check=False).returncode == 0

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            probe = self._run(_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), check=False)
            if probe.returncode == 0:
                return
            time.sleep(0.1)
        raise TimeoutError(f"throwaway PostgreSQL on port {self.port} not ready; see {self.log}")

    def drop(self) -> None:
        if self.data.exists() and self.is_running():
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- databases --------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        self._run(_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                  "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{name}"')
        return self.url(name)


def throwaway_cluster_or_fail() -> ThrowawayCluster:
    """A started cluster, or a skip locally / a failure under CI when none can be made."""
    cluster = ThrowawayCluster()
    try:
        cluster.init()
        cluster.start()
    except (OSError, subprocess.SubprocessError, TimeoutError, KeyError) as exc:
        cluster.drop()
        detail = getattr(exc, "stderr", None) or str(exc)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"a throwaway PostgreSQL cluster is required under CI=true: {detail}")
        pytest.skip(f"cannot make a throwaway PostgreSQL cluster: {detail}")
    return cluster


@pytest.fixture
def throwaway_pg():
    """A PostgreSQL server of the test's own, which the test may stop and restart."""
    cluster = throwaway_cluster_or_fail()
    try:
        yield cluster
    finally:
        cluster.drop()
