"""Every Alembic revision upgrades, downgrades and upgrades again on SQLite and PostgreSQL,
and the models match the migrations (alembic check)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import inspect

from storage.db import Database, alembic_config, current_revision, head_revision, migrate
from tests.support import REPO


def test_upgrade_downgrade_upgrade(database_url):
    from alembic import command

    db = Database(database_url)
    migrate(db)
    head = current_revision(db)
    assert head is not None
    tables = set(inspect(db.engine).get_table_names())
    assert {"outlets", "articles", "article_revisions", "rejected_items", "crawl_runs", "districts",
            "article_districts", "article_segments", "raw_pages"} <= tables
    command.downgrade(alembic_config(database_url), "base")
    assert current_revision(db) is None
    assert "articles" not in set(inspect(db.engine).get_table_names())
    migrate(db)
    assert current_revision(db) == head
    db.dispose()


def test_models_match_migrations(database_url):
    db = Database(database_url)
    migrate(db)
    db.dispose()
    result = subprocess.run([sys.executable, "-m", "alembic", "check"], cwd=REPO, capture_output=True, text=True,
                            env={"GUPRESS_DATABASE_URL": database_url, "PATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No new upgrade operations detected" in result.stdout + result.stderr


def test_alembic_cli_from_repo_root(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=REPO, capture_output=True,
                            text=True, env={"GUPRESS_DATABASE_URL": url, "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert current_revision(Database(url)) is not None


def test_migration_0006_adds_and_removes_the_column(database_url):
    """Revision 0006 (articles.tagger_version, for `gupress retag`) upgrades, downgrades and upgrades."""
    from alembic import command

    db = Database(database_url)
    migrate(db)
    assert "tagger_version" in {c["name"] for c in inspect(db.engine).get_columns("articles")}
    command.downgrade(alembic_config(database_url), "0005")
    assert current_revision(db) == "0005"
    db.engine.dispose()
    assert "tagger_version" not in {c["name"] for c in inspect(db.engine).get_columns("articles")}
    migrate(db)
    assert current_revision(db) == head_revision()
    assert "tagger_version" in {c["name"] for c in inspect(db.engine).get_columns("articles")}
    db.dispose()


def test_migration_0007_refills_signatures_buckets_and_clusters(database_url):
    """Revision 0007 replaces article_minhash_bands by stored signatures and day-bounded buckets;
    upgrading an archive that has articles fills them and finds the same cluster again."""
    from alembic import command
    from sqlalchemy import text

    from storage import repository
    from tests.test_cluster_representative import HERALD, KRNEWS21
    from tests.test_storage import make_item

    db = Database(database_url)
    migrate(db)
    for fields in (HERALD, KRNEWS21, dict(outlet="asiae", canonical_url="https://asiae.example/1")):
        repository.save_article(db, make_item(**fields))
    command.downgrade(alembic_config(database_url), "0006")
    db.engine.dispose()
    assert "article_minhash_bands" in inspect(db.engine).get_table_names()
    with db.engine.begin() as c:
        c.execute(text("UPDATE articles SET cluster_id = NULL"))
    migrate(db)
    with db.engine.connect() as c:
        signatures = c.execute(text("SELECT count(*) FROM article_signatures")).scalar()
        days = {row[0] for row in c.execute(text("SELECT DISTINCT day FROM article_lsh_buckets"))}
        clusters = c.execute(text("SELECT count(DISTINCT cluster_id), count(cluster_id) FROM articles")).one()
    assert signatures == 3, "every article body is long enough for a signature"
    assert days == {20511, 20471}, "2026-02-27 (both 광진구 stories) and the asiae story of 2026-01-19"
    assert tuple(clusters) == (1, 2), "Herald and 뉴스21 carry the same release; the asiae story stands alone"
    assert "article_minhash_bands" not in inspect(db.engine).get_table_names()
    db.dispose()
