"""gupress train-districts: refit the learned district decision layer (crawler/districts/learned_weights.json)."""

from __future__ import annotations

from pathlib import Path

from crawler.districts import train


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train-districts", help="refit the learned district decision layer from the real-text corpus",
        description="Fit the logistic-regression decision layer over the tagger's candidate districts on "
                    "tests/districts_eval/real (deterministic), or check the shipped weights, or print the "
                    "leave-one-split-out figures.")
    parser.add_argument("--corpus", type=Path, default=train.REAL_CORPUS)
    parser.add_argument("--blind-rules", type=Path, default=train.BLIND_RULES,
                        help="the rules' decisions per split when it was blind (make_blind_rules.py)")
    parser.add_argument("--out", type=Path, default=train.WEIGHTS_PATH)
    parser.add_argument("--check", action="store_true", help="refit and compare with --out; exit 1 if different")
    parser.add_argument("--loso", action="store_true", help="print leave-one-split-out and outlet k-fold figures")
    parser.set_defaults(func=train.run)
