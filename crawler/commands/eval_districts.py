"""gupress eval-districts: precision/recall of the district tagger on the labelled cases."""

from __future__ import annotations

from crawler.cliargs import existing_file
from crawler.districts.evaluate import DEFAULT_CASES, evaluate, load_cases


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval-districts", help="score the district tagger on the labelled evaluation cases",
        description="Run the district tagger on a JSONL file of labelled cases and print precision, recall "
                    "(combined and per role), segment accuracy and the failing cases.")
    parser.add_argument("cases", nargs="?", type=existing_file, default=DEFAULT_CASES,
                        help=f"JSONL cases (default: {DEFAULT_CASES})")
    parser.add_argument("--min-precision", type=float, default=0.0, help="exit 1 below this combined precision")
    parser.add_argument("--min-recall", type=float, default=0.0, help="exit 1 below this combined recall")
    parser.set_defaults(func=run)


def run(args) -> int:
    report = evaluate(load_cases(args.cases))
    print(report.summary())
    return 0 if report.precision >= args.min_precision and report.recall >= args.min_recall else 1
