"""Alembic environment shared by SQLite and PostgreSQL.

The URL comes from ``GUPRESS_DATABASE_URL`` (the same variable the crawler reads) unless a
caller (``storage.db.migrate``) hands over a live connection. Batch mode is on so that
ALTERs work on SQLite; APScheduler's job table lives in the same database but is not ours,
so autogenerate and ``alembic check`` ignore it.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

import storage.models  # noqa: F401  (every model must be imported for a complete metadata)
from crawler.config import GupressConfig
from storage.models import Base

config = context.config
if config.config_file_name is not None and config.get_section("loggers"):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata

#: Tables in the archive database that belong to other software.
FOREIGN_TABLES = {"apscheduler_jobs"}
#: The full-text index is dialect-specific (an FTS5 virtual table with shadow tables on SQLite,
#: a tsvector table on PostgreSQL), created by hand in migration 0004, not by the models.
UNMODELLED_PREFIXES = ("article_fts",)


def include_name(name, type_, parent_names) -> bool:
    if type_ != "table" or name is None:
        return True
    return name not in FOREIGN_TABLES and not name.startswith(UNMODELLED_PREFIXES)


def _url() -> str:
    configured = config.get_main_option("sqlalchemy.url")
    return configured or GupressConfig.from_env().database_url


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        {"sqlalchemy.url": _url()}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
