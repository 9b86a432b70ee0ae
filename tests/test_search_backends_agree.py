"""SQLite and PostgreSQL find the same articles in the same order on a generated archive of a few
thousand releases (benchmarks/archive_builder.py: the same rows on both), with filters and with the
candidate bound and PostgreSQL's first window shrunk so that every path of its widening windows runs.

Why a generated archive: the PostgreSQL plans that matter (a semi-join that loses the newest-first
order, a check evaluated on every row of a window) appear only with enough rows; on the handful of
articles of tests/test_search.py the planner never considers them. This test found a district
filter returning older matches instead of the newest (the EXISTS had become a hash semi-join)."""

from __future__ import annotations

import pytest

import storage.search
from benchmarks.archive_builder import build_postgresql, build_sqlite
from storage.db import Database
from storage.search import search_articles

ARTICLES = 3000
WORDS = ["청년", "혁신평가", "서울", "물막이", "박람회", "한파", "복지관", "한울센터", "기념촬영", "구청장", "청년 지원", "서울구청",
         "지원서울"]
FILTERS = [{}, {"outlet": "herald"}, {"district": "11680"}, {"outlet": "asiae", "district": "11110"}]


@pytest.fixture(scope="module")
def archives(tmp_path_factory, request):
    sqlite_path = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    build_sqlite(ARTICLES, sqlite_path, progress=lambda _message: None)
    pg_url = request.getfixturevalue("pg_url_module")
    build_postgresql(sqlite_path, pg_url, "test", progress=lambda _message: None)
    sqlite, postgresql = Database(f"sqlite:///{sqlite_path}"), Database(pg_url)
    yield sqlite, postgresql
    sqlite.dispose()
    postgresql.dispose()


@pytest.mark.parametrize("candidates, first_window", [(200, 2000), (7, 1), (3, 100), (1, ARTICLES)])
def test_both_backends_return_the_same_results(archives, monkeypatch, candidates, first_window):
    sqlite, postgresql = archives
    monkeypatch.setattr(storage.search, "CANDIDATES", candidates)
    monkeypatch.setattr(storage.search, "PG_FIRST_WINDOW", first_window)
    differing = []
    for word in WORDS:
        for filters in FILTERS:
            expected = [row["article_id"] for row in search_articles(sqlite, word, **filters)]
            found = [row["article_id"] for row in search_articles(postgresql, word, **filters)]
            if found != expected:
                differing.append((word, filters, found[:5], expected[:5]))
    assert not differing


def test_the_archive_exercises_both_ends(archives):
    """Common words fill a page of results, a rare word in one district does not."""
    sqlite, _postgresql = archives
    assert len(search_articles(sqlite, "서울")) == 20
    assert 0 < len(search_articles(sqlite, "박람회", district="11680")) < 20
