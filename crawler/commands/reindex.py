"""gupress reindex: rebuild the full-text index and near-duplicate clusters of every article
(and, with --districts, district tags and segments)."""

from __future__ import annotations

from crawler.archive import open_archive, terminal_progress
from storage.derived import DISTRICTS, SEARCH, rebuild


def register(subparsers) -> None:
    parser = subparsers.add_parser("reindex", help="rebuild search index and clusters (migrate does it after upgrades)",
                                   description="Recompute the bigram search rows, MinHash buckets and "
                                               "cluster ids of every archived article, from scratch, in one "
                                               "transaction. Safe to rerun. `gupress migrate` already does this "
                                               "when an upgrade needs it. The archive must exist.")
    parser.add_argument("--districts", action="store_true",
                        help="also re-derive district tags and roundup segments from the stored text")
    parser.set_defaults(func=run)


def run(args) -> int:
    steps = (DISTRICTS, SEARCH) if args.districts else (SEARCH,)
    with open_archive(create=False) as db:
        done = rebuild(db, steps, progress=terminal_progress)
    for step in steps:
        print(f"rebuilt {step} of {done.get(step, 0)} articles")
    return 0
