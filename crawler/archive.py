"""The archive as commands open it: configured URL, migrated, disposed afterwards.

A database that cannot be reached raises ``DatabaseUnavailable``, which the CLI prints as one
line (password redacted) with exit code 2, so no command repeats that handling.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from crawler.config import GupressConfig
from crawler.runner import prepare_database
from storage.db import Database


@contextmanager
def open_archive(url: str | None = None) -> Iterator[Database]:
    db = prepare_database(url or GupressConfig.from_env().database_url)
    try:
        yield db
    finally:
        db.dispose()
