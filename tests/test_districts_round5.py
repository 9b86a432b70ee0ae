"""Fifth-round rules for real news text (issue 9), read from test-v4's and test-v5's failures and GUIDE.md.

Each passage is modelled on Korean press-release grammar (not copied from the corpus; names and figures are
invented); the expected roles come from reading it against GUIDE.md.  Each test failed before its rule.
"""

from __future__ import annotations

from crawler.districts import analyze
from tests.district_roles import primaries, roles


# --- dong offices ------------------------------------------------------------------------------------------------


def test_dong_office_receiving_a_donation_with_an_object_particle_is_its_district():
    body = ("[지역일보 홍길동 기자] 대전 대덕구 법동 새마을부녀회 회원들이 설을 앞둔 10일 법동행정복지센터를 찾아 "
            "쌀 20포대를 기탁했다.\n물품은 홀몸 어르신 가구에 전달될 예정이다.")
    assert primaries(body) == {"30230"}


def test_administrative_dong_office_written_after_its_district_acts_for_it():
    """신현원창동 is an administrative dong, no legal dong: the district before it places the office."""
    body = ("인천 서구 신현원창동 행정복지센터가 지난 1일부터 새 청사에서 업무를 시작했다.\n"
            "새 청사는 지상 3층 규모다.")
    assert primaries(body) == {"28260"}


def test_numbered_dong_unique_in_another_city_does_not_move_the_article_there():
    """검단동 is a legal dong only of 대구 북구; '검단1동' of an 인천 서구 article is 인천's administrative dong."""
    body = ("인천 서구는 검단1동 행정복지센터가 개청식을 갖고 업무를 시작한다고 3일 밝혔다.\n"
            "구는 지난해부터 신축 공사를 진행해 왔다.")
    assert "27230" not in roles(body, day=(2016, 11, 3))
    assert primaries(body, day=(2016, 11, 3)) == {"28260"}


def test_dong_under_the_districts_old_name_stays_in_the_old_code_when_undated():
    body = ("인천 남구 숭의3동 행정복지센터는 주민들에게 찾아가는 복지상담을 운영한다.\n"
            "홍길동 숭의3동장은 \"주민 곁으로 다가가겠다\"고 말했다.")
    assert primaries(body, day=None) == {"28170"}


def test_dong_self_governance_centre_signing_a_sister_tie_makes_its_district_primary():
    body = ("진안군 마령면은 지난 5일 면사무소에서 서울시 마포구 망원1동 주민자치센터와 자매결연 협약식을 체결했다.\n"
            "협약식에는 양측 주민 30여명이 참석했다.")
    assert primaries(body) == {"11440"}


# --- heads, deputies, councils -----------------------------------------------------------------------------------


def test_deputy_head_taking_office_in_one_district_makes_it_primary():
    body = ("부산 사하구 홍길동 신임 부구청장이 2일 취임했다.\n"
            "홍 부구청장은 1990년 공직에 입문해 부산시 기획관 등을 지냈다.")
    assert primaries(body) == {"26380"}


def test_deputy_head_arriving_in_the_district_is_read_from_the_inaugural_speech():
    body = ("김철수 부구청장은 1965년생으로 부산시 교통국장 등을 거쳤다.\n"
            "그는 \"활기찬 사하구에 부임하게 돼 기쁘다\"며 \"구민의 행복을 위해 일하겠다\"고 말했다.")
    assert primaries(body) == {"26380"}


def test_a_head_elect_written_with_a_shortened_title_is_still_the_head():
    body = ("서울 지역 구청장 당선인들이 인수위를 꾸렸다.\n"
            "홍길동 서울 노원구청장 당선인은 10일 인수위원회를 출범시켰다.\n\n"
            "김철수 도봉구청 당선인도 같은 날 인수위원회 사무실 개소식을 열었다.")
    assert primaries(body) == {"11350", "11320"}


