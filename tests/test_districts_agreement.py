"""Per-article figures and inter-annotator agreement on the real-text corpus (crawler/districts/evaluate_real.py)."""

from __future__ import annotations

import argparse
import json

from crawler.commands import eval_districts
from crawler.districts.evaluate_real import agreement, load_real, score_labels


def _article(id_, primary, mentioned=(), classes=("plain",)):
    return {"id": id_, "primary": list(primary), "mentioned": list(mentioned), "classes": list(classes)}


def test_per_article_figures_weigh_a_roundup_like_any_other_article():
    # a 4-district roundup half found, and three single-district articles right: pairs say recall 5/7,
    # articles say (0.5 + 1 + 1 + 1) / 4
    articles = [_article("roundup", ["11110", "11140", "11170", "11200"]),
                *(_article(f"one-{i}", ["11215"]) for i in range(3))]
    labels = {"roundup": ({"11110", "11140"}, {"11110", "11140"}),
              **{f"one-{i}": ({"11215"}, {"11215"}) for i in range(3)}}
    report = score_labels(articles, labels)
    assert (report.primary.true_positives, report.primary.false_negatives) == (5, 2)
    assert report.macro == (1.0, 0.875)
    assert report.articles_right == 3


def test_empty_sets_score_like_pairs_nothing_claimed_nothing_wrong():
    articles = [_article("none", []), _article("missed", ["26110"]), _article("extra", [])]
    labels = {"none": (set(), set()), "missed": (set(), set()), "extra": ({"26110"}, {"26110"})}
    report = score_labels(articles, labels)
    assert report.macro == (2 / 3, 2 / 3)  # 'extra' costs precision, 'missed' recall
    assert report.articles_right == 1


def test_agreement_scores_a_second_labelling_of_real_rows_only_where_it_exists():
    corpus = load_real(split="test-v1")
    first, second = [row for row in corpus if row["primary"]][:2]
    assert first["primary"] and second["primary"]
    relabelled = [{"id": first["id"], "primary": first["primary"], "mentioned": first["mentioned"]},
                  {"id": second["id"], "primary": [], "mentioned": second["primary"] + second["mentioned"]}]
    report = agreement(corpus, relabelled)
    assert report.articles == 2
    assert report.primary.true_positives == len(first["primary"])
    assert report.primary.false_negatives == len(second["primary"])
    assert report.combined.false_negatives == 0  # the demoted codes are still found in some role


def test_cli_scores_a_second_labelling_instead_of_the_tagger(tmp_path, capsys):
    row = load_real(split="dev")[0]
    labels = tmp_path / "second.jsonl"
    labels.write_text(json.dumps({"id": row["id"], "primary": row["primary"], "mentioned": row["mentioned"]}) + "\n",
                      encoding="utf-8")
    parser = argparse.ArgumentParser(prog="gupress")
    eval_districts.register(parser.add_subparsers())
    args = parser.parse_args(["eval-districts", "--real", "--agreement", str(labels), "--min-precision", "1"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "articles: 1\n" in out and "per article: 1 of 1 exactly right" in out
