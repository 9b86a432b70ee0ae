"""`python -m benchmarks` runs and prints its table. Speed is never asserted here: the figures
and their targets live in the benchmark output (see README, Performance)."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.__main__ import COLUMNS, markdown_table, row, run_module
from benchmarks.figure import Figure, meets_target
from tests.support import REPO


def test_quick_parse_prints_a_table_with_ratios():
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--only", "parse"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("machine: ") and "cores" in line for line in lines)
    assert any(line.startswith("python: 3.") for line in lines)
    header = next(line for line in lines if line.startswith("figure "))
    assert "reference value" in header and "ratio" in header and "target" in header
    rows = [line for line in lines if line.startswith("parse+normalize+districts")]
    assert len(rows) == 3
    # each row compares with a reference measured in the same run: a ratio like "12.34x"
    references = ["trafilatura.extract", "bare parsel title+date+body", "trafilatura.extract"]
    for line, reference in zip(rows, references):
        assert reference in line
        assert any(cell.endswith("x") and cell[:-1].replace(".", "").isdigit() for cell in line.split())


def test_a_module_not_written_yet_is_reported_not_built():
    assert run_module("not_written_yet", quick=True) == ([], "not built")


def test_row_and_markdown():
    figure = Figure("store path, SQLite", 19.5, "articles/s", "raw executemany", 6874.0, ">= 0.3x", archive_size=1000)
    assert row(figure) == ["store path, SQLite", "19.5", "articles/s", "raw executemany", "6,874", "0.00x",
                           ">= 0.3x", "NO", "1,000"]
    table = markdown_table([row(figure)]).splitlines()
    assert table[0] == "| " + " | ".join(COLUMNS) + " |"
    assert table[2].startswith("| store path, SQLite | 19.5 |")


def test_meets_target():
    rate = Figure("x", 60.0, "/s", "ref", 100.0, ">= 0.5x")
    assert meets_target(rate) is True
    assert meets_target(Figure("x", 40.0, "/s", "ref", 100.0, ">= 0.5x")) is False
    latency = Figure("x", 30.0, "ms", "10k", 25.0, "<= 1.5x", higher_is_better=False)  # ratio 25/30
    assert meets_target(latency) is True
    assert meets_target(Figure("x", 1.0, "/s")) is None