def test_district_councils_pictured_with_their_new_officers_are_each_primary():
    body = ("광주지역 기초의회 후반기 원 구성 마무리\n\n"
            "광주 동구의회 후반기 의장단. 왼쪽부터 홍길동 의장, 김철수 부의장\n"
            "광주 서구의회 후반기 의장단. 왼쪽부터 이영희 의장, 박민수 부의장\n\n"
            "지난 1일 광주시의회에 이어 2일 서구의회까지 의장단 선출을 마쳤다.")
    assert primaries(body) == {"29110", "29140"}


def test_declaring_for_a_district_heads_office_with_chulsapyo_is_the_race():
    body = ("대전 구청장 선거 출마 선언이 이어졌다.\n"
            "홍길동 전 대전시 국장은 오늘 대전시의회에서 기자회견을 열고 유성구청장 출사표를 던졌다.")
    assert primaries(body) == {"30200"}


def test_a_heads_inauguration_ceremony_makes_the_district_primary():
    body = ("대구 8개 구·군 단체장들이 1일 일제히 임기를 시작했다.\n"
            "초선인 홍길동 수성구청장의 취임식에는 주민 500여명이 모였다.\n"
            "홍 청장은 \"주민과 함께 하겠다\"고 말했다.")
    assert primaries(body) == {"27260"}


def test_a_county_head_closing_a_list_of_co_subjects_keeps_the_list():
    body = ("대구지역 기초단체장들이 취임식 대신 민생 현장을 찾았다.\n"
            "홍길동 수성구청장과 김철수 서구청장, 이영희 달성군수는 따로 취임식을 갖지 않고 주민들을 만났다.")
    assert primaries(body) == {"27260", "27170"}


def test_districts_listed_before_their_heads_as_subject_are_each_primary():
    body = ("울산시 홍길동 시장과 중구·남구·울주군 지자체장이 4일 조찬간담회를 열고 현안을 논의했다.\n"
            "현재 동구를 제외한 지자체장은 모두 같은 정당 소속이다.")
    assert primaries(body) == {"31110", "31140"}


def test_a_career_list_does_not_make_a_former_post_primary():
    body = ("홍길동 전 부산시 국장이 26일 부산 금정구청장 보궐선거 예비후보에 등록했다.\n"
            "그는 부산시 교통국장, 연제구 부구청장, 부산시 인재개발원장을 역임했다.")
    assert primaries(body) == {"26410"}


def test_the_city_mayor_visiting_a_districts_sites_without_a_genitive_is_a_visit():
    body = ("홍길동 부산시장은 지난 22일 부산시와 영도구의 협력을 위해 영도구 현안지역을 방문했다고 밝혔다.\n"
            "이어 홍 시장은 주민들과 정책토크를 진행했다.")
    assert primaries(body) == {"26200"}


def test_an_association_chairs_term_ending_is_the_associations_business():
    title = "홍길동 도봉구청장, 구청장협의회장 임기 마쳐"
    body = ("홍길동 서울 도봉구청장이 서울시구청장협의회장 임기를 마쳤다.\n"
            "홍 구청장은 지난 9일 마지막 회의를 주재했다.")
    assert primaries(body, title=title) == set()
    assert roles(body, title=title) == {"11320": "mentioned"}


# --- the district speaking of itself -------------------------------------------------------------------------------


def test_a_districts_newsletter_saying_uri_gu_makes_the_one_district_primary():
    body = ("부산 북구를 한 단계 도약시킬 청사진이 만들어지고 있다.\n\n"
            "우리 구는 민선 8기 출범과 더불어 지역 발전 아이디어 사업을 발굴해 이달 4건을 선정했다.")
    assert primaries(body) == {"26320"}


def test_a_bare_head_as_the_lead_subject_is_the_one_named_districts_head():
    body = ("\"대덕구민의 후보로 다시 뛰겠다\"\n"
            "김구청장은 1일 구청 중회의실에서 기자회견을 열고 재선 도전을 밝혔다.\n"
            "그는 \"대덕구민이 공천해 준 후보\"라고 말했다.")
    assert primaries(body) == {"30230"}


