"""Fourth-round rules for real news text (issue 9), read from test-v3's failures and GUIDE.md's definition of primary.

Each passage is modelled on Korean press-release grammar (not copied from the corpus); the expected roles come
from reading it against GUIDE.md.
"""

from __future__ import annotations

from tests.district_roles import primaries, roles


# --- agreements: the other party behind modifiers or through one of its dongs --------------------------------


def test_agreement_partner_behind_modifier_words_is_primary():
    body = ("[영월=뉴스] 기자 =영월군(군수 홍길동)이 4일 서울시 노원구와 상호발전을 위한 자매결연 협약을 체결했다.\n"
            "두 기관은 농산물 직거래 등 교류를 이어가기로 했다.")
    assert primaries(body) == {"11350"}


def test_agreement_through_a_dong_of_the_district_makes_the_district_primary():
    body = ("영월군 주천면은 지난 10일 서울 노원구 상계1동(동장 홍길동)과 자매결연을 맺고 상호 협력하기로 했다.\n"
            "협약식은 상계1동주민센터 대강당에서 열렸다.")
    assert primaries(body) == {"11350"}


def test_a_past_partner_listed_later_stays_mentioned():
    body = ("고성군이 경기 안산시와 20일 고성군청에서 자매결연 협약을 체결했다고 밝혔다.\n"
            "한편, 고성군은 서울 강북구, 부산 영도구, 서울 용산구 등 자치단체와 자매결연을 맺고 있다.")
    assert primaries(body) == set()


# --- agenda columns: '△name district-head=schedule' blocks -----------------------------------------------------


def test_agenda_column_of_heads_makes_every_block_primary():
    body = ("△홍길동 대전시 대덕구청장=8일 오전 9시30분 계족산 숲길에서 열리는 팸투어 참가.\n\n"
            "△김철수 대전시 중구청장=8일 오전 10시 청사 중회의실에서 열리는 심의위원회 참석.\n\n"
            "△이영희 대전시 서구청장=8일 오전 8시 서구청 1층 로비에서 열리는 행사 참석.")
    assert primaries(body) == {"30230", "30140", "30170"}


def test_white_triangle_bullet_opens_a_clause_like_a_black_one():
    body = ("구청장들의 주간 동정이다.\n△홍길동 대전 유성구청장이 8일 주민자치회 총회에 참석했다.\n"
            "△김철수 대전 동구청장이 같은 날 복지관을 찾았다.")
    assert primaries(body) == {"30200", "30110"}


# --- text partitioned by district councils: '…구의회도', '하지만 …구의회는', '…구의장에는' ---------------------


def test_council_lines_with_do_and_contrast_openers_make_every_council_primary():
    body = ("울산시의회에 이어 구군 기초의회도\n의장단 구성에 속도를 내고 있습니다.\n"
            "중구의회는 후반기 의장에\n홍길동 의원을\n의장으로 내정했으며\n"
            "하지만 남구의회는 의장단 구성을 놓고\n여야가 갈등을 빚고 있으며,\n"
            "동구의회도 의장단 구성을 놓고\n의견차를 좁히지 못하고 있습니다.")
    assert primaries(body, region="울산") == {"31110", "31140", "31170"}


def test_a_district_council_chair_slot_is_a_mention_and_a_line_topic():
    body = ("구의회들이 의장단 구성에 나섰습니다.\n중구의회는 후반기 의장에\n홍길동 의원을 내정했으며\n"
            "북구의장에는 김철수 의원이\n내정됐습니다.")
    assert primaries(body, region="울산") == {"31110", "31200"}


# --- a head opening a clause behind a topic frame, an occasion or a time of day; a head with a headcount --------


def test_head_after_a_topic_frame_opens_the_clause():
    body = ("인천지역 구청장이 1일 취임했다.\n홍길동 서구청장은 취임식을 취소했다.\n"
            "인구가 가장 적은 동구의 경우 김철수 동구청장이 공연으로 취임했다.")
    assert primaries(body, region="인천") == {"28260", "28140"}


def test_head_with_a_headcount_after_an_occasion_and_a_time_of_day_is_the_subject():
    body = ("대구 수성구는 8일 범어동 일대에서 환경 정비를 했다고 밝혔다.\n"
            "추석을 앞두고 9일 오전 홍길동 대구 중구청장과 국민운동단체 회원 100여 명이 동성로 일대에서 "
            "합동 대청소를 실시했다.")
    assert primaries(body) == {"27260", "27110"}


def test_head_inside_a_city_clause_stays_mentioned():
    body = "대구시는 9일 오전 시청에서 간담회를 열었다. 이 자리에는 시 간부와 홍길동 중구청장 등이 참석했다."
    assert primaries(body) == set()


# --- a family centre named after the district is a commissioned body, not the district -----------------------


def test_donation_to_a_family_centre_named_after_the_district_leaves_it_mentioned():
    title = "어린이집, 수성구가족센터에 후원금과 후원품 전달"
    body = "국공립어린이집은 지난 2일 후원금 100만 원과 그림책을 수성구가족센터에 전달했다."
    assert roles(body, title=title, region="대구") == {"27260": "mentioned"}


# --- the city mayor's visit to a district (GUIDE: the district as a whole is reported on) ----------------------


def test_mayor_visiting_the_districts_current_issues_makes_it_primary():
    body = ("부산시는 홍길동 부산시장이 오는 24일 민락수변공원 등 수영구의 현안 지역을 방문하고, 수영구민과 "
            "토크를 진행한다고 23일 밝혔다.\n부산시 관계자는 \"구·군 순방은 현장 소통에 중점을 둔다\"고 밝혔다.")
    assert primaries(body) == {"26500"}


def test_mayor_visiting_a_site_in_a_district_leaves_it_mentioned():
    body = "홍길동 서울시장이 27일 동대문구 용두역 일대 개발 현장을 방문해 사업 추진 상황을 점검했다."
    assert roles(body) == {"11230": "mentioned"}


# --- a councillors' series label naming the district: a constituency ----------------------------------------


def test_councillor_series_label_in_the_title_is_a_constituency():
    title = "4050 세대, 청년의 거리를 대표하다 [우리동네 시의원-성동구]"
    body = "11대 서울시의회가 개원한 지 9개월이 흘렀다. 시의원들에 대해 알아보는 연재를 마련했다."
    assert primaries(body, title=title) == set()


# --- agenda columns in blocks: a district heading line, then its head ------------------------------------------


def test_agenda_blocks_headed_by_district_names_make_every_block_primary():
    body = ("[오늘의 주요일정] 부산(2일, 수)\n◇부산시\n-홍길동 시장\n10:30 보고회(영상회의실)\n"
            "◇강서구\n-김철수 구청장\n10:00 김장 나눔행사(구청광장)\n◇남구\n-이영희 구청장\n09:00 정례간부회의(대회의실)")
    assert primaries(body) == {"26440", "26290"}


def test_occasion_after_the_citys_topic_does_not_open_a_clause_for_the_head():
    body = ("대구시는 8일 시청에서 간부회의를 열었다. 대구시는 추석을 맞아 홍길동 대구 중구청장이 참석한 가운데 "
            "서문시장에서 장보기 행사를 열었다.")
    assert roles(body) == {"27110": "mentioned"}


def test_a_market_is_no_mayor():
    body = "대구 서문시장은 중구를 찾아 오는 관광객을 위해 야시장을 연다고 밝혔다."
    assert roles(body) == {"27110": "mentioned"}
