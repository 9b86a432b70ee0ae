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
