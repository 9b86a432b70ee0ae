"""Precision/recall of primary districts on the real-text corpus (tests/districts_eval/real).

The real corpus is scored on primary districts, the figure researchers join on: over (article, code)
pairs, a predicted primary code is a true positive when the hand label lists it as primary.  Figures are
broken down by city (the city of the code: a false positive counts against the city it was wrongly put
in) and by hard class (every article carrying the class).  Mentioned codes are scored separately
("combined": any role) as a secondary figure.

Run: ``gupress eval-districts --real [--split dev|test-v1|…] [--learned]``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from crawler.districts import analyze, district_by_code
from crawler.districts.evaluate import Scores
from crawler.districts.tagger import PRIMARY, Evidence, analyse_article

REAL_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "districts_eval" / "real" / "corpus.jsonl"
#: The corpus's splits in the order they were labelled (GUIDE.md says what each is).
SPLITS = ("dev", "test-v1", "test-v2", "test-v3", "test-v4", "test-v5", "dev2", "test-v6", "dev3", "dev4", "dev5", "dev6", "test-v7", "dev7", "dev8", "test-v8", "dev9", "dev10", "test-v9", "test-v10", "test-v11", "test-v12", "test-v13", "test-v14", "test-v15", "test-v16", "test-v17", "test-v18")
#: Splits still held out: scored once, by the lead, when a round is done; never tuned or trained on before that.
#: test-v6 (tagger 10: 0.927 / 0.876), test-v7 (tagger 12: 0.958 / 0.901), test-v8 (tagger 14: 0.983 / 0.843),
#: test-v9 (tagger 15: 0.946 / 0.813), test-v10 (tagger 16: 0.915 / 0.626), test-v11 (tagger 18: 0.917 / 0.933),
#: test-v12 (tagger 19: 0.941 / 0.828), test-v13 (tagger 20: 0.910 / 0.873), test-v14 (tagger 21: 0.969 / 0.919) and
#: test-v15 (tagger 22: 0.960 / 0.844), test-v16 (tagger 23: 0.893 / 0.844) and test-v17 (tagger 24: 0.921 / 0.915)
#: were each scored once and are seen since; test-v18 is reserved for the next one.
HELD_OUT = ("test-v18",)


@dataclass
class RealReport:
    articles: int
    primary: Scores
    combined: Scores
    by_city: dict[str, Scores] = field(default_factory=dict)
    by_class: dict[str, Scores] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    #: precision and recall averaged over articles (see _macro)
    macro: tuple[float, float] = (1.0, 1.0)

    @property
    def articles_right(self) -> int:
        """Articles whose primary districts are exactly the labelled ones."""
        return self.articles - len(self.failures)

    def summary(self, *, show_failures: bool = True) -> str:
        lines = [
            f"articles: {self.articles}",
            _line("primary", self.primary),
            _line("combined", self.combined),
            "by city (primary):",
            *(_line(f"  {city}", scores) for city, scores in sorted(self.by_city.items())),
            "by class (primary):",
            *(_line(f"  {name}", scores) for name, scores in sorted(self.by_class.items())),
            f"per article: {self.articles_right} of {self.articles} exactly right; "
            f"precision {self.macro[0]:.3f}  recall {self.macro[1]:.3f} (averaged over articles)",
            f"articles with a primary error: {len(self.failures)}",
        ]
        if show_failures:
            lines += [f"  - {f['id']}: {json.dumps(f['problems'], ensure_ascii=False)}" for f in self.failures]
        return "\n".join(lines)


def _line(label: str, scores: Scores) -> str:
    return (f"{label:<20} precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
            f"(tp {scores.true_positives}, fp {scores.false_positives}, fn {scores.false_negatives})")


def load_real(path: Path | str = REAL_CORPUS, split: str | None = None) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    return [a for a in articles if split in (None, a["split"])]


def predict(article: dict[str, Any], decide: Callable[[Evidence], set[str]] | None = None):
    """The tagger's analysis; ``decide``: another primary decision (the learned layer, see learned.py)."""
    published = datetime.fromisoformat(article["published_at"]) if article.get("published_at") else None
    fields = dict(title=article.get("title"), subtitle=article.get("subtitle"), body=article.get("body"),
                  published_at=published, outlet_region=article.get("outlet_region"))
    return analyse_article(**fields, decide=decide) if decide else analyze(**fields)


def _city(code: str) -> str:
    return district_by_code(code).city_short


def evaluate_real(articles: Iterable[dict[str, Any]],
                  decide: Callable[[Evidence], set[str]] | None = None) -> RealReport:
    """The tagger (or, with ``decide``, the learned layer) scored against the hand labels."""
    articles = list(articles)
    labels = {}
    for article in articles:
        tags = predict(article, decide).districts
        labels[article["id"]] = ({t.code for t in tags if t.role == PRIMARY}, {t.code for t in tags})
    return score_labels(articles, labels)


def agreement(articles: Iterable[dict[str, Any]], second: Iterable[dict[str, Any]]) -> RealReport:
    """A second, independent hand labelling scored like a tagger against the corpus labels.

    Why: it measures how far two careful readers applying the same guide agree, the ceiling any tagger is
    measured under (second_labels.jsonl holds the corpus's relabelled rows)."""
    by_id = {row["id"]: (set(row["primary"]), set(row["primary"]) | set(row["mentioned"])) for row in second}
    return score_labels([a for a in articles if a["id"] in by_id], by_id)


def score_labels(articles: list[dict[str, Any]], labels: dict[str, tuple[set[str], set[str]]]) -> RealReport:
    """Pair scores (article, code) overall, per city and per class, and per-article scores.

    ``labels`` maps an article id to (primary codes, codes in any role) as predicted."""
    totals = {"primary": [0, 0, 0], "combined": [0, 0, 0]}
    by_city: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failures = []
    for article in articles:
        got, got_all = labels[article["id"]]
        want = set(article["primary"])
        want_all = want | set(article["mentioned"])
        counts = (len(got & want), len(got - want), len(want - got))
        for index, value in enumerate(counts):
            totals["primary"][index] += value
            for name in article["classes"]:
                by_class[name][index] += value
        for index, value in enumerate((len(got_all & want_all), len(got_all - want_all), len(want_all - got_all))):
            totals["combined"][index] += value
        for slot, codes in enumerate((got & want, got - want, want - got)):
            for code in codes:
                by_city[_city(code)][slot] += 1
        if got != want:
            failures.append({"id": article["id"], "problems": {
                "unexpected": sorted(got - want), "missing": sorted(want - got)}})
    return RealReport(
        articles=len(articles),
        primary=Scores(*totals["primary"]),
        combined=Scores(*totals["combined"]),
        by_city={city: Scores(*t) for city, t in by_city.items()},
        by_class={name: Scores(*t) for name, t in by_class.items()},
        failures=failures,
        macro=_macro(articles, labels),
    )


def _macro(articles: list[dict[str, Any]], labels: dict[str, tuple[set[str], set[str]]]) -> tuple[float, float]:
    """Precision and recall averaged over articles rather than pairs.

    Why: one 25-district election roundup carries as many pairs as 25 single-district articles, so the pair
    figures report roundups; these report articles.  As with pairs, an article with nothing predicted has
    precision 1 (it claims nothing wrong) and one with nothing labelled has recall 1."""
    precisions, recalls = [], []
    for article in articles:
        got, want = labels[article["id"]][0], set(article["primary"])
        precisions.append(len(got & want) / len(got) if got else 1.0)
        recalls.append(len(got & want) / len(want) if want else 1.0)
    count = len(articles) or 1
    return sum(precisions) / count, sum(recalls) / count
