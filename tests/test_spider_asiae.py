"""Asia Economy: what is particular to its spider on the saved pages (roundups, a page without a date,
list walking, article ids). The fields of its current, old-template and roundup pages are checked
from tests/fixtures/asiae/expected.toml (tests/test_outlet_expectations.py)."""

from __future__ import annotations

import pytest

from crawler.pipelines.validate import validation_errors
from spiders.asiae import AsiaeSpider
from tests.fleet_support import list_response, parse_article


@pytest.fixture(scope="module")
def spider():
    return AsiaeSpider()


def test_roundup_keeps_all_three_blocks_in_order():
    roundup = parse_article("asiae", "article-roundup.html")
    positions = [roundup.body.index(s) for s in ("은평구가 행정안전부", "금천구는 임신부의", "강남구(구청장 정순균)가")]
    assert positions == sorted(positions)
    assert roundup.is_roundup


def test_missing_date_is_invalid():
    item = parse_article("asiae", "article-missing-date.html")
    assert item.published_at is None
    assert any("publication date" in e for e in validation_errors(item))


class TestListPages:
    def test_next_page(self, spider):
        assert spider.next_list_page(list_response("asiae", "list-1.html"), 1) == \
            "https://www.asiae.co.kr/list/society-all/2"

    def test_without_the_list_area_nothing_is_followed(self, spider):
        response = list_response("asiae", "list-1.html")
        redesigned = response.replace(body=response.body.replace(b'class="cont_listarea"', b'class="news-list"'))
        assert spider.unique_article_urls(redesigned) == []

    def test_last_page_ends_the_walk(self, spider):
        assert spider.next_list_page(list_response("asiae", "list-2.html"), 2) is None

    def test_next_page_computed_from_url_without_pagination_bar(self, spider):
        response = list_response("asiae", "list-1.html").replace(url="https://www.asiae.co.kr/list/society-all/4")
        response = response.replace(body=response.body.replace(b'class="pagination"', b'class="paging-gone"'))
        assert spider.next_list_page(response, 4) == "https://www.asiae.co.kr/list/society-all/5"


@pytest.mark.parametrize("url, expected", [
    ("https://www.asiae.co.kr/article/2026011907322546715", "2026011907322546715"),
    ("https://view.asiae.co.kr/article/2026011907322546715?utm_source=x", "2026011907322546715"),
    ("https://cm.asiae.co.kr/ampview.htm?no=2026011907322546715", "2026011907322546715"),
    ("https://www.asiae.co.kr/article/economic-general/2022121516393245785", "2022121516393245785"),
    ("https://www.asiae.co.kr/list/society-all", None),
    ("https://www.asiae.co.kr/article/123", None),
])
def test_article_ids(spider, url, expected):
    assert spider.article_id(url) == expected
    assert spider.canonical_url(url) == (f"https://www.asiae.co.kr/article/{expected}" if expected else None)
