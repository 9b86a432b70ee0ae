"""Distributed backfill (issue 12): `gupress backfill --queue` seeds a shared scrapy-redis
queue, `gupress worker` processes take from it and store into one archive. The rows equal
those of a one-process backfill; a worker killed with SIGKILL loses and duplicates nothing;
a Redis restarted mid-backfill resumes."""

from __future__ import annotations

import json
import os
import signal

import pytest

from tests.ops_support import ENTRY, SyntheticOutlet, ops_env, query, spawn, wait_until
from tests.queue_support import connect, private_redis, queue  # noqa: F401 (fixtures)
from tests.support import FAST, gupress

SIZE, PER_PAGE = 24, 4
ROWS = "SELECT canonical_url, revision_count, title FROM articles ORDER BY canonical_url"


@pytest.fixture
def outlet():
    with SyntheticOutlet.build(SIZE, per_page=PER_PAGE) as site:
        yield site


def queue_env(database_url: str, outlet, prefix: str, **extra: str) -> dict[str, str]:
    return ops_env(database_url, outlet, GUPRESS_QUEUE_PREFIX=prefix, GUPRESS_WORKER_HEARTBEAT_TTL="2", **extra)


def seed(env, queue_url: str, *args: str):
    result = gupress("backfill", "--outlet", "asiae", "--queue", queue_url, *args, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result


def workers(env, queue_url: str, count: int):
    return [spawn("-m", "crawler.cli", "worker", "--queue", queue_url, *FAST, env=env) for _ in range(count)]


def finish(processes, timeout: float = 120) -> list[str]:
    outputs = []
    for process in processes:
        output, _ = process.communicate(timeout=timeout)
        assert process.returncode == 0, output[-3000:]
        outputs.append(output)
    return outputs


@pytest.fixture
def reference_rows(tmp_path_factory, outlet):
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'reference.db'}"
    result = gupress("backfill", "--outlet", "asiae", *FAST, env=ops_env(url, outlet), timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return query(url, ROWS)


def test_three_workers_store_exactly_what_one_process_stores(pg_url, outlet, queue, reference_rows):
    queue_url, prefix = queue
    env = queue_env(pg_url, outlet, prefix)
    outlet.site.requests.clear()  # the reference backfill's fetches
    seed(env, queue_url)
    finish(workers(env, queue_url, 3))
    assert query(pg_url, ROWS) == reference_rows == expected_rows(outlet)
    fetched = outlet.site.requested("/article")
    assert len(fetched) == len(set(fetched)) == SIZE, "each article fetched once across the three workers"
    walked = outlet.site.requested("/list")
    assert len(walked) == len(set(walked)) == SIZE // PER_PAGE, "each list page read once"
    status = gupress("backfill", "--status", "asiae", "--queue", queue_url, env=env)
    assert "done" in status.stdout and f"articles {SIZE} ({SIZE} new" in status.stdout, status.stdout
    assert f"list pages {SIZE // PER_PAGE}" in status.stdout
    assert seed(env, queue_url).stdout.startswith("the backfill of asiae"), "seeding again adds nothing"


def expected_rows(outlet) -> list[tuple]:
    """Every article the synthetic site lists, stored once (one revision)."""
    return sorted((a.url, 1, a.title) for a in outlet.articles)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(pg_url, outlet, queue):
    """The first worker is provably mid-request (the site holds its fetch of an article) when
    it is killed; two workers started afterwards put its requests back and finish the job."""
    queue_url, prefix = queue
    env = queue_env(pg_url, outlet, prefix)
    seed(env, queue_url)
    gate = outlet.site.hold(outlet.articles[PER_PAGE + 1].url)  # on list page 2
    [victim] = workers(env, queue_url, 1)
    try:
        gate.wait_arrived(timeout=90)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
    finally:
        gate.release()
    finish(workers(env, queue_url, 2))
    assert query(pg_url, ROWS) == expected_rows(outlet)
    assert query(pg_url, "SELECT count(*), count(DISTINCT canonical_url) FROM articles")[0] == (SIZE, SIZE)
    assert query(pg_url, "SELECT max(revision_count) FROM articles")[0][0] == 1
    status = gupress("backfill", "--status", "asiae", "--queue", queue_url, env=env)
    assert "done" in status.stdout and "workers alive: 0" in status.stdout, status.stdout


def taken_urls(server, prefix: str) -> list[str]:
    """URLs of the requests workers have taken and not yet acknowledged (processing hashes)."""
    return [json.loads(entry.decode().partition("|")[2])["url"]
            for name in server.scan_iter(match=f"{prefix}:bf:asiae:processing:*") for entry in server.hvals(name)]


def test_redis_restarted_mid_backfill_resumes(pg_url, outlet, private_redis):
    """Redis (append-only file) stops while a worker waits on list page 3 and starts again:
    the queue, the taken requests and the dupefilter survive; the worker carries on.

    Only a list page's callback adds to the queue, so holding the deepest list page reached
    makes the queue still once the worker has taken what is in it. Holding an article did not:
    which of list page 3 and the held article the worker takes first depends on how Scrapy
    interleaves handing page 2's output to the queue with fetching, so page 3 could be fetched
    and its follow-ups queued while the test compared counts (1 queued after the restart, 0
    before). Page 3 arriving at the site means page 2's output is all in Redis (page 3 is the
    last request it yields)."""
    env = queue_env(pg_url, outlet, "gupress-drill")
    seed(env, private_redis.url)
    gate = outlet.site.hold(outlet.list_url(3))
    [worker] = workers(env, private_redis.url, 1)
    requests, seen = "gupress-drill:bf:asiae:requests", "gupress-drill:bf:asiae:seen"
    try:
        gate.wait_arrived(timeout=90)
        server = connect(private_redis.url)
        wait_until(lambda: not server.zcard(requests), timeout=60, message="the worker to take every queued request")
        fingerprints = server.smembers(seen)
        assert len(fingerprints) == 3 + 2 * PER_PAGE  # list pages 1-3, the articles of pages 1-2
        private_redis.stop()
        private_redis.start()
        server = connect(private_redis.url)
        assert server.zcard(requests) == 0 and server.smembers(seen) == fingerprints
        assert outlet.list_url(3) in taken_urls(server, "gupress-drill")
    finally:
        gate.release()
    finish([worker])
    assert query(pg_url, ROWS) == expected_rows(outlet)


def test_since_bounds_the_rows_and_stops_the_walk(pg_url, outlet, queue):
    """Articles are hourly from 2026-01-19 07:32 KST back, four per list page: --since
    2026-01-19 keeps the 8 articles of pages 1-2. Once an article of page 3 is known to be
    older, no worker walks past the page it reads next. The site holds list page 4 until
    that fact is in Redis, so the test does not race the workers (on loopback the list walk
    can outrun the articles; what the design bounds is the walk after the fact is known)."""
    queue_url, prefix = queue
    env = queue_env(pg_url, outlet, prefix, GUPRESS_LOG_JSON="true")
    seed(env, queue_url, "--since", "2026-01-19")
    gate = outlet.site.hold(outlet.list_url(4))
    running = workers(env, queue_url, 2)
    try:
        gate.wait_arrived(timeout=90)
        below = wait_until(lambda: connect(queue_url).hget(f"{prefix}:bf:asiae:below", ENTRY), timeout=60,
                           message="an article older than --since to be recorded")
        assert int(below) == 3
    finally:
        gate.release()
    outputs = finish(running)
    lines = [line for output in outputs for line in output.splitlines() if line.strip()]
    events = [json.loads(line) for line in lines]  # with GUPRESS_LOG_JSON every line a worker prints is JSON
    assert sum(e.get("event") == "crawl_summary" for e in events) == 2
    dates = query(pg_url, "SELECT min(published_at), count(*) FROM articles")
    assert dates[0][1] == 8 and dates[0][0].isoformat().startswith("2026-01-18T15:32")  # 00:32 KST
    walked = outlet.site.requested("/list")
    assert len(walked) == len(set(walked)) == 4, walked  # pages 1-4; 5 and 6 never requested
    status = gupress("backfill", "--status", "asiae", "--queue", queue_url, env={**env, "GUPRESS_LOG_JSON": "false"})
    assert "8 new" in status.stdout and "outside the window" in status.stdout, status.stdout
    conflicting = gupress("backfill", "--outlet", "asiae", "--queue", queue_url, "--since", "2026-01-10", env=env)
    assert conflicting.returncode == 1 and "another window" in conflicting.stderr
    status_event = json.loads(gupress("backfill", "--status", "asiae", "--queue", queue_url, env=env).stdout)
    assert status_event["event"] == "backfill_status" and status_event["finished"] and status_event["count_new"] == 8
    forgot = gupress("backfill", "--forget", "asiae", "--queue", queue_url, env=env)
    assert forgot.returncode == 0 and not list(connect(queue_url).scan_iter(match=f"{prefix}:bf:asiae:*"))
    assert "no shared backfill of asiae" in gupress("backfill", "--status", "asiae", "--queue", queue_url,
                                                   env=env).stdout  # (inside the JSON event's msg)


@pytest.mark.parametrize("args, message", [
    (["worker", "--queue", "http://127.0.0.1:6379"], "is not a Redis URL"),
    (["worker", "--queue", "redis://127.0.0.1:1/0"], "cannot reach the queue"),
    (["worker"], "give --queue"),
    (["backfill", "--status", "nosuch", "--queue", "redis://127.0.0.1:6379/0"], "unknown outlet 'nosuch'"),
])
def test_bad_queue_arguments_are_one_line_and_exit_2(sqlite_url, args, message):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}
    env["GUPRESS_DATABASE_URL"] = sqlite_url
    result = gupress(*args, env=env, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