def test_a_bare_head_does_not_pick_a_district_when_several_are_named():
    body = ("구청장이 1일 대전 중구와 대전 동구의 경계 지역을 둘러봤다.\n"
            "대전 중구와 대전 동구는 도로 정비를 협의하고 있다.")
    assert primaries(body) != {"30140"}


# --- sixth round (tagger version 7), read from dev2's failures ---------------------------------------------------


def test_districts_each_given_a_figure_are_reported_on_as_wholes():
    body = ("부산 16개 구·군의 올해 재정자립도가 발표됐다.\n"
            "재정자립도가 가장 높은 곳은 강서구(41.2%)였고 해운대구(30.5%)가 뒤를 이었다. "
            "영도구의 재정자립도는 12.1%로 가장 낮았다.")
    assert primaries(body) == {"26440", "26350", "26200"}


def test_a_list_sharing_one_figure_makes_every_listed_district_primary():
    body = ("서울시에 따르면 자치구 평균 재정자립도는 45%였다.\n"
            "강남구(70.1%)가 가장 높았고, 도봉구 강북구 중랑구 등도 20%미만에 그쳤다.")
    assert primaries(body) == {"11680", "11320", "11305", "11260"}


def test_a_single_districts_figure_is_no_ranking():
    body = "서울시는 노원구 상계동 일대 정비사업에 120억원을 투입한다고 밝혔다.\n시는 내년 착공할 계획이다."
    assert primaries(body) == set()


def test_districts_opening_sentences_as_topics_partition_a_paragraph():
    body = ("부산시는 이달부터 보건소 토요 프로그램을 시범 운영한다. "
            "중구는 토요일 운동교실을 운영한다. 영도·사하구는 금연클리닉을 운영한다. 또 북구는 예약 진료를 실시한다.")
    assert primaries(body) == {"26110", "26200", "26380", "26320"}


def test_a_mixed_abbreviated_list_names_every_district():
    body = "부산 서·동·영도구는 원도심 상생협의회를 꾸려 공동 사업을 추진한다고 밝혔다."
    assert set(roles(body)) == {"26140", "26170", "26200"}


def test_our_council_in_its_own_message_is_the_district():
    body = ("존경하는 구민 여러분! 2025년 새해가 밝았습니다.\n"
            "우리 마포구의회는 민생 회복을 최우선 과제로 삼고 전력을 다하겠습니다.")
    assert primaries(body) == {"11440"}


def test_a_bracketed_head_over_a_quoted_headline_heads_the_block():
    body = ("서울 자치구 구청장들의 신년 포부를 들었다.\n"
            "[홍길동 은평구청장] “주민과 함께 여는 새해”\n새해 복 많이 받으십시오. 은평은 더 나아가겠습니다.\n"
            "[김철수 마포구청장] “일자리 늘리는 한 해로”\n구민 여러분께 감사드립니다.")
    assert primaries(body) == {"11380", "11440"}


def test_a_district_written_as_the_address_of_a_fire_is_a_place():
    body = ("[광주=뉴스] 기자 = 3일 오전 6시께 광주 동구 계림동의 한 주택에서 불이 나 20분 만에 꺼졌다.\n"
            "소방 당국은 화재 원인을 조사 중이다.")
    assert primaries(body) == set()
    assert roles(body) == {"29110": "mentioned"}


def test_a_dongs_residents_are_a_place_not_the_district():
    body = ("울산 중구 반구동 주민들이 재개발계획을 스스로 철회했다.\n"
            "울산시는 도시계획위원회에서 중구 반구동 지역의 정비구역을 해제했다.")
    assert primaries(body) == set()


def test_an_association_meeting_at_a_district_office_makes_no_district_primary():
    body = ("‘전국 중심구 구청장협의회’가 20일 부산 중구청에서 열린다. 이날 회의에는 서울 중구청장과 대구 중구청장 등이 "
            "참석한다.\n부산 중구는 이 자리에서 원도심 재생 사례를 발표한다.")
    assert primaries(body) == set()


# --- seventh round (tagger version 8), read from dev3's failures -------------------------------------------------


