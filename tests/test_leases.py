"""Per-outlet crawl leases: one outlet is never crawled twice at once, whoever starts the
crawl; expired leases and leases of dead processes on this host can be taken over."""

from __future__ import annotations

import os
import socket
import subprocess
from contextlib import contextmanager
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


#: A held response waits for the test; the crawl must not time out meanwhile.
HELD = ["-s", "DOWNLOAD_TIMEOUT=150"]


@contextmanager
def crawl_held_on(outlet, held_url: str, env: dict[str, str], database_url: str):
    """A crawl of ``outlet`` provably mid-run: the server holds its request for ``held_url``
    until the block ends. Yields the crawl process and a database handle; on leaving, the page
    is released and the crawl is waited for (``process.output`` keeps what it printed), or
    killed if the block failed."""
    gate = outlet.site.hold(held_url)
    process = spawn("-m", "crawler.cli", "crawl", "asiae", *FAST, *HELD, env=env)
    db = Database(database_url)
    try:
        gate.wait_arrived(timeout=90)
        yield process, db
        gate.release()
        process.output, _ = process.communicate(timeout=120)
    finally:
        gate.release()
        db.dispose()
        if process.poll() is None:
            process.kill()


def test_two_concurrent_crawls_of_one_outlet_only_one_crawls(database_url):
    """The first crawl is provably mid-run (its request for an article is held by the server)
    when the second starts, so the overlap does not depend on how fast either process is."""
    migrate(Database(database_url))
    with SyntheticOutlet.build(8) as outlet:
        env = ops_env(database_url, outlet)
        with crawl_held_on(outlet, outlet.articles[3].url, env, database_url) as (first, db):
            holder = state.current_lease(db, outlet_slug="asiae")
            assert holder is not None, "the first crawl holds the lease while it waits for the page"
            second = gupress("crawl", "asiae", *FAST, env=env, timeout=90)
    assert first.returncode == 0, first.output[-2000:]
    assert second.returncode == 0 and "another crawl holds the lease" in second.stdout
    assert holder.owner in second.stdout, "the second crawl names the first as the holder"
    statuses = sorted(row[0] for row in query(database_url, "SELECT status FROM crawl_runs"))
    assert statuses == ["finished", "skipped_locked"]
    skipped = query(database_url, "SELECT pages_fetched, finished_at, exit_reason FROM crawl_runs "
                                  "WHERE status = 'skipped_locked'")[0]
    assert skipped[0] == 0 and skipped[1] is not None and "lease" in skipped[2]  # fetched nothing, closed
    assert query(database_url, "SELECT count(*) FROM articles")[0][0] == 8
    assert query(database_url, "SELECT count(*) FROM crawl_leases")[0][0] == 0  # released at close


def test_a_crawl_waiting_longer_than_its_lease_ttl_keeps_renewing_it(database_url):
    """A crawl stuck on one slow page for longer than GUPRESS_LEASE_TTL still owns its outlet:
    the lease's expiry moves forward while it waits, and a crawl started after the original
    expiry is turned away instead of taking the lease over."""
    migrate(Database(database_url))
    ttl = 6.0
    with SyntheticOutlet.build(4) as outlet:
        env = ops_env(database_url, outlet, GUPRESS_LEASE_TTL=str(ttl))
        with crawl_held_on(outlet, outlet.articles[1].url, env, database_url) as (first, db):
            taken = state.current_lease(db, outlet_slug="asiae")
            assert taken is not None
            wait_until(lambda: utcnow() > taken.expires_at + timedelta(seconds=1), timeout=ttl + 5,
                       message="the first lease's original expiry to pass")
            renewed = state.current_lease(db, outlet_slug="asiae")
            second = gupress("crawl", "asiae", *FAST, env=env, timeout=90)
    assert first.returncode == 0, first.output[-2000:]
    assert renewed is not None and renewed.owner == taken.owner
    assert renewed.expires_at > taken.expires_at, "the lease was renewed while the crawl waited"
    assert "another crawl holds the lease" in second.stdout, second.stdout + second.stderr[-2000:]
    statuses = dict(query(database_url, "SELECT status, count(*) FROM crawl_runs GROUP BY status"))
    assert statuses == {"finished": 1, "skipped_locked": 1}, "no takeover, nothing abandoned"
    assert query(database_url, "SELECT count(*) FROM articles")[0][0] == 4


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
