"""The benchmark suite: ``python -m benchmarks [--quick] [--only NAME,...] [--markdown]``.

Runs each benchmark module in turn (each exposes ``run(quick: bool) -> list[Figure]``) and
prints one table: every figure with the reference it was measured against in the same run,
the ratio, and the issue's target. ``--quick`` runs a smaller subset of every figure (the
whole suite in under two minutes); ``--markdown`` prints the table for the README.
A module not written yet is listed as "not built" rather than stopping the suite; one that sets
``IN_QUICK = False`` (its figure cannot be had in seconds) runs in full runs only.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.figure import Figure, meets_target

#: Suite modules, in the order they run (benchmarks/<name>.py).
MODULES = ("parse", "crawl", "store", "clusters", "search", "recrawl", "backfill_workers", "fleet_overhead")
COLUMNS = ("figure", "value", "unit", "reference", "reference value", "ratio", "target", "met", "archive size")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def header() -> list[str]:
    return [f"machine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
            f"python: {platform.python_version()} ({platform.python_implementation()})",
            f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"]


def number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def row(figure: Figure) -> list[str]:
    met = meets_target(figure)
    return [figure.name, number(figure.value), figure.unit, figure.reference, number(figure.reference_value),
            f"{figure.ratio:.2f}x" if figure.ratio is not None else "", figure.target,
            "" if met is None else ("yes" if met else "NO"),
            f"{figure.archive_size:,}" if figure.archive_size is not None else ""]


def plain_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(list(COLUMNS)), line(["-" * w for w in widths]), *map(line, rows)])


def markdown_table(rows: list[list[str]]) -> str:
    line = lambda cells: "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"  # noqa: E731
    return "\n".join([line(list(COLUMNS)), line(["---"] * len(COLUMNS)), *map(line, rows)])


def run_module(name: str, quick: bool) -> tuple[list[Figure], str]:
    """The module's figures and a status line ("12.3 s", "not built", "failed: …")."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"benchmarks.{name}":
            return [], "not built"
        raise
    if quick and not getattr(module, "IN_QUICK", True):
        return [], "full run only"
    started = time.monotonic()
    try:
        figures = list(module.run(quick))
    except Exception as exc:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        return [], f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return figures, f"{time.monotonic() - started:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small subset of every figure (< 2 minutes)")
    parser.add_argument("--only", help=f"comma-separated modules to run (of {', '.join(MODULES)})")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(MODULES)})")
    figures: list[Figure] = []
    statuses = []
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''} ...", file=sys.stderr, flush=True)
        found, status = run_module(name, args.quick)
        figures.extend(found)
        statuses.append(f"{name}: {status}")
    rows = [row(f) for f in figures]
    info = header() + [f"mode: {'quick' if args.quick else 'full'}; " + "; ".join(statuses)]
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    if args.markdown:
        print("\n".join(f"{line}  " for line in info) + "\n")
        print(markdown_table(rows))
    else:
        print("\n".join(info) + "\n")
        print(plain_table(rows))
    if notes:
        print("\n" + "\n".join(dict.fromkeys(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
