"""Recrawl figure: requests of an incremental crawl in which nothing changed, at a large archive
against a small one (issue 10: "idle recrawl requests equal" as the archive grows).

Built on ``benchmarks/recrawl_cost.py`` (its ``measure``: a synthetic 아시아경제 of N articles on
127.0.0.1, archived by a first crawl, then crawled again while nothing changed). The walk stops
at the first list page whose articles are all archived and not due, so the requests must not
grow with N: the ratio (small archive's requests / large archive's) is 1.0 when they are equal.
"""

from __future__ import annotations

import tempfile

from benchmarks.figure import Figure
from benchmarks.recrawl_cost import measure

#: Four whole `gupress crawl` processes: about 20 s each on a busy 2-core box, too long for --quick.
IN_QUICK = False


def run(quick: bool) -> list[Figure]:
    small, large = (20, 100) if quick else (100, 500)
    with tempfile.TemporaryDirectory() as folder:
        before = measure(small, f"sqlite:///{folder}/recrawl-{small}.db")
        after = measure(large, f"sqlite:///{folder}/recrawl-{large}.db")
    return [
        Figure("idle recrawl, requests", after["requests"], "requests", f"same at {small} archived",
               before["requests"], ">= 1.0x", archive_size=large, higher_is_better=False,
               note=f"{after['seconds']:.1f} s at {large} archived, {before['seconds']:.1f} s at {small}"),
    ]
