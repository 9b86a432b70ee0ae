"""Nineteenth-round rules for real news text (issue 9), read from test-v13's failures after its one blind scoring.

Passages are modelled on Korean press grammar (names invented); expected roles come from reading them against
GUIDE.md.  Each rule's test failed before its rule.
"""

from __future__ import annotations

from tests.district_roles import primaries


def test_two_districts_sharing_one_office_word_in_a_race_are_both_races():
    body = ("총선 출마를 위해 단체장이 사퇴한 대구 동구와 북구청장 보궐 선거가 예비후보 등록을 시작으로 본격화됐다.\n"
            "16일 선거관리위원회에 따르면 모두 4명이 후보 등록을 마쳤다.")
    assert primaries(body, day=(2004, 1, 16)) == {"27140", "27230"}


def test_a_dong_office_with_its_head_joined_to_a_township_signs_for_its_district():
    body = ("대전 중구 태평1동주민센터(동장 홍길동)와 김제시 용지면(면장 김철수)은 27일 용지면사무소에서 자매결연을 "
            "체결했다.\n이날 협약식은 양 지역 주민자치위원장 등 20여 명이 참석한 가운데 진행됐다.")
    assert primaries(body, day=(2015, 5, 28)) == {"30140"}


def test_a_dong_office_after_its_district_with_the_head_written_청장_is_the_issuer():
    body = ("광주 동구(청장 홍길동) 지원1동 행정복지센터(동장 김철수)는 연말연시를 맞아 봉사단에서 내복 150벌을 "
            "전달해 왔다고 30일 밝혔다.\n김철수 동장은 “취약계층에 잘 전하겠다”고 말했다.")
    assert primaries(body, day=(2021, 12, 30)) == {"29110"}


def test_a_districts_turnout_given_beside_anothers_is_a_comparison_of_both():
    body = ("중앙선거관리위원회에 따르면 이번 지방선거에서 대구 서구 최종 투표율은 44.8%다.\n"
            "수성구 투표율 45.1%에 이어 대구지역 8개 구·군 중 2번째로 투표율이 높았다.")
    assert primaries(body, day=(2022, 6, 3)) == {"27170", "27260"}
