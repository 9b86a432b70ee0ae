"""gupress migrate: bring the archive's schema to the newest revision (idempotent)."""

from __future__ import annotations

from crawler.archive import open_archive
from crawler.config import redact_url
from storage.db import current_revision


def register(subparsers) -> None:
    parser = subparsers.add_parser("migrate", help="create or upgrade the archive schema (also done by crawl)",
                                   description="Run Alembic migrations to head on GUPRESS_DATABASE_URL and refresh the "
                                               "districts table. Derived tables an upgrade left incomplete (district "
                                               "tags and segments after crossing 0002, the search index, MinHash "
                                               "buckets and clusters after crossing 0004, any article missing from "
                                               "the search index) are rebuilt, with a progress bar.")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_archive() as db:
        print(f"{redact_url(db.url)} is at revision {current_revision(db)}")
        for step, articles in getattr(db, "derived_rebuilt", {}).items():
            print(f"rebuilt {step} of {articles} articles")
    return 0