def test_districts_listed_among_an_events_hosts_are_each_primary():
    body = ("부산 사하구가 다음 달 구청 대강당에서 ‘서부산권 일자리박람회’를 개최한다고 밝혔다.\n"
            "이번 행사는 사하구, 사상구, 고용노동부 부산북부지청이 주최·주관하며 40개 기업이 참여한다.")
    assert primaries(body) == {"26380", "26530"}


def test_a_photo_credited_to_the_district_is_its_release():
    body = ("12일 대전 동구 용운동 행정복지센터에서 어르신 일자리 발대식이 열려 참석자들이 사업 설명을 듣고 있다. "
            "참여자들은 9개월간 공원 정비를 맡는다. 동구 제공")
    assert primaries(body) == {"30110"}


def test_a_sister_districts_head_among_the_guests_is_only_mentioned():
    body = ("강원 인제군은 최근 군청에서 ‘군민의 날 기념식’을 했다고 22일 밝혔다.\n"
            "이번 기념식에는 도지사와 지역 국회의원, 자매결연 지방자치단체인 홍길동 노원구청장 등도 참석했다.")
    assert primaries(body) == set()
    assert roles(body) == {"11350": "mentioned"}


def test_a_university_project_team_with_a_plus_in_its_name_is_an_acting_partner():
    body = ("대전광역시 대덕구와 한남대 LINC+사업단은 26일 구청 중회의실에서 지역문제 해결을 위한 업무협약을 "
            "체결했다.\n양 기관은 공동 사업을 추진한다.")
    assert primaries(body) == {"30230"}


# --- eighth round (tagger version 9), read from dev4's failures --------------------------------------------------


def test_each_headline_of_a_roundup_subtitle_names_its_block():
    title = "대전 유성구, 추석맞이 나눔 행사 [자치구소식]"
    subtitle = "대전 동구, 청렴 캠페인 / 대전 중구, 전통시장 장보기 행사"
    body = "대전 유성구는 9일 구청 로비에서 추석맞이 나눔 행사를 열었다고 밝혔다.\n행사에는 직원 100여명이 참여했다."
    analysis = analyze(title=title, subtitle=subtitle, body=body, published_at=None, outlet_region=None)
    assert {t.code for t in analysis.districts if t.role == "primary"} == {"30200", "30110", "30140"}


def test_a_subtitle_listing_sites_names_no_subject():
    subtitle = "남구 신정·북구 염포·울주 상남"
    body = "울산시는 주택재개발 정비구역 3곳을 해제하고 주거환경개선사업을 추진한다고 밝혔다."
    analysis = analyze(title="", subtitle=subtitle, body=body, published_at=None, outlet_region="울산")
    assert {t.code for t in analysis.districts if t.role == "primary"} == set()


def test_a_ranking_makes_every_district_it_names_primary():
    body = ("대구 8개 구·군의 재정자립도가 발표됐다.\n달서구의 재정자립도는 30.2%로 가장 높았다. "
            "이어 수성구(28.1%), 북구(22.3%) 순이었다. 가장 낮은 곳은 15.6%인 남구였다.\n"
            "중구와 서구도 하위권에 머물렀다.")
    assert primaries(body) == {"27290", "27260", "27230", "27200", "27110", "27170"}


def test_matchup_lists_and_party_marks_make_every_race_primary():
    body = ("광주 5개 구청장 선거 대진표가 확정됐다.\n■ 동구 - 민주 홍길동, 국힘 김철수\n■ 서구 - 민주 이영희, 국힘 박민수\n"
            "박우섭 구청장의 불출마로 관심을 모았던 남구는 최영수(민) 전 시의원과 정민호(한) 전 구의원으로 압축됐다.")
    assert primaries(body) == {"29110", "29140", "29155"}


