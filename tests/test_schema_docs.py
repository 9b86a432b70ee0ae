"""The schema documents itself: every table, view and column of a migrated archive has a
description, PostgreSQL carries them as comments, and docs/schema.md is current."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from storage.db import Database, alembic_config, migrate
from storage.schema_docs import describe, render_markdown
from tests.support import REPO, gupress

#: In the archive database but not gupress's: Alembic's bookkeeping, APScheduler's job store,
#: and the shadow tables SQLite's FTS5 keeps behind article_fts.
NOT_OURS = {"alembic_version", "apscheduler_jobs"}
FTS5_SHADOWS = ("article_fts_",)


def _undescribed(db) -> list[str]:
    inspector = inspect(db.engine)
    names = [n for n in inspector.get_table_names() + inspector.get_view_names()
             if n not in NOT_OURS and not n.startswith(FTS5_SHADOWS)]
    missing = []
    for name in names:
        docs = describe(name)
        if not docs or not docs.get(""):
            missing.append(name)
            continue
        missing += [f"{name}.{c['name']}" for c in inspector.get_columns(name) if not docs.get(c["name"])]
    return missing


def test_every_table_view_and_column_is_described(db):
    assert _undescribed(db) == []


def test_a_new_undescribed_column_is_caught(db):
    with db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE outlets ADD COLUMN twitter_handle VARCHAR(50)"))
        connection.execute(text("CREATE VIEW outlet_list AS SELECT slug FROM outlets"))
    assert sorted(_undescribed(db)) == ["outlet_list", "outlets.twitter_handle"]


def test_postgresql_comments_survive_downgrade_and_upgrade(pg_url):
    db = Database(pg_url)
    migrate(db)
    command.downgrade(alembic_config(pg_url), "0006")
    db.engine.dispose()
    assert inspect(db.engine).get_table_comment("articles")["text"] is None
    migrate(db)
    migrate(db)  # idempotent
    inspector = inspect(db.engine)
    assert inspector.get_table_comment("articles")["text"].startswith("One row per article")
    published = next(c for c in inspector.get_columns("articles") if c["name"] == "published_at")
    assert "KST on the page" in published["comment"]
    with db.engine.connect() as connection:
        view = connection.scalar(text("SELECT obj_description('article_facets'::regclass, 'pg_class')"))
        column = connection.scalar(text(
            "SELECT col_description('article_overview'::regclass, attnum) FROM pg_attribute "
            "WHERE attrelid = 'article_overview'::regclass AND attname = 'published_kst'"))
        assert connection.scalar(text("SELECT gupress_match('청년')")) == "(청년)"
    assert view.startswith("One row per (article, primary district)")
    assert column.startswith("Publication time in KST")
    db.dispose()


def test_docs_schema_md_is_current():
    written = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert written == render_markdown(), "docs/schema.md is stale: run gupress schema-docs"
    assert "| `cluster_id` |" in written and "### `article_fts`" in written


def test_schema_docs_check_flags_a_stale_file(tmp_path):
    stale = tmp_path / "schema.md"
    stale.write_text(render_markdown().replace("Surrogate key.", "Key.", 1), encoding="utf-8")
    assert gupress("schema-docs", "--check", "-o", str(stale)).returncode == 1
    assert gupress("schema-docs", "-o", str(stale)).returncode == 0
    assert gupress("schema-docs", "--check", "-o", str(stale)).returncode == 0
