"""Seventeenth-round rules for real news text (issue 9), read from test-v11's failures after its one blind scoring.

Passages are modelled on Korean press-release grammar (names and figures invented); expected roles come from reading
them against GUIDE.md.  Each rule's test failed before its rule.
"""

from __future__ import annotations

from tests.district_roles import primaries, roles


def test_the_most_named_district_is_a_site_when_the_city_is_the_subject():
    body = ("2007년 무렵의 대구 중구 도심상권 모습. 위쪽부터 동성로, 봉산동 야시골목, 삼덕동 로데오거리.\n"
            "◆도심 일대에 '관광특구' 지정\n대구시는 동성로와 인근 1.16㎢를 관광특구로 지정한다. 중구 동성로 일대에는 "
            "공연 공간을 만들 계획이다.")
    assert primaries(body, day=(2023, 3, 2)) == set()
    assert roles(body, day=(2023, 3, 2)).get("27110") == "mentioned"


def test_a_headline_naming_a_site_in_a_district_is_no_district_subject():
    title = "용산구 갈월동 일대, 일반상업지역으로 용도지역 상향"
    body = "서울시는 지난 18일 도시계획위원회를 열어 ‘용산구 갈월동 92 일대 도시관리계획 변경 결정(안)’을 원안가결했다고 19일 밝혔다."
    assert primaries(body, title=title, day=(2022, 5, 19)) == set()


def test_lines_of_city_council_seat_results_are_constituencies():
    body = ("제8회 전국동시지방선거에서 대구 지역구 광역의원을 국민의힘에서 전원 석권했다. 광역의원 29명 중 20명이 무투표로 당선됐다.\n"
            "중구에서는 국민의힘 홍길동 후보가 무투표 당선, 김철수 후보가 76.54%를 득표해 당선됐다.\n"
            "남구에서는 국민의힘 이영희 후보가 무투표로 당선됐다.\n"
            "수성구에서는 국민의힘 소속 박민수 후보 등 5명 모두가 무투표 당선됐다.")
    assert primaries(body, day=(2022, 6, 2), region="대구") == set()


def test_other_stories_headlines_above_the_articles_own_headline_are_furniture():
    title = "“충장로 축제서 추억을 만나세요”"
    body = ("노원구, ‘스마트노원핏’ 상반기 인센티브 추진\n용산구, 전쟁기념관 앞 집회현수막 등 정비 완료\n"
            "“충장로 축제서 추억을 만나세요”\n홍길동 광주시 동구청장은 오는 17일 열리는 ‘충장로 축제’를 앞두고 "
            "하루해가 짧기만 하다.")
    assert primaries(body, title=title, day=(2006, 10, 13)) == {"29110"}


def test_a_dong_joined_to_a_township_as_co_subject_of_a_sister_pact_acts_for_its_district():
    body = ("대구시 수성구 수성1가동과 청도군 금천면은 지난 15일 금천면사무소 회의실에서 자매결연 협약식을 갖고 협약서를 교환했다.\n"
            "홍길동 동장은 “상호 교류를 통해 상생 발전을 도모하자”고 말했다.")
    assert primaries(body, day=(2022, 9, 16)) == {"27260"}


def test_a_district_joined_to_the_city_as_co_subject_still_acts():
    body = ("인천 동구의 대표적인 어항인 화수부두에서 지난 28일 ‘화수부두 축제’가 성황리 개최됐다.\n"
            "기념식에는 홍길동 구청장과 김철수 인천시장 등이 참석했다. 동구와 인천시는 지역 경제를 활성화하고자 이번 축제를 "
            "개최했다. 동구의 대표적인 행사로 거듭났다.")
    assert "28140" in primaries(body, day=(2023, 10, 29))


def test_something_in_a_dong_named_with_its_district_is_a_site():
    body = ("대전 중구 대흥동의 옛 충남도청사 2층에 마련된 홍길동 대전시장 당선인 인수위 사무실 모습.\n"
            "인수위는 9일부터 19명의 인수위원 분과별 배치를 마무리 짓고 업무보고에 들어섰다.")
    assert primaries(body, day=(2022, 6, 10)) == set()


def test_a_dong_lying_in_one_of_a_bare_names_districts_places_it():
    # no city anywhere: 명지동 lies in 부산 강서구 only (the 서울 강서구 has no such dong)
    body = ("강서구는 에코델타시티 세물머리에 민원센터 설립 계획을 세우고, 명지1동과 명지3동 분동에도 대비하기로 했습니다.\n"
            "강서구는 91억원을 투입해 오는 7월 착공에 들어갑니다.")
    assert primaries(body, day=(2022, 6, 1)) == {"26440"}