def test_races_in_a_counted_list_and_after_a_connective_ending_are_primary():
    body = ("부산 구청장 선거 공천 신청이 마감됐다.\n홍길동 강서구청장이 단독으로 공천을 신청했다. "
            "나머지 북구, 영도구, 동래구 등 3개 구에서는 다른 예비후보도 공천을 신청했다.\n"
            "사하구에서는 김철수 후보가 당선됐고 금정구에서는 이영희 후보가 승리했다.")
    assert primaries(body) == {"26440", "26320", "26200", "26260", "26380", "26410"}


def test_a_council_whose_chair_is_re_elected_is_primary_beside_other_councils():
    body = ("인천 기초의회 하반기 의장단 구성이 윤곽을 드러내고 있다.\n"
            "29일 각 기초의회에 따르면 인천 서구의회에서는 홍길동 의장이 하반기 의장 재선에 성공했다.")
    assert primaries(body, day=(2020, 6, 30)) == {"28260"}


def test_a_host_district_of_an_association_meeting_is_primary_and_the_members_are_not():
    title = "제30차 전국 중심구 구청장협의회 개최"
    body = ("대전 중구는 16일 홍길동 서울 중구청장, 김철수 대구 중구청장, 이영희 인천 중구청장과 함께 "
            "제30차 전국 중심구 구청장협의회를 마쳤다.\n회의에서는 각 구의 우수 시책이 발표됐다.")
    assert primaries(body, title=title) == {"30140"}


def test_districts_created_by_a_reorganisation_are_named_not_acting_in_an_undated_text():
    title = "인천에 제물포구·영종구 새로 생긴다"
    body = "인천광역시 중구와 동구가 사라지고 영종구·제물포구가 새로 만들어진다.\n행정안전부는 법률안을 입법예고했다."
    found = roles(body, title=title, day=None)
    assert found.get("28125") == found.get("28155") == "mentioned"
    assert found["28110"] == "primary"


def test_a_renamed_district_still_acts_in_an_undated_text():
    body = ("인천 미추홀구는 1일 구청 운동장에서 제29회 구민의 날 기념식을 열었다고 밝혔다.\n"
            "홍길동 구청장은 \"인천 남구에서 미추홀구로 명칭이 변경된 이후 첫 구민의 날\"이라고 말했다.")
    assert "28177" in primaries(body, day=None)


def test_a_station_area_where_the_city_acts_is_a_place():
    body = ("성북구 석관동 돌곶이역 주변에 특별계획구역 3곳이 지정된다.\n"
            "서울시는 도시건축공동위원회를 열고 재정비안을 수정가결했다.")
    assert primaries(body) == set()


# --- ninth round (tagger version 10), read from dev5's and dev6's failures ---------------------------------------


def test_councils_each_picking_their_chair_are_each_primary():
    body = ("울산의 구·군의회가 일제히 후반기 의장단을 선출했다.\n"
            "중구의회는 홍길동 의원을 의장으로 뽑았다. 남구의회에선 두 당이 협치로 김철수 의원을 의장으로 뽑았다.")
    assert primaries(body, day=(2018, 7, 3)) == {"31110", "31140"}


def test_a_race_written_with_the_contraction_eseon_is_reported():
    body = ("울산 구청장 선거 결과가 나왔다.\n먼저 중구청장 선거에선 홍길동 후보가 당선됐다.")
    assert primaries(body, day=(2022, 6, 2)) == {"31110"}


def test_a_dong_office_in_a_list_of_partners_of_an_agreement_is_a_party():
    body = ("사회복지공동모금회는 지난 26일 광주광역시 남구 효덕동주민센터(동장 홍길동), 효덕동복지협의체와 "
            "연합모금 업무 협약을 체결했다고 27일 밝혔다.")
    assert primaries(body) == {"29155"}


def test_two_county_heads_close_a_list_of_co_subjects():
    body = ("북부권 상생발전협의회가 첫 간담회를 열었다고 21일 밝혔다.\n"
            "홍길동 광주 북구청장과 김철수 광주 광산구청장, 이영희 담양군수, 박민수 장성군수는 지난 19일 현안을 논의했다.")
    assert primaries(body) == {"29170", "29200"}


