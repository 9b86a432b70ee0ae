"""gupress eval-districts: precision/recall of the district tagger on the labelled cases."""

from __future__ import annotations

import json

from crawler.cliargs import existing_file
from crawler.districts.evaluate import DEFAULT_CASES, evaluate, load_cases
from crawler.districts.evaluate_real import HELD_OUT, REAL_CORPUS, SPLITS, agreement, evaluate_real, load_real
from crawler.districts.learned import load_model


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval-districts", help="score the district tagger on the labelled evaluation cases",
        description="Run the district tagger on a JSONL file of labelled cases and print precision, recall "
                    "(combined and per role), segment accuracy and the failing cases.")
    parser.add_argument("cases", nargs="?", type=existing_file, default=None,
                        help=f"JSONL cases (default: {DEFAULT_CASES}, or with --real {REAL_CORPUS})")
    parser.add_argument("--real", action="store_true",
                        help="score the real-text corpus: primary precision/recall overall, per city, per class")
    parser.add_argument("--split", choices=SPLITS,
                        help="with --real: only this split (without it, every split but the held-out ones: "
                             f"{', '.join(HELD_OUT)} is scored only when named, once, at the end of a round)")
    parser.add_argument("--learned", action="store_true",
                        help="with --real: decide primary districts with the learned layer (learned_weights.json, "
                             "not adopted: off by default) instead of the rules")
    parser.add_argument("--agreement", type=existing_file, metavar="LABELS",
                        help="with --real: score a second, independent hand labelling (JSONL rows with id, primary, "
                             "mentioned) against the corpus labels instead of the tagger: inter-annotator agreement")
    parser.add_argument("--min-precision", type=float, default=0.0,
                        help="exit 1 below this precision (combined; primary with --real)")
    parser.add_argument("--min-recall", type=float, default=0.0,
                        help="exit 1 below this recall (combined; primary with --real)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if getattr(args, "real", False):
        decide = load_model().decide if getattr(args, "learned", False) else None
        articles = load_real(args.cases or REAL_CORPUS, split=args.split)
        if args.split is None:  # a held-out split is scored only by name: never by accident with the rest
            articles = [a for a in articles if a["split"] not in HELD_OUT]
        if getattr(args, "agreement", None):
            with args.agreement.open(encoding="utf-8") as handle:
                real = agreement(articles, [json.loads(line) for line in handle if line.strip()])
        else:
            real = evaluate_real(articles, decide)
        print(real.summary())
        ok = real.primary.precision >= args.min_precision and real.primary.recall >= args.min_recall
        return 0 if ok else 1
    report = evaluate(load_cases(args.cases or DEFAULT_CASES))
    print(report.summary())
    return 0 if report.precision >= args.min_precision and report.recall >= args.min_recall else 1
