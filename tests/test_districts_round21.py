"""Twenty-first-round rules for real news text (issue 9), read from test-v15's failures after its one blind scoring.

Passages are modelled on Korean press grammar (names invented); expected roles come from reading them against
GUIDE.md.  Each rule's test failed with tagger 22 (before this round); the guards pass with both.
"""

from __future__ import annotations

from tests.district_roles import primaries


def test_the_other_party_of_an_agreement_concluded_later_in_the_text_is_primary():
    body = ("울산 남구(구청장 홍길동)가 독일 오버우어젤시와 우호교류 협약을 체결했다.\n"
            "한편 남구는 26일 인천 계양구(구청장 김철수)과는 자매결연 협약을 체결하고 협력 강화 방안을 논의했다.")
    assert primaries(body, day=(2025, 5, 27)) == {"31140", "28245"}


def test_an_earlier_or_standing_tie_told_as_background_is_no_party():
    body = ("울산 중구가 전북 부안군과 자매결연 협약을 체결했다.\n"
            "한편 중구는 2012년 충북 음성군 및 전남 나주시와 자매결연을 맺고 교류를 이어오고 있다. "
            "또 올해는 앞서 지난 10월 5일 광주 동구와도 자매결연 협약을 맺었다.")
    assert primaries(body, day=(2023, 12, 31)) == {"31110"}


def test_parallel_festival_clauses_after_a_quoted_item_or_a_connective_each_have_their_host():
    body = ("가을을 맞은 10월 부산 곳곳에서 축제가 펼쳐진다.\n"
            "영도구는 13일부터 15일까지 동삼동에서 ‘영도다리축제’를 연다. 같은 기간 동래구는 ‘동래읍성역사축제’, "
            "북구는 ‘낙동강구포나루축제’를 연다. 동구는 20일 부산역 일원에서 ‘차이나타운문화축제’를 개최하며, "
            "서구는 27일부터 ‘부산고등어축제’를 송도해수욕장에서 연다.")
    assert primaries(body, day=(2023, 10, 4)) == {"26200", "26260", "26320", "26170", "26140"}


def test_districts_that_table_bulleted_items_at_an_association_meeting_are_primary():
    body = ("서울시 구청장협의회(협의회장 홍길동 구로구청장)는 23일 정기회의를 개최하고 모두 3건의 안건을 심의‧의결했다.\n"
            "이날 회의에서는 △자치구 일반조정교부금 확대를 위한 시행령 개정 건의(도봉구) △자치구 장기미집행(도로) 재정지원 "
            "기간 연장 건의(마포구) △교통약자 배려 전기차 충전시설 기준 마련(송파구) 등 모두 3건의 안건을 심의했다.")
    assert primaries(body, day=(2021, 11, 24)) == {"11320", "11440", "11710"}


def test_an_earlier_item_quoted_under_review_at_the_meeting_is_not_tabled_there():
    body = ("부산광역시 구청장·군수협의회 월례회가 10일 부산시의회 대회의실에서 열렸다.\n"
            "본회의에서 먼저 지난 건의사항인 ‘정비사업 관련 용역 지역업체 활성화 방안(사하구)’에 대한 부산시 회신 내용을 "
            "검토하고, 안건토의에서 청소년상담복지센터의 무상사용을 논의했다.")
    assert primaries(body, day=(2024, 10, 11)) == set()
