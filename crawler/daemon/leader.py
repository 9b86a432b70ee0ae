"""The leader lock: APScheduler 3.x has no locking, so two daemons on one job store would
both run every job. Only the holder of this lock schedules; others wait as standbys.

PostgreSQL: a session advisory lock on a connection held for the daemon's lifetime (the
server frees it the moment that connection dies, so a crashed leader never blocks a
standby). SQLite: ``fcntl.flock`` on ``<archive>.daemon.lock`` (freed by the kernel when
the process dies).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path

from sqlalchemy import text

from crawler.config import sqlite_path

log = logging.getLogger(__name__)

#: Advisory lock key of the daemon leader ("gupd"); the migration lock uses "gupr".
LEADER_LOCK_KEY = 0x67757064


class PostgresLeaderLock:
    def __init__(self, engine) -> None:
        self.engine = engine
        self._connection = None
        self.lost_because: BaseException | None = None
        self._mutex = threading.Lock()  # the daemon's loop and a starting crawl both ask still_held

    def try_acquire(self) -> bool:
        connection = self.engine.connect()
        try:
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LEADER_LOCK_KEY}).scalar())
            connection.commit()
        except Exception:
            connection.close()
            raise
        if not got:
            connection.close()
            return False
        self._connection = connection
        return True

    def still_held(self) -> bool:
        """False when the lock's connection died (then the lock is gone server-side too)."""
        with self._mutex:
            return self._check()

    def _check(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
            return True
        except Exception as exc:  # the server went away or killed the session: the lock is gone
            self.lost_because = exc
            self._discard()
            return False

    def _discard(self) -> None:
        """Drop a dead lock connection without returning it to the pool."""
        connection, self._connection = self._connection, None
        try:
            connection.invalidate()
            connection.close()
        except Exception:
            log.debug("closing the dead leader lock connection failed", exc_info=True)

    def release(self) -> None:
        with self._mutex:
            self._release()

    def _release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LEADER_LOCK_KEY})
            self._connection.commit()
        except Exception:  # the connection may already be gone; the server freed the lock then
            log.debug("advisory unlock failed", exc_info=True)
            self._connection.invalidate()  # never return a connection that might hold the lock to the pool
        finally:
            self._connection.close()
            self._connection = None


class FileLeaderLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.lost_because: BaseException | None = None

    def try_acquire(self) -> bool:
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def still_held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def leader_lock_for(db) -> PostgresLeaderLock | FileLeaderLock:
    if db.dialect == "postgresql":
        return PostgresLeaderLock(db.engine)
    path = sqlite_path(db.url)
    if path is None:
        raise ValueError("the daemon needs a file-backed SQLite archive or PostgreSQL")
    return FileLeaderLock(Path(f"{path}.daemon.lock"))
