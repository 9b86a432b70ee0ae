"""Incremental recrawls on 127.0.0.1: the second crawl fetches only the first list page,
new articles are found, due articles are re-checked with conditional GETs, and the cost of a
no-change recrawl does not grow with the archive."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.korean import KST
from spiders.crawl_control import DateWindow, RevisitPolicy
from tests.ops_support import ENTRY, FakeArticle, SyntheticOutlet, counts, crawl, latest_run, ops_env, query
from tests.support import site_for

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
ALWAYS_DUE = ["-s", "GUPRESS_REVISIT_FRACTION=0", "-s", "GUPRESS_REVISIT_MIN_SECONDS=0",
              "-s", "GUPRESS_REVISIT_HORIZON_DAYS=100000"]


@pytest.fixture
def asiae_site():
    site, manifest = site_for("asiae")
    with site:
        yield site, manifest


def test_second_crawl_reads_first_list_page_only_and_finds_new_articles(database_url, asiae_site):
    site, _manifest = asiae_site
    env = ops_env(database_url, asiae_site)
    crawl(env)
    first = counts(database_url)
    assert (first["articles"], first["rejected_items"]) == (3, 1)

    site.requests.clear()
    crawl(env)
    assert site.requested() == ["/robots.txt", "/list/society-all"]  # rejected URL on page 1 not refetched either
    assert counts(database_url) == {**first, "crawl_runs": 2}
    run = latest_run(database_url)
    assert (run.status, run.pages_fetched, run.items_new, run.items_unchanged) == ("finished", 2, 0, 0)

    # publish a new article on top of list page 1
    fresh = FakeArticle(7, datetime(2026, 11, 1, 9, 0, tzinfo=KST))
    site.put(fresh.url, fresh.html())
    list_page = site.pages["/list/society-all"].body.decode()
    site.put(ENTRY, list_page.replace('<div class="cont_list">',
                                      f'<div class="cont_list"><div class="article"><a href="{fresh.url}">x</a></div>'))
    site.requests.clear()
    crawl(env)
    assert f"/article/{fresh.article_id}" in site.requested()
    assert latest_run(database_url).items_new == 1
    assert counts(database_url)["articles"] == 4


def test_due_articles_are_revisited_with_conditional_get(sqlite_url):
    with SyntheticOutlet.build(6) as outlet:
        env = ops_env(sqlite_url, outlet)
        crawl(env, *ALWAYS_DUE)
        edited = outlet.articles[2]
        outlet.edit(edited, "새로 선정하고")
        outlet.site.requests.clear()
        crawl(env, *ALWAYS_DUE)
        run = latest_run(sqlite_url)
        conditional = [h for _m, path, h in outlet.site.requests if path.startswith("/article/")]
    assert len(conditional) == 6 and all("if-none-match" in h for h in conditional)
    assert (run.responses_304, run.items_revised, run.items_new, run.status) == (5, 1, 0, "finished")
    rows = query(sqlite_url, "SELECT revision_count, body FROM articles WHERE canonical_url = "
                             f"'{edited.url}'")
    assert rows[0][0] == 2 and "새로 선정하고" in rows[0][1]
    checked = query(sqlite_url, "SELECT count(*) FROM articles WHERE last_checked_at > first_seen_at")
    assert checked[0][0] == 6  # a 304 counts as a check


def test_due_article_deep_in_the_list_is_revisited_without_walking_there(sqlite_url):
    recent = datetime.now(timezone.utc) - timedelta(days=3)
    with SyntheticOutlet.build(15, newest=recent) as outlet:
        env = ops_env(sqlite_url, outlet)
        crawl(env)
        sunk = outlet.articles[12]  # on list page 2
        set_checked(sqlite_url, days_ago=0)
        set_checked(sqlite_url, days_ago=2, article_url=sunk.url)  # 3-day-old article, unchecked for 2 days: due
        outlet.edit(sunk, "고쳐 선정하고")
        outlet.site.requests.clear()
        crawl(env)
        requested = outlet.site.requested()
    assert requested[0] == "/robots.txt"  # RobotsTxtMiddleware holds every request until robots.txt is read
    # List page 1 and the revisit sweep both leave start() and, with DOWNLOAD_DELAY=0, are in flight
    # together, so the site's log order is a race between its threads: only the set is asserted
    # (page 1 and the sunk article, not page 2).
    assert sorted(requested[1:]) == sorted(["/list/society-all", f"/article/{sunk.article_id}"])
    run = latest_run(sqlite_url)
    assert (run.items_revised, run.items_new, run.responses_304) == (1, 0, 0)


def set_checked(database_url: str, *, days_ago: float, article_url: str | None = None) -> None:
    """Pretend the articles (or one of them) were last checked ``days_ago``."""
    from sqlalchemy import update

    from storage.db import Database
    from storage.models import Article

    db = Database(database_url)
    query = update(Article).values(last_checked_at=datetime.now(timezone.utc) - timedelta(days=days_ago))
    with db.session() as session:
        session.execute(query.where(Article.canonical_url == article_url) if article_url else query)
    db.dispose()


def _no_change_recrawl_requests(url: str, size: int) -> tuple[int, int]:
    with SyntheticOutlet.build(size) as outlet:
        env = ops_env(url, outlet)
        crawl(env, "--max-pages", "100")
        assert counts(url)["articles"] == size
        outlet.site.requests.clear()
        crawl(env)
        run = latest_run(url)
        return len(outlet.site.requested()), run.items_new + run.items_unchanged


def test_recrawl_cost_does_not_grow_with_archive(tmp_path):
    small = _no_change_recrawl_requests(f"sqlite:///{tmp_path / 'small.db'}", 10)
    large = _no_change_recrawl_requests(f"sqlite:///{tmp_path / 'large.db'}", 40)
    assert small == large == (2, 0)


def test_revisit_interval_thins_out_with_age():
    policy = RevisitPolicy()
    assert policy.interval(timedelta(hours=2)) == timedelta(minutes=30)
    assert policy.interval(timedelta(minutes=10)) == timedelta(minutes=15)  # floor
    assert policy.interval(timedelta(days=60)) == timedelta(days=7)  # cap
    born = NOW - timedelta(days=2)
    assert not policy.is_due(published_at=born, first_seen_at=born, last_checked_at=NOW - timedelta(hours=11), now=NOW)
    assert policy.is_due(published_at=born, first_seen_at=born, last_checked_at=NOW - timedelta(hours=13), now=NOW)
    old = NOW - timedelta(days=31)
    assert not policy.is_due(published_at=old, first_seen_at=old, last_checked_at=old, now=NOW)  # past horizon


def test_date_window_is_kst_calendar_days():
    window = DateWindow.parse("2026-01-01", "2026-01-31")
    assert window.contains(datetime(2026, 1, 1, 0, 0, tzinfo=KST))
    assert not window.contains(datetime(2025, 12, 31, 23, 59, tzinfo=KST))
    assert window.contains(datetime(2026, 1, 31, 23, 59, tzinfo=KST))
    assert not window.contains(datetime(2026, 2, 1, 0, 0, tzinfo=KST))
    assert window.before_start(datetime(2025, 12, 31, 14, 59, tzinfo=timezone.utc))
    assert DateWindow.parse(None, None).label == ".."
