"""Per-outlet crawl leases: one outlet is never crawled twice at once, whoever starts the
crawl; expired leases and leases of dead processes on this host can be taken over."""

from __future__ import annotations

import os
import socket
import subprocess
from datetime import timedelta

from sqlalchemy import update

from storage import state
from storage.db import Database, migrate
from storage.models import CrawlLease, CrawlRun
from storage.types import utcnow
from tests.ops_support import SyntheticOutlet, ops_env, query, spawn, wait_until
from tests.support import FAST, gupress


def test_lease_is_exclusive_until_released_or_expired(db):
    first = state.acquire_lease(db, outlet_slug="asiae", owner="a:1:x", ttl=60)
    second = state.acquire_lease(db, outlet_slug="asiae", owner="b:2:y", ttl=60)
    assert first.acquired and not second.acquired and second.holder == "a:1:x"
    assert state.renew_lease(db, outlet_slug="asiae", owner="a:1:x", ttl=60)
    assert not state.renew_lease(db, outlet_slug="asiae", owner="b:2:y", ttl=60)
    assert state.acquire_lease(db, outlet_slug="other", owner="b:2:y", ttl=60).acquired  # per outlet
    assert state.release_lease(db, outlet_slug="asiae", owner="a:1:x")
    assert state.acquire_lease(db, outlet_slug="asiae", owner="b:2:y", ttl=-1).acquired  # already expired
    assert state.acquire_lease(db, outlet_slug="asiae", owner="c:3:z", ttl=60).acquired  # takes the expired one
    assert state.current_lease(db, outlet_slug="asiae").owner == "c:3:z"


def test_lease_of_a_dead_process_on_this_host_is_taken_over(db):
    dead = subprocess.Popen(["true"])
    dead.wait()
    owner = f"{socket.gethostname()}:{dead.pid}:gone"
    assert state.acquire_lease(db, outlet_slug="asiae", owner=owner, ttl=600).acquired
    mine = state.acquire_lease(db, outlet_slug="asiae", owner=state.lease_owner_id("me"), ttl=600)
    assert mine.acquired
    alive = state.acquire_lease(db, outlet_slug="asiae", owner=f"{socket.gethostname()}:{os.getpid()}:x", ttl=600)
    assert not alive.acquired  # this test process is alive: its lease is respected


def test_two_concurrent_crawls_of_one_outlet_only_one_crawls(database_url):
    migrate(Database(database_url))
    with SyntheticOutlet.build(8) as outlet:
        env = ops_env(database_url, outlet)
        slow = spawn("-m", "crawler.cli", "crawl", "asiae", *FAST, "-s", "DOWNLOAD_DELAY=0.6",
                     "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", env=env)
        db = Database(database_url)
        try:
            wait_until(lambda: state.current_lease(db, outlet_slug="asiae"), timeout=30, message="first lease")
            second = gupress("crawl", "asiae", *FAST, env=env, timeout=60)
            output, _ = slow.communicate(timeout=60)
        finally:
            db.dispose()
            if slow.poll() is None:
                slow.kill()
    assert slow.returncode == 0, output[-2000:]
    assert second.returncode == 0 and "another crawl holds the lease" in second.stdout
    statuses = sorted(row[0] for row in query(database_url, "SELECT status FROM crawl_runs"))
    assert statuses == ["finished", "skipped_locked"]
    skipped = query(database_url, "SELECT pages_fetched, finished_at, exit_reason FROM crawl_runs "
                                  "WHERE status = 'skipped_locked'")[0]
    assert skipped[0] == 0 and skipped[1] is not None and "lease" in skipped[2]  # fetched nothing, closed
    assert query(database_url, "SELECT count(*) FROM articles")[0][0] == 8
    assert query(database_url, "SELECT count(*) FROM crawl_leases")[0][0] == 0  # released at close


def test_stale_running_rows_of_dead_processes_are_closed(db):
    from storage import repository

    run_id = repository.start_crawl_run(db, outlet_slug="asiae")
    dead = subprocess.Popen(["true"])
    dead.wait()
    with db.session() as session:
        session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(pid=dead.pid))
        session.add(CrawlLease(outlet_slug="asiae", owner="x", run_id=run_id, expires_at=utcnow() + timedelta(hours=1)))
    assert state.close_stale_runs(db, lease_grace=60) == [run_id]
    run = repository.get_crawl_run(db, run_id)
    assert run.status == "abandoned" and run.finished_at is not None
    assert state.current_lease(db, outlet_slug="asiae") is None
    assert state.close_stale_runs(db, lease_grace=60) == []
