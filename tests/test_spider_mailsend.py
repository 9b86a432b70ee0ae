"""Family C (기사 메일전송 CMS): what is particular to the family on the saved pages of ket.kr, 뉴스21,
뉴스21통신 and FMTV: EUC-KR, URL rules, pagination, the visible-text scaffold. The fields of every page
are checked from each outlet's expected.toml (tests/test_outlet_expectations.py)."""

from __future__ import annotations

import pytest

from tests.fleet_support import list_response, parse_article, spider_for


def test_euc_kr_page_decoded_from_its_declaration():
    raw = parse_article("ket", "article-16859.html", clean=False)
    assert raw.encoding == "cp949"
    assert raw.raw_html.startswith(b"<!DOCTYPE html>") and "강서구".encode("cp949") in raw.raw_html


def test_ket_search_url_canonicalizes_to_the_article():
    """The acceptance URL of issue 4 (outlets.md §0, seed 004)."""
    url = ("http://www.ket.kr/news/view.php?idx=16859&sm=w_total&stx=%EB%8B%98%EB%B9%84"
           "&stx2=&w_section1=&sdate=&edate=")
    assert spider_for("ket").canonical_url(url) == "http://www.ket.kr/news/view.php?idx=16859"


@pytest.mark.parametrize("outlet, url, expected", [
    ("krnews21", "https://www.krnews21.co.kr/article/357431?mcode=m75mass275", "https://www.krnews21.co.kr/article/357431"),
    ("krnews21", "https://www.krnews21.co.kr/article/306638?mcode=m96mass296", "https://www.krnews21.co.kr/article/306638"),
    ("krnews21", "https://m.krnews21.co.kr/news/357431", "https://www.krnews21.co.kr/article/357431"),
    ("krnews21", "https://www.krnews21.co.kr/news/list.php?mcode=m75mass275&vg=photo", None),
    ("news21tongsin", "http://news21tongsin.co.kr/news/view.php?idx=203323&mcode=m60a9iy",
     "http://news21tongsin.co.kr/news/view.php?idx=203323"),
    ("news21tongsin", "http://www.news21tongsin.co.kr/news/view.php?mcode=m60a9iy&idx=203323",
     "http://news21tongsin.co.kr/news/view.php?idx=203323"),
    ("news21tongsin", "http://news21tongsin.co.kr/news/list.php?mcode=m48qmuj&page=15&vg=photo", None),
    ("fmtv", "http://m.fmtv.co.kr/mobile/view.php?idx=8842", "http://www.fmtv.co.kr/news/view.php?idx=8842"),
    ("ket", "http://www.ket.kr/news/view.php?idx=168590", "http://www.ket.kr/news/view.php?idx=168590"),
    ("ket", "http://www.ket.kr/news/view.php?sidx=3&mcode=x", None),
])
def test_url_rules(outlet, url, expected):
    assert spider_for(outlet).canonical_url(url) == expected


class TestListPages:
    def test_pager_without_next_ends_walk(self):
        assert spider_for("ket").next_list_page(list_response("ket", "list-1.html"), 1) is None

    def test_next_page_keeps_menu_code(self):
        response = list_response("news21tongsin", "list-1.html")
        response = response.replace(body=response.body.replace(b'class="paging"', b'class="gone"'))
        assert spider_for("news21tongsin").next_list_page(response, 1) == \
            "http://news21tongsin.co.kr/news/list.php?mcode=m48qmuj&vg=photo&page=2"


def test_text_scaffold_fills_what_markup_does_not():
    """FMTV's mobile skin has none of the family classes: the visible scaffold still gives
    title, reporter and the raw date exactly as shown."""
    raw = parse_article("fmtv", "article-8842.html", clean=False)
    assert (raw.title, raw.reporter_raw, raw.published_raw) == (
        "동작구, 노량진 컵밥거리 새 단장… 보행로 넓히고 그늘막 설치", "정하늘", "등록 2023-05-22 16:40:12")
