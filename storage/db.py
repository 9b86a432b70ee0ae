"""Engine and session factory, and schema migration on demand.

One ``Database`` per process (per crawl subprocess); it is built from a URL by a factory,
never at import time, so tests and the daemon can point it anywhere.

Read-only commands (``search``, ``status``) open the archive with ``read_only=True``: nothing is
created, migrated or written (SQLite ``query_only`` without the WAL pragma, ``mode=ro&immutable=1``
when the file cannot be written at all; PostgreSQL sessions with ``default_transaction_read_only``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.urls import redact_url

log = logging.getLogger(__name__)

#: Key of the PostgreSQL advisory lock that serialises migrations across processes.
MIGRATION_LOCK_KEY = 0x67757072  # "gupr"


class ArchiveError(RuntimeError):
    """The archive cannot be opened as asked (missing, wrong place, older schema); the message
    is one printable line with the password redacted."""


def create_archive_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine tuned per backend: SQLite gets WAL, foreign keys and a busy timeout so a
    daemon and a researcher's ``sqlite3`` shell can share the file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database).expanduser() if parsed.database and parsed.database != ":memory:" else None
        if path is not None and read_only:
            return _read_only_sqlite_engine(path)
        if path is not None:
            _prepare_sqlite_location(path)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if read_only:
        return create_engine(url, pool_pre_ping=True,
                             connect_args={"options": "-c default_transaction_read_only=on"})
    return create_engine(url, pool_pre_ping=True)


def _prepare_sqlite_location(path: Path) -> None:
    """Create the archive's directory, or say in one line why it cannot be there."""
    if path.is_dir():
        raise ArchiveError(f"cannot use {path} as the archive: it is a directory")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ArchiveError(f"cannot create the archive at {path}: {parent} is a file, not a directory")
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"cannot create the archive at {path}: cannot create {exc.filename or path.parent}: "
                           f"{exc.strerror}") from None


def sqlite_file_writable(path: Path) -> bool:
    """Whether writes to the file can succeed. ``os.access`` says yes to root for a chmod 444
    file or an immutable one (``chattr +i``), so write bits and an actual read-write open decide."""
    try:
        if not os.stat(path).st_mode & 0o222 or not os.access(path.parent, os.W_OK):
            return False
        os.close(os.open(path, os.O_RDWR))  # opening changes neither bytes nor mtime
    except OSError:
        return False
    return True


