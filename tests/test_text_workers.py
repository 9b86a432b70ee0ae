"""The store's text work computed ahead in a worker process (crawler/pipelines/text_workers.py):
the rows stored are the ones the writer would have computed itself, a result is never used for
texts it was not computed from, and a worker that is gone only means the writer computes."""

from __future__ import annotations

import numpy as np
from sqlalchemy import text

from crawler.pipelines.text_workers import TextWorkers
from storage.article_store import save_articles
from storage.search import search_articles
from storage.textindex import minhash, search_document
from tests.test_store_batches import items


def _signatures(db) -> dict[str, bytes]:
    with db.engine.connect() as connection:
        return dict(connection.execute(text(
            "SELECT a.canonical_url, s.signature FROM article_signatures s JOIN articles a ON a.id = s.article_id")).all())


def test_results_from_the_worker_store_what_the_writer_would(db):
    batch = items(4)
    for n, item in enumerate(batch):  # long enough to have a signature; one body differs in its second paragraph
        item.body += "\n\n" + "청년 일자리 박람회를 구청 광장에서 연다. " * (n + 2)
    workers = TextWorkers(1)
    try:
        for item in batch:
            workers.submit(item)
        ahead = workers.take(batch)
    finally:
        workers.close()
    assert len(ahead) == 4, "every result arrived"
    for item in batch:
        result = ahead[id(item)]
        assert result.body_grams == search_document(item.body) and result.title_grams == search_document(item.title)
        assert np.array_equal(result.signature, minhash(item.body))
    save_articles(db, batch, texts=ahead)
    stored = _signatures(db)
    assert {url: np.frombuffer(sig, dtype="<u4").tolist() for url, sig in stored.items()} == {
        item.canonical_url: minhash(item.body).tolist() for item in batch}
    assert [r["article_id"] for r in search_articles(db, "박람회")] and len(search_articles(db, "강서구")) == 4


def test_a_result_for_other_texts_is_not_used(db):
    """The item's body changed after its text work was submitted: the stored search row and
    signature are those of the body actually stored."""
    item = items(1)[0]
    workers = TextWorkers(1)
    try:
        workers.submit(item)
        item.body = "서울 도봉구가 어르신 돌봄 서비스를 늘린다.\n\n신청은 동 주민센터에서 받는다. " * 3
        ahead = workers.take([item])
    finally:
        workers.close()
    assert not ahead[id(item)].belongs_to(item.title, item.body)
    save_articles(db, [item], texts=ahead)
    assert len(search_articles(db, "돌봄")) == 1
    assert search_articles(db, "적극행정") == [], "the submitted body's words were not indexed"
    assert np.frombuffer(_signatures(db)[item.canonical_url], dtype="<u4").tolist() == minhash(item.body).tolist()


def test_no_worker_means_the_writer_computes(db):
    workers = TextWorkers(1)
    workers._pool.shutdown()  # as if the worker process had gone away
    batch = items(2)
    for item in batch:
        workers.submit(item)  # refused by the pool: logged, not raised
    assert workers.take(batch) == {}
    assert all(outcome.status == "new" for outcome in save_articles(db, batch, texts=workers.take(batch)))
    assert len(search_articles(db, "강서구")) == 2
    workers.close()


def test_outlets_crawled_in_one_process_share_one_worker():
    """``gupress crawl a b c`` runs one store pipeline per outlet: one worker process serves them all,
    and it stops when the last pipeline closes."""
    first, second = TextWorkers(1), TextWorkers(1)
    assert first._pool is second._pool
    pool = first._pool
    first.close()
    item = items(1)[0]
    second.submit(item)
    assert second.take([item])[id(item)].belongs_to(item.title, item.body), "still running for the other outlet"
    second.close()
    third = TextWorkers(1)
    assert third._pool is not pool, "the shared pool stopped with its last user; a new crawl starts another"
    third.close()


def test_a_stuck_worker_holds_a_batch_for_one_timeout_at_most(monkeypatch):
    """Results that do not come are waited for RESULT_TIMEOUT in all, not per item."""
    import time
    from concurrent.futures import Future

    import crawler.pipelines.text_workers as text_workers

    monkeypatch.setattr(text_workers, "RESULT_TIMEOUT", 0.3)
    workers = TextWorkers(0)
    batch = items(5)
    workers._pending = {id(item): (item.title, item.body, Future()) for item in batch}  # never completed
    started = time.monotonic()
    assert workers.take(batch) == {}
    assert time.monotonic() - started < 1.0, "five items, one timeout (0.3 s), not five"


PARENT = """
import sys
from types import SimpleNamespace
from crawler.pipelines.text_workers import TextWorkers
workers = TextWorkers(1)
item = SimpleNamespace(title="강서구, 적극행정 우수사례 선정", body="강서구는 주민 생활에 실질적인 변화를 만든 사례를 뽑았다.")
workers.submit(item)
workers.take([item])  # the worker process exists and has answered
import multiprocessing
print(*[child.pid for child in multiprocessing.active_children()], flush=True)
sys.stdin.read()  # until killed
"""


def test_a_worker_dies_with_a_sigkilled_crawl():
    """A crawl killed with SIGKILL cannot shut its pool down; an orphaned worker would keep the crawl's
    stdout open, so whoever reads it (the daemon, a test) would wait forever."""
    import os
    import signal
    import subprocess
    import sys

    from tests.ops_support import wait_until
    from tests.support import REPO

    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        worker_pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert worker_pids, "the parent started no worker process"
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)

        def gone(pid: int) -> bool:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            return open(f"/proc/{pid}/stat").read().split()[2] == "Z"  # exited, not yet reaped

        wait_until(lambda: all(gone(pid) for pid in worker_pids), timeout=30, interval=0.1,
                   message="text workers exit once their crawl is killed")
        assert parent.stdout.read() == ""  # EOF: nobody holds the crawl's stdout any more
    finally:
        if parent.poll() is None:
            parent.kill()
