"""Family C (기사 메일전송 CMS): ket.kr, 뉴스21, 뉴스21통신, FMTV on saved pages, one test per field."""

from __future__ import annotations

import pytest

from tests.fleet_support import ArticleCase, ArticleFieldTests, list_response, parse_article, spider_for

ULSAN_SIDEBAR = ("울산", "중구치매안심센터", "노유림", "슬도", "보령", "이스라엘", "많이 본 뉴스", "목록 바로가기",
                 "이전 기사 보기", "사랑더하기", "모바일 버전", "기사 메일전송", "기사수정", "픽사베이")

CASES = [
    ArticleCase(
        outlet="krnews21", file="article-357431.html",
        canonical_url="https://www.krnews21.co.kr/article/357431", article_id="357431",
        title="광진구, 2025 지방자치단체 혁신평가 ‘우수’… 청년 참여·인공지능 행정 성과 전국 인정",
        reporter="장은숙", published_at="2026-02-27T13:12:07+09:00", source_note="광진구청 보도자료",
        body_starts="광진구(구청장 김경호)가 지난 23일 행정안전부가",
        body_ends="혁신 행정을 이어가겠다고 말했다.", paragraphs=8,
        layers={"title": "selector", "reporter": "selector", "published_at": "selector", "body": "selector"},
        not_in_body=ULSAN_SIDEBAR + ("출처",),
    ),
    ArticleCase(
        outlet="ket", file="article-16859.html",
        canonical_url="http://www.ket.kr/news/view.php?idx=16859", article_id="16859",
        title="강서구 적극행정 우수사례 5건 선정",
        subtitle="공공 CCTV 통합 정비 등 주민 체감 사례 / 우수 공무원에 포상금·인사 가점",
        reporter="김은미", published_at="2023-08-30T09:50:01+09:00",
        body_starts="서울 강서구는 2023년 상반기 적극행정 우수사례 5건을", body_ends="확산할 계획이다.", paragraphs=5,
        layers={"title": "selector", "subtitle": "selector", "reporter": "selector", "published_at": "selector",
                "body": "selector"},
        not_in_body=("강서구 공공 CCTV 현황도", "양천구, 신월동", "부산 강서구", "인천 서구", "유니세프", "코리아넷",
                     "TOP TODAY", "게시물이 없습니다", "포토뉴스"),
    ),
    ArticleCase(
        outlet="news21tongsin", file="article-203323.html",
        canonical_url="http://news21tongsin.co.kr/news/view.php?idx=203323", article_id="203323",
        title="광진구 각 동, ‘설맞이’ 골목 대청소·이웃 나눔 잇따라",
        reporter="김희백", reporter_title="사회2부 기자", published_at="2024-02-06T15:22:10+09:00",
        body_starts="서울 광진구 15개 동 주민센터와", body_ends="꼼꼼히 살피겠다”고 말했다.", paragraphs=4,
        layers={"title": "selector", "reporter": "selector", "published_at": "selector", "body": "selector"},
        not_in_body=("[뉴스21 통신", "SHUUD", "울산 남구", "부산 강서구"),
    ),
    ArticleCase(
        outlet="fmtv", file="article-8842.html",
        canonical_url="http://www.fmtv.co.kr/news/view.php?idx=8842", article_id="8842",
        title="동작구, 노량진 컵밥거리 새 단장… 보행로 넓히고 그늘막 설치",
        reporter="정하늘", published_at="2023-05-22T16:40:12+09:00",
        body_starts="동작구가 노량진역 앞 컵밥거리의", body_ends="가꿔 나가겠다”고 말했다.", paragraphs=4,
        layers={"title": "text", "reporter": "text", "published_at": "text", "body": "generic"},
        not_in_body=("세종시", "부산 동구", "많이 본 뉴스", "PC 버전", "기사 메일전송", "기사수정", "등록 2023"),
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
    @pytest.mark.parametrize("outlet, expected", [
        ("krnews21", "https://www.krnews21.co.kr/article/357431"),
        ("ket", "http://www.ket.kr/news/view.php?idx=16859"),
        ("news21tongsin", "http://news21tongsin.co.kr/news/view.php?idx=203323"),
        ("fmtv", "http://www.fmtv.co.kr/news/view.php?idx=8842"),
    ])
    def test_list_links_one_per_article(self, outlet, expected):
        assert spider_for(outlet).unique_article_urls(list_response(outlet, "list-1.html")) == [expected]

    def test_most_read_box_not_followed(self):
        urls = spider_for("krnews21").unique_article_urls(list_response("krnews21", "list-1.html"))
        assert "https://www.krnews21.co.kr/article/357420" not in urls

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
