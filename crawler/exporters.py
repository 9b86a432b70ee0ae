"""File writers of ``gupress export``: CSV, JSON lines and Parquet, each taking batches of rows
(``storage/export.py``) and writing them before the next batch is read.

Types survive where the format has them: Parquet gets ``timestamp[us, tz=UTC]``, ``bool``,
``int64`` and ``list<string>`` columns; JSON lines get ISO 8601 times with their offset and
JSON arrays; CSV, which has no types, gets ISO 8601 times and lists joined by ``;``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO, Any

FORMATS = ("csv", "jsonl", "parquet")
CSV_LIST_SEPARATOR = ";"

Batches = Iterable[list[dict[str, Any]]]


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _csv_converters(kinds: dict[str, str]) -> list[Callable[[Any], Any]]:
    """One converter per column, chosen once (not per value: exports are millions of values)."""
    by_kind = {"timestamp": _iso, "list": CSV_LIST_SEPARATOR.join,
               "bool": lambda v: None if v is None else ("true" if v else "false")}
    return [by_kind.get(kind) for kind in kinds.values()]


def write_csv(batches: Batches, kinds: dict[str, str], out: IO[str], on_batch: Callable[[int], None]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(kinds))
    plan = list(zip(kinds, _csv_converters(kinds)))
    return _each(batches, lambda rows: writer.writerows(
        [row[c] if convert is None else convert(row[c]) for c, convert in plan] for row in rows), on_batch)


def write_jsonl(batches: Batches, kinds: dict[str, str], out: IO[str], on_batch: Callable[[int], None]) -> int:
    timestamps = [name for name, kind in kinds.items() if kind == "timestamp"]

    def write(rows):
        for row in rows:
            for name in timestamps:
                row[name] = _iso(row[name])
        out.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))

    return _each(batches, write, on_batch)


def arrow_schema(kinds: dict[str, str]):
    import pyarrow as pa

    types = {"int": pa.int64(), "text": pa.string(), "bool": pa.bool_(),
             "timestamp": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[kind]) for name, kind in kinds.items()])


def write_parquet(batches: Batches, kinds: dict[str, str], out: IO[bytes], on_batch: Callable[[int], None]) -> int:
    """One row group per batch, written as it comes (ParquetWriter keeps only the footer)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(kinds)
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        return _each(batches, lambda rows: writer.write_table(pa.Table.from_pylist(rows, schema=schema)), on_batch)


def _each(batches: Batches, write: Callable[[list], None], on_batch: Callable[[int], None]) -> int:
    done = 0
    for rows in batches:
        write(rows)
        done += len(rows)
        on_batch(done)
    return done
