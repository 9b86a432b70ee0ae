"""Asia Economy spider on saved pages: one test per field, per template."""

from __future__ import annotations

from datetime import datetime

import pytest
from freezegun import freeze_time

from crawler.korean import KST
from crawler.pipelines.validate import validation_errors
from spiders.asiae import AsiaeSpider
from tests.support import fixture_response, parse_fixture

CURRENT_URL = "https://view.asiae.co.kr/article/2026011907322546715"
OLD_URL = "https://www.asiae.co.kr/article/economic-general/2022121516393245785"
ROUNDUP_URL = "https://cm.asiae.co.kr/article/2022042511013467890"
MISSING_DATE_URL = "https://www.asiae.co.kr/article/2025110310150012345"


@pytest.fixture(scope="module")
def spider():
    return AsiaeSpider()


def _one(spider, name, url):
    with freeze_time("2026-11-23 10:00:00"):
        items = parse_fixture(spider, "asiae", name, url)
    assert len(items) == 1
    return items[0]


@pytest.fixture(scope="module")
def current(spider):
    return _one(spider, "article-current.html", CURRENT_URL)


@pytest.fixture(scope="module")
def old(spider):
    return _one(spider, "article-old-template.html", OLD_URL)


@pytest.fixture(scope="module")
def roundup(spider):
    return _one(spider, "article-roundup.html", ROUNDUP_URL)


class TestCurrentTemplate:
    def test_canonical_url_folds_view_host(self, current):
        assert current.canonical_url == "https://www.asiae.co.kr/article/2026011907322546715"
        assert current.url == CURRENT_URL

    def test_article_id(self, current):
        assert current.outlet_article_id == "2026011907322546715"

    def test_title(self, current):
        assert current.title == "강서구, '적극행정 우수사례' 선정·포상"

    def test_subtitle(self, current):
        assert current.subtitle.startswith("2025년 하반기 우수사례 5건 선정")

    def test_category(self, current):
        assert current.category == "사회"

    def test_reporter(self, current):
        assert current.reporter == "박종일"
        assert current.reporter_title == "기자"
        assert current.reporter_email == "dream@asiae.co.kr"

    def test_published_and_updated_in_kst(self, current):
        assert current.published_at == datetime(2026, 1, 19, 7, 32, tzinfo=KST)
        assert current.updated_at == datetime(2026, 1, 19, 8, 5, tzinfo=KST)
        assert current.to_contract()["published_at"] == "2026-01-19T07:32:00+09:00"

    def test_body_starts_after_lead_byline(self, current):
        assert current.body.startswith("서울 강서구(구청장 진교훈)가 2025년 하반기")
        assert current.body.endswith("행정을 이어가겠다”고 말했다.")
        assert current.body.count("\n\n") == 3

    @pytest.mark.parametrize("junk", ["[아시아경제", "dream@asiae.co.kr", "무단전재", "AD", "읽는 시간",
                                      "당신이 궁금할", "부산 강서구", "인천 동구", "본문 바로가기", "선정·포상"])
    def test_body_has_no_boilerplate_caption_or_sidebar(self, current, junk):
        assert junk not in current.body

    def test_every_field_came_from_site_selectors(self, current):
        for name in ("title", "subtitle", "reporter", "published_at", "updated_at", "body"):
            assert current.extraction[name] == "selector", name

    def test_valid(self, current):
        assert validation_errors(current) == []


class TestOldTemplate:
    def test_canonical_url_drops_section_slug(self, old):
        assert old.canonical_url == "https://www.asiae.co.kr/article/2022121516393245785"

    def test_title(self, old):
        assert old.title == "성북구, 동절기 취약계층 난방비 지원"

    def test_date_from_user_data(self, old):
        assert old.published_at == datetime(2022, 12, 15, 16, 39, tzinfo=KST)

    def test_reporter_from_body_bylines(self, old):
        assert (old.reporter, old.reporter_email) == ("박종일", "dream@asiae.co.kr")
        assert old.extraction["reporter"] == "text"

    def test_body_clean(self, old):
        assert old.body.startswith("성북구(구청장 이승로)가 겨울철")
        assert "dream@asiae.co.kr" not in old.body and "무단전재" not in old.body
        assert old.body.endswith("살피겠다”고 말했다.")

    def test_no_subtitle(self, old):
        assert old.subtitle is None


class TestRoundup:
    def test_series_subtitle(self, roundup):
        assert roundup.subtitle.startswith("[서울시 자치구 뉴스] 은평구,")

    def test_all_three_blocks_kept_in_order(self, roundup):
        body = roundup.body
        positions = [body.index(s) for s in ("은평구가 행정안전부", "금천구는 임신부의", "강남구(구청장 정순균)가")]
        assert positions == sorted(positions)

    def test_repeated_headline_captions_removed(self, roundup):
        assert "전국 1위‘...왜?" not in roundup.body

    def test_sidebar_not_in_body(self, roundup):
        assert "부산 강서구" not in roundup.body and "울산 중구" not in roundup.body

    def test_date(self, roundup):
        assert roundup.published_at == datetime(2022, 4, 25, 11, 1, tzinfo=KST)


def test_missing_date_is_invalid(spider):
    item = _one(spider, "article-missing-date.html", MISSING_DATE_URL)
    assert item.published_at is None
    assert any("publication date" in e for e in validation_errors(item))


class TestListPages:
    def test_links_on_page_one_are_canonical_and_exclude_sidebar(self, spider):
        response = fixture_response("asiae", "list-1.html", "https://www.asiae.co.kr/list/society-all")
        assert spider.unique_article_urls(response) == [
            "https://www.asiae.co.kr/article/2026011907322546715",
            "https://www.asiae.co.kr/article/2025110310150012345",
        ]

    def test_next_page(self, spider):
        response = fixture_response("asiae", "list-1.html", "https://www.asiae.co.kr/list/society-all")
        assert spider.next_list_page(response, 1) == "https://www.asiae.co.kr/list/society-all/2"

    def test_page_two_links_fold_host_and_slug_variants(self, spider):
        response = fixture_response("asiae", "list-2.html", "https://www.asiae.co.kr/list/society-all/2")
        assert spider.unique_article_urls(response) == [
            "https://www.asiae.co.kr/article/2022121516393245785",
            "https://www.asiae.co.kr/article/2022042511013467890",
        ]

    def test_without_the_list_area_nothing_is_followed(self, spider):
        response = fixture_response("asiae", "list-1.html", "https://www.asiae.co.kr/list/society-all")
        redesigned = response.replace(body=response.body.replace(b'class="cont_listarea"', b'class="news-list"'))
        assert spider.unique_article_urls(redesigned) == []

    def test_last_page_ends_the_walk(self, spider):
        response = fixture_response("asiae", "list-2.html", "https://www.asiae.co.kr/list/society-all/2")
        assert spider.next_list_page(response, 2) is None

    def test_next_page_computed_from_url_without_pagination_bar(self, spider):
        response = fixture_response("asiae", "list-1.html", "https://www.asiae.co.kr/list/society-all/4")
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
