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

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from storage.textindex import TextIndex, text_work

log = logging.getLogger(__name__)

#: Longest the writer waits for one result before computing it itself (a stuck or starved worker).
RESULT_TIMEOUT = 10.0


class TextWorkers:
    def __init__(self, workers: int) -> None:
        # spawn, never fork: the crawl process has threads (reactor, writer) whose locks a fork would copy
        self._pool = (ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
                      if workers > 0 else None)
        self._pending: dict[int, tuple[str, str, Future]] = {}

    def submit(self, item) -> None:
        """On the reactor thread, as the item is queued for the writer."""
        if self._pool is None:
            return
        try:
            future = self._pool.submit(text_work, item.title, item.body)
        except Exception as exc:  # a broken pool (worker killed): the writer computes from now on
            log.warning("text worker unavailable (%s); the writer computes search and signature texts", exc)
            self._pool = None
            return
        self._pending[id(item)] = (item.title or "", item.body or "", future)

    def take(self, items: list) -> dict[int, TextIndex]:
        """On the writer thread: id(item) → its TextIndex, for the items whose result came."""
        ready: dict[int, TextIndex] = {}
        for item in items:
            entry = self._pending.pop(id(item), None)
            if entry is None:
                continue
            title, body, future = entry
            try:
                ready[id(item)] = TextIndex(title, body, *future.result(timeout=RESULT_TIMEOUT))
            except Exception as exc:
                log.debug("text work of %s not used (%s)", item.canonical_url or item.url, type(exc).__name__)
        return ready

    def close(self) -> None:
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
