"""Servers misbehaving: 503s and a 429 with Retry-After are retried with backoff, a hanging
page times out, a redirect loop is abandoned; the rest of the outlet is archived, the run says
what failed, and the next crawl completes the archive with every article exactly once."""

from __future__ import annotations

import pytest

from crawler.middlewares import backoff_delay
from storage import repository
from storage.db import Database
from tests.support import FAST, crawl_env, gupress, site_for

LIST = "https://www.asiae.co.kr/list/society-all"
CURRENT = "https://www.asiae.co.kr/article/2026011907322546715"
OLD = "https://www.asiae.co.kr/article/2022121516393245785"
ROUNDUP = "https://www.asiae.co.kr/article/2022042511013467890"


@pytest.mark.parametrize("attempt, retry_after, expected", [
    (1, None, 2.0), (2, None, 4.0), (3, None, 8.0), (10, None, 60.0), (1, "30", 30.0), (1, "600", 60.0), (2, "soon", 4.0),
])
def test_backoff_grows_and_honours_retry_after_up_to_the_cap(attempt, retry_after, expected):
    assert backoff_delay(attempt, base=2.0, cap=60.0, retry_after=retry_after) == expected


def test_faulty_outlet_is_archived_as_far_as_possible_then_completed(sqlite_url):
    site, manifest = site_for("asiae")
    with site:
        site.fail(LIST, 503, 503)
        site.fail(CURRENT, 429, headers={"Retry-After": "1"})
        site.hang(OLD, 5)
        roundup_page = site.pages["/article/2022042511013467890"]
        site.redirect_loop(ROUNDUP)
        env = crawl_env(sqlite_url, [(site, manifest)])
        first = gupress("crawl", "asiae", "--mode", "full", *FAST, "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=2",
                        env=env)
        assert first.returncode == 0, first.stderr[-3000:]
        assert site.requested("/list/society-all").count("/list/society-all") == 3, "two 503s, then the page"
        assert site.requested("/article/2026011907322546715").count("/article/2026011907322546715") == 2

        db = Database(sqlite_url)
        run = repository.recent_crawl_runs(db, outlet_slug="asiae")[0]
        assert run.status == "finished_with_errors" and run.errors >= 2
        _c, rows = repository.run_sql(db, "SELECT canonical_url FROM articles")
        assert [r[0] for r in rows] == [CURRENT]

        site.hang(OLD, 0)
        site.pages["/article/2022042511013467890"] = roundup_page
        second = gupress("crawl", "asiae", "--mode", "full", *FAST, env=env)
        assert second.returncode == 0, second.stderr[-3000:]
    _c, rows = repository.run_sql(db, "SELECT canonical_url, revision_count FROM articles ORDER BY canonical_url")
    assert rows == [(ROUNDUP, 1), (OLD, 1), (CURRENT, 1)]
    assert repository.recent_crawl_runs(db, outlet_slug="asiae")[0].status == "finished"
    db.dispose()


# --- the bad-response catalogue (tests/badpages.py) -----------------------------------------


def _catalogue_crawl(cat, url, *extra):
    env = crawl_env(url, [(cat.site, cat.manifest)])
    return gupress("crawl", "sijung", "--mode", "full", "--max-pages", "1", *FAST, "-s", "RETRY_TIMES=3",
                   *extra, env=env)


