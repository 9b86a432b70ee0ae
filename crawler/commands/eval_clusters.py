"""gupress eval-clusters: precision/recall/F1 of near-duplicate clustering on labelled real article pairs."""

from __future__ import annotations

from crawler.clustereval import DEFAULT_PAIRS, add_arguments, run


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval-clusters", help="score near-duplicate clustering on the labelled article pairs",
        description="Store each labelled pair of real articles in a fresh SQLite archive through the normal "
                    "store path and print precision, recall and F1 of 'same release' overall and per kind "
                    f"(rewrite, same-topic, template, roundup), then the pairs it got wrong. Pairs: {DEFAULT_PAIRS}.")
    add_arguments(parser)
    parser.set_defaults(func=run)
