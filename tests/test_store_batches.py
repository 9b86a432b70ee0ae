"""The batched store path (storage/article_store.py) and its writer thread (crawler/pipelines/batching.py):
one transaction per batch, nothing half-written, a bad item alone, acknowledgement only after commit."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import timedelta

from sqlalchemy import text

from crawler.pipelines.batching import GroupCommitQueue
from storage import repository, retry_ledger
from storage.article_store import save_articles
from storage.retry_ledger import FailedUrl, RetryBackoff
from tests.support import REPO
from tests.test_storage import make_item


def items(n: int, start: int = 0):
    return [make_item(canonical_url=f"https://www.asiae.co.kr/article/{k}", url=f"https://view.asiae.co.kr/{k}",
                      outlet_article_id=str(k), title=f"강서구 소식 {k}",
                      body=f"서울 강서구가 {k}번째 적극행정 우수사례를 선정했다.\n\n구는 담당 공무원 {k}명을 포상했다.")
            for k in range(start, start + n)]


def count(db, sql: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text(sql)).scalar()


def test_batch_is_new_revised_unchanged_counted_and_settled_together(db):
    run_id = repository.start_crawl_run(db, outlet_slug="asiae")
    first, second, third = items(3)
    repository.save_article(db, second)
    repository.save_article(db, third)
    retry_ledger.record_failures(db, outlet_slug="asiae", failures=[FailedUrl(first.canonical_url, "store failed")],
                                 backoff=RetryBackoff(), run_id=run_id)
    edited = items(1, start=2)[0]
    edited.body += "\n\n정정 보도."
    from crawler.pipelines.dedup import content_hash

    edited.content_hash = content_hash(edited)
    twice = items(1)[0]  # the same page twice in one batch: the second sees the first as stored
    outcomes = save_articles(db, [first, items(1, start=1)[0], edited, twice], run_id=run_id)
    assert [o.status for o in outcomes] == ["new", "unchanged", "revised", "unchanged"]
    assert outcomes[0].article_id == outcomes[3].article_id and outcomes[2].revision_no == 2
    run = repository.get_crawl_run(db, run_id)
    assert (run.items_new, run.items_revised, run.items_unchanged) == (1, 1, 2)
    assert retry_ledger.entries(db) == []
    assert count(db, "SELECT count(*) FROM articles") == 3
    assert count(db, "SELECT count(*) FROM article_revisions") == 4
    assert count(db, "SELECT count(*) FROM article_districts") == 3, "the revision's tags replaced, not added"


def test_one_bad_item_fails_alone(db):
    good, bad, other = items(3)
    bad.districts = [{"code": "99999", "role": "primary", "mention_count": 1}]  # no such district: foreign key
    outcomes = save_articles(db, [good, bad, other])
    assert [getattr(o, "status", None) for o in outcomes] == ["new", None, "new"]
    assert isinstance(outcomes[1], Exception)
    urls = {row[0] for row in repository.run_sql(db, "SELECT canonical_url FROM articles")[1]}
    assert urls == {good.canonical_url, other.canonical_url}
    assert count(db, "SELECT count(*) FROM article_revisions") == 2


KILLED_CHILD = """
import os, signal, sys
from storage import article_store, clusters
from storage.db import Database
from tests.test_store_batches import items
original = clusters.index_articles
def index_then_die(session, articles, **kw):
    original(session, articles, **kw)
    session.flush()
    print("inside", flush=True)
    sys.stdin.readline()          # the parent SIGKILLs us here, mid-transaction
article_store.index_articles = index_then_die
article_store.save_articles(Database(sys.argv[1]), items(5), run_id=int(sys.argv[2]))
"""


def test_sigkill_inside_a_batch_leaves_nothing_half_written(db):
    run_id = repository.start_crawl_run(db, outlet_slug="asiae")
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, db.url, str(run_id)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "inside"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    for table in ("articles", "article_revisions", "article_districts", "raw_pages", "article_fts",
                  "article_signatures", "article_lsh_buckets"):
        assert count(db, f"SELECT count(*) FROM {table}") == 0, table
    assert repository.get_crawl_run(db, run_id).items_new == 0
    outcomes = save_articles(db, items(5), run_id=run_id)  # what the next run's walk brings back
    assert [o.status for o in outcomes] == ["new"] * 5
    assert repository.get_crawl_run(db, run_id).items_new == 5
    assert count(db, "SELECT count(*) FROM articles") == 5


def _run_queue(store, values, **options):
    delivered: list = []
    queue = GroupCommitQueue(store, call_in_reactor=lambda fn, *args: fn(*args), **options)
    for value in values:
        queue.put(value).addCallbacks(delivered.append, lambda failure: delivered.append(failure.value))
    queue.close_and_wait(timeout=30)
    return delivered


def test_writer_acknowledges_only_after_the_batch_committed():
    committed: list[list[int]] = []
    gate = threading.Event()

    def store(batch):
        gate.wait(timeout=30)
        committed.append(list(batch))
        return [value * 10 for value in batch]

    delivered: list = []
    queue = GroupCommitQueue(store, batch=3, seconds=5, call_in_reactor=lambda fn, *args: fn(*args))
    for value in range(7):
        queue.put(value).addCallback(delivered.append)
    assert delivered == [], "nothing is acknowledged before its batch committed"
    gate.set()
    queue.close_and_wait(timeout=30)
    assert delivered == [0, 10, 20, 30, 40, 50, 60]
    assert all(len(batch) <= 3 for batch in committed) and sum(committed, []) == list(range(7))


def test_writer_fails_every_item_of_a_batch_that_raised_and_only_the_bad_item_otherwise():
    def lost(batch):
        raise ConnectionError("server closed the connection")

    failed = _run_queue(lost, [1, 2], batch=10, seconds=timedelta(seconds=1).total_seconds())
    assert [type(f) for f in failed] == [ConnectionError, ConnectionError]
    one_bad = _run_queue(lambda batch: [ValueError(v) if v == 2 else v for v in batch], [1, 2, 3], batch=10)
    assert [type(f) for f in one_bad] == [int, ValueError, int]
