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