def test_bad_response_catalogue_each_page_archived_right_or_rejected_with_its_reason(database_url):
    """5xx storm, reset mid-body, 50 MB page (default 20 MiB cap), gzip bomb, wrong charset both
    ways, truncated (cut file and short of Content-Length), PDF, JPEG, empty 200, undecodable
    bytes, a body far shorter than the page's description, NUL and escape sequences in a title:
    every good article once and as written, every bad one rejected with its own reason and
    its bytes kept, the run honest about it, and the next run (faults over) normal."""
    from tests.badpages import CLEAN_ESCAPED_TITLE, build_catalogue

    cat = build_catalogue()
    with cat.site:
        first = _catalogue_crawl(cat, database_url)
        assert first.returncode == 0, first.stderr[-3000:]
        assert "Traceback" not in first.stderr, first.stderr[-3000:]
        storm = cat.stories["storm"].url.split("sijung.co.kr")[1]
        assert cat.site.requested(storm).count(storm) == 4, "three 5xx, then the page"
        truncated = cat.stories["cut55"].url.split("sijung.co.kr")[1]
        assert cat.site.requested(truncated).count(truncated) == 4, "a truncated page is retried (RETRY_TIMES=3)"

        db = Database(database_url)
        _c, rows = repository.run_sql(db, "SELECT canonical_url, title, body, revision_count FROM articles")
        archived = {r[0]: r for r in rows}
        assert set(archived) == {s.url for s in cat.good.values()}
        for key, s in cat.good.items():
            _url, title, body, revisions = archived[s.url]
            expected_title = CLEAN_ESCAPED_TITLE if key == "escapes" else s.title
            expected_body = s.body.replace("\x00", "").replace("\x1b[2J", "")
            assert (title, body, revisions) == (expected_title, expected_body, 1), key
        _c, rows = repository.run_sql(db, "SELECT url, reason FROM rejected_items")
        reasons = dict(rows)
        assert len(rows) == len(cat.rejected), rows
        for url, start in cat.rejected.items():
            assert reasons.get(url, "").startswith(start), (url, reasons.get(url))
        _c, rows = repository.run_sql(db, "SELECT url, encoding, article_id FROM raw_pages")
        raw = {r[0]: r for r in rows}
        assert raw[cat.stories["euckr_as_utf8"].url][1] == "cp949"
        assert raw[cat.stories["utf8_as_euckr"].url][1] == "utf-8"
        for key in ("pdf", "jpeg", "cut55", "dataloss", "undecodable", "bomb"):
            assert raw[cat.stories[key].url][2] is None, f"bytes of the rejected {key} page are kept"
        run = repository.recent_crawl_runs(db, outlet_slug="sijung")[0]
        assert (run.status, run.items_new, run.items_rejected, run.errors) == (
            "finished", len(cat.good), len(cat.rejected), 0)

        env = crawl_env(database_url, [(cat.site, cat.manifest)])
        reparse = gupress("reparse", "--outlet", "sijung", env=env)
        assert reparse.returncode == 0, reparse.stderr[-3000:]
        _c, rows = repository.run_sql(db, "SELECT canonical_url FROM articles")
        assert {r[0] for r in rows} == {s.url for s in cat.good.values()}, "reparse keeps bad pages rejected"

        cat.repair()
        second = _catalogue_crawl(cat, database_url)
        assert second.returncode == 0, second.stderr[-3000:]
    _c, rows = repository.run_sql(db, "SELECT canonical_url, revision_count FROM articles")
    assert sorted(rows) == sorted((s.url, 1) for s in cat.stories.values())
    run = repository.recent_crawl_runs(db, outlet_slug="sijung")[0]
    assert (run.status, run.items_rejected, run.errors) == ("finished", 0, 0)
    assert run.items_new == len(cat.stories) - len(cat.good)
    db.dispose()


def test_a_list_page_cut_short_is_retried_then_reported_unreachable(sqlite_url):
    """DOWNLOAD_FAIL_ON_DATALOSS is off so article bytes can be kept; a list page cut short of its
    Content-Length must still not be walked as if whole: retried, then the entry point fails."""
    from tests.badpages import LIST_URL, build_catalogue

    cat = build_catalogue()
    with cat.site:
        cat.site.cut_off(LIST_URL, 400)
        result = _catalogue_crawl(cat, sqlite_url)
        path = LIST_URL.split("sijung.co.kr")[1]
        assert cat.site.requested(path).count(path) == 4, "first try + RETRY_TIMES=3"
    assert "Traceback" not in result.stderr
    db = Database(sqlite_url)
    run = repository.recent_crawl_runs(db, outlet_slug="sijung")[0]
    assert "unreachable: " + LIST_URL in run.exit_reason and "truncated" in run.exit_reason
    assert (run.items_new, run.items_rejected, run.errors) == (0, 0, 1)
    db.dispose()
