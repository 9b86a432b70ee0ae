"""The district tagger must keep its figures on the labelled evaluation set."""

from __future__ import annotations

import pytest

from crawler.commands import eval_districts
from crawler.districts.evaluate import DEFAULT_CASES, evaluate, load_cases

MIN_PRECISION = 0.98
MIN_RECALL = 0.95
MIN_SEGMENT_ACCURACY = 0.9


@pytest.fixture(scope="module")
def report():
    return evaluate(load_cases(DEFAULT_CASES))


def test_case_file_is_big_and_varied():
    cases = load_cases(DEFAULT_CASES)
    assert len(cases) >= 60
    assert len({case["id"] for case in cases}) == len(cases)
    assert sum(bool(case["expected_segments"]) for case in cases) >= 10
    assert sum(not case["expected_primary"] for case in cases) >= 5  # no-district traps
    assert {case["set"] for case in cases} == {"dev", "holdout"}


def test_tagger_meets_thresholds(report):
    print("\n" + report.summary())
    assert report.precision >= MIN_PRECISION
    assert report.recall >= MIN_RECALL
    assert report.segment_accuracy >= MIN_SEGMENT_ACCURACY


def test_primary_role_figures(report):
    assert report.primary.precision >= MIN_PRECISION
    assert report.primary.recall >= MIN_RECALL


def test_evaluate_counts_errors():
    wrong = {
        "id": "wrong-label", "title": "은평구, 1위", "subtitle": None, "body": "은평구가 1위를 했다.",
        "published_at": "2025-01-01T09:00:00+09:00", "outlet_region": "서울",
        "expected_primary": ["11440"], "expected_mentioned": [], "expected_segments": None,
    }
    scored = evaluate([wrong])
    assert scored.precision == 0.0 and scored.recall == 0.0
    assert scored.failures[0]["problems"] == {"unexpected": ["11380"], "missing": ["11440"]}


def test_cli_subcommand(capsys):
    import argparse

    parser = argparse.ArgumentParser(prog="gupress")
    eval_districts.register(parser.add_subparsers())
    args = parser.parse_args(["eval-districts", "--min-precision", "0.98", "--min-recall", "0.95"])
    assert args.func(args) == 0
    assert "segment accuracy" in capsys.readouterr().out
    strict = parser.parse_args(["eval-districts", "--min-recall", "1.01"])
    assert strict.func(strict) == 1
