"""gupress reindex: rebuild the full-text index and near-duplicate clusters of every article."""

from __future__ import annotations

import sys

from crawler.archive import open_archive
from storage.search import reindex_all


def register(subparsers) -> None:
    parser = subparsers.add_parser("reindex", help="rebuild search index and clusters (after an upgrade)",
                                   description="Recompute the bigram search rows, MinHash buckets and "
                                               "cluster ids of every archived article. Safe to rerun.")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_archive(create=False) as db:
        total = reindex_all(db, progress=lambda n: print(f"reindexed {n} articles", file=sys.stderr))
    print(f"reindexed {total} articles")
    return 0
