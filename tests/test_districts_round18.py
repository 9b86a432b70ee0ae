"""Eighteenth-round rules for real news text (issue 9), read from test-v12's failures after its one blind scoring.

Passages are modelled on Korean press grammar (names invented); expected roles come from reading them against
GUIDE.md.  Each rule's test failed before its rule.
"""

from __future__ import annotations

from tests.district_roles import primaries, roles


def test_a_dot_joined_list_of_heads_reported_elected_is_each_race():
    body = ("6·13 지방선거 서울 구청장 선거에서 민주당이 압승했다.\n"
            "다시 당선된 현역 구청장은 4명으로 홍길동 종로구청장·김철수 용산구청장·이영희 성동구청장·박민수 도봉구청장이다.")
    assert primaries(body, day=(2018, 6, 14)) == {"11110", "11170", "11200", "11320"}
    # the same list as guests of a ceremony is no race
    guests = ("구청장 선거를 앞두고 열린 기념식에는 홍길동 종로구청장·김철수 용산구청장·이영희 성동구청장 등이 참석했다.")
    assert primaries(guests, day=(2018, 5, 1)) == set()


def test_a_calendar_of_events_with_host_districts_and_dates_makes_each_host_act():
    body = ("부산시는 이달 구·군에서 준비한 축제가 부산 곳곳에서 열린다고 4일 밝혔다.\n"
            "행사별로 ▲제30회 자갈치축제(중구·5~8일) ▲제31회 영도다리축제(영도구·13~15일) "
            "▲제29회 동래읍성역사축제 (동래구·13~15일) ▲제13회 감천문화마을골목축제(사하구·27~29일)다.")
    assert primaries(body, day=(2023, 10, 4)) == {"26110", "26200", "26260", "26380"}
    # venues in parentheses without dates are sites, not hosts
    venues = ("부산시는 이달 시립 행사가 열린다고 밝혔다.\n"
              "▲시민음악회(중구 문화회관) ▲사진전(영도구 전시관) ▲북콘서트(동래구 도서관) 등이다.")
    assert primaries(venues, day=(2023, 10, 4)) == set()


def test_heads_closing_a_list_of_dignitaries_who_attended_are_guests():
    body = ("홍길동 광주 동구청장의 출판기념회가 지난 12일 조선대학교 미술관에서 성황리에 마무리됐다.\n"
            "기념회에는 김철수 광주시장, 이영희 국회의원, 박민수 북구청장, 최정수 서구청장, 정해인 광산구청장 등 정계 인사들이 "
            "대거 참석하여 출판기념회를 축하했다.")
    assert primaries(body, day=(2022, 2, 14)) == {"29110"}


def test_a_dongs_civic_body_leading_the_lead_is_no_district_subject():
    body = ("서울 성동구 사근동 주민자치회는 지난 3월 7일 홍천군 두촌면을 방문해 자매결연 협약을 체결했다.\n"
            "이날 행사에는 성동구의회 홍길동 의장과 주민자치회 회원 등 40여 명이 참여했다. 사근동 주민자치회는 앞으로 "
            "꾸준한 교류를 이어갈 계획이다.")
    assert primaries(body, day=(2023, 3, 10)) == set()
    assert roles(body, day=(2023, 3, 10)).get("11200") == "mentioned"


def test_named_heads_joined_by_a_middle_dot_before_a_subject_are_co_subjects():
    body = ("민선 8기 대전시 5개 자치구청장 당선인들의 준비 상황이 엇갈린다.\n"
            "7일 취재 결과, 홍길동 동구청장·김철수 대덕구청장 당선인은 인수위를 구성하며 이영희 중구청장·박민수 서구청장 "
            "당선인은 인수위 없이 곧바로 업무 보고를 시작한다.")
    assert primaries(body, day=(2022, 6, 7), region="대전") == {"30110", "30230", "30140", "30170"}
    # the same joint in a line of guests who attended is no co-subject list
    guests = ("서구청장이 17일 대청공원에서 열린 음악축제에 참석해 인사말을 했다.\n"
              "개막식에는 홍길동 대전시장·김철수 동구청장·이영희 중구청장·박민수 시의원을 비롯해 구의원이 참석했다.")
    assert not {"30110", "30140"} & primaries(guests, day=(2022, 9, 17), region="대전")
