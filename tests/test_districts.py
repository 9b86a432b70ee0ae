"""Unit tests for crawler.districts: gazetteer, mention boundaries, city resolution,
roles, roundup splitting on seed 000, and the pipeline."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from crawler.districts import analyze, district_by_code, districts_valid_on, is_roundup, load_districts, split_segments
from crawler.districts.gazetteer import GAZETTEER_PATH, city_short_names
from crawler.districts.tagger import tag_districts
from crawler.korean import KST, clean_body
from tests.seeds import seed_text

SEED_000 = "asiae-roundup-eunpyeong.txt"
SEOUL_CODES = {
    "종로구": "11110", "중구": "11140", "용산구": "11170", "성동구": "11200", "광진구": "11215",
    "동대문구": "11230", "중랑구": "11260", "성북구": "11290", "강북구": "11305", "도봉구": "11320",
    "노원구": "11350", "은평구": "11380", "서대문구": "11410", "마포구": "11440", "양천구": "11470",
    "강서구": "11500", "구로구": "11530", "금천구": "11545", "영등포구": "11560", "동작구": "11590",
    "관악구": "11620", "서초구": "11650", "강남구": "11680", "송파구": "11710", "강동구": "11740",
}


def kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=KST)


def tags_of(**kwargs) -> dict[str, str]:
    kwargs.setdefault("subtitle", None)
    kwargs.setdefault("published_at", kst(2025, 5, 1, 9))
    return {tag.code: tag.role for tag in tag_districts(**kwargs)}


# --- gazetteer ---------------------------------------------------------------------


def test_69_districts_on_2025_01_01():
    valid = districts_valid_on(date(2025, 1, 1))
    assert len(valid) == 69
    per_city = Counter(d.city_short for d in valid)
    assert per_city == {"서울": 25, "부산": 15, "대구": 7, "인천": 8, "광주": 5, "대전": 5, "울산": 4}


def test_seoul_codes_are_exact():
    seoul = {d.name: d.code for d in districts_valid_on(date(2025, 1, 1)) if d.city_short == "서울"}
    assert seoul == SEOUL_CODES


@pytest.mark.parametrize("day", [date(2010, 1, 1), date(2018, 6, 30), date(2018, 7, 1), date(2025, 1, 1),
                                 date(2026, 6, 30), date(2026, 7, 1), date(2030, 1, 1)])
def test_codes_and_city_names_unique_per_day(day):
    valid = districts_valid_on(day)
    assert len({d.code for d in valid}) == len(valid)
    assert len({(d.city_short, d.name) for d in valid}) == len(valid)


def test_codes_unique_across_gazetteer():
    codes = [d.code for d in load_districts()]
    assert len(codes) == len(set(codes))


def test_eunpyeong():
    eunpyeong = district_by_code("11380")
    assert (eunpyeong.name, eunpyeong.name_en, eunpyeong.city, eunpyeong.city_en) == (
        "은평구", "Eunpyeong-gu", "서울특별시", "Seoul")
    assert {"은평", "은평구청", "은평구청장", "은평구의회"} <= set(eunpyeong.aliases)


def test_two_seoul_and_busan_gangseo():
    assert district_by_code("11500").city_short == "서울"
    assert district_by_code("26440").city_short == "부산"
    assert district_by_code("26440").name == "강서구"


def test_incheon_nam_becomes_michuhol_on_2018_07_01():
    before = {d.code for d in districts_valid_on(date(2018, 6, 30))}
    after = {d.code for d in districts_valid_on(date(2018, 7, 1))}
    assert "28170" in before and "28177" not in before
    assert "28177" in after and "28170" not in after


def test_incheon_reorganisation_2026_07_01():
    before = {d.code for d in districts_valid_on(date(2026, 6, 30))}
    after = {d.code for d in districts_valid_on(date(2026, 7, 1))}
    assert {"28110", "28140", "28260"} <= before
    assert not {"28110", "28140", "28260"} & after
    assert {"28125", "28155", "28275", "28290"} <= after
    assert not {"28125", "28155", "28275", "28290"} & before
    assert len(after) == 70
    assert "PROVISIONAL" in district_by_code("28125").source


def test_unknown_code_raises():
    with pytest.raises(KeyError):
        district_by_code("99999")


def test_gazetteer_has_no_gun():
    assert not [d for d in load_districts() if d.name.endswith("군")]
    assert GAZETTEER_PATH.exists() and city_short_names()[0] == "서울"


# --- mention boundaries --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울시는 중구난방이던 청년 정책을 정비한다.", {}),
        ("서구화와 서구권 문화가 확산됐다.", {}),
        ("동구릉과 남구로역을 잇는 버스", {}),
        ("강남구청역 인근 상가", {"11680": "primary"}),
        ("은평구의회는 임시회를 열었다.", {"11380": "primary"}),
        ("은평구민 1000명이 참여했다.", {"11380": "primary"}),
        ("울산 중구치매안심센터가 검진을 한다.", {"31110": "primary"}),
        ("강남·서초구 아파트값이 올랐다.", {"11680": "primary", "11650": "primary"}),
        ("마포구 주민과 강남·서초구 주민이 만났다.", {"11440": "primary", "11680": "primary", "11650": "primary"}),
    ],
)
def test_mention_boundaries(text, expected):
    assert tags_of(title="", body=text, outlet_region="서울") == expected


# --- city resolution ------------------------------------------------------------------


def test_seoul_gangseo_article_with_other_city_names_in_tail():
    body = "\n\n".join([
        "강서구(구청장 진교훈)는 마곡동 보타닉공원에서 어린이 숲 체험을 운영한다.",
        "강서구 어린이라면 누구나 참여할 수 있다.",
        "부산 강서구, 명지 스마트 정류장 확대",
        "인천 동구, 화수부두 해양 문화공간 조성 착수",
    ])
    tags = tags_of(title="강서구, 어린이 숲 체험 운영", body=body, outlet_region="서울")
    assert tags == {"11500": "primary", "26440": "mentioned", "28140": "mentioned"}


@pytest.mark.parametrize(
    ("title", "body", "region", "code"),
    [
        ("중구, 안전보건교육 실시", "울산 중구(구청장 김영길)가 교육을 실시했다. 중구는 매 분기 교육한다.", None, "31110"),
        ("강서구, 유채꽃 축제", "강서구는 대저생태공원에서 축제를 연다.", "부산", "26440"),
        ("강서구, 유채꽃 축제", "강서구는 공원에서 축제를 연다.", "서울", "11500"),
        ("부산시 강서구, 정류장 확대", "부산시 강서구는 정류장을 늘린다.", "서울", "26440"),
        ("인천 동구, 부두 정비", "인천 동구는 부두를 정비한다.", None, "28140"),
        ("대구 남구, 전망대 개방", "대구 남구는 전망대를 개방한다.", None, "27200"),
        ("광주 북구, 음악회", "광주 북구(구청장 문인)가 음악회를 연다.", None, "29170"),
        ("서구, 창업 허브 개소", "서구는 상무지구에 허브를 열고 광주시와 협력한다.", None, "29140"),
    ],
)
def test_same_name_districts_resolve_by_prefix_region_and_context(title, body, region, code):
    tags = tags_of(title=title, body=body, outlet_region=region)
    assert tags == {code: "primary"}


def test_ambiguous_name_without_any_context_is_dropped():
    assert tags_of(title="동구, 축제 개최", body="동구는 축제를 연다.", outlet_region=None) == {}


def test_incheon_nam_vs_michuhol_by_publication_date():
    body = "인천 남구는 주안역 거리를 운영한다. 미추홀구는 광장을 정비한다."
    assert tags_of(title="", body=body, published_at=kst(2017, 5, 1), outlet_region=None) == {"28170": "primary"}
    # after the rename '인천 남구' names nothing; 미추홀구 is the only (hence most-mentioned) district
    assert tags_of(title="", body=body, published_at=kst(2019, 5, 1), outlet_region=None) == {"28177": "primary"}


def test_incheon_new_districts_only_after_2026_07_01():
    body = "인천 영종구는 주민 간담회를 열었다."
    assert tags_of(title="", body=body, published_at=kst(2026, 6, 1), outlet_region=None) == {}
    assert tags_of(title="", body=body, published_at=kst(2026, 7, 15), outlet_region=None) == {"28155": "primary"}


# --- roles ----------------------------------------------------------------------------


def test_joint_action_makes_both_primary_and_passing_mention_stays_mentioned():
    body = "구로구와 영등포구가 안양천 협약을 맺었다.\n\n행사에는 금천구 주민도 참여했다."
    tags = tags_of(title="구로구, 영등포구와 협약", body=body, outlet_region="서울")
    assert tags == {"11530": "primary", "11560": "primary", "11545": "mentioned"}


def test_head_named_first_makes_district_primary():
    tags = tags_of(title="", body="서강석 송파구청장이 시무식에서 비전을 밝혔다. 강동구와 협력한다.", outlet_region="서울")
    assert tags == {"11710": "primary", "11740": "mentioned"}


def test_mention_count_and_order():
    tags = tag_districts(title="은평구, 1위", subtitle=None, body="은평구가 1위다. 마포구가 찾았다. 은평구는 기뻐했다.",
                         published_at=kst(2025, 1, 1), outlet_region="서울")
    assert [(t.code, t.role, t.mention_count) for t in tags] == [("11380", "primary", 3), ("11440", "mentioned", 1)]
    assert tags[0].city == "서울특별시" and tags[0].name == "은평구"


# --- roundups -------------------------------------------------------------------------


def seed_000() -> tuple[str, str, str]:
    lines = seed_text(SEED_000).split("\n")
    title = next(line for line in lines if line.startswith("은평구, 정부 혁신평가"))
    subtitle = next(line for line in lines if line.startswith("[서울시 자치구 뉴스]"))
    start = next(i for i, line in enumerate(lines) if line.startswith("[아시아경제"))
    return title, subtitle, lines[start:]


def test_roundup_seed_000_after_clean_body():
    title, subtitle, paragraphs = seed_000()
    body = clean_body(paragraphs).text
    segments = split_segments(title=title, subtitle=subtitle, body=body, published_at=kst(2022, 5, 2, 7),
                              outlet_region="서울")
    assert [s.district_code for s in segments] == ["11380", "11545", "11680"]
    assert [s.order for s in segments] == [0, 1, 2]
    assert segments[0].text.startswith("은평구가 행정안전부 주관")
    assert segments[1].text.startswith("금천구는 임신부의 건강한 생활과")
    assert segments[2].text.startswith("강남구(구청장 정순균)가")
    assert "금천구" not in segments[0].text and "정순균" not in segments[1].text
    assert segments[2].text.endswith("만들어가겠다”고 전했다.")


def test_roundup_seed_000_raw_paragraphs_with_captions_and_byline():
    title, subtitle, paragraphs = seed_000()
    raw_body = "\n\n".join(p.strip() for p in paragraphs[: paragraphs.index("박종일 기자 dream@asiae.co.kr")] if p.strip())
    analysis = analyze(title=title, subtitle=subtitle, body=raw_body, published_at=kst(2022, 5, 2, 7),
                       outlet_region="서울")
    assert analysis.is_roundup
    assert [s.district_code for s in analysis.segments] == ["11380", "11545", "11680"]
    assert all(title not in s.text for s in analysis.segments)
    assert analysis.segments[0].text.startswith("은평구가")
    assert {t.code: t.role for t in analysis.districts} == {"11380": "primary", "11545": "primary", "11680": "primary"}


def test_non_roundup_has_no_segments():
    kwargs = dict(title="은평구, 혁신평가 1위", subtitle=None, body="은평구가 1위를 했다.\n\n마포구는 2위였다.",
                  published_at=kst(2025, 1, 1), outlet_region="서울")
    assert split_segments(**kwargs) == []
    assert not is_roundup(**kwargs)
    assert analyze(**kwargs).is_roundup is False


def test_roundup_block_mentioning_other_district_does_not_split():
    body = "\n\n".join([
        "영등포구는 수상 택시를 시범 운항한다.",
        "구로구는 직장인 건강검진을 운영한다.",
        "금천구는 가산동과 맞닿은 검진센터를 함께 쓴다.",
    ])
    subtitle = "[서울시 자치구 뉴스] 영등포구, 수상 택시... 구로구, 건강검진"
    analysis = analyze(title="영등포구, 수상 택시", subtitle=subtitle, body=body, published_at=kst(2025, 8, 25),
                       outlet_region="서울")
    assert [s.district_code for s in analysis.segments] == ["11560", "11530"]
    assert analysis.segments[1].text.endswith("검진센터를 함께 쓴다.")
    assert {t.code: t.role for t in analysis.districts}["11545"] == "mentioned"


# --- pipeline -------------------------------------------------------------------------


def test_pipeline_sets_item_fields():
    from crawler.items import ArticleItem
    from crawler.pipelines.districts import DistrictTaggingPipeline

    item = ArticleItem(outlet="asiae", url="https://www.asiae.co.kr/article/1", outlet_region="서울",
                       title="은평구, 1위", body="은평구가 1위를 했다. 마포구가 벤치마킹했다.",
                       published_at=kst(2025, 1, 1, 9))
    result = DistrictTaggingPipeline.from_crawler(None).process_item(item)
    assert result is item
    assert item.districts == [
        {"code": "11380", "name": "은평구", "city": "서울특별시", "role": "primary", "mention_count": 2},
        {"code": "11440", "name": "마포구", "city": "서울특별시", "role": "mentioned", "mention_count": 1},
    ]
    assert item.segments == [] and item.is_roundup is False


def test_pipeline_handles_empty_item():
    from crawler.items import ArticleItem
    from crawler.pipelines.districts import DistrictTaggingPipeline

    item = ArticleItem(outlet="x", url="u")
    DistrictTaggingPipeline().process_item(item)
    assert item.districts == [] and item.segments == [] and item.is_roundup is False
