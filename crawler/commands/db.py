"""gupress db grant-readonly ROLE: database administration a researcher's access needs."""

from __future__ import annotations

import sys

from crawler.archive import open_archive
from crawler.config import UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser("db", help="database administration (read-only access for researchers)",
                                   description="Database administration on the archive named by GUPRESS_DATABASE_URL.")
    commands = parser.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    grant = commands.add_parser(
        "grant-readonly", help="PostgreSQL: let ROLE read every table and view, now and after later migrations",
        description="Grant an existing PostgreSQL ROLE USAGE on the archive's schema and SELECT on every table "
                    "and view, and make tables and views that later migrations create readable by it too "
                    "(ALTER DEFAULT PRIVILEGES). Run it as the user that runs the migrations.")
    grant.add_argument("role", metavar="ROLE", help="an existing PostgreSQL role (CREATE ROLE researcher LOGIN)")
    grant.set_defaults(func=run_grant_readonly)


def run_grant_readonly(args) -> int:
    from crawler.config import GupressConfig, check_database_url, sqlite_path
    from storage.access import SQLITE_HINT, AccessError, grant_readonly

    if sqlite_path(check_database_url(GupressConfig.from_env().database_url)) is not None:
        raise UsageError(SQLITE_HINT)
    with open_archive(create=False) as db:
        try:
            statements = grant_readonly(db, args.role)
        except AccessError as exc:
            raise UsageError(str(exc)) from None
    for statement in statements:
        print(statement + ";")
    print(f"{args.role} can now read every table and view, including those later migrations add.", file=sys.stderr)
    return 0
