"""Store path throughput against a raw executemany of the same rows (issue 10: ≥ 0.3×).

    .venv/bin/python -m benchmarks.store [--quick]

For SQLite and PostgreSQL, in one run: realistic articles (``benchmarks/store_corpus.py``) go
through ``storage.article_store.save_articles`` in batches of ``GUPRESS_STORE_BATCH`` (50), as
the crawl's writer thread sends them: articles, revisions, districts, search index, signatures,
LSH buckets, clusters, compressed raw pages, run counters and retry-ledger settlement. The
reference inserts the same articles' rows (every ``articles`` column) with the driver's own
``executemany`` into a bare table, committed per batch of the same size: what the database
itself can take, with nothing derived.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.store_corpus import article_items, throwaway_database
from storage import repository
from storage.article_store import save_articles
from storage.db import Database, migrate

BATCH = 50
RAW_COLUMNS = ("canonical_url", "outlet_article_id", "title", "subtitle", "category", "reporter", "published_at",
               "updated_at", "body", "source_note", "content_hash", "is_roundup", "first_seen_at")


def store_rate(url: str, items) -> float:
    """Articles per second through the store path into a fresh archive."""
    db = Database(url)
    migrate(db)
    repository.ensure_outlet(db, slug="bench", name="벤치마크")
    run_id = repository.start_crawl_run(db, outlet_slug="bench")
    started = time.perf_counter()
    for start in range(0, len(items), BATCH):
        outcomes = save_articles(db, items[start:start + BATCH], run_id=run_id)
        assert all(outcome.status == "new" for outcome in outcomes), outcomes
    seconds = time.perf_counter() - started
    db.dispose()
    return len(items) / seconds


def raw_rate(url: str, items, batch: int = BATCH) -> float:
    """Rows per second of a bare executemany of the same articles, committed every ``batch`` rows."""
    db = Database(url)
    sqlite = db.dialect == "sqlite"
    placeholder = "?" if sqlite else "%s"
    columns = ", ".join(RAW_COLUMNS)
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        table = f"bench_raw_{batch}"
        cursor.execute(f"CREATE TABLE {table} (id {'INTEGER' if sqlite else 'SERIAL'} PRIMARY KEY, "
                       + ", ".join(f"{c} TEXT" for c in RAW_COLUMNS) + ")")
        connection.commit()
        rows = [tuple(_raw_value(item, c) for c in RAW_COLUMNS) for item in items]
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join([placeholder] * len(RAW_COLUMNS))})"
        started = time.perf_counter()
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start:start + batch])
            connection.commit()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
        db.dispose()
    return len(items) / seconds


def _raw_value(item, column: str):
    value = item.published_at if column == "first_seen_at" else getattr(item, column, None)
    return value.isoformat() if hasattr(value, "isoformat") else (None if value is None else str(value))


def run(quick: bool = False) -> list[Figure]:
    count = 400 if quick else 3000
    items = article_items(count)
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for backend, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
            with throwaway_database(backend, Path(folder)) as url:
                reference = raw_rate(url, items)
                one_transaction = raw_rate(url, items, batch=len(items))
                value = store_rate(url, [_copy(item) for item in items])
            figures.append(Figure(name=f"store path, {label}", value=value, unit="articles/s",
                                  reference=f"raw executemany, {label}", reference_value=reference,
                                  target=">= 0.3x", archive_size=count,
                                  note=f"both committed every {BATCH} rows; with search index, districts, clusters, "
                                       f"raw pages; raw executemany in ONE transaction: {one_transaction:,.0f} rows/s "
                                       f"(ratio {value / one_transaction:.3f})"))
    return figures


def _copy(item):
    from copy import copy

    return copy(item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    for figure in run(args.quick):
        print(f"{figure.name:<28} {figure.value:9.1f} {figure.unit:<11} {figure.reference:<28} "
              f"{figure.reference_value:9.1f}  ratio {figure.ratio:.2f} (target {figure.target})  "
              f"n={figure.archive_size}\n    {figure.note}")


if __name__ == "__main__":
    main()
