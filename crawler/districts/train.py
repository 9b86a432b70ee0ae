"""Fit the learned decision layer on the real-text corpus, and measure it by leave-one-split-out.

``python -m crawler.districts.train`` (or ``gupress train-districts``) refits ``learned_weights.json`` from
``tests/districts_eval/real/corpus.jsonl``; ``--check`` refits and compares with the shipped file;
``--loso`` prints the leave-one-split-out table (train on four splits, score the fifth) and a grouped k-fold by
outlet.

Model selection never sees the rows it is scored on: the L2 strength (fixed grid) and the decision threshold
are chosen by an inner leave-one-split-out over the training splits only (log-loss for L2; F1 of primary
pairs for the threshold, ties to the threshold nearest 0.5).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from crawler.districts.evaluate_real import HELD_OUT, REAL_CORPUS, load_real
from crawler.districts.evaluate_real import SPLITS as CORPUS_SPLITS
from crawler.districts.features import FEATURE_NAMES
from crawler.districts.learned import WEIGHTS_PATH, Model, Rows, build_rows, fit, pair_scores, precision_recall

L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))
BLIND_RULES = REAL_CORPUS.with_name("blind_rules.json")
SPLITS = tuple(split for split in CORPUS_SPLITS if split not in HELD_OUT)  # trained on: every seen split
#: Features that carry the rules' own decision; the ``no-rules`` variant blanks them (an ablation).
RULE_FEATURES = tuple(name for name in FEATURE_NAMES if name.startswith("rule_") or name == "log_rules_fired")


def _out_of_fold(rows: Rows, groups: list[str], l2: float) -> np.ndarray:
    probabilities = np.zeros(len(rows.labels))
    names = np.array(groups)
    for group in sorted(set(groups)):
        held = names == group
        model = fit(rows.features[~held], rows.labels[~held], l2)
        probabilities[held] = model.probabilities(rows.features[held])
    return probabilities


def _log_loss(labels: np.ndarray, probabilities: np.ndarray) -> float:
    p = np.clip(probabilities, 1e-9, 1 - 1e-9)
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))


def _f1(counts: tuple[int, int, int]) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(rows: Rows, probabilities: np.ndarray) -> float:
    scored = [(_f1(pair_scores(rows, probabilities >= t)), -abs(t - 0.5), t) for t in THRESHOLDS]
    return max(scored)[2]


def select_and_fit(rows: Rows) -> tuple[Model, dict[str, float]]:
    """L2 and threshold from an inner leave-one-split-out over ``rows``' splits, then a fit on all of ``rows``."""
    groups = rows.splits
    losses = {l2: _log_loss(rows.labels, _out_of_fold(rows, groups, l2)) for l2 in L2_GRID}
    l2 = min(L2_GRID, key=lambda value: (round(losses[value], 9), -value))
    threshold = choose_threshold(rows, _out_of_fold(rows, groups, l2))
    model = fit(rows.features, rows.labels, l2)
    return Model(model.mean, model.scale, model.weights, model.intercept, threshold, l2), losses


def without_rule_features(rows: Rows) -> Rows:
    features = rows.features.copy()
    for name in RULE_FEATURES:
        features[:, FEATURE_NAMES.index(name)] = 0.0
    return Rows(rows.article_ids, rows.splits, rows.codes, features, rows.labels, rows.rule_primary, rows.unreachable)


def with_blind_rule_decisions(rows: Rows, blind: dict[str, set[str]]) -> Rows:
    """Stacking on out-of-sample rules: the rules' decision on each article as made by the tagger version that had
    not seen its split (``blind``: article id -> primary codes); the per-rule votes (of today's rules) are blanked.
    Articles without a blind decision are dropped."""
    keep = rows.subset({a for a in set(rows.article_ids) | set(rows.unreachable) if a in blind})
    decided = np.array([float(code in blind[a]) for a, code in zip(keep.article_ids, keep.codes)])
    features = without_rule_features(keep).features
    features[:, FEATURE_NAMES.index("rule_primary")] = decided
    return Rows(keep.article_ids, keep.splits, keep.codes, features, keep.labels, decided, keep.unreachable)


def held_out_table(rows: Rows, folds: dict[str, set[str]]) -> list[dict]:
    """For each fold (a set of article ids): the rules' figure and the learned layer's, trained on the others."""
    table = []
    everything = set(rows.article_ids) | set(rows.unreachable)
    for name, held in folds.items():
        held = held & everything
        if not held:
            continue
        train, test = rows.subset(everything - held), rows.subset(held)
        model, _ = select_and_fit(train)
        learned = pair_scores(test, model.probabilities(test.features) >= model.threshold)
        rules = pair_scores(test, test.rule_primary)
        table.append({"fold": name, "articles": len(held), "rules": rules, "learned": learned,
                      "threshold": model.threshold, "l2": model.l2})
    return table