def test_districts_and_counties_listed_before_their_heads_with_a_city_between():
    body = ("광주 북구와 광산구, 전남 담양·장성군 등 자치단체장들과 기초의회 의장들은 8일 상생발전협의회를 구성했다.\n"
            "이들은 공동 과제를 추진하기로 했다.")
    assert primaries(body) == {"29170", "29200"}


def test_a_title_led_by_a_bare_head_makes_the_one_district_primary():
    title = "홍길동 구청장, 27개동 순회 마무리"
    body = ("서울 송파구 27개 동 연두방문 일정의 마지막 날 주민과의 대화가 열렸다.\n"
            "주민들은 생활 불편 사항을 건의했다.")
    assert primaries(body, title=title) == {"11710"}


def test_the_mayors_field_office_in_a_district_is_a_visit_to_it():
    body = ("대구 홍길동 시장은 2일 남구에서 현장시장실을 열고 주민들의 목소리를 들었다.\n"
            "특히 남구의 현안인 공원 조성 방안을 논의했다.")
    assert primaries(body) == {"27200"}


def test_a_fire_at_a_numbered_address_in_a_dong_is_a_place():
    body = ("인천 계양구의 한 아파트에서 불이 나 1명이 다쳤다.\n"
            "8일 소방본부에 따르면 이날 새벽 계양구 계산동 21층짜리 아파트 4층에서 불이 났다.")
    assert primaries(body) == set()


def test_a_dong_of_an_old_district_name_follows_the_name_the_article_uses():
    body = ("설 명절을 앞두고 인천 남구에 온정의 손길이 잇따르고 있다.\n"
            "대한합기도 인천시협회는 10일 라면 23상자를 남구청에 기탁했다.\n"
            "이에 앞서 주안7동 주민자치위원회는 9일 라면 100박스를 주안7동 행정복지센터에 기탁했다.")
    assert primaries(body, day=None) == {"28170"}


def test_a_street_in_a_district_as_the_subject_is_a_place():
    body = ("대구 도심 최대 번화가인 중구 동성로가 ‘젊음의 거리’로 재탄생된다.\n"
            "31일 대구시에 따르면 사업에는 총사업비 95억원이 투입된다.")
    assert primaries(body) == set()


# --- tenth round (tagger version 11), read from test-v6's failures after it was scored ------------------------------


def test_two_deputy_heads_each_taking_office_under_bulleted_headings():
    body = ("▲ 홍길동 동구 부구청장 |\n▲ 김철수 서구 부구청장 |\n"
            "홍길동 부구청장은 이날 취임식에서 \"대전의 대표 도시로 거듭나도록 돕겠다\"고 말했다.\n"
            "김철수 서구 부구청장도 이날 구청 대강당에서 취임행사를 갖고 공식업무에 들어갔다.")
    assert primaries(body, region="대전") == {"30110", "30170"}


def test_councils_electing_their_chair_and_deputy_in_one_clause_are_each_primary():
    body = ("인천 기초의회가 후반기 의장을 선출했다.\n"
            "동구의회는 지난달 24일 홍길동 의장(새누리), 김철수 부의장(새누리)을 각각 선출했으며 남동구의회도 같은날 "
            "이영희 의장을 선출했다.")
    assert primaries(body, day=(2016, 7, 4)) == {"28140", "28200"}


def test_a_dongs_committee_and_office_together_act_for_the_district():
    body = ("[지역신문=기자] 대구 남구 대명1동 주민자치위원회와 행정복지센터는 지난달 29일 안동시 일직면을 방문해 "
            "성금 620만원을 전달했다고 밝혔다.")
    assert primaries(body) == {"27200"}


def test_a_national_assembly_seat_written_gu_gap_eul_is_a_seat_not_the_district():
    body = ("부산 ‘북구을’은 이번 총선에서 신설된 선거구다.\n"
            "홍길동 후보는 5일 북구을 지역 상점들을 돌아다니며 지지를 호소했다.")
    assert primaries(body, day=(2024, 4, 5)) == set()


