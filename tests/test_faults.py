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
