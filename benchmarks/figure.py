"""One row of the benchmark table, shared by every benchmark module.

Each module of the suite (`python -m benchmarks`) exposes ``run(quick: bool) -> list[Figure]``.
A figure carries its own reference, measured in the same run on the same machine, because an absolute
rate on a shared 2-core box means little; the ratio is what the targets in the README are written against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str                      # what was measured, e.g. "store path, SQLite"
    value: float                   # the measured figure
    unit: str                      # "articles/s", "ms p95", "pages/s", ...
    reference: str = ""            # what it is compared with, e.g. "raw executemany"
    reference_value: float | None = None
    target: str = ""               # the target as text, e.g. ">= 0.3x"
    archive_size: int | None = None
    note: str = ""
    higher_is_better: bool = True

    @property
    def ratio(self) -> float | None:
        """value / reference_value for rates; reference_value / value when lower is better."""
        if not self.reference_value or not self.value:
            return None
        if self.higher_is_better:
            return self.value / self.reference_value
        return self.reference_value / self.value


def meets_target(figure: Figure) -> bool | None:
    """Whether the ratio meets a target written ">= 0.5x" or "<= 1.5x"; None when there is no
    target or no ratio to judge it by."""
    target = figure.target.replace(" ", "").rstrip("x×")
    if figure.ratio is None or not target:
        return None
    for sign, better in ((">=", lambda r, t: r >= t), ("<=", lambda r, t: r <= t)):
        if target.startswith(sign):
            try:
                return better(figure.ratio, float(target[len(sign):]))
            except ValueError:
                return None
    return None