def test_heads_acting_jointly_at_their_association_are_each_primary():
    body = ("제1차 대전 구청장협의회에는 홍길동 동구청장과 김철수 중구청장, 이영희 서구청장이 참석한다.\n"
            "3개 구청장은 대전시가 홍보관을 마련해주길 공동으로 건의할 예정이다.\n협의회는 회장도 선출한다.")
    assert primaries(body) == {"30110", "30140", "30170"}


def test_councils_joining_the_city_in_a_declaration_are_each_primary():
    body = ("광주광역시와 5개 자치구의회가 행정통합의 원활한 추진을 위해 뜻을 모았다.\n"
            "광주시는 12일 자치구의회 의장단과 간담회를 열고 공동선언문을 채택했다.\n"
            "간담회에는 시장을 비롯해 홍길동 동구의회 의장, 김철수 서구의회 의장 등이 참석했다.")
    assert primaries(body) == {"29110", "29140"}


# --- eleventh round (tagger version 12), read from dev7's and dev8's failures --------------------------------------


def test_heads_meeting_as_co_subjects_of_their_own_association_are_primary():
    title = "물러나는 광주 구청장들, 마지막 협의회 개최"
    body = ("광주 3개 구청장이 19일 마지막 구청장협의회를 개최했다. 홍길동 광주 북구청장(협의회장)과 김철수 동구청장, "
            "이영희 서구청장이 결산회의를 했다.")
    assert primaries(body, title=title) == {"29170", "29110", "29140"}


def test_the_host_of_an_association_meeting_is_primary_and_attending_heads_are_not():
    body = ("부산 중구에서는 지난 20일 ‘제34차 전국 대도시중심구 구청장협의회’를 개최했다.\n"
            "이번 협의회에는 홍길동 부산광역시 중구청장을 비롯해 김철수 서울특별시 중구청장, 이영희 대구광역시 중구청장 "
            "등이 참석해 공통 현안을 논의했다.")
    assert primaries(body) == {"26110"}


def test_a_civic_councils_chair_in_a_career_list_is_no_association_business():
    body = ("북구에서는 홍길동(45) 청장이 3선에 도전장을 내민 가운데 시의원들도 출마를 준비하고 있다.\n"
            "김철수 의원은 대구시 약사회 회장, 북구 여성단체협의회 회장 등 다양한 경력을 갖고 있다.")
    assert primaries(body, day=(2001, 6, 12)) == {"27230"}


def test_heads_named_with_their_districts_in_parentheses_are_co_subjects():
    body = ("대전시와 3개 자치구가 협의회를 구성한다.\n"
            "대전시장과 홍길동(동구)·김철수(중구)·이영희(서구) 청장은 15일 첫 간담회를 열고 협력하기로 약속했다.")
    assert primaries(body) == {"30110", "30140", "30170"}


def test_bare_office_slots_in_a_nomination_list_are_races():
    body = ("국민의힘 대전 기초단체장 후보가 확정됐다.\n"
            "공천관리위원회는 동구청장 후보에 홍길동, 중구청장 김철수, 서구청장 이영희 후보를 경선 승자로 발표했다.")
    assert primaries(body, day=(2022, 5, 5)) == {"30110", "30140", "30170"}


def test_lines_opened_with_first_and_likewise_partition_a_council_roundup():
    body = ("인천 기초의회들이 의장단 구성을 서두르고 있다.\n"
            "먼저 중구는 홍길동, 김철수 의원이 각각 의장과 부의장으로 선출됐다.\n"
            "남동구 역시 이영희 의원과 박민수 의원이 의장과 부의장을 나눠 맡았다.")
    assert primaries(body, day=(2018, 7, 5)) == {"28110", "28200"}


def test_a_council_with_its_chair_in_parentheses_is_a_co_subject():
    body = ("▲ 울산 중구의회(의장 홍길동)는 3일 개원축하행사를 취소하고 재난대비시설을 점검했다.\n\n"
            "울산 중구의회(의장 홍길동)와 남구의회(의장 김철수)가 3일 개원식을 열고 의정활동에 돌입했다.")
    assert primaries(body) == {"31110", "31140"}
