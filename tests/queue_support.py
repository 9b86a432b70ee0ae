"""Redis for the distributed-backfill tests: the shared server on 127.0.0.1:6379 with a
key prefix per test, or a private redis-server for drills that restart it. Under CI=true a
missing Redis fails the run instead of skipping."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from crawler.config import development_setting

SHARED_REDIS = development_setting("GUPRESS_TEST_REDIS_URL")


def redis_unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Redis is required under CI=true: {reason}")
    pytest.skip(f"Redis not available: {reason}")


def connect(url: str):
    import redis

    server = redis.Redis.from_url(url, socket_connect_timeout=3)
    server.ping()
    return server


@pytest.fixture
def queue():
    """(redis URL, key prefix) on the shared Redis; the test's keys are deleted afterwards."""
    try:
        server = connect(SHARED_REDIS)
    except Exception as exc:
        redis_unavailable(str(exc).splitlines()[0])
    prefix = f"gupress-test-{uuid.uuid4().hex[:10]}"
    yield SHARED_REDIS, prefix
    names = list(server.scan_iter(match=f"{prefix}:*"))
    if names:
        server.delete(*names)
    server.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own (append-only file in ``folder``), so a drill can stop
    and start it without touching the shared one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                connect(self.url).close()
                return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        redis_unavailable("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()
