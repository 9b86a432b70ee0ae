"""The benchmark archive builder's bulk path gives what the store would: same search rows, searchable."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from benchmarks import archive_builder
from benchmarks.archive_text import ReleaseWriter
from storage.db import Database
from storage.search import search_articles
from storage.textindex import search_document


def test_bulk_tsvector_is_the_stores_expression(pg_url):
    """The builder writes tsvector text itself; PostgreSQL must read it as exactly what the store's
    setweight(to_tsvector(title), 'A') || to_tsvector(body) makes of the same bigram documents."""
    writer = ReleaseWriter(seed=3)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        for release in (writer.release() for _ in range(30)):
            title, body = search_document(release.title), search_document(release.body)
            server = conn.execute(text("SELECT (setweight(to_tsvector('simple', :t), 'A') || "
                                       "to_tsvector('simple', :b))::text"), {"t": title, "b": body}).scalar()
            ours = conn.execute(text("SELECT CAST(:lit AS tsvector)::text"),
                                {"lit": archive_builder.tsvector_literal(title, body)}).scalar()
            assert ours == server
    engine.dispose()


def test_built_archive_is_complete_and_searchable_on_both_backends(tmp_path, pg_url):
    """Every generated release opens with "서울 <district>(구청장 ...)가 '<name>'을 운영한다고 ... 밝혔다"
    (benchmarks/archive_text.py), so 운영한다고 matches all 240 and one district row each exists; a search orders only the newest 200."""
    path = tmp_path / "a.sqlite"
    archive_builder.build_sqlite(240, path, progress=lambda _m: None)
    archive_builder.build_postgresql(path, pg_url, "test", progress=lambda _m: None)
    for url in (f"sqlite:///{path}", pg_url):
        db = Database(url)
        with db.engine.connect() as conn:
            counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                      for t in ("articles", "article_districts", "article_fts")]
            copies = conn.execute(text("SELECT count(*) FROM articles WHERE cluster_id IS NOT NULL "
                                       "AND cluster_id <> id AND body LIKE '[%'")).scalar()
        assert counts == [240, 240, 240]
        assert copies > 0, "re-carried copies carry a byline and their first article's cluster id"
        found = search_articles(db, "운영한다고", limit=300)
        assert {r["article_id"] for r in found} == set(range(41, 241)), "the 200 most recently archived"
        assert [r["published_at"] for r in found] == sorted((r["published_at"] for r in found), reverse=True)
        db.dispose()


def test_generated_rows_are_the_sqlite_archives_rows(tmp_path):
    """A PostgreSQL archive built without a SQLite archive of its size holds the same rows: the
    generated batches equal what the copy reads from the SQLite archive, also when resumed midway."""
    path = tmp_path / "a.sqlite"
    archive_builder.build_sqlite(300, path, progress=lambda _m: None)
    copied = [row for batch in archive_builder.sqlite_batches(path) for row in batch]
    assert len(copied) == 300
    assert [row for batch in archive_builder.generated_batches(300) for row in batch] == copied
    assert [row for batch in archive_builder.generated_batches(300, after=123) for row in batch] == copied[123:]


def test_postgresql_archive_has_the_migrations_search_index(pg_url):
    """Built without a SQLite archive, with the search index as the migrations define it (dropped for
    the bulk copy, recreated at the end) and nothing of the builder's own left behind."""
    archive_builder.build_postgresql(120, pg_url, "test", progress=lambda _m: None)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        index = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_article_fts_grams'")).scalar()
        leftover = conn.execute(text("SELECT to_regclass('archive_builder_index')")).scalar()
        rows = conn.execute(text("SELECT count(*) FROM article_fts")).scalar()
    engine.dispose()
    assert "gin" in index and "article_id" in index and "grams" in index
    assert leftover is None and rows == 120
    db = Database(pg_url)
    assert len(search_articles(db, "운영한다고", limit=300)) == 120
    db.dispose()
