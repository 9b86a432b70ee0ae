"""Family A (ND Soft): 시정일보, 서울자치신문, 시사경제신문 on saved pages, one test per field."""

from __future__ import annotations

import pytest

from tests.fleet_support import ArticleCase, ArticleFieldTests, list_response, parse_article, spider_for

CASES = [
    ArticleCase(
        outlet="sijung", file="article-301052.html",
        canonical_url="https://www.sijung.co.kr/news/articleView.html?idxno=301052", article_id="301052",
        title="강서구, ‘주민 눈높이’ 적극행정에 박수를",
        subtitle="상반기 적극행정 우수사례 5건 선정… 공공 CCTV 통합 정비 ‘최우수’",
        reporter="정칠석", published_at="2023-09-07T16:23:00+09:00",
        body_starts="강서구는 주민 생활에 실질적인 변화를", body_ends="조직문화를 만들어 가겠다”고 말했다.", paragraphs=5,
        layers={"title": "selector", "subtitle": "selector", "reporter": "selector", "published_at": "selector",
                "body": "selector"},
        not_in_body=("[시정일보]", "저작권자", "무단전재", "노원구, 어르신", "관악구, 추석", "댓글"),
    ),
    ArticleCase(
        outlet="sijung", file="article-425280.html",
        canonical_url="https://www.sijung.co.kr/news/articleView.html?idxno=425280", article_id="425280",
        title="성동구, 중소기업육성기금 100억 원 융자… 연 1.5% 저금리",
        subtitle="업체당 최대 2억 원, 2년 거치 일시상환… 2월 2일부터 접수", category="자치행정",
        reporter="이지선", reporter_title="기자", reporter_email="jslee@sijung.co.kr",
        published_at="2026-01-12T10:31:00+09:00", updated_at="2026-01-12T14:05:00+09:00",
        body_starts="서울 성동구(구청장 정원오)가 경기 침체로", body_ends="버팀목이 되길 바란다”고 말했다.", paragraphs=5,
        layers={"title": "selector", "category": "meta", "reporter": "selector", "reporter_email": "selector",
                "published_at": "selector", "updated_at": "selector", "body": "selector"},
        not_in_body=("성동구청 전경", "부산 강서구", "광진구, 겨울철", "jslee@", "저작권자"),
    ),
    ArticleCase(
        outlet="slnews", file="article-41207.html",
        canonical_url="https://www.slnews.co.kr/news/articleView.html?idxno=41207", article_id="41207",
        title="관악구, 청년 1인가구 ‘안심 귀갓길’ 30곳으로 확대",
        reporter="김상범", reporter_title="기자", reporter_email="ksb@slnews.co.kr",
        published_at="2022-06-14T17:20:00+09:00",
        body_starts="관악구(구청장 박준희)가 청년 1인가구가", body_ends="골목을 만들겠다”고 말했다.", paragraphs=4,
        layers={"title": "meta", "published_at": "text", "reporter": "text", "body": "generic"},
        not_in_body=("동작구, 노량진", "영등포구, 대림동", "금천구", "서초구", "구로구", "지역소식", "조회수",
                     "ksb@slnews.co.kr", "저작권자"),
    ),
    ArticleCase(
        outlet="sisanews", file="article-38162.html",
        canonical_url="https://www.sisanews.kr/news/articleView.html?idxno=38162", article_id="38162",
        title="양천구, 신정동 ‘안양천 생태 놀이터’ 개장",
        subtitle="모래놀이·물놀이 시설 갖춘 2,400㎡ 규모… 주말 생태교실도 운영", category="지역",
        reporter="한수연", reporter_title="기자", reporter_email="hsy@sisanews.kr",
        published_at="2024-05-02T09:15:00+09:00", updated_at="2024-05-02T09:15:00+09:00",
        body_starts="서울 양천구(구청장 이기재)가", body_ends="계속 가꿔 나가겠다”고 말했다.", paragraphs=4,
        layers={"title": "selector", "published_at": "selector", "updated_at": "meta", "body": "selector"},
        not_in_body=("조감도", "강서구, 마곡", "구로구, 어린이날"),
    ),
]


@pytest.fixture(scope="module", params=CASES, ids=str)
def case(request):
    return request.param


@pytest.fixture(scope="module")
def item(case):
    return parse_article(case.outlet, case.file)


class TestArticles(ArticleFieldTests):
    pass


class TestListPages:
    def test_list_titles_only_in_page_order_and_hosts_folded(self):
        response = list_response("sijung", "list-1.html")
        assert spider_for("sijung").unique_article_urls(response) == [
            "https://www.sijung.co.kr/news/articleView.html?idxno=425280"]

    def test_pagination_bar_gives_page_two(self):
        response = list_response("sijung", "list-1.html")
        assert spider_for("sijung").next_list_page(response, 1) == \
            "https://www.sijung.co.kr/news/articleList.html?page=2&view_type=sm"

    def test_last_page_ends_the_walk(self):
        response = list_response("sijung", "list-2.html")
        assert spider_for("sijung").next_list_page(response, 2) is None

    def test_older_list_markup(self):
        response = list_response("slnews", "list-1.html")
        spider = spider_for("slnews")
        assert spider.unique_article_urls(response) == ["https://www.slnews.co.kr/news/articleView.html?idxno=41207"]
        assert spider.next_list_page(response, 1) is None

    def test_list_without_pagination_bar_computes_next_page(self):
        response = list_response("slnews", "list-1.html")
        response = response.replace(body=response.body.replace(b'class="pagination"', b'class="gone"'))
        assert spider_for("slnews").next_list_page(response, 1).endswith("sc_section_code=S1N1&view_type=sm&page=2")


class TestRss:
    def test_feed_items_in_order_with_tracking_and_mobile_host_folded(self):
        response = list_response("sijung", "rss-allArticle.xml")
        assert spider_for("sijung").unique_article_urls(response) == [
            "https://www.sijung.co.kr/news/articleView.html?idxno=425280",
            "https://www.sijung.co.kr/news/articleView.html?idxno=301052",
        ]

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
