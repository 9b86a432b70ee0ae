"""Read-only access for researchers (issue 11, point 6): `gupress db grant-readonly ROLE` on PostgreSQL
lets a role read every table and view, including a table created after the grant (as a later migration
would), and write nothing. The role connects for real (trust auth on 127.0.0.1)."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from tests.conftest import PG_ADMIN_URL
from tests.support import gupress


@pytest.fixture
def researcher(pg_url):
    """A fresh LOGIN role; its privileges in the test database are dropped before the role is."""
    role = f"gupress_reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    yield role
    archive = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with archive.connect() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
    archive.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def _env(url: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}, "GUPRESS_DATABASE_URL": url}


def test_grant_readonly_reads_everything_now_and_later_and_writes_nothing(pg_url, researcher):
    assert gupress("migrate", env=_env(pg_url)).returncode == 0
    granted = gupress("db", "grant-readonly", researcher, env=_env(pg_url))
    assert granted.returncode == 0, granted.stderr
    assert "ALTER DEFAULT PRIVILEGES" in granted.stdout
    owner = create_engine(pg_url)
    with owner.begin() as conn:  # what a later migration does: a new table, with a row
        conn.execute(text("CREATE TABLE added_later (note text)"))
        conn.execute(text("INSERT INTO added_later VALUES ('after the grant')"))
    owner.dispose()
    reader = create_engine(make_url(pg_url).set(username=researcher, password=None))
    with reader.connect() as conn:
        assert conn.scalar(text("SELECT current_user")) == researcher
        assert conn.scalar(text("SELECT count(*) FROM districts")) > 60      # the gazetteer: 69 자치구 and more
        assert conn.scalar(text("SELECT count(*) FROM article_overview")) == 0
        assert conn.scalar(text("SELECT note FROM added_later")) == "after the grant"
    for write in ("INSERT INTO outlets (slug, name, created_at) VALUES ('x', 'x', now())",
                  "DELETE FROM districts", "CREATE TABLE mine (x int)"):
        with reader.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
            conn.execute(text(write))
    reader.dispose()


def test_grant_readonly_names_a_missing_role_and_refuses_sqlite(pg_url, sqlite_url):
    missing = gupress("db", "grant-readonly", "nobody_like_this", env=_env(pg_url))
    assert missing.returncode == 2 and "no PostgreSQL role 'nobody_like_this'" in missing.stderr
    on_sqlite = gupress("db", "grant-readonly", "reader", env=_env(sqlite_url))
    assert on_sqlite.returncode == 2 and "file permissions" in on_sqlite.stderr
