"""Build an archive of N articles fast, through a bulk path, and cache it.

    .venv/bin/python -m benchmarks.archive_builder --articles 1000000 [--backend sqlite|postgresql] [--cache DIR]

The schema comes from this checkout's migrations (``storage.db.migrate``), so the builder keeps
working as revisions are added; rows are then written in bulk (executemany on SQLite, COPY on
PostgreSQL), not through ``save_article``: the per-article store path would take hours for a
million articles. Written per article: ``articles`` (with ``cluster_id`` for re-carried copies),
``article_districts`` (the district the release is about, ``primary``), and the search index
``article_fts``. Not written: revisions, raw pages, segments, MinHash buckets (no search reads them).

Texts are benchmarks/archive_text.py's recombined real releases. Built archives are cached, keyed by
size, schema head and builder version: SQLite files under ``--cache`` (default benchmarks/.cache),
PostgreSQL databases named ``gupress_bench_<N>`` whose comment records the key once the build is
complete, so a rerun reuses them in a second.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.archive_text import Release, ReleaseWriter
from storage import repository
from storage.db import Database, alembic_config, migrate
from storage.textindex import search_document

#: Bump when the generated rows change, so cached archives are rebuilt.
BUILDER_VERSION = 1
CACHE = Path(__file__).resolve().parent / ".cache"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
OUTLETS = ["asiae", "herald", "krnews21", "news21tongsin", "sdmsinmun", "sijung", "sisanews", "slnews", "tvseoul",
           "ybstv", "fmtv", "ket"]
#: Spread over six years, oldest first: ids grow with publication time, as in an incremental crawl.
START, SPAN = datetime(2020, 1, 1, tzinfo=timezone.utc), timedelta(days=6 * 365)
CHUNK = 10_000


def schema_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def cache_key(size: int) -> str:
    return f"{size}-r{schema_head()}-b{BUILDER_VERSION}"


# --- rows -------------------------------------------------------------------------------------

def article_rows(size: int, seed: int = 7) -> Iterator[tuple[int, int, Release, datetime, int | None]]:
    """(id, outlet id, release, published_at, cluster id); about 1 in 12 releases is carried by
    one to three more outlets (consecutive ids, one cluster named by the first)."""
    writer = ReleaseWriter(seed)
    rng, step, article_id = writer.rng, SPAN / size, 0
    while article_id < size:
        release = writer.release()
        copies = rng.choice((1, 2, 3)) if rng.random() < 1 / 12 else 0
        first = article_id + 1
        outlets = rng.sample(range(1, len(OUTLETS) + 1), copies + 1)
        for n in range(min(copies + 1, size - article_id)):
            article_id += 1
            body = release if n == 0 else writer.carried_copy(release, OUTLETS[outlets[n] - 1])
            yield article_id, outlets[n], body, START + step * article_id, first if copies else None


def chunks(size: int) -> Iterator[list]:
    batch: list = []
    for row in article_rows(size):
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _article_values(row, stamp) -> tuple:
    article_id, outlet_id, release, published, cluster = row
    digest = hashlib.sha256(release.body.encode()).hexdigest()
    now = stamp(published)
    return (article_id, outlet_id, f"https://{OUTLETS[outlet_id - 1]}.example/{article_id}", str(article_id),
            release.title, stamp(published), release.body, digest, False, "{}", 1, now, now, now, cluster)


ARTICLE_COLUMNS = ("id, outlet_id, canonical_url, outlet_article_id, title, published_at, body, content_hash, "
                   "is_roundup, extraction, revision_count, first_seen_at, last_seen_at, last_changed_at, cluster_id")


def _prepare(url: str) -> None:
    """Schema through the migrations of this checkout, the gazetteer and the outlets."""
    db = Database(url)
    migrate(db)
    repository.sync_districts(db)
    for slug in OUTLETS:
        repository.ensure_outlet(db, slug=slug, name=slug)
    db.dispose()


# --- SQLite -------------------------------------------------------------------------------------

def _sqlite_stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_articles(conn: sqlite3.Connection, batch: list) -> None:
    conn.executemany(f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES ({', '.join('?' * 15)})",
                     [_article_values(row, _sqlite_stamp) for row in batch])


def _sqlite_districts(conn: sqlite3.Connection, batch: list) -> None:
    conn.executemany("INSERT INTO article_districts (article_id, district_code, role, mention_count) "
                     "VALUES (?, ?, 'primary', 2)", [(row[0], row[2].district_code) for row in batch])


def _sqlite_search_index(conn: sqlite3.Connection, batch: list) -> None:
    conn.executemany("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
                     [(row[0], search_document(row[2].title), search_document(row[2].body)) for row in batch])


def build_sqlite(size: int, path: Path, progress=print) -> None:
    """Rows in batches of CHUNK, each committed whole; an interrupted build resumes after its last
    batch (the texts are generated from a fixed seed, so the skipped ones are regenerated, not read)."""
    partial = path.with_suffix(".partial")
    if not partial.exists():
        _prepare(f"sqlite:///{partial}")
    conn = sqlite3.connect(partial, timeout=600)
    conn.execute("PRAGMA journal_mode=WAL")  # readers (a PostgreSQL copy) never block the writer
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    done = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    for batch in chunks(size):
        if batch[-1][0] <= done:
            continue
        for insert in (_sqlite_articles, _sqlite_districts, _sqlite_search_index):
            insert(conn, batch)
        conn.commit()
        progress(batch[-1][0])
    conn.execute("ANALYZE")
    conn.close()
    partial.rename(path)


# --- PostgreSQL ------------------------------------------------------------------------------------
# Copied from the SQLite archive of the same size: both backends then hold the same articles, and
# the texts are generated and tokenised once (Python, not the database, was the slow part).

SOURCE_ROWS = ("SELECT a.id, a.outlet_id, a.canonical_url, a.outlet_article_id, a.title, a.published_at, a.body, "
               "a.content_hash, a.cluster_id, d.district_code, f.title, f.body FROM articles a "
               "JOIN article_districts d ON d.article_id = a.id JOIN article_fts f ON f.rowid = a.id "
               "WHERE a.id > ? ORDER BY a.id LIMIT ?")


def sqlite_batches(source: Path, after: int = 0) -> Iterator[list[tuple]]:
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    last = after
    while batch := conn.execute(SOURCE_ROWS, (last, CHUNK)).fetchall():
        yield batch
        last = batch[-1][0]
    conn.close()


def _copy(cursor, sql: str, rows) -> None:
    with cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _pg_articles(cursor, batch: list) -> None:
    _copy(cursor, f"COPY articles ({ARTICLE_COLUMNS}) FROM STDIN",
          ((*row[:5], row[5] + "+00", row[6], row[7], False, "{}", 1, row[5] + "+00", row[5] + "+00",
            row[5] + "+00", row[8]) for row in batch))


def _pg_districts(cursor, batch: list) -> None:
    _copy(cursor, "COPY article_districts (article_id, district_code, role, mention_count) FROM STDIN",
          ((row[0], row[9], "primary", 2) for row in batch))


def _pg_search_index(cursor, batch: list) -> None:
    _copy(cursor, "COPY article_fts (article_id, grams) FROM STDIN",
          ((row[0], tsvector_literal(row[10], row[11])) for row in batch))


_POSITIONS = [str(n) for n in range(16384)]


def tsvector_literal(title_grams: str, body_grams: str) -> str:
    """What ``setweight(to_tsvector('simple', title_grams), 'A') || to_tsvector('simple', body_grams)``
    gives (the store's expression, storage/search.py) for bigram documents, written by Python:
    PostgreSQL's text-search parser took about 1.4 ms per article here, 25 minutes for a million."""
    positions: dict[str, list[str]] = {}
    title_tokens = title_grams.split()
    for n, token in enumerate(title_tokens, 1):
        positions.setdefault(token, []).append(f"{n}A")
    for n, token in enumerate(body_grams.split(), len(title_tokens) + 1):
        positions.setdefault(token, []).append(_POSITIONS[min(n, 16383)])  # PostgreSQL stops at 16383 too
    return " ".join(f"'{token}':{','.join(places[:256])}" for token, places in positions.items())


def pg_database_url(size: int) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/gupress_bench_{size}"


def _pg_comment(admin, name: str) -> str | None:
    return admin.execute(text("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n"),
                         {"n": name}).scalar()


def _source_rows(batch: list) -> list[tuple]:
    """Generated rows in the layout of SOURCE_ROWS, as the SQLite archive of the same size holds them."""
    return [(*_article_values(row, _sqlite_stamp)[:8], row[4], row[2].district_code,
             search_document(row[2].title), search_document(row[2].body)) for row in batch]


def generated_batches(size: int, after: int = 0) -> Iterator[list[tuple]]:
    """The SQLite archive's rows without the SQLite archive: the same generator (same seed, so the
    same articles), tokenised in a pool of two processes. Lets a PostgreSQL archive be built in
    minutes when no SQLite archive of that size is cached (FTS5 inserts were most of its hour)."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        pending: deque = deque()
        for batch in chunks(size):
            if batch[-1][0] > after:
                pending.append(pool.submit(_source_rows, batch))
            if len(pending) == 4:  # a few batches ahead, never the whole archive in memory
                yield [row for row in pending.popleft().result() if row[0] > after]
        while pending:
            yield [row for row in pending.popleft().result() if row[0] > after]


def build_postgresql(source: Path | int, url: str, key: str, progress=print) -> None:
    """Copy the SQLite archive ``source`` (or, given a size, the generated rows themselves) into the
    database of ``url``. An unfinished copy (no completion comment yet) resumes after its last
    batch; a complete one of another key is rebuilt."""
    name = make_url(url).database
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
        if exists and _pg_comment(conn, name) is not None:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            exists = False
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    _prepare(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor:
            _pg_copy_batches(raw, cursor, source, progress)
            cursor.execute("SET maintenance_work_mem = '2GB'")
            cursor.execute(cursor.execute("SELECT definition FROM archive_builder_index").fetchone()[0])
            cursor.execute("DROP TABLE archive_builder_index")
            cursor.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles))")
            raw.commit()
        raw.autocommit = True
        raw.execute("ANALYZE")  # no VACUUM: nothing was deleted, and it would reread every page
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS 'gupress archive_builder {key}'"))
    admin.dispose()


def _pg_copy_batches(raw, cursor, source: Path | int, progress) -> None:
    # The search index is built once at the end (far faster than growing it), as the migrations
    # define it; the definition is kept in the database so that a resumed build still has it.
    cursor.execute("CREATE TABLE IF NOT EXISTS archive_builder_index (definition text NOT NULL)")
    cursor.execute("INSERT INTO archive_builder_index SELECT indexdef FROM pg_indexes "
                   "WHERE indexname = 'ix_article_fts_grams' AND NOT EXISTS (SELECT 1 FROM archive_builder_index)")
    cursor.execute("DROP INDEX IF EXISTS ix_article_fts_grams")
    raw.commit()
    done = cursor.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    batches = sqlite_batches(source, after=done) if isinstance(source, Path) else generated_batches(source, done)
    for batch in batches:
        for insert in (_pg_articles, _pg_districts, _pg_search_index):
            insert(cursor, batch)
        raw.commit()
        progress(batch[-1][0])


# --- entry points ------------------------------------------------------------------------------------

def archive_url(size: int, backend: str, *, cache: Path = CACHE, progress=print) -> str:
    """URL of a complete archive of ``size`` articles on ``backend``, built only when not cached."""
    key = cache_key(size)
    path = cache / f"archive-{key}.sqlite"
    if backend == "sqlite":
        if not path.exists():
            cache.mkdir(parents=True, exist_ok=True)
            _timed_build(lambda: build_sqlite(size, path, progress), size, "sqlite", progress)
        return f"sqlite:///{path}"
    url = pg_database_url(size)
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        cached = _pg_comment(admin=conn, name=make_url(url).database) == f"gupress archive_builder {key}"
    admin.dispose()
    if not cached:
        source, label = (path, "postgresql (from SQLite)") if path.exists() else (size, "postgresql (generated)")
        _timed_build(lambda: build_postgresql(source, url, key, progress), size, label, progress)
    return url


def _timed_build(build, size: int, backend: str, progress) -> None:
    started = time.perf_counter()
    build()
    seconds = time.perf_counter() - started
    progress(f"built {size:,} articles on {backend} in {seconds:.0f} s ({size / seconds:,.0f} articles/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where SQLite archives are kept")
    args = parser.parse_args()
    last = [time.perf_counter()]

    def progress(message) -> None:
        if not isinstance(message, int) or message % 100_000 == 0 or time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  {message:,}" if isinstance(message, int) else message, flush=True)

    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        print(archive_url(args.articles, backend, cache=args.cache, progress=progress))


if __name__ == "__main__":
    main()
