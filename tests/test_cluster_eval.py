"""The near-duplicate evaluation set is well-formed, and the scorer runs the real store path on it.

The F1 floor sits just under the figure measured on dev when the set was built (0.682, MinHash in
pure Python, containment >= 0.5 within 7 days): a rewrite of the clustering may not lose quality
silently. Raise the floor when the figure improves."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from crawler.clustereval import DEFAULT_PAIRS, KINDS, Counts, clustered_together, evaluate, load_pairs

DEV_F1_FLOOR = 0.65
PAIRS_FILE = DEFAULT_PAIRS


@pytest.fixture(scope="module")
def pairs():
    return load_pairs(PAIRS_FILE)


def test_the_set_is_large_and_has_every_kind_and_label_in_both_splits(pairs):
    assert len(pairs) >= 200
    assert {p["same"] for p in pairs} == {True, False}
    for split in ("dev", "test"):
        kinds = Counter(p["kind"] for p in pairs if p["split"] == split)
        assert set(kinds) == set(KINDS), (split, kinds)
        assert {p["same"] for p in pairs if p["split"] == split} == {True, False}
    dev = sum(p["split"] == "dev" for p in pairs) / len(pairs)
    assert 0.5 <= dev <= 0.7


def test_each_pair_joins_two_different_pages_once(pairs):
    seen = set()
    for p in pairs:
        assert p["a"]["url"] != p["b"]["url"], p["id"]
        key = frozenset((p["a"]["url"], p["b"]["url"]))
        assert key not in seen, p["id"]
        seen.add(key)
        assert p["same"] == (p["kind"] == "rewrite"), p["id"]


def test_each_side_is_a_dated_article_with_enough_text_to_shingle(pairs):
    for p in pairs:
        for side in (p["a"], p["b"]):
            assert side["url"].startswith("http") and side["outlet"] and side["title"]
            assert len(side["body"]) >= 150, p["id"]
            if side["published"] is not None:
                assert date(2010, 1, 1) <= date.fromisoformat(side["published"]) <= date(2026, 12, 31)


def test_counts_give_precision_recall_f1():
    counts = Counts()
    for predicted, expected in [(True, True)] * 3 + [(True, False)] + [(False, True)] * 3 + [(False, False)] * 5:
        counts.add(predicted, expected)
    assert (counts.precision, counts.recall) == (0.75, 0.5)
    assert counts.f1 == pytest.approx(0.6)
    assert Counts(tn=4).recall is None


def test_one_text_under_two_urls_is_clustered_and_two_unrelated_texts_are_not(tmp_path, pairs):
    from crawler.clustereval import _fresh_archives

    archives = _fresh_archives(tmp_path)
    release = next(p["a"] for p in pairs if p["kind"] == "rewrite")
    copy = {**release, "url": release["url"] + "&copy=1"}
    assert clustered_together(next(archives), {"a": release, "b": copy})
    other = next(p for p in pairs if p["kind"] == "template")["b"]  # another district's notice, same day
    assert not clustered_together(next(archives), {"a": release, "b": {**other, "published": release["published"]}})


def test_current_clustering_scores_above_the_dev_floor(pairs):
    report = evaluate(p for p in pairs if p["split"] == "dev")
    assert report.overall.pairs == sum(p["split"] == "dev" for p in pairs)
    assert report.overall.f1 >= DEV_F1_FLOOR, report.summary()
    assert report.by_kind["same-topic"].fp + report.by_kind["template"].fp <= 2, report.summary()
