"""Group commit off the reactor thread: the store pipeline's writer.

Why: storing one article per transaction on Scrapy's reactor thread made every download wait
on the database (issue 10). The pipeline hands each item to ``GroupCommitQueue``; one writer
thread takes the items in arrival order and commits them in batches of up to
``GUPRESS_STORE_BATCH`` items, never holding the first item longer than
``GUPRESS_STORE_BATCH_SECONDS`` (and committing at once when no further item arrives within a
short lull, so a slow crawl is not delayed for nothing).

Acknowledgement: the Deferred returned for an item fires on the reactor thread only after its
batch committed, so an item is counted stored only when it is; a crash loses at most the
batch in flight and the items still queued, none of which were acknowledged (their URLs are
not archived, so the next run, which walks every list page after a run that did not finish,
requests them again). On close the queue is drained before the writer stops.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from twisted.internet import defer, reactor, threads

log = logging.getLogger(__name__)

#: With this long a pause in arrivals, a partial batch is committed at once.
LULL_SECONDS = 0.05
_STOP = object()

#: store(items) → one outcome per item, an Exception in the place of an item that failed;
#: raising fails the whole batch (the database went away).
StoreBatch = Callable[[list[Any]], list[Any]]


class GroupCommitQueue:
    def __init__(self, store: StoreBatch, *, batch: int = 50, seconds: float = 0.5, name: str = "gupress-store",
                 call_in_reactor: Callable[..., Any] | None = None) -> None:
        self.store, self.batch, self.seconds = store, max(batch, 1), seconds
        #: How results reach the reactor thread (a test without a reactor passes its own).
        self.call_in_reactor = call_in_reactor or reactor.callFromThread
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self.batches_committed = 0

    def put(self, item: Any) -> defer.Deferred:
        """Queue ``item``; the Deferred fires with its outcome once its batch committed (on the reactor)."""
        done: defer.Deferred = defer.Deferred()
        self._queue.put((item, done))
        return done

    def close(self) -> defer.Deferred:
        """Drain what is queued, stop the writer; fires when it has stopped."""
        self._queue.put(_STOP)
        return threads.deferToThread(self._thread.join)

    def close_and_wait(self, timeout: float | None = None) -> None:
        """Same, blocking (for code without a reactor)."""
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            entries, stopping = self._next_batch()
            if entries:
                self._commit(entries)

    def _next_batch(self) -> tuple[list, bool]:
        first = self._queue.get()
        if first is _STOP:
            return [], True
        entries, deadline = [first], time.monotonic() + self.seconds
        while len(entries) < self.batch:
            wait = min(deadline - time.monotonic(), LULL_SECONDS)
            if wait <= 0:
                break
            try:
                entry = self._queue.get(timeout=wait)
            except queue.Empty:
                break
            if entry is _STOP:
                return entries + self._drain(), True
            entries.append(entry)
        return entries, False

    def _drain(self) -> list:
        rest = []
        while True:
            try:
                entry = self._queue.get_nowait()
            except queue.Empty:
                return rest
            if entry is not _STOP:
                rest.append(entry)

    def _commit(self, entries: list) -> None:
        for start in range(0, len(entries), self.batch):
            chunk = entries[start:start + self.batch]
            try:
                results = self.store([item for item, _done in chunk])
            except Exception as exc:  # the whole batch failed: every item is owed to the retry ledger
                results = [exc] * len(chunk)
            self.batches_committed += 1
            self.call_in_reactor(_deliver, [done for _item, done in chunk], results)


def _deliver(deferreds: list[defer.Deferred], results: list[Any]) -> None:
    for done, result in zip(deferreds, results, strict=True):
        if isinstance(result, Exception):
            done.errback(result)
        else:
            done.callback(result)
