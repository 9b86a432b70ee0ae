"""Precision, recall and F1 of the archive's near-duplicate clustering on labelled real article pairs.

Each pair is stored into a fresh SQLite archive through ``storage.repository.save_article``, the
path every crawl takes, and "same release" means the two articles came out with the same cluster.
Nothing here knows how clustering works, so the figures describe whatever implementation is current
(before and after a rewrite of the MinHash code alike). The set: ``tests/cluster_eval/``.

    python -m crawler.clustereval [--split dev|test|all]     (or: gupress eval-clusters)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "cluster_eval" / "pairs.jsonl"
KINDS = ("rewrite", "same-topic", "template", "roundup")
#: Articles whose page shows no date (both sides unknown: rare) are put on this day.
FALLBACK_DAY = "2025-01-01"


@dataclass
class Counts:
    """Confusion counts of "same release" decisions; the positive class is same=True."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, expected: bool) -> None:
        if predicted and expected:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def pairs(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_kind: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{'':12} {'pairs':>5} {'same':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} "
                 f"{'precision':>9} {'recall':>7} {'F1':>6}",
                 _row("overall", self.overall)]
        lines += [_row(kind, counts) for kind, counts in self.by_kind.items() if counts.pairs]
        lines.append("(n/a: a kind with no same=true pairs has no recall; its FP column is the false merges)")
        for pair in self.wrong:
            verdict = "merged, labelled different" if not pair["same"] else "missed, labelled same"
            lines.append(f"  {verdict:28} [{pair['kind']}] {pair['id']}")
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _row(label: str, c: Counts) -> str:
    return (f"{label:12} {c.pairs:5d} {c.tp + c.fn:5d} {c.tp:4d} {c.fp:4d} {c.fn:4d} {c.tn:4d} "
            f"{_fmt(c.precision):>9} {_fmt(c.recall):>7} {_fmt(c.f1):>6}")


def load_pairs(path: Path | str = DEFAULT_PAIRS, *, split: str | None = None) -> list[dict[str, Any]]:
    """The labelled pairs, optionally one split (``dev`` or ``test``; None or ``all``: every pair)."""
    with open(path, encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle if line.strip()]
    return [p for p in pairs if split in (None, "all") or p["split"] == split]


def _item(side: dict[str, Any], day: str):
    from crawler.districts.gazetteer import district_by_code
    from crawler.items import ArticleItem
    from crawler.korean import KST
    from crawler.pipelines.dedup import content_hash

    districts = []
    for code in side["districts"]:
        district = district_by_code(code)
        districts.append({"code": code, "name": district.name, "city": district.city, "role": "primary",
                          "mention_count": 1})
    item = ArticleItem(outlet=side["outlet"], url=side["url"], canonical_url=side["url"], outlet_name=side["outlet"],
                       title=side["title"], body=side["body"], is_roundup=side["is_roundup"], districts=districts,
                       published_at=datetime.fromisoformat(day).replace(hour=12, tzinfo=KST))
    item.content_hash = content_hash(item)
    return item


def _days(pair: dict[str, Any]) -> tuple[str, str]:
    """Publication days; an unknown one takes the other side's (the window cannot help then)."""
    a, b = pair["a"]["published"], pair["b"]["published"]
    return a or b or FALLBACK_DAY, b or a or FALLBACK_DAY


def _fresh_archives(workdir: Path) -> Iterator[Path]:
    """An endless supply of empty, migrated SQLite archive files (migrated once, then copied)."""
    from storage.db import Database, migrate

    template = workdir / "template.sqlite"
    db = Database(f"sqlite:///{template}")
    migrate(db)
    db.dispose()
    n = 0
    while True:
        n += 1
        target = workdir / f"pair{n}.sqlite"
        shutil.copyfile(template, target)
        yield target


def clustered_together(archive: Path, pair: dict[str, Any]) -> bool:
    """Store both articles in the (empty) archive the normal way; do they share a cluster?"""
    from storage import repository
    from storage.db import Database

    db = Database(f"sqlite:///{archive}")
    try:
        day_a, day_b = _days(pair)
        first = repository.save_article(db, _item(pair["a"], day_a)).article_id
        second = repository.save_article(db, _item(pair["b"], day_b)).article_id
        _cols, rows = repository.run_sql(db, "SELECT id, cluster_id FROM articles")
    finally:
        db.dispose()
    cluster = {article_id: cluster_id or article_id for article_id, cluster_id in rows}
    return cluster[first] == cluster[second]


def _scratch_dir() -> str | None:
    """Memory-backed when the machine has one: a pair costs two commits, and fsync dominates on disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def evaluate(pairs: Iterable[dict[str, Any]]) -> Report:
    report = Report()
    with tempfile.TemporaryDirectory(prefix="gupress-clustereval-", dir=_scratch_dir()) as tmp:
        archives = _fresh_archives(Path(tmp))
        for pair in pairs:
            archive = next(archives)
            predicted = clustered_together(archive, pair)
            archive.unlink()
            report.overall.add(predicted, pair["same"])
            report.by_kind[pair["kind"]].add(predicted, pair["same"])
            if predicted != pair["same"]:
                report.wrong.append(pair)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.clustereval", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser) -> None:
    from crawler.cliargs import existing_file

    parser.add_argument("pairs", nargs="?", type=existing_file, default=None,
                        help=f"JSONL pairs (default: {DEFAULT_PAIRS})")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="which pairs to score (default dev; test is for the final measurement)")
    parser.add_argument("--min-f1", type=float, default=0.0, help="exit 1 when the overall F1 is below this")


def run(args) -> int:
    report = evaluate(load_pairs(args.pairs or DEFAULT_PAIRS, split=args.split))
    print(f"near-duplicate clustering, split {args.split}")
    print(report.summary())
    return 0 if (report.overall.f1 or 0.0) >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
