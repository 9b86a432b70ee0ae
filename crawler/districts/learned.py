"""A learned decision layer over the rules' candidate districts: L2-regularised logistic regression in numpy.

Why: four rounds of rules each fitted their splits perfectly and lost 5-10 points of recall on the next blind
split.  This layer keeps the rules' mention finding and city resolution and only re-decides primary vs
mentioned per candidate, from general features (features.py) weighted on the labelled corpus.  The model is
small enough to read: one weight per named feature, in ``learned_weights.json``.

Everything is deterministic: Newton's method from zero weights, a fixed grid of regularisation strengths,
and a threshold chosen on out-of-fold probabilities of the training splits only (train.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from crawler.districts.features import FEATURE_NAMES, candidate_features
from crawler.districts.tagger import Evidence, gather_evidence

WEIGHTS_PATH = Path(__file__).with_name("learned_weights.json")
_NEWTON_STEPS = 50
_TOLERANCE = 1e-10


@dataclass(frozen=True)
class Rows:
    """Candidate rows of a set of articles, with labels and what the rules decided."""
    article_ids: list[str]
    splits: list[str]
    codes: list[str]
    features: np.ndarray          # (rows, features)
    labels: np.ndarray            # 1 = labelled primary
    rule_primary: np.ndarray      # 1 = the rules say primary
    unreachable: dict[str, int]   # per article: labelled primaries that are no candidate (never recoverable)

    def subset(self, articles: set[str]) -> "Rows":
        """The rows (and unreachable counts) of these articles."""
        keep = np.array([i for i, article in enumerate(self.article_ids) if article in articles], dtype=int)
        return Rows([self.article_ids[i] for i in keep], [self.splits[i] for i in keep],
                    [self.codes[i] for i in keep], self.features[keep], self.labels[keep],
                    self.rule_primary[keep], {a: n for a, n in self.unreachable.items() if a in articles})


def evidence_of(article: dict[str, Any]) -> Evidence:
    published = datetime.fromisoformat(article["published_at"]) if article.get("published_at") else None
    return gather_evidence(title=article.get("title"), subtitle=article.get("subtitle"), body=article.get("body"),
                           published_at=published, outlet_region=article.get("outlet_region"))


def build_rows(articles: Iterable[dict[str, Any]]) -> Rows:
    ids, splits, codes, vectors, labels, rules, unreachable = [], [], [], [], [], [], {}
    for article in articles:
        candidates = candidate_features(evidence_of(article))
        wanted = set(article["primary"])
        unreachable[article["id"]] = len(wanted - {c.code for c in candidates})
        for candidate in candidates:
            ids.append(article["id"])
            splits.append(article["split"])
            codes.append(candidate.code)
            vectors.append(candidate.vector())
            labels.append(float(candidate.code in wanted))
            rules.append(candidate.features["rule_primary"])
    width = len(FEATURE_NAMES)
    return Rows(ids, splits, codes, np.array(vectors, dtype=float).reshape(-1, width), np.array(labels),
                np.array(rules), unreachable)


@dataclass(frozen=True)
class Model:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float = 0.5
    l2: float = 1.0

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return _sigmoid(((features - self.mean) / self.scale) @ self.weights + self.intercept)

    def decide(self, evidence: Evidence) -> set[str]:
        """The primary districts of one article (the ``decide`` hook of ``analyse_article``)."""
        candidates = candidate_features(evidence)
        if not candidates:
            return set()
        probabilities = self.probabilities(np.array([c.vector() for c in candidates]))
        return {c.code for c, p in zip(candidates, probabilities) if p >= self.threshold}

    def to_json(self, **provenance: Any) -> dict[str, Any]:
        return {
            "features": list(FEATURE_NAMES),
            "weights": {n: round(float(w), 6) for n, w in zip(FEATURE_NAMES, self.weights)},
            "intercept": round(self.intercept, 6),
            "mean": {n: round(float(v), 6) for n, v in zip(FEATURE_NAMES, self.mean)},
            "scale": {n: round(float(v), 6) for n, v in zip(FEATURE_NAMES, self.scale)},
            "threshold": round(self.threshold, 6),
            "l2": self.l2,
            **provenance,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Model":
        if list(data["features"]) != list(FEATURE_NAMES):
            raise ValueError("learned_weights.json was fitted on other features: run `gupress train-districts`")
        pick = lambda key: np.array([data[key][n] for n in FEATURE_NAMES], dtype=float)  # noqa: E731
        return cls(pick("mean"), pick("scale"), pick("weights"), float(data["intercept"]),
                   float(data["threshold"]), float(data["l2"]))


def load_model(path: Path = WEIGHTS_PATH) -> Model:
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def fit(features: np.ndarray, labels: np.ndarray, l2: float) -> Model:
    """Logistic regression on standardised features, L2 penalty ``l2`` on the weights (not the intercept)."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    x = np.hstack([(features - mean) / scale, np.ones((len(features), 1))])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    beta = np.zeros(x.shape[1])
    for _ in range(_NEWTON_STEPS):
        p = _sigmoid(x @ beta)
        gradient = x.T @ (p - labels) + penalty * beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if float(step @ step) < _TOLERANCE:
            break
    return Model(mean, scale, beta[:-1], float(beta[-1]), 0.5, l2)


def pair_scores(rows: Rows, predicted: np.ndarray) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over (article, code) pairs, as evaluate_real counts:
    labelled primaries that are no candidate are false negatives whatever is decided."""
    predicted = predicted.astype(bool)
    labels = rows.labels.astype(bool)
    tp = int(np.sum(predicted & labels))
    fp = int(np.sum(predicted & ~labels))
    fn = int(np.sum(~predicted & labels)) + sum(rows.unreachable.values())
    return tp, fp, fn


def precision_recall(counts: tuple[int, int, int]) -> tuple[float, float]:
    tp, fp, fn = counts
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)
