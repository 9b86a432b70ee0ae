"""The archive as commands open it: configured URL, checked, migrated (unless read-only),
disposed afterwards.

A database that cannot be reached raises ``DatabaseUnavailable``, which the CLI prints as one
line (password redacted) with exit code 2, so no command repeats that handling.

Three ways to open it:
- ``open_archive()``: create or upgrade as needed (crawl, migrate, backfill, daemon); the
  derived tables an upgrade left empty are rebuilt with a progress bar.
- ``open_archive(create=False)``: the archive must exist already, it may be upgraded
  (reparse, reindex: a mistyped path is an error, not a new empty archive).
- ``open_archive(read_only=True)``: never created, migrated or written (search, status); an
  archive at an older schema revision is an error telling the user to migrate.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from crawler.config import GupressConfig, check_database_url, redact_url, sqlite_path
from crawler.logging_setup import say
from crawler.runner import DatabaseUnavailable
from storage.db import ArchiveError, Database, migrate, require_current_schema


@contextmanager
def open_archive(url: str | None = None, *, read_only: bool = False, create: bool = True) -> Iterator[Database]:
    url = check_database_url(url or GupressConfig.from_env().database_url)
    db = _open_read_only(url) if read_only else prepare_archive(url, create=create)
    try:
        yield db
    finally:
        db.dispose()


def prepare_archive(url: str, *, create: bool = True) -> Database:
    """Open and migrate the archive (rebuilding derived tables with a progress bar when an
    upgrade needs it), turning every failure into one readable sentence."""
    from sqlalchemy.exc import SQLAlchemyError

    url = check_database_url(url)
    path = sqlite_path(url)
    if not create and path is not None and not path.is_file():
        raise DatabaseUnavailable(f"no archive at {path}; run gupress migrate or crawl first")
    try:
        db = Database(url)
    except ArchiveError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    try:
        db.derived_rebuilt = migrate(db, progress=terminal_progress)
    except SQLAlchemyError as exc:
        db.dispose()
        raise DatabaseUnavailable(_reason(url, exc, creating=path is not None and not path.exists())) from None
    return db


def _open_read_only(url: str) -> Database:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        db = Database(url, read_only=True)
        require_current_schema(db)
    except ArchiveError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(_reason(url, exc)) from None
    return db


def _reason(url: str, exc: Exception, *, creating: bool = False) -> str:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if creating:
        return f"cannot create the archive at {sqlite_path(url)}: {reason} (is its directory writable?)"
    return f"cannot open the archive at {redact_url(url)}: {reason}"


def terminal_progress(label: str, total: int, every: float = 5.0,
                      unit: str = "article") -> Callable[[int | None], None]:
    """A tqdm bar on a terminal; otherwise a line on stderr at most every ``every`` seconds and
    one at the end (logs of systemd units and CI stay readable)."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit=unit, desc=label, file=sys.stderr)

        def draw(done: int | None) -> None:
            if done is None:
                bar.close()
            else:
                bar.update(done - bar.n)

        return draw
    last = [time.monotonic()]

    def line(done: int | None) -> None:
        now = time.monotonic()
        if done is None:
            say(f"gupress: {label}: done, {total} {unit}s")
        elif now - last[0] >= every:
            last[0] = now
            say(f"gupress: {label}: {done}/{total} {unit}s")

    return line