def _read_only_sqlite_engine(path: Path) -> Engine:
    """A writable file is opened ``mode=rw`` (never created) with ``query_only``: writes are
    refused, and closing removes the side files a WAL reader needs, which a ``mode=ro`` reader
    would leave behind. A file we may not write, with no ``-wal`` beside it (no connection has
    it open), is opened ``mode=ro&immutable=1``: SQLite attempts no write at all, not even the
    side files. One with a ``-wal`` (the daemon, running as another user, is writing) is opened
    plain ``mode=ro``, which reads the WAL through the existing side files."""
    if not path.is_file():
        raise ArchiveError(f"no archive at {path}; run gupress migrate or crawl first")
    if sqlite_file_writable(path):
        options = "mode=rw"
    elif path.with_name(path.name + "-wal").exists():
        options = "mode=ro"
    else:
        options = "mode=ro&immutable=1"
    engine = create_engine(f"sqlite:///file:{quote(str(path.resolve()))}?{options}&uri=true",
                           connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    return engine


def register_sql_functions(dbapi_connection) -> None:
    """``gupress_match(query)``: a user query as the FTS5 MATCH expression of the bigram index, so
    plain SQL can search Korean (``WHERE article_fts MATCH gupress_match('청년')``). PostgreSQL
    has the same function from migration 0008; the Datasette plugin registers it too."""
    from storage.textindex import fts5_match

    dbapi_connection.create_function("gupress_match", 1, fts5_match, deterministic=True)


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:
    """No ``journal_mode=WAL`` here: setting it writes to the file."""
    register_sql_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (_sqlite_begin_immediate)
    register_sql_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


#: Execution option marking connections whose transactions write (``Database.session``).
IMMEDIATE = "gupress_sqlite_begin_immediate"


def _sqlite_begin(connection) -> None:
    """Sessions (the repository's writes) take SQLite's write lock when they begin.

    The store's writer thread and the reactor thread (run progress, retry ledger, lease) write
    the same file. A deferred transaction that reads first and then upgrades to a write while
    another connection writes gets SQLITE_BUSY at once, without waiting on the busy timeout
    (SQLite's deadlock avoidance), i.e. a spurious "database is locked". BEGIN IMMEDIATE waits
    its turn instead. pysqlite's own BEGIN handling is off (``isolation_level = None``), as
    SQLAlchemy's SQLite documentation prescribes; plain ``engine.connect()`` reads (and read-only
    opens) begin deferred, so a reader never holds the write lock.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(IMMEDIATE) else "BEGIN")


class Database:
    def __init__(self, url: str, engine: Engine | None = None, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self.engine = engine or create_archive_engine(url, read_only=read_only)
        writing = self.engine.dialect.name == "sqlite" and not read_only
        self._sessions = sessionmaker(self.engine.execution_options(**{IMMEDIATE: True}) if writing else self.engine,
                                      expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __repr__(self) -> str:
        return f"Database({redact_url(self.url)})"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str):
    from alembic.config import Config

    import migrations

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(db: Database, revision: str = "head", *, progress: Callable | None = None) -> dict[str, int]:
    """Bring the schema to ``revision`` (idempotent) and refresh the districts table.

    On PostgreSQL an advisory lock makes concurrent starters (two daemons, a crawl and a
    backfill) migrate one after the other instead of racing on DDL.

    Upgrading to head also completes the derived tables (``storage/derived.py``): whatever the
    revisions just crossed left empty, and any article missing from the search index, is
    rebuilt in the same transaction, so an interrupted rebuild leaves the schema where it was
    and the next migrate does it again. Returns the articles rebuilt per step.
    """
    from alembic import command

    if db.read_only:
        raise ArchiveError(f"{db!r} was opened read-only; it cannot be migrated")
    config = alembic_config(db.url)
    rebuilt: dict[str, int] = {}
    with db.engine.connect() as connection:
        if db.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            connection.commit()
        try:
            before = _revision_on(connection)
            if before is not None and before not in _known_revisions():
                raise ArchiveError(_newer_schema(db, before))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            if revision == "head":
                from storage.derived import complete_derived_tables

                rebuilt = complete_derived_tables(connection, crossed=crossed_revisions(before, head_revision()),
                                                  progress=progress)
            connection.commit()
            if revision == "head":
                # Under the lock: two starters on a fresh archive would both find a district missing
                # and insert it (duplicate key on pk_districts).
                from storage.repository import sync_districts

                sync_districts(db)
        finally:
            if db.dialect == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                connection.commit()
    log.debug("schema of %s is at %s", db, revision)
    return rebuilt


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return _revision_on(connection)


def _revision_on(connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def head_revision() -> str:
    return _scripts().get_current_head()


def crossed_revisions(before: str | None, after: str) -> list[str]:
    """Revisions an upgrade from ``before`` to ``after`` applied, oldest first (none from an
    empty database: its tables start empty, so nothing derived can be missing)."""
    if before is None or before == after:
        return []
    return [script.revision for script in reversed(list(_scripts().iterate_revisions(after, before)))
            if script.revision != before]


def require_current_schema(db: Database) -> None:
    """For read-only commands, which never migrate: one line saying what to do instead."""
    revision, head = current_revision(db), head_revision()
    where = redact_url(db.url)
    if revision is None:
        raise ArchiveError(f"no archive at {where} (no gupress schema); run gupress migrate or crawl first")
    if revision == head:
        return
    if revision in _known_revisions():
        raise ArchiveError(f"the archive at {where} is at schema revision {revision}, this gupress needs {head}; "
                           "run gupress migrate first (read-only commands never migrate)")
    raise ArchiveError(_newer_schema(db, revision))


def _known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def _newer_schema(db: Database, revision: str) -> str:
    """An older gupress meeting a newer archive: say so instead of Alembic's traceback."""
    return (f"the archive at {redact_url(db.url)} is at schema revision {revision}, newer than this gupress "
            f"({head_revision()}); upgrade gupress")
