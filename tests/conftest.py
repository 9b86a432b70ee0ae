"""Shared fixtures. PostgreSQL tests use the real server on 127.0.0.1:5432; under CI=true a
missing server fails the run instead of skipping."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from crawler.config import development_setting
from storage.db import Database, migrate
from tests.pgcluster import throwaway_pg  # noqa: F401  (fixture for restart drills)

PG_ADMIN_URL = development_setting("GUPRESS_TEST_PG_ADMIN_URL")


def _pg_unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    yield from _fresh_pg_database()


@pytest.fixture(scope="module")
def pg_url_module():
    """The same, shared by the tests of one module (an archive built once)."""
    yield from _fresh_pg_database()


def _fresh_pg_database():
    name = f"gupress_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any driver/connection error means no server
        _pg_unavailable(str(exc).splitlines()[0])
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'archive.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Every storage test runs on both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    migrate(database)
    yield database
    database.dispose()