def split_folds(articles: list[dict]) -> dict[str, set[str]]:
    return {split: {a["id"] for a in articles if a["split"] == split} for split in SPLITS}


def outlet_folds(articles: list[dict], k: int = 5) -> dict[str, set[str]]:
    """Outlets dealt to ``k`` folds by size (largest first, to the smallest fold; ties by name)."""
    sizes = Counter(a.get("outlet") or "?" for a in articles)
    fold_of, loads = {}, [0] * k
    for outlet, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        target = min(range(k), key=lambda i: (loads[i], i))
        fold_of[outlet], loads[target] = target, loads[target] + size
    return {f"outlet fold {i + 1}": {a["id"] for a in articles if fold_of[a.get("outlet") or "?"] == i}
            for i in range(k)}


def _fmt(counts: tuple[int, int, int]) -> str:
    precision, recall = precision_recall(counts)
    return f"{precision:.3f} / {recall:.3f} ({counts[0]}/{counts[1]}/{counts[2]})"


def print_table(title: str, table: list[dict]) -> None:
    print(f"\n{title}\n| held out | articles | rules | learned | threshold | L2 |")
    print("|---|---|---|---|---|---|")
    totals = {key: [0, 0, 0] for key in ("rules", "learned")}
    for row in table:
        print(f"| {row['fold']} | {row['articles']} | {_fmt(row['rules'])} | {_fmt(row['learned'])} | "
              f"{row['threshold']:.2f} | {row['l2']:g} |")
        for key in totals:
            totals[key] = [a + b for a, b in zip(totals[key], row[key])]
    print(f"| all | | {_fmt(tuple(totals['rules']))} | {_fmt(tuple(totals['learned']))} | | |")


def evaluate_held_out(articles: list[dict], rows: Rows, blind: dict[str, set[str]] | None = None) -> None:
    """Print every variant's held-out tables (precision / recall (tp/fp/fn) of primary districts)."""
    variants = {"all features": rows, "no rule features (ablation)": without_rule_features(rows)}
    if blind:
        variants["stacked on blind rules"] = with_blind_rule_decisions(rows, blind)
    for variant, variant_rows in variants.items():
        for title, folds in (("leave one split out", split_folds(articles)),
                             ("grouped 5-fold by outlet", outlet_folds(articles))):
            print_table(f"{variant}, {title}", held_out_table(variant_rows, folds))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_blind(path: Path = BLIND_RULES) -> dict[str, set[str]]:
    """Article id -> primary codes decided by the tagger version that had not seen the article's split."""
    return {a: set(codes) for a, codes in json.loads(path.read_text(encoding="utf-8"))["decisions"].items()}


def seen_articles(path: Path = REAL_CORPUS) -> list[dict]:
    """Every article but those of the held-out splits: a held-out split's labels never reach a fit."""
    return [a for a in load_real(path) if a["split"] not in HELD_OUT]


def trained_weights(path: Path = REAL_CORPUS, blind_path: Path = BLIND_RULES) -> dict:
    """The weight file's content: stacked on the blind rules' decisions, fitted on every split that has them."""
    rows = with_blind_rule_decisions(build_rows(seen_articles(path)), load_blind(blind_path))
    model, losses = select_and_fit(rows)
    return model.to_json(
        corpus_sha256=digest(path), blind_rules_sha256=digest(blind_path), rows=len(rows.labels),
        articles=len(set(rows.article_ids) | set(rows.unreachable)), splits=sorted(set(rows.splits)),
        l2_grid=list(L2_GRID), inner_log_loss={str(k): round(v, 6) for k, v in losses.items()},
        selection="L2 by inner leave-one-split-out log-loss; threshold by inner out-of-fold F1 (ties nearest 0.5)",
    )


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.districts.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REAL_CORPUS)
    parser.add_argument("--blind-rules", type=Path, default=BLIND_RULES,
                        help="the rules' decisions per split when it was blind (make_blind_rules.py)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--check", action="store_true", help="refit and compare with --out; exit 1 if different")
    parser.add_argument("--loso", action="store_true", help="print leave-one-split-out and outlet k-fold figures")
    args = parser.parse_args(argv)
    return run(args)


def run(args) -> int:
    if args.loso:
        articles = seen_articles(args.corpus)
        evaluate_held_out(articles, build_rows(articles), load_blind(args.blind_rules))
        return 0
    text = dump(trained_weights(args.corpus, args.blind_rules))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'reproduced' if same else 'DIFFERS from a refit'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
