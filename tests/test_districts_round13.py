"""Thirteenth-round rules for real news text (issue 9), read from test-v8's failures after its one blind scoring.

Each passage is modelled on Korean press-release grammar (not copied from the corpus; names and figures are
invented); the expected roles come from reading it against GUIDE.md.  Each rule's test failed before its rule; the
others guard against the rule firing where it should not.
"""

from __future__ import annotations

from tests.district_roles import primaries, roles


def test_the_city_and_districts_listed_with_a_counted_group_name_are_co_subjects():
    body = ("동서 균형발전을 논의할 협의체가 발족한다.\n"
            "부산시와 북구, 사하구, 강서구, 사상구 등 서부산권 4개 지자체는 23일 북구청에서 출범 회의를 개최한다.")
    assert primaries(body) == {"26320", "26380", "26440", "26530"}


def test_districts_joined_by_wa_and_closed_by_a_counted_group_are_co_subjects():
    body = "부산 중구와 서구, 동구, 영도구 등 원도심 4개구가 통합에 원칙적으로 합의했다.\n합의문은 오늘 발표됐다."
    assert primaries(body) == {"26110", "26140", "26170", "26200"}


def test_a_city_listing_districts_as_objects_is_no_co_subject_list():
    body = "부산시는 북구, 사하구, 강서구 등 서부산권 3개 구를 대상으로 공모 사업을 벌인다."
    assert primaries(body) == set()


def test_prospective_candidates_named_with_their_districts_in_parentheses_are_each_race():
    body = ("홍길동(해운대구), 김철수(영도구), 이영희(부산진구) 등 3명의 출마예정자는 12일 부산시의회 브리핑룸에서 "
            "기자회견을 열고 선언문을 발표했다.")
    assert primaries(body, day=(2026, 2, 12)) == {"26350", "26200", "26230"}


def test_districts_listed_with_geurigo_before_their_heads_are_co_subjects():
    body = ("원도심 협의체 협약식이 열렸다.\n"
            "이날 선포식에는 부산시 중구, 서구, 영도구 그리고 동구 단체장과 각 구에서 추천한 전문가 등 20여 명이 "
            "참석했다. 5개구 단체장들은 긴밀한 협력체계를 구축한다.")
    assert {"26110", "26140", "26200", "26170"} <= primaries(body)


def test_dates_per_district_in_a_status_list_are_a_statistic_but_an_address_is_not_reported_on():
    body = ("대구 9개 구·군 관계자들은 지난 21일 남구 소재 한 식당에서 정기회의를 열었다.\n"
            "관련 조례는 중구(3월 31일), 서구(7월 10일), 북구(3월 17일), 수성구(6월 30일)에서 이미 제정을 완료했다.")
    assert roles(body) == {"27200": "mentioned", "27110": "primary", "27170": "primary", "27230": "primary",
                           "27260": "primary"}


def test_a_district_beside_its_city_as_the_subject_is_a_co_actor():
    body = ("동성로 활성화에 대해 시민이 묻고 시장이 대답하는 자리가 마련된다.\n"
            "대구시와 중구는 16일 오후 동성로에서 관광특구 지정 기념행사가 열린다고 15일 밝혔다.")
    assert primaries(body) == {"27110"}


def test_districts_tabling_their_own_items_at_an_associations_meeting_act():
    body = ("(서울=뉴스) 서울특별시 구청장협의회는 온라인 화상회의로 정기회의를 개최하고 공동현안을 논의했다고 밝혔다.\n"
            "1부에서는 은평구에서 제안한 '생활지원비 매칭비 개선 건의'를 논의했다. 2부에서는 용산구에서 제안한 "
            "'시행령 개정'을 논의했다.")
    assert primaries(body) == {"11380", "11170"}


def test_a_head_elect_by_surname_in_a_one_district_article_acts_for_it():
    body = ("16년 만에 지방정부 교체에 성공한 홍 당선인은 인수위의 명칭을 '새로운 중랑 준비위원회'로 정했다. "
            "변화를 바라는 중랑구민의 열망에 부응하겠다는 뜻이다.")
    assert primaries(body, day=(2018, 6, 19)) == {"11260"}


def test_the_mayor_touring_districts_starting_with_one_visits_it():
    body = ("홍길동 서울시장은 새해를 맞아 5일 종로구를 시작으로 15일까지 20개 자치구를 돌며 신년인사회를 연다.\n"
            "신년인사회에는 주민 500여명이 참석한다.")
    assert primaries(body) == {"11110"}


def test_a_short_form_read_twice_is_one_mention_and_a_closing_particle_is_no_street():
    body = ("홍길동 서울시장은 5일부터 자치구 신년인사회를 연다.\n"
            "박 시장은 ▲6일 구로·강동 ▲7일 동대문 ▲15일 성북·노원구 순으로 신년인사회를 이어갈 계획이다.")
    assert primaries(body) == {"11530", "11740", "11230", "11290", "11350"}
