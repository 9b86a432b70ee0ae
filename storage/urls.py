"""Database URLs as the archive layer shows and opens them: a password never reaches a log line
or an error message, and a SQLite URL names the file behind it. Here rather than in the crawler's
configuration so that ``storage`` needs nothing from ``crawler``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url


def redact_url(url: str) -> str:
    """A database URL safe for logs: the password is replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported by whoever uses it
        return "<unparsable database URL>"


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a SQLite URL (None for other backends or in-memory databases)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
