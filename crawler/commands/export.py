"""gupress export: articles, roundup segments, revisions or clusters as CSV, JSON lines or Parquet,
streamed in batches (memory stays flat however large the archive)."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

from crawler.cliargs import check_district_code, check_window, kst_day
from crawler.config import UsageError


def register(subparsers) -> None:
    from crawler.exporters import FORMATS
    from storage.export import TABLES

    parser = subparsers.add_parser(
        "export", help="export articles, segments, revisions or clusters as CSV, JSONL or Parquet",
        description="Stream rows of the archive to a file (or stdout) in constant memory. Times are UTC with their "
                    "offset; --since/--until are KST days. Read-only: the archive is never created or migrated.")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    parser.add_argument("--table", choices=TABLES, default="articles", help="what to export (default articles)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default stdout; "
                                                                           "required for parquet)")
    parser.add_argument("--since", type=kst_day, metavar="YYYY-MM-DD", help="published on or after this KST day")
    parser.add_argument("--until", type=kst_day, metavar="YYYY-MM-DD", help="published on or before this KST day")
    parser.add_argument("--outlet", metavar="SLUG", help="only this outlet")
    parser.add_argument("--district", metavar="CODE", help="only articles tagged with this district code "
                                                           "(segments: only that district's segments)")
    parser.add_argument("--query", metavar="WORDS", help="only articles containing every word (Korean search)")
    parser.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte order mark, so Excel "
                                                           "reads Hangul correctly")
    parser.set_defaults(func=run)


def run(args) -> int:
    from crawler.archive import open_archive
    from storage.export import ExportFilter
    from storage.search import QueryError, check_query

    check_window(args.since, args.until)
    check_district_code(args.district)
    if args.format == "parquet" and args.output is None:
        raise UsageError("--format parquet needs -o FILE (binary output is not written to a terminal)")
    if args.bom and args.format != "csv":
        raise UsageError("--bom applies to --format csv only")
    if args.query is not None:
        try:
            check_query(args.query)
        except QueryError as exc:
            raise UsageError(str(exc)) from None
    where = ExportFilter(since=args.since, until=args.until, outlet=args.outlet, district=args.district,
                         query=args.query)
    with open_archive(read_only=True) as db:
        if args.outlet:
            from crawler.cliargs import check_outlets
            from crawler.commands.search import _known_outlets

            check_outlets([args.outlet], _known_outlets(db), "--outlet")
        written = export(db, args.table, args.format, where, output=args.output, bom=args.bom)
    if args.output is not None:
        print(f"gupress: wrote {written} {args.table} rows to {args.output}", file=sys.stderr)
    return 0


def export(db, table: str, fmt: str, where, *, output: Path | None = None, bom: bool = False) -> int:
    """Write the rows; with an output file, progress goes to stderr. Returns rows written."""
    from crawler import exporters
    from crawler.archive import terminal_progress
    from storage.export import COLUMNS, count_rows, stream_batches

    kinds = COLUMNS[table]
    on_batch, finish = (lambda done: None), (lambda: None)
    if output is not None:
        draw = terminal_progress(f"exporting {table}", count_rows(db, table, where), unit="row")
        on_batch, finish = draw, (lambda: draw(None))
    batches = stream_batches(db, table, where)
    with ExitStack() as stack:
        if fmt == "parquet":
            out = stack.enter_context(open(output, "wb"))
            written = exporters.write_parquet(batches, kinds, out, on_batch)
        else:
            out = (stack.enter_context(open(output, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""))
                   if output is not None else sys.stdout)
            if output is None and bom:
                out.write("\ufeff")
            write = exporters.write_csv if fmt == "csv" else exporters.write_jsonl
            written = write(batches, kinds, out, on_batch)
    finish()
    return written
