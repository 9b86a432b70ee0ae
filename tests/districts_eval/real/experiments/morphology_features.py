"""Experiment, not shipped: does a real morphological analysis of each candidate's sentences help the learned layer?

Why it exists: every blind split since test-v11 fails on *who acts* (election and multi-district roundups, joint
agreements, associations), and the rules read grammar with regular expressions. Kiwi (kiwipiepy, whose model ships
in the kiwipiepy-model package, so it works offline) tags each morpheme, so the role particle closing a district's
noun phrase (subject/topic 이·가·은·는, object, possessive, adverbial, conjunction) and whether that phrase is its
sentence's first subject can be read exactly instead of guessed. This script adds ten such features per candidate
to the stacked layer (learned.py, on the blind rules' decisions) and to a gradient-boosted model, and prints both
leave-one-split-out over every blind split, pooled. Figures are in the README ("Learned decision layer").

Run from the repository root (needs two packages the project does not depend on):
    .venv/bin/pip install kiwipiepy scikit-learn
    .venv/bin/python tests/districts_eval/real/experiments/morphology_features.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from kiwipiepy import Kiwi  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402

from crawler.districts import train  # noqa: E402
from crawler.districts.features import _mentions_by_code, candidate_features  # noqa: E402
from crawler.districts.learned import Rows, evidence_of, pair_scores  # noqa: E402
from crawler.districts.mentions import DISTRICT  # noqa: E402

KIWI = Kiwi()
#: Tokens that continue a noun phrase after the district's name: '은평구 + 청 + 장 + 김미경 + 은'.
_NOUN_PHRASE = {"NNG", "NNP", "NNB", "NR", "SN", "SL", "XSN", "SSO", "SSC", "SP", "SO", "XPN", "SH", "SW"}
_ROLES = ("topic", "object", "possessive", "adverbial", "conjunct")


def _is_topic(token) -> bool:
    return token.tag == "JKS" or (token.tag == "JX" and token.form in ("은", "는"))


def role_after(tokens: list, end: int) -> tuple[str, int | None]:
    """The particle closing the noun phrase that starts with a district name ending at ``end``."""
    index = next((k for k, token in enumerate(tokens) if token.start >= end), None)
    if index is None:
        return "none", None
    for _ in range(5):
        if index < len(tokens) and tokens[index].tag in _NOUN_PHRASE:
            index += 1
    if index >= len(tokens):
        return "none", None
    token = tokens[index]
    if _is_topic(token):
        return "topic", index
    return {"JKO": "object", "JKG": "possessive", "JKB": "adverbial", "JC": "conjunct"}.get(token.tag, "other"), index


def morphology_features(evidence, candidates) -> dict[str, list[float]]:
    sentences = {field: [(s.start, s.end) for s in KIWI.split_into_sents(text)] if text else []
                 for field, text in evidence.texts.items()}
    tokens = {field: KIWI.tokenize(text) if text else [] for field, text in evidence.texts.items()}
    by_code, features = _mentions_by_code(evidence), {}
    body_sentences = max(1, len(sentences["body"]))
    for candidate in candidates:
        pairs = [m for m, _ in by_code.get(candidate.code, []) if m.kind == DISTRICT]
        roles = dict.fromkeys(_ROLES, 0)
        lead_topic = title_topic = 0
        first_topic_in, seen_in = set(), set()
        for mention in pairs:
            bounds = next(((a, b) for a, b in sentences[mention.field] if a <= mention.start < b), None)
            if bounds is None:
                continue
            in_sentence = [t for t in tokens[mention.field] if bounds[0] <= t.start < bounds[1]]
            role, index = role_after(in_sentence, mention.end)
            roles[role] = roles.get(role, 0) + 1
            seen_in.add((mention.field, bounds))
            first_topic = next((t.start for t in in_sentence if _is_topic(t)), None)
            if role == "topic" and index is not None and in_sentence[index].start == first_topic:
                first_topic_in.add((mention.field, bounds))
                title_topic |= mention.field == "title"
                lead_topic |= mention.field == "body" and bounds == sentences["body"][0]
        count = max(1, len(pairs))
        features[candidate.code] = [
            lead_topic, title_topic, len(first_topic_in) / body_sentences, float(roles["topic"] > 0),
            *(roles[r] / count for r in _ROLES[1:]), len(seen_in) / body_sentences, min(len(first_topic_in), 5) / 5]
    return features


def build(articles: list[dict]) -> tuple[Rows, dict[tuple[str, str], list[float]]]:
    rows = train.build_rows(articles)
    extra = {}
    for article in articles:
        evidence = evidence_of(article)
        candidates = candidate_features(evidence)
        for code, vector in morphology_features(evidence, candidates).items():
            extra[(article["id"], code)] = vector
    return rows, extra


def with_extra(rows: Rows, extra: dict) -> Rows:
    added = np.array([extra[(a, c)] for a, c in zip(rows.article_ids, rows.codes)])
    return Rows(rows.article_ids, rows.splits, rows.codes, np.hstack([rows.features, added]), rows.labels,
                rows.rule_primary, rows.unreachable)


def boosted(rows: Rows, folds: dict[str, set[str]], thresholds=(0.3, 0.5, 0.7)) -> dict[float, list[int]]:
    totals = {t: [0, 0, 0] for t in thresholds}
    articles = np.array(rows.article_ids)
    for held in folds.values():
        mask = np.isin(articles, list(held))
        if not mask.any():
            continue
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                               min_samples_leaf=20, random_state=0)
        model.fit(rows.features[~mask], rows.labels[~mask])
        probabilities = model.predict_proba(rows.features[mask])[:, 1]
        test = rows.subset(held)
        for t in thresholds:
            totals[t] = [a + b for a, b in zip(totals[t], pair_scores(test, probabilities >= t))]
    return totals


def main() -> None:
    articles = train.seen_articles()
    rows, extra = build(articles)
    stacked = train.with_blind_rule_decisions(rows, train.load_blind())
    folds = train.split_folds(articles)
    for name, variant in (("stacked layer", stacked), ("stacked layer + morphology", with_extra(stacked, extra))):
        table = train.held_out_table(variant, folds)
        for key in ("rules", "learned"):
            print(f"{name}, {key}: {train._fmt(tuple(sum(r[key][i] for r in table) for i in range(3)))}")
        for threshold, counts in boosted(variant, folds).items():
            print(f"{name}, gradient boosting at {threshold}: {train._fmt(tuple(counts))}")


if __name__ == "__main__":
    main()
