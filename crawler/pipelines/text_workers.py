"""The store's CPU text work (bigram documents, shingle hashes, MinHash signature) in another process.

Why: the writer thread (crawler/pipelines/batching.py) shares the interpreter lock with Scrapy's
reactor thread, and its text work (a few ms an article) was the larger part of its time; while it
ran, the reactor could neither parse nor download. A worker process computes it on the other core
while the item waits for its batch, so the writer thread mostly waits on the database (which
releases the lock). The guarantees do not depend on it: the work is pure, a result is used only
for the texts it was computed from (``TextIndex.belongs_to``), and a missing, late or failed one is
computed by the writer as before. ``GUPRESS_STORE_TEXT_WORKERS=0`` turns it off.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from storage.textindex import TextIndex, text_work

log = logging.getLogger(__name__)

#: Longest the writer waits for a batch's results before computing the missing ones itself (a
#: stuck or starved worker must not hold a batch longer than this, however many items it has).
RESULT_TIMEOUT = 10.0


#: Linux prctl option: the kernel sends this process a signal when its parent dies.
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Worker initializer: a worker outlives nothing. A crawl that is SIGKILLed (an operator, a daemon's
    crawl timeout, a drill) cannot shut its pool down, and an orphaned worker would live on, holding the
    crawl's stdout and stderr open (whoever reads them, e.g. the daemon, would wait forever). On Linux the
    kernel kills the worker with its parent; elsewhere, and for a parent gone before this ran, a thread
    checks the parent every second."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(0)


class _SharedPool:
    """One pool per crawl process, however many outlets it crawls at once (``gupress crawl a b c``
    runs a store pipeline per outlet): a worker process per outlet would cost ~60 MB each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._users = 0

    def acquire(self, workers: int) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, never fork: the crawl process has threads (reactor, writer) whose locks a fork would copy
                self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_die_with_parent, initargs=(os.getpid(),))
            self._users += 1
            return self._pool

    def release(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if pool is not self._pool:  # a broken pool that was replaced
                pool.shutdown(wait=False, cancel_futures=True)
                return
            self._users -= 1
            if self._users == 0:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def discard(self, pool: ProcessPoolExecutor) -> None:
        """A broken pool is not handed out again (its users release it on close)."""
        with self._lock:
            if pool is self._pool:
                self._pool, self._users = None, 0


_SHARED = _SharedPool()


class TextWorkers:
    def __init__(self, workers: int) -> None:
        self._pool = _SHARED.acquire(workers) if workers > 0 else None
        self._pending: dict[int, tuple[str, str, Future]] = {}

    def submit(self, item) -> None:
        """On the reactor thread, as the item is queued for the writer."""
        if self._pool is None:
            return
        try:
            future = self._pool.submit(text_work, item.title, item.body)
        except Exception as exc:  # a broken pool (worker killed): the writer computes from now on
            log.warning("text worker unavailable (%s); the writer computes search and signature texts", exc)
            _SHARED.discard(self._pool)
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            return
        self._pending[id(item)] = (item.title or "", item.body or "", future)

    def take(self, items: list) -> dict[int, TextIndex]:
        """On the writer thread: id(item) → its TextIndex, for the items whose result came."""
        ready: dict[int, TextIndex] = {}
        deadline = time.monotonic() + RESULT_TIMEOUT
        for item in items:
            entry = self._pending.pop(id(item), None)
            if entry is None:
                continue
            title, body, future = entry
            try:
                result = future.result(timeout=max(deadline - time.monotonic(), 0))
                ready[id(item)] = TextIndex(title, body, *result)
            except Exception as exc:
                log.debug("text work of %s not used (%s)", item.canonical_url or item.url, type(exc).__name__)
        return ready

    def close(self) -> None:
        self._pending.clear()
        if self._pool is not None:
            _SHARED.release(self._pool)
            self._pool = None
