"""`gupress reparse`: stored raw pages are parsed again with today's code, fetching nothing."""

from __future__ import annotations

import os

from sqlalchemy import text

from crawler.pipelines.validate import validation_errors
from spiders.asiae import AsiaeSpider
from storage import repository
from storage.db import Database, migrate
from tests.support import fixture_path, gupress, parse_fixture

URL = "https://www.asiae.co.kr/article/2026011907322546715"
MISSING_DATE_URL = "https://www.asiae.co.kr/article/2025110310150012345"


def _archive(db: Database) -> None:
    item = parse_fixture(AsiaeSpider(), "asiae", "article-current.html", URL)[0]
    item.raw_html = fixture_path("asiae", "article-current.html").read_bytes()
    repository.save_article(db, item)
    rejected = parse_fixture(AsiaeSpider(), "asiae", "article-missing-date.html", MISSING_DATE_URL)[0]
    rejected.raw_html = fixture_path("asiae", "article-missing-date.html").read_bytes()
    repository.record_rejection(db, outlet_slug="asiae", url=MISSING_DATE_URL,
                                reason="; ".join(validation_errors(rejected)), item=rejected)


def test_reparse_restores_what_an_older_parser_got_wrong(sqlite_url):
    db = Database(sqlite_url)
    migrate(db)
    _archive(db)
    assert repository.archive_counts(db)["raw_pages"] == 2, "a rejected page's bytes are kept too"
    with db.engine.begin() as connection:  # what a buggy parser once stored
        connection.execute(text("UPDATE articles SET title = '깨진 제목', content_hash = 'old'"))
    env = {**os.environ, "GUPRESS_DATABASE_URL": sqlite_url}

    dry = gupress("reparse", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "revised=1" in dry.stdout and "rejected=1" in dry.stdout
    assert repository.get_article(db, URL).title == "깨진 제목", "a dry run writes nothing"

    result = gupress("reparse", env=env)
    assert result.returncode == 0, result.stderr
    assert "revised=1" in result.stdout
    article = repository.get_article(db, URL)
    assert article.title == "강서구, '적극행정 우수사례' 선정·포상" and article.revision_count == 2
    assert repository.recent_crawl_runs(db)[0].mode == "reparse"

    again = gupress("reparse", env=env)
    assert "unchanged=1" in again.stdout and "revised=0" in again.stdout
    db.dispose()
