"""gupress migrate: bring the archive's schema to the newest revision (idempotent)."""

from __future__ import annotations

import sys

from crawler.config import GupressConfig, redact_url
from crawler.runner import DatabaseUnavailable, prepare_database
from storage.db import current_revision


def register(subparsers) -> None:
    parser = subparsers.add_parser("migrate", help="create or upgrade the archive schema (also done by crawl)",
                                   description="Run Alembic migrations to head on GUPRESS_DATABASE_URL and refresh the districts table.")
    parser.set_defaults(func=run)


def run(args) -> int:
    url = GupressConfig.from_env().database_url
    try:
        db = prepare_database(url)
    except DatabaseUnavailable as exc:
        print(f"gupress: {exc}", file=sys.stderr)
        return 2
    print(f"{redact_url(url)} is at revision {current_revision(db)}")
    db.dispose()
    return 0
