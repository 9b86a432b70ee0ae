"""Read-only access for researchers on PostgreSQL: the SQL behind ``gupress db grant-readonly``.

A researcher's role should read everything and write nothing, including tables and views that later
migrations add: ``ALTER DEFAULT PRIVILEGES`` makes every table the granting user creates from now on
readable by the role without running the grant again. (On SQLite, file permissions do the same:
``search``, ``status`` and ``history`` work on a read-only file.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from storage.db import Database


SQLITE_HINT = ("grant-readonly is for PostgreSQL; a SQLite archive is made read-only by its file permissions "
               "(chmod a-w): search, status and history work on such a file")


class AccessError(RuntimeError):
    """The grant cannot be made; the message says why."""


def grant_readonly(db: Database, role: str) -> list[str]:
    """Grant ``role`` SELECT on every table and view of the archive's schema, now and for tables the
    current user (the one that runs migrations) creates later; returns the statements run."""
    if db.engine.dialect.name != "postgresql":
        raise AccessError(SQLITE_HINT)
    with db.engine.begin() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}) is None:
            raise AccessError(f"no PostgreSQL role {role!r}; create it first (CREATE ROLE … LOGIN)")
        quote = connection.dialect.identifier_preparer.quote_identifier
        database, schema = connection.execute(text("SELECT current_database(), current_schema()")).one()
        who, where = quote(role), quote(schema)
        statements = [
            f"GRANT CONNECT ON DATABASE {quote(database)} TO {who}",
            f"GRANT USAGE ON SCHEMA {where} TO {who}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {where} TO {who}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {where} GRANT SELECT ON TABLES TO {who}",
        ]
        for statement in statements:
            connection.execute(text(statement))
    return statements
