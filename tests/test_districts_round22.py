"""Twenty-second-round rules for real news text (issue 9), read from test-v16's failures after its one blind scoring.

Passages are modelled on Korean press grammar (names invented); expected roles come from reading them against
GUIDE.md.  Each rule's test failed with tagger 23 (before this round), except two guards: the host whose head speaks
and the districts deciding together passed with tagger 23, which did not read '구청장·군수협의회' as an association of
heads; once this round does, they need their own rules.
"""

from __future__ import annotations

from tests.district_roles import primaries


def test_heads_pictured_at_their_associations_meeting_are_not_each_primary():
    body = ("5일 대구 수성구 범어동 문학관에서 열린 대구시 구청장·군수협의회에 처음 참석한 홍길동 군위군수와 구청장·군수들이 "
            "기념사진을 찍고 있다. 왼쪽부터 김철수 동구청장, 이영희 달서구청장, 박민수 북구청장, 최정호 중구청장.\n"
            "홍길동 군위군수가 오는 8월부터 대구시 구청장·군수협의회에 참석한다.")
    assert primaries(body, day=(2023, 6, 5)) == set()


def test_the_host_whose_office_holds_the_associations_meeting_and_whose_head_speaks_is_primary():
    body = ("대구 구청장·군수협의회가 지난 8일 북구청에서 회의를 개최하고 공동 현안에 관해 논의했다고 12일 밝혔다.\n"
            "홍길동 북구청장은 “기초자치단체장들은 합심해 어려운 여건들을 헤쳐 나갈 것”이라고 말했다.")
    assert primaries(body, day=(2022, 2, 12)) == {"27230"}


def test_n_districts_deciding_together_at_their_meeting_are_each_primary():
    body = ("김철수 동구청장과 이영희 중구청장, 박민수 서구청장 등 대전 3개 자치구청장은 21일 열린 구청장협의회에 참석해 "
            "현안을 공유했다.\n이와 함께 3개 구는 저류조 관리위임 개선도 함께 시에 건의하기로 했다.")
    assert primaries(body, day=(2023, 11, 21)) == {"30110", "30140", "30170"}


def test_a_sister_district_visited_by_anothers_delegation_is_a_party():
    body = ("홍길동 부산 남구청장은 국·과장단 등과 함께 지난 20일부터 21일까지 자매도시 서울 마포구를 방문하여 "
            "우호협력을 약속하는 시간을 가졌다.")
    assert primaries(body, day=(2024, 9, 23)) == {"26290", "11440"}


def test_offices_sharing_one_race_word_are_each_a_race():
    body = ("광주 5개 구청장 선거 모두 민주당 후보의 당선이 유력하다.\n"
            "남구청장, 북구청장 선거는 홍길동 후보(84.01%), 김철수 후보(86.14%)가 각각 상대 후보를 제쳤다.")
    assert primaries(body, day=(2022, 6, 2)) == {"29155", "29170"}
