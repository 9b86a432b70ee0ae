"""헤럴드경제 (one-off, metadata + generic extraction first): what is particular to it on its saved pages
(URL rules, list walk, the release it shares with 뉴스21). Its fields are checked from
tests/fixtures/herald/expected.toml (tests/test_outlet_expectations.py)."""

from __future__ import annotations

import pytest

from tests.fleet_support import list_response, parse_article, spider_for

def test_same_release_as_krnews21_keeps_its_own_identity():
    """Herald 10683244 and krnews21 357431 carry one 광진구 release (outlets.md §2): two
    outlets, two rows, one district."""
    herald = parse_article("herald", "article-10683244.html")
    news21 = parse_article("krnews21", "article-357431.html")
    assert herald.canonical_url != news21.canonical_url
    assert "광진구" in [d["name"] for d in herald.districts] and "광진구" in [d["name"] for d in news21.districts]


def test_list_without_pager_link_to_page_two_ends_walk():
    assert spider_for("herald").next_list_page(list_response("herald", "list-1.html"), 1) is None


@pytest.mark.parametrize("url, expected", [
    ("https://biz.heraldcorp.com/article/10683244", "https://biz.heraldcorp.com/article/10683244"),
    ("https://biz.heraldcorp.com/article/10683244?ref=naver", "https://biz.heraldcorp.com/article/10683244"),
    ("https://mbiz.heraldcorp.com/article/10685265?sec=011", "https://biz.heraldcorp.com/article/10685265"),
    ("http://nbiz.heraldcorp.com/view.php?ud=20180614000538", "https://biz.heraldcorp.com/view.php?ud=20180614000538"),
    ("https://biz.heraldcorp.com/amp/article/10683244", "https://biz.heraldcorp.com/article/10683244"),  # guessed AMP form
    ("https://biz.heraldcorp.com/economy", None),
    ("https://www.koreaherald.com/article/10683244", None),
])
def test_url_rules(url, expected):
    assert spider_for("herald").canonical_url(url) == expected
