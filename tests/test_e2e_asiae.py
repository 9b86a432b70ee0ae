"""End to end: a local Asia Economy on 127.0.0.1, crawled by the real Scrapy engine (as
`gupress crawl` subprocesses) into real SQLite and PostgreSQL, then crawled again."""

from __future__ import annotations

import pytest

from storage import repository
from storage.db import Database
from tests.support import FAST, crawl_env, gupress, site_for


@pytest.fixture
def asiae_site():
    site, manifest = site_for("asiae")
    with site:
        yield site, manifest


def test_crawl_twice_archives_once(database_url, asiae_site):
    env = crawl_env(database_url, [asiae_site])
    first = gupress("crawl", "asiae", "--mode", "full", *FAST, env=env)
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    assert "asiae" in first.stdout and "finished" in first.stdout

    db = Database(database_url)
    counts = repository.archive_counts(db)
    assert counts["articles"] == 3
    assert counts["rejected_items"] == 1
    _c, rows = repository.run_sql(db, "SELECT canonical_url FROM articles ORDER BY canonical_url")
    assert [r[0] for r in rows] == [
        "https://www.asiae.co.kr/article/2022042511013467890",
        "https://www.asiae.co.kr/article/2022121516393245785",
        "https://www.asiae.co.kr/article/2026011907322546715",
    ]
    _c, rows = repository.run_sql(db, "SELECT url, reason FROM rejected_items")
    assert rows[0][0] == "https://www.asiae.co.kr/article/2025110310150012345"
    assert "publication date" in rows[0][1]
    run = repository.recent_crawl_runs(db, outlet_slug="asiae")[0]
    assert (run.status, run.items_new, run.items_rejected) == ("finished", 3, 1)
    assert run.pages_fetched >= 6  # robots.txt, 2 list pages, 4 articles

    second = gupress("crawl", "asiae", "--mode", "full", *FAST, env=env)
    assert second.returncode == 0, second.stderr[-3000:]
    counts_after = repository.archive_counts(db)
    assert counts_after["articles"] == 3
    assert counts_after["article_revisions"] == 3
    assert counts_after["raw_pages"] == counts["raw_pages"]
    latest = repository.recent_crawl_runs(db, outlet_slug="asiae")[0]
    assert (latest.items_new, latest.items_unchanged) == (0, 3)
    db.dispose()


def test_edited_article_becomes_a_revision(sqlite_url, asiae_site):
    site, manifest = asiae_site
    env = crawl_env(sqlite_url, [asiae_site])
    assert gupress("crawl", "asiae", "--mode", "full", *FAST, env=env).returncode == 0
    url = "https://www.asiae.co.kr/article/2026011907322546715"
    edited = site.pages["/article/2026011907322546715"].body.replace("5건을 선정하고".encode(), "6건을 선정하고".encode())
    site.put(url, edited)
    assert gupress("crawl", "asiae", "--mode", "full", *FAST, env=env).returncode == 0
    db = Database(sqlite_url)
    article = repository.get_article(db, url)
    assert article.revision_count == 2 and "6건을 선정하고" in article.body
    assert [r.revision_no for r in repository.article_revisions(db, article.id)] == [1, 2]
    db.dispose()


def test_unreachable_outlet_exits_nonzero_and_writes_nothing(sqlite_url):
    env = crawl_env(sqlite_url, [])
    env["GUPRESS_HOST_MAP"] = "www.asiae.co.kr=127.0.0.1:9"  # discard port: connection refused
    result = gupress("crawl", "asiae", *FAST, "-s", "RETRY_TIMES=0", env=env)
    assert result.returncode == 1
    assert "unreachable: https://www.asiae.co.kr/list/society-all (Connection was refused" in result.stdout
    db = Database(sqlite_url)
    assert repository.archive_counts(db)["articles"] == 0
    assert repository.recent_crawl_runs(db)[0].status == "unreachable"
    db.dispose()


def test_database_error_is_one_clear_line_without_password():
    env = crawl_env("postgresql+psycopg://gupress:hunter2@127.0.0.1:9/nope", [])
    result = gupress("crawl", "asiae", env=env)
    assert result.returncode == 2
    assert "cannot open the archive" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
