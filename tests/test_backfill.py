"""Backfill: deep, resumable, idempotent. A backfill interrupted (SIGINT, SIGKILL) and
restarted ends with the same rows as an uninterrupted one; a second run adds nothing."""

from __future__ import annotations

import signal

import pytest

from storage import state
from storage.db import Database, migrate
from tests.ops_support import SyntheticOutlet, latest_run, ops_env, query, spawn, wait_until
from tests.support import FAST, crawl_env, gupress

SIZE, PER_PAGE = 30, 5
ROWS = "SELECT canonical_url, revision_count, title FROM articles ORDER BY canonical_url"


def backfill(env, *args: str, expect: int = 0):
    result = gupress("backfill", "--outlet", "asiae", *FAST, *args, env=env, timeout=120)
    assert result.returncode == expect, result.stdout + result.stderr[-3000:]
    return result


@pytest.fixture
def outlet():
    with SyntheticOutlet.build(SIZE, per_page=PER_PAGE) as site:
        yield site


@pytest.fixture
def reference_rows(tmp_path_factory, outlet):
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'reference.db'}"
    backfill(ops_env(url, outlet))
    return query(url, ROWS)


def test_backfill_walks_deep_and_second_run_adds_nothing(sqlite_url, outlet):
    env = ops_env(sqlite_url, outlet)
    result = backfill(env)
    assert "finished" in result.stdout
    assert f"backfill asiae: {SIZE // PER_PAGE} list pages, {SIZE} articles ({SIZE} new" in result.stderr  # plain progress
    assert query(sqlite_url, "SELECT count(*) FROM articles")[0][0] == SIZE  # past the 5-page incremental cap
    db = Database(sqlite_url)
    [cursor] = state.list_cursors(db, outlet_slug="asiae")
    assert cursor.completed_at is not None and cursor.pages_done == SIZE // PER_PAGE
    outlet.site.requests.clear()
    backfill(env)  # cursor complete: nothing to walk
    assert outlet.site.requested("/list") == [] and latest_run(sqlite_url).items_new == 0
    backfill(env, "--restart")  # walks the list again but fetches no archived article
    assert outlet.site.requested("/article") == []
    assert len(outlet.site.requested("/list")) == SIZE // PER_PAGE
    assert latest_run(sqlite_url).items_new == 0
    db.dispose()


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_interrupted_backfill_resumes_to_the_same_rows(sqlite_url, outlet, reference_rows, how):
    env = ops_env(sqlite_url, outlet)
    db = Database(sqlite_url)
    migrate(db)
    child = spawn("-m", "crawler.cli", "backfill", "--outlet", "asiae", *FAST, "-s", "DOWNLOAD_DELAY=0.05",
                  "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", env=env)
    try:
        wait_until(lambda: (c := state.get_cursor(db, outlet_slug="asiae", entry_point=outlet.manifest.entry_points[0]))
                   and c.page >= 3, timeout=60, interval=0.05, message="cursor at page 3")
        child.send_signal(how)
        output, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    partial = query(sqlite_url, "SELECT count(*) FROM articles")[0][0]
    assert 0 < partial < SIZE, output[-2000:]
    if how == signal.SIGINT:
        assert child.returncode == 130 and "Run the same command again to resume" in output
        assert latest_run(sqlite_url).status == "interrupted"
    resumed = backfill(env)
    assert query(sqlite_url, ROWS) == reference_rows
    assert "finished" in resumed.stdout
    statuses = [r[0] for r in query(sqlite_url, "SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["interrupted" if how == signal.SIGINT else "abandoned", "finished"]
    db.dispose()


def test_since_until_bound_the_dates_and_the_walk(sqlite_url, outlet):
    env = ops_env(sqlite_url, outlet)
    backfill(env, "--since", "2026-01-19")
    dates = query(sqlite_url, "SELECT min(published_at), count(*) FROM articles")
    assert dates[0][1] == 8 and str(dates[0][0]).startswith("2026-01-18 15:")  # 00:32 KST on the 19th
    # page 3 is entirely older than --since; the walk stops there or, when the last of its
    # dates reached the spider after the page was settled, at the next list page (no articles)
    assert len(outlet.site.requested("/list")) in (3, 4)
    assert len(outlet.site.requested("/article")) == 15
    assert latest_run(sqlite_url).status == "finished"
    backfill(env, "--until", "2026-01-18")
    assert query(sqlite_url, "SELECT count(*) FROM articles")[0][0] == SIZE


def test_bad_dates_are_refused(sqlite_url):
    result = gupress("backfill", "--outlet", "asiae", "--since", "19 Jan", env=crawl_env(sqlite_url, []))
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_backfill_survives_a_failed_article_listed_again_on_the_next_page(sqlite_url, outlet):
    broken = outlet.articles[2]
    outlet.site.remove(broken.url)  # 404 on page 1 ...
    page_two = outlet.site.pages["/list/society-all/2"].body.decode()
    outlet.site.put(outlet.list_url(2), page_two.replace('<div class="cont_list">',
                                                         f'<div class="cont_list"><a href="{broken.url}">moved</a>'))
    backfill(ops_env(sqlite_url, outlet))  # ... and listed again on page 2 (dropped as a duplicate request)
    assert query(sqlite_url, "SELECT count(*) FROM articles")[0][0] == SIZE - 1
    db = Database(sqlite_url)
    assert state.list_cursors(db, outlet_slug="asiae")[0].completed_at is not None
    db.dispose()


def test_progress_bar_on_a_terminal(sqlite_url, outlet):
    """stderr on a pseudo-terminal: a tqdm bar with pages, rate and article counts."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    from tests.support import REPO

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen([sys.executable, "-m", "crawler.cli", "backfill", "--outlet", "asiae", *FAST,
                              "--max-pages", "4"], cwd=REPO, env=ops_env(sqlite_url, outlet),
                             stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    child.wait(timeout=60)
    os.close(master)
    bar = drawn.decode(errors="replace")
    assert child.returncode == 0
    assert "backfill asiae" in bar and "4/4" in bar and "page/s" in bar and "articles=20" in bar


def test_the_next_list_page_waits_until_the_pipelines_are_done_with_every_article():
    """The resume guarantee at its root: the cursor moves to page N+1 when page N+1 is parsed,
    so page N+1 may be requested only once each of page N's items has left the pipelines
    (its store batch committed, or it was dropped, or it failed and is owed to the retry
    ledger). Requesting it when the article callbacks returned let a SIGKILL lose the items
    still queued for the store: the resumed walk began past their page."""
    from types import SimpleNamespace

    from scrapy import signals
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from spiders.asiae import AsiaeSpider

    site = SyntheticOutlet.build(PER_PAGE + 1, per_page=PER_PAGE)
    crawler = get_crawler(AsiaeSpider)
    spider = AsiaeSpider.from_crawler(crawler, mode="backfill")
    crawled: list[Request] = []
    crawler.engine = SimpleNamespace(crawl=crawled.append)

    def response(request: Request) -> HtmlResponse:
        return HtmlResponse(request.url, body=site.site.pages[request.url.split(".co.kr", 1)[1]].body,
                            encoding="utf-8", request=request)

    first = spider.list_request(site.list_url(1), page=1, entry=site.list_url(1))
    articles = list(spider.parse_list(response(first), **first.cb_kwargs))
    assert [r.url for r in articles] == [a.url for a in site.articles[:PER_PAGE]]
    answers = [response(r) for r in articles]
    items = [list(spider.parse_article(answer)) for answer in answers]
    assert all(len(out) == 1 and not isinstance(out[0], Request) for out in items), items  # no list page yet
    done = [(signals.item_scraped, {}), (signals.item_dropped, {"exception": Exception("outside the window")}),
            (signals.item_error, {"failure": None})]
    for n, (answer, [item]) in enumerate(zip(answers, items, strict=True)):
        assert crawled == [], f"list page 2 requested with {PER_PAGE - n} article(s) of page 1 unsettled"
        signal_, extra = done[n % len(done)]
        crawler.signals.send_catch_log(signal_, item=item, response=answer, spider=spider, **extra)
    assert [r.url for r in crawled] == [site.list_url(2)]
