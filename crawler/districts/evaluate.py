"""Precision/recall of the district tagger on the hand-labelled cases.

Scored over (case, district code) pairs: a tag counts as correct when the code
is expected in that case with any role ("combined"); the primary-only figure
compares just the primary tags with the expected primary codes.  Segment
accuracy is the share of roundup cases whose ordered segment codes match
exactly (a non-roundup predicted as a roundup also counts as a failure there).

Run: ``python -m crawler.districts.evaluate [cases.jsonl]`` or ``gupress eval-districts``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from crawler.districts import analyze
from crawler.districts.tagger import PRIMARY

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "districts_eval" / "cases.jsonl"


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


@dataclass
class Report:
    cases: int
    combined: Scores
    primary: Scores
    mentioned: Scores
    role_accuracy: float          # share of correctly found codes that also got the right role
    roundup_cases: int
    segment_accuracy: float
    failures: list[dict[str, Any]] = field(default_factory=list)
    by_set: dict[str, Scores] = field(default_factory=dict)  # combined scores per case "set" (dev/holdout)

    @property
    def precision(self) -> float:
        return self.combined.precision

    @property
    def recall(self) -> float:
        return self.combined.recall

    def summary(self) -> str:
        lines = [
            f"cases: {self.cases} (roundups: {self.roundup_cases})",
            _score_line("combined", self.combined),
            _score_line("primary", self.primary),
            _score_line("mentioned", self.mentioned),
            f"role accuracy (found codes): {self.role_accuracy:.3f}",
            f"segment accuracy: {self.segment_accuracy:.3f}",
            *(_score_line(f"[{name}]", scores) for name, scores in sorted(self.by_set.items())),
            f"failures: {len(self.failures)}",
        ]
        for failure in self.failures:
            lines.append(f"  - {failure['id']}: {json.dumps(failure['problems'], ensure_ascii=False)}")
        return "\n".join(lines)


def _score_line(label: str, scores: Scores) -> str:
    return (
        f"{label:>9}: precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"(tp {scores.true_positives}, fp {scores.false_positives}, fn {scores.false_negatives})"
    )


def load_cases(path: Path | str = DEFAULT_CASES) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _predict(case: dict[str, Any]):
    published = datetime.fromisoformat(case["published_at"]) if case.get("published_at") else None
    return analyze(
        title=case["title"], subtitle=case.get("subtitle"), body=case["body"],
        published_at=published, outlet_region=case.get("outlet_region"),
    )


def _counts(predicted: set[str], expected: set[str]) -> tuple[int, int, int]:
    return len(predicted & expected), len(predicted - expected), len(expected - predicted)


def _add(total: list[int], part: tuple[int, int, int]) -> None:
    for index, value in enumerate(part):
        total[index] += value


def evaluate(cases: Iterable[dict[str, Any]]) -> Report:
    combined, primary, mentioned = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    right_roles = found = roundups = segments_right = 0
    failures = []
    per_set: dict[str, list[int]] = {}
    cases = list(cases)
    for case in cases:
        analysis = _predict(case)
        got_primary = {t.code for t in analysis.districts if t.role == PRIMARY}
        got_all = {t.code for t in analysis.districts}
        want_primary = set(case["expected_primary"])
        want_all = want_primary | set(case["expected_mentioned"])
        _add(combined, _counts(got_all, want_all))
        _add(per_set.setdefault(case.get("set", "all"), [0, 0, 0]), _counts(got_all, want_all))
        _add(primary, _counts(got_primary, want_primary))
        _add(mentioned, _counts(got_all - got_primary, want_all - want_primary))
        hits = got_all & want_all
        found += len(hits)
        right_roles += sum((code in got_primary) == (code in want_primary) for code in hits)
        got_segments = [segment.district_code for segment in analysis.segments]
        want_segments = case.get("expected_segments") or []
        if want_segments:
            roundups += 1
            segments_right += got_segments == want_segments
        problems = _problems(got_primary, got_all, want_primary, want_all, got_segments, want_segments)
        if problems:
            failures.append({"id": case["id"], "problems": problems})
    return Report(
        cases=len(cases),
        combined=Scores(*combined),
        primary=Scores(*primary),
        mentioned=Scores(*mentioned),
        role_accuracy=right_roles / found if found else 1.0,
        roundup_cases=roundups,
        segment_accuracy=segments_right / roundups if roundups else 1.0,
        failures=failures,
        by_set={name: Scores(*totals) for name, totals in per_set.items()},
    )


def _problems(got_primary, got_all, want_primary, want_all, got_segments, want_segments) -> dict[str, Any]:
    problems: dict[str, Any] = {}
    if got_all - want_all:
        problems["unexpected"] = sorted(got_all - want_all)
    if want_all - got_all:
        problems["missing"] = sorted(want_all - got_all)
    wrong_role = sorted(c for c in got_all & want_all if (c in got_primary) != (c in want_primary))
    if wrong_role:
        problems["wrong_role"] = wrong_role
    if got_segments != want_segments:
        problems["segments"] = {"got": got_segments, "want": want_segments}
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_CASES
    print(evaluate(load_cases(path)).summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
