"""Family B (article.html?no=): what is particular to the family on the saved pages of TV서울, 서대문신문
and 영등포신문: pagination, URL rules, the weather strip's date. The fields of every page are checked
from each outlet's expected.toml (tests/test_outlet_expectations.py)."""

from __future__ import annotations

import pytest

from tests.fleet_support import list_response, parse_article, spider_for


class TestListPages:
    def test_next_page_from_pager(self):
        response = list_response("tvseoul", "list-1.html")
        assert spider_for("tvseoul").next_list_page(response, 1) == \
            "http://www.tvseoul.kr/news/section_list_all.html?sec_no=67&page=2"

    def test_page_two_ends_walk(self):
        assert spider_for("tvseoul").next_list_page(list_response("tvseoul", "list-2.html"), 2) is None

    @pytest.mark.parametrize("outlet", ["sdmsinmun", "ybstv"])
    def test_pager_without_page_two_ends_walk(self, outlet):
        assert spider_for(outlet).next_list_page(list_response(outlet, "list-1.html"), 1) is None


@pytest.mark.parametrize("url, expected", [
    ("http://www.tvseoul.kr/news/article.html?no=66511", "66511"),
    ("http://tvseoul.kr/news/article.html?no=66511", "66511"),
    ("https://m.tvseoul.kr/news/article.html?no=66511&ref=kakao", "66511"),
    ("http://www.tvseoul.kr/mobile/article.html?no=66511", "66511"),
    ("http://www.tvseoul.kr/news/amp_article.html?no=66511", "66511"),
    ("http://www.tvseoul.kr/news/section.html?sec_no=67", None),
    ("http://www.tvseoul.kr/news/article_list_writer.html?name=%EB%B3%80%EC%9C%A4%EC%88%98&page=8&user_no=0", None),
    ("http://www.tvseoul.co.kr/news/article.html?no=66511", None),  # not TV서울's domain (outlets.md §0)
])
def test_tvseoul_url_rules(url, expected):
    spider = spider_for("tvseoul")
    assert spider.article_id(url) == expected
    assert spider.canonical_url(url) == (f"http://www.tvseoul.kr/news/article.html?no={expected}" if expected else None)


def test_weather_strip_date_is_not_taken_for_publication():
    """The page-top '2024.03.27 (수)' is today's date, not the article's (seed 002)."""
    raw = parse_article("tvseoul", "article-23514.html", clean=False)
    assert raw.published_raw == "등록 2019.07.12 09:39:39"
