"""Fourteenth-round rules for real news text (issue 9), read from test-v9's failures after its one blind scoring.

Each passage is modelled on Korean press-release grammar (not copied from the corpus; names and figures are
invented); the expected roles come from reading it against GUIDE.md.  Each rule's test failed before its rule.
"""

from __future__ import annotations

from tests.district_roles import primaries


def test_a_list_of_offices_closed_by_one_election_verb_makes_each_race():
    body = ("6회 지방선거 개표 결과 홍길동(60) 전 사장이 대구 서구청장에, 김철수(60) 구청장이 세번째 남구청장에 각각 "
            "당선됐다.\n또 이영희(54) 후보가 북구청장에, 박민수(57) 후보는 수성구청장에, 최정수(59) 당선자는 3선 "
            "구청장으로 등극했다.")
    assert {"27170", "27200", "27230", "27260"} <= primaries(body, day=(2014, 6, 5))


def test_the_parties_of_a_sister_tie_listed_with_cities_and_counties_are_each_a_party():
    body = ("전국 10개 시 군 구 자치단체가 자매결연을 통해 교류협력을 추진한다.\n"
            "1일 광주 북구청에 따르면 4일 충북의 한 호텔에서 자매결연 행사를 갖는다.\n"
            "자매결연에 참여하는 자치단체는 서울 성동구, 부산 남구, 대구 남구, 광주 북구, 경남 고성군, 강원 평창군, "
            "충남 천안시 등이다.")
    assert primaries(body, day=(1998, 2, 2)) == {"29170", "11200", "26290", "27200"}


def test_districts_selected_as_the_citys_announced_subject_are_reported_on():
    body = ("부산시는 영도구와 중구, 서구, 강서구 등 4곳이 올해 국가지원 도시재생사업 대상에 선정됐다고 7일 밝혔다.\n"
            "4곳에는 앞으로 5년간 400억원이 투입된다.")
    assert primaries(body) == {"26200", "26110", "26140", "26440"}


def test_a_bulleted_list_of_heads_elected_is_each_district_and_a_bulleted_guest_list_is_not():
    body = ("6·1 지방선거 서울 구청장선거에서 국민의힘이 3곳에서 승리했다.\n"
            "당선된 국민의힘 구청장은 △홍길동 종로구청장 △김철수 중구청장 △이영희 용산구청장이다.")
    assert primaries(body, day=(2022, 6, 2)) == {"11110", "11140", "11170"}
    guests = ("오는 8일 대전 중구청에서 중심구 구청장 협의회가 열린다.\n"
              "참석자는 △홍길동 서울 중구청장 △김철수 부산 중구청장 △이영희 대구 중구청장 등 모두 3명인 것으로 전해졌다.")
    assert primaries(guests) <= {"30140"}


def test_race_results_listed_as_district_name_age_and_candidate():
    body = ("6.2 지방선거에서 민주당 소속 후보들이 서울시내 구청장에 대거 당선됐다.\n"
            "강북구 홍길동(51) 후보, 광진구 김철수(63) 후보, 동대문구 이영희(55) 후보 등도 초반부터 표차를 키우며 "
            "일찌감치 당선권에 들었다.")
    assert primaries(body, day=(2010, 6, 3)) == {"11305", "11215", "11230"}
