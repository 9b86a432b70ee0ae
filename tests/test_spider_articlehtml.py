"""Family B (article.html?no=): TV서울, 서대문신문, 영등포신문 on saved pages, one test per field."""

from __future__ import annotations

import pytest

from tests.fleet_support import ArticleCase, ArticleFieldTests, list_response, parse_article, spider_for

CASES = [
    ArticleCase(
        outlet="tvseoul", file="article-23514.html",
        canonical_url="http://www.tvseoul.kr/news/article.html?no=23514", article_id="23514",
        title="영등포구, 전국 지자체 최초 ‘정부혁신추진협의회’ 회의 열어", category="포토",
        reporter="변윤수", reporter_title="기자", published_at="2019-07-12T09:39:39+09:00",
        body_starts="영등포구는 주민참여형 혁신기관으로 인정받아",
        body_ends="영등포구가 적극 앞장서겠다”고 했다.", paragraphs=10,
        layers={"title": "selector", "category": "selector", "reporter": "text", "published_at": "selector",
                "body": "selector"},
        not_in_body=("[TV서울", "기상청 제공", "℃", "이재명", "더보기", "부산 강서구", "인천 중구", "Copyright",
                     "2024.03.27"),
    ),
    ArticleCase(
        outlet="tvseoul", file="article-66511.html",
        canonical_url="http://www.tvseoul.kr/news/article.html?no=66511", article_id="66511",
        title="성북구의회, 제309회 임시회 개회… 추경안 등 21건 심사", category="지방자치",
        reporter="신민수", reporter_title="기자",
        published_at="2025-09-02T11:20:45+09:00", updated_at="2025-09-02T15:02:10+09:00",
        body_starts="서울 성북구의회는 1일 제309회 임시회를", body_ends="꼼꼼히 살피겠다”고 말했다.", paragraphs=5,
        layers={"title": "selector", "reporter": "text", "published_at": "selector", "updated_at": "selector",
                "body": "selector"},
        not_in_body=("[TV서울", "부산 강서구", "인천 동구", "국회 행안위"),
    ),
    ArticleCase(
        outlet="sdmsinmun", file="article-5838.html",
        canonical_url="http://www.sdmsinmun.com/news/article.html?no=5838", article_id="5838",
        title="서대문구, ‘신촌, 파랑고래’ 대학생 기자단 3기 출범",
        subtitle="연세대·이화여대 등 대학생 15명… 1년간 신촌 골목 소식 전해", category="구정",
        reporter="이수진", reporter_title="기자", published_at="2024-01-18T14:03:27+09:00",
        body_starts="서대문구(구청장 이성헌)가 신촌 일대의", body_ends="힘이 될 것”이라고 말했다.", paragraphs=4,
        layers={"subtitle": "selector", "reporter": "meta", "published_at": "selector", "body": "selector"},
        not_in_body=("[서대문신문", "마포구", "은평구", "기상청"),
    ),
    ArticleCase(
        outlet="ybstv", file="article-48213.html",
        canonical_url="http://www.ybstv.net/news/article.html?no=48213", article_id="48213",
        title="영등포구, 여의도 한강공원 ‘수상 쓰레기 차단막’ 설치",
        reporter="박미정", reporter_title="기자", published_at="2024-07-03T10:40:00+09:00",
        body_starts="영등포구가 장마철을 앞두고", body_ends="현장 점검을 이어가겠다”고 말했다.", paragraphs=4,
        layers={"title": "meta", "reporter": "meta", "published_at": "jsonld", "body": "generic"},
        not_in_body=("강서구", "동작구", "마포구", "구로구", "지역 뉴스", "Copyright", "박미정 기자"),
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
    def test_section_list_links_exclude_right_box(self):
        response = list_response("tvseoul", "list-1.html")
        assert spider_for("tvseoul").unique_article_urls(response) == [
            "http://www.tvseoul.kr/news/article.html?no=66511"]

    def test_next_page_from_pager(self):
        response = list_response("tvseoul", "list-1.html")
        assert spider_for("tvseoul").next_list_page(response, 1) == \
            "http://www.tvseoul.kr/news/section_list_all.html?sec_no=67&page=2"

    def test_page_two_folds_bare_host_and_ends_walk(self):
        response = list_response("tvseoul", "list-2.html")
        spider = spider_for("tvseoul")
        assert spider.unique_article_urls(response) == ["http://www.tvseoul.kr/news/article.html?no=23514"]
        assert spider.next_list_page(response, 2) is None

    @pytest.mark.parametrize("outlet, expected", [
        ("sdmsinmun", "http://www.sdmsinmun.com/news/article.html?no=5838"),
        ("ybstv", "http://www.ybstv.net/news/article.html?no=48213"),
    ])
    def test_other_outlets_lists(self, outlet, expected):
        response = list_response(outlet, "list-1.html")
        spider = spider_for(outlet)
        assert spider.unique_article_urls(response) == [expected]
        assert spider.next_list_page(response, 1) is None


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
