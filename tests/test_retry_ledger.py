"""The retry ledger (issue 8, point 1): an article whose fetch or store failed is retried by
the next runs whatever their list walk does, with exponential backoff and a give-up limit
that `gupress status` and /metrics show. Honest run statuses (point 5): an entry point
answering 503 is unreachable; a robots.txt-disallowed link is not an error."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from crawler.runlog import run_status
from storage import repository, retry_ledger
from storage.db import Database
from storage.retry_ledger import FailedUrl, RetryBackoff
from tests.ops_support import ENTRY, SyntheticOutlet, crawl, latest_run, metrics, ops_env, query
from tests.support import FAST, gupress
from tests.test_storage import make_item

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)
BACKOFF = RetryBackoff(base=timedelta(minutes=10), cap=timedelta(hours=1), max_attempts=5)
URL = "https://www.asiae.co.kr/article/2026011907322546715"


# --- the schedule, with time passed in (frozen) ------------------------------------------


def test_backoff_doubles_from_the_base_up_to_the_cap_then_gives_up():
    # 10 min after the 1st failure, 20 after the 2nd, 40 after the 3rd, then the 1 h cap;
    # the 5th failure is the limit: no next try.
    assert [BACKOFF.next_try(n, T0) for n in (1, 2, 3, 4, 5)] == [
        T0 + timedelta(minutes=10), T0 + timedelta(minutes=20), T0 + timedelta(minutes=40),
        T0 + timedelta(hours=1), None]


def test_ledger_entry_waits_for_its_backoff_counts_attempts_and_gives_up(db):
    def fail(now):
        return retry_ledger.record_failures(db, outlet_slug="asiae", failures=[FailedUrl(URL, "fetch failed: HTTP 503")],
                                            backoff=BACKOFF, run_id=7, now=now)[0]

    first = fail(T0)
    assert (first.attempts, first.next_try_at, first.gave_up_at) == (1, T0 + timedelta(minutes=10), None)
    assert retry_ledger.due_urls(db, outlet_slug="asiae", now=T0 + timedelta(minutes=9)) == []
    assert retry_ledger.held_back(db, outlet_slug="asiae", urls=[URL, "https://x/1"], now=T0) == {URL}
    assert retry_ledger.due_urls(db, outlet_slug="asiae", now=T0 + timedelta(minutes=10)) == [URL]
    assert retry_ledger.due_urls(db, outlet_slug="other", now=T0 + timedelta(days=1)) == []

    later = T0 + timedelta(minutes=10)
    second = fail(later)
    assert (second.attempts, second.next_try_at, second.first_failed_at) == (2, later + timedelta(minutes=20), T0)
    for _ in range(3):
        last = fail(later)
    assert last.attempts == 5 and last.next_try_at is None and last.gave_up_at == later
    assert retry_ledger.due_urls(db, outlet_slug="asiae", now=later + timedelta(days=30)) == []
    assert retry_ledger.held_back(db, outlet_slug="asiae", urls=[URL], now=later + timedelta(days=30)) == {URL}
    assert retry_ledger.counts_by_outlet(db) == {"asiae": retry_ledger.LedgerCounts(pending=0, given_up=1)}


def test_storing_the_article_settles_its_entry_and_counts_it_on_the_run(db):
    run_id = repository.start_crawl_run(db, outlet_slug="asiae")
    item = make_item()
    retry_ledger.record_failures(db, outlet_slug="asiae", failures=[FailedUrl(item.canonical_url, "store failed")],
                                 backoff=BACKOFF, run_id=run_id, now=T0)
    assert repository.save_article(db, item, run_id=run_id).status == "new"
    assert retry_ledger.entries(db) == []
    assert repository.save_article(db, make_item(), run_id=run_id).status == "unchanged"
    run = repository.get_crawl_run(db, run_id)
    assert (run.items_new, run.items_unchanged, run.status) == (1, 1, "running")


def test_a_503_entry_point_is_unreachable_like_a_refused_one():
    # robots.txt (200) and three 503 answers were received, but no list page could be read
    assert run_status("finished", {"pages_fetched": 4, "errors": 1}, 1, list_pages=0) == "unreachable"
    assert run_status("finished", {"pages_fetched": 4, "errors": 1}, 1, list_pages=1) == "finished_with_errors"


# --- end to end: gupress crawl against a local outlet -------------------------------------


def article_rows(url: str) -> list[tuple]:
    return query(url, "SELECT canonical_url, count(*) FROM articles GROUP BY canonical_url ORDER BY canonical_url")


def test_failed_fetch_on_a_deep_list_page_is_retried_by_the_next_run(database_url):
    with SyntheticOutlet.build(6, per_page=3) as outlet:
        deep = outlet.articles[4]  # list page 2
        outlet.site.fail(deep.url, 503)
        env = ops_env(database_url, outlet, GUPRESS_RETRY_LEDGER_BASE_SECONDS="0")
        crawl(env, "-s", "RETRY_TIMES=0")
        first = latest_run(database_url)
        assert (first.status, first.errors, first.items_new) == ("finished_with_errors", 1, 5)
        [owed] = query(database_url, "SELECT url, attempts, reason, last_run_id FROM retry_ledger")
        assert owed == (deep.url, 1, "fetch failed: HTTP 503", first.id)

        crawl(env, "-s", "RETRY_TIMES=0")  # incremental: list page 1 is all known, the walk stops there
        requested = outlet.site.requested()
    assert requested.count("/list/society-all/2") == 1, "the second run did not walk to page 2"
    assert requested.count(deep.url.split(".co.kr")[1]) == 2
    assert article_rows(database_url) == sorted((a.url, 1) for a in outlet.articles)
    second = latest_run(database_url)
    assert (second.status, second.items_new, second.errors) == ("finished", 1, 0)
    assert query(database_url, "SELECT count(*) FROM retry_ledger") == [(0,)]


def test_a_rejection_is_a_final_outcome_for_the_ledger(sqlite_url):
    with SyntheticOutlet.build(6, per_page=3) as outlet:
        deep = outlet.articles[4]
        outlet.site.fail(deep.url, 503)
        env = ops_env(sqlite_url, outlet, GUPRESS_RETRY_LEDGER_BASE_SECONDS="0")
        crawl(env, "-s", "RETRY_TIMES=0")
        assert query(sqlite_url, "SELECT url FROM retry_ledger") == [(deep.url,)]
        outlet.site.put(deep.url, "<html><body><div id='app'></div></body></html>")  # no title, date or body
        crawl(env)
    assert query(sqlite_url, "SELECT count(*) FROM retry_ledger") == [(0,)]
    [(reason,)] = query(sqlite_url, f"SELECT reason FROM rejected_items WHERE url = '{deep.url}'")
    assert "missing title" in reason
    assert query(sqlite_url, "SELECT count(*) FROM articles") == [(5,)]


def metrics_of(database_url: str) -> str:
    db = Database(database_url)
    try:
        return metrics(db)
    finally:
        db.dispose()


def test_entry_that_keeps_failing_is_given_up_two_runs_later_and_shown(database_url):
    with SyntheticOutlet.build(6, per_page=3) as outlet:
        broken = outlet.articles[4]  # on list page 2, answering 404 for good
        outlet.site.put(broken.url, "<html><body>없는 기사</body></html>", status=404)
        env = ops_env(database_url, outlet, GUPRESS_RETRY_LEDGER_BASE_SECONDS="0",
                      GUPRESS_RETRY_LEDGER_MAX_ATTEMPTS="3", GUPRESS_OUTLETS="asiae")
        crawl(env)
        pending = json.loads(gupress("status", "--json", env=env).stdout)[0]
        assert (pending["retry_pending"], pending["retry_given_up"]) == (1, 0)
        assert 'gupress_outlet_retry_pending{outlet="asiae"} 1.0' in metrics_of(database_url)

        crawl(env)
        crawl(env)  # the third failure is the limit
        crawl(env)  # given up: not requested again
        path = broken.url.split(".co.kr")[1]
        assert outlet.site.requested(path).count(path) == 3
    [entry] = query(database_url, "SELECT attempts, next_try_at, gave_up_at, reason FROM retry_ledger")
    assert entry[0] == 3 and entry[1] is None and entry[2] is not None and entry[3] == "fetch failed: HTTP 404"
    status = gupress("status", env=env)
    assert "asiae: retry ledger: 0 article URL(s) pending, 1 given up" in status.stdout
    report = json.loads(gupress("status", "--json", env=env).stdout)[0]
    assert (report["retry_pending"], report["retry_given_up"]) == (0, 1)
    text = metrics_of(database_url)
    assert 'gupress_outlet_retry_given_up{outlet="asiae"} 1.0' in text
    assert 'gupress_outlet_retry_pending{outlet="asiae"} 0.0' in text
    assert query(database_url, "SELECT count(*) FROM articles") == [(5,)]


def test_entry_point_answering_503_is_unreachable_and_exits_1(sqlite_url):
    with SyntheticOutlet.build(3) as outlet:
        outlet.site.put(ENTRY, "<html><body>점검 중</body></html>", status=503)
        env = ops_env(sqlite_url, outlet)
        result = gupress("crawl", "asiae", *FAST, "-s", "RETRY_TIMES=1", env=env)
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    assert f"unreachable: {ENTRY} (HTTP 503)" in result.stdout
    run = latest_run(sqlite_url)
    assert run.status == "unreachable" and run.items_new == 0


def test_robots_disallowed_link_is_not_an_error(sqlite_url):
    with SyntheticOutlet.build(3) as outlet:
        private = outlet.articles[1]
        path = private.url.split(".co.kr")[1]
        outlet.site.put("https://www.asiae.co.kr/robots.txt", f"User-agent: *\nDisallow: {path}\n",
                        content_type="text/plain")
        env = ops_env(sqlite_url, outlet)
        result = crawl(env, "-v")  # the skip is an INFO line: not an error, not a warning
        assert path not in outlet.site.requested()
    run = latest_run(sqlite_url)
    assert (run.status, run.errors, run.items_new) == ("finished", 0, 2)
    assert "disallowed by robots.txt" in result.stderr
    assert query(sqlite_url, "SELECT count(*) FROM retry_ledger") == [(0,)]


@pytest.mark.parametrize("name, value", [("GUPRESS_RETRY_LEDGER_MAX_ATTEMPTS", "3"),
                                         ("GUPRESS_RETRY_LEDGER_BASE_SECONDS", "60")])
def test_ledger_settings_come_from_the_environment(name, value):
    from crawler.config import GupressConfig

    config = GupressConfig.from_env({name: value})
    field = name.removeprefix("GUPRESS_").lower()
    assert float(getattr(config, field)) == float(value)
