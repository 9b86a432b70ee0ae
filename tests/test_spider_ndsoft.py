"""Family A (ND Soft): what is particular to the family on the saved pages of 시정일보, 서울자치신문 and
시사경제신문: list pagination, RSS feeds, URL rules, the generic layer. The fields of every page are
checked from each outlet's expected.toml (tests/test_outlet_expectations.py)."""

from __future__ import annotations

import pytest

from tests.fleet_support import list_response, parse_article, spider_for


class TestListPages:
    def test_pagination_bar_gives_page_two(self):
        response = list_response("sijung", "list-1.html")
        assert spider_for("sijung").next_list_page(response, 1) == \
            "https://www.sijung.co.kr/news/articleList.html?page=2&view_type=sm"

    def test_last_page_ends_the_walk(self):
        response = list_response("sijung", "list-2.html")
        assert spider_for("sijung").next_list_page(response, 2) is None

    def test_older_list_markup_without_page_two(self):
        assert spider_for("slnews").next_list_page(list_response("slnews", "list-1.html"), 1) is None

    def test_list_without_pagination_bar_computes_next_page(self):
        response = list_response("slnews", "list-1.html")
        response = response.replace(body=response.body.replace(b'class="pagination"', b'class="gone"'))
        assert spider_for("slnews").next_list_page(response, 1).endswith("sc_section_code=S1N1&view_type=sm&page=2")


class TestRss:
    def test_feed_is_one_page(self):
        assert spider_for("sisanews").next_list_page(list_response("sisanews", "rss-S1N1.xml"), 1) is None

    def test_feed_served_as_html_still_parses(self):
        """A misconfigured server may send RSS as text/html; <link> must not be lost."""
        response = list_response("sisanews", "rss-S1N1.xml")
        response = response.replace(headers={"Content-Type": "text/html"})
        assert spider_for("sisanews").unique_article_urls(response) == [
            "https://www.sisanews.kr/news/articleView.html?idxno=38162"]


@pytest.mark.parametrize("url, expected", [
    ("https://www.sijung.co.kr/news/articleView.html?idxno=301052", "301052"),
    ("http://sijung.co.kr/news/articleView.html?idxno=301052&sc_section_code=S1N1", "301052"),
    ("https://m.sijung.co.kr/news/articleView.html?idxno=301052&utm_source=naver&utm_medium=news", "301052"),
    ("https://www.sijung.co.kr/news/articleViewAmp.html?idxno=301052", "301052"),
    ("https://www.sijung.co.kr/news/articleList.html?sc_section_code=S1N1", None),
    ("https://www.sijung.co.kr/news/photo/202309/301052_1_1.jpg", None),
    ("https://www.slnews.co.kr/news/articleView.html?idxno=301052", None),  # another outlet's host
])
def test_sijung_url_rules(url, expected):
    spider = spider_for("sijung")
    assert spider.article_id(url) == expected
    assert spider.canonical_url(url) == (
        f"https://www.sijung.co.kr/news/articleView.html?idxno={expected}" if expected else None)


def test_generic_layer_counted_as_fallback():
    from crawler.extract import fallback_fields

    raw = parse_article("slnews", "article-41207.html", clean=False)
    assert fallback_fields(raw) == ["body_paragraphs", "published_raw"]
