"""Twelfth-round rules for real news text (issue 9), read from test-v7's failures (scored once blind, then seen)
and GUIDE.md.

Each passage is modelled on Korean press-release grammar (not copied from the corpus; names, ages and figures are
invented); the expected roles come from reading it against GUIDE.md.  Each test failed before its rule.
"""

from __future__ import annotations

from tests.district_roles import primaries, roles


# --- heads written with an age or a modifier before them -----------------------------------------------------------


def test_named_head_with_age_after_a_modifier_is_the_subject():
    body = ("부산 기초단체장 대진표가 확정됐다.\n"
            "국민의힘 소속인 박철수(61) 중구청장은 민주당의 김영희(58) 전 시의원을 꺾어야 재선에 성공한다.")
    assert primaries(body, day=(2022, 5, 10)) == {"26110"}


def test_two_named_heads_with_ages_joined_by_gwa_are_co_subjects():
    body = ("부산 기초단체장 후보가 모두 확정됐다.\n"
            "국민의힘 소속 이민호(62) 서구청장과 정수진(57) 수영구청장은 각각 민주당의 두 후보와 붙는다.")
    assert primaries(body, day=(2022, 5, 10)) == {"26140", "26500"}


def test_named_head_joined_by_gwa_without_a_closing_subject_is_not_a_subject():
    """'… 이민호 서구청장과 만났다': the head is the partner of someone else's act."""
    body = "부산시장은 10일 시청에서 이민호 서구청장과 만나 도시철도 연장을 논의했다."
    assert "26140" not in primaries(body)


def test_head_after_a_modifier_with_a_city_prefix_carrying_i_is_the_subject():
    body = ("윤철수 청장은 5일 첫 일정으로 경로당을 찾았다.ⓒ동구청\n"
            "지난 1일 취임한 윤철수 대구 동구청장이 22개 동을 차례로 방문하는 민생행보를 시작한다.")
    assert primaries(body, day=(2022, 7, 5)) == {"27140"}


def test_head_after_a_modifier_in_a_guest_clause_is_not_the_subject():
    body = ("대구시는 10일 시청 별관에서 청년 창업 박람회를 열었다.\n"
            "이날 행사장을 찾은 윤철수 대구 동구청장이 참석한 가운데 개막식이 진행됐다.")
    assert "27140" not in primaries(body)


# --- race roundups written with short forms and parties ----------------------------------------------------------


def test_matchup_lines_opened_by_short_forms_and_parties_make_each_race_primary():
    body = ("6·1지방선거를 앞두고 부산 기초단체장 대진표가 확정됐습니다.\n\n"
            "영도, 민주 홍길동 청장과 국힘 김철수 전 시의원이 맞대결을 벌이고,\n\n"
            "사하는 민주 이영희 청장에 박민수 전 부구청장이 맞붙게 됐습니다.\n\n"
            "금정, 민주 정수진 청장과 국힘 최민호 구의원의 3자 대결로 진행됩니다.")
    assert primaries(body, title="부산 기초단체장 대진표 확정", day=(2022, 5, 6)) == {"26200", "26380", "26410"}


def test_short_form_followed_by_a_party_outside_a_line_start_is_no_race_slot():
    """'영도, 민주 …' must open a line: mid-sentence the short form is not read as a district."""
    body = "부산 구청장 선거에서 영도, 민주 후보 캠프가 공동 유세를 열었다는 소식이 전해졌다."
    assert "26200" not in roles(body, day=(2022, 5, 6))


# --- short forms owning their head; districts listed with 등 as the subject ---------------------------------------


def test_short_form_owning_its_named_head_elect_is_primary():
    body = ("[서울=뉴스] 구청장 당선인들이 인수위원회를 출범시켰다.\n"
            "현역으로 재선에 성공한 금천의 홍길동 구청장 당선인은 혁신 TF를 운영한다.")
    assert primaries(body, day=(2022, 6, 10)) == {"11545"}


def test_districts_listed_with_deung_as_subject_after_a_source_all_act():
    body = ("[서울=뉴스] 지방선거가 끝난 지 열흘이 넘은 가운데 자치구들이 인수위원회를 출범해 구정 운영에 나선다.\n"
            "10일 서울 자치구에 따르면 종로구·용산구·양천구 등이 인수위원회를 꾸렸다.\n"
            "각 인수위는 공약사업을 검토할 계획이다.\n"
            "홍길동 강동구청장 당선인은 인수위원을 9명만 임명했다.")
    assert primaries(body, day=(2022, 6, 10)) == {"11110", "11170", "11470", "11740"}


def test_districts_listed_as_objects_are_not_subjects():
    body = "서울시는 10일 종로구·용산구·양천구 등을 대상으로 공모 사업을 벌인다고 밝혔다."
    assert primaries(body) == set()


# --- background facts, guests and hard-wrapped lines -------------------------------------------------------------


def test_sister_ties_with_a_county_are_not_association_business_because_its_head_chairs_one():
    body = ("(울산=뉴스) 울산 중구와 전북 고창군이 상생 발전을 위한 자매결연 협약을 체결했다.\n"
            "고창군은 원전인근지역 행정협의회에 소속된 도시로 홍길동 중구청장이 행정협의회 회장을 맡고 있다.")
    assert primaries(body) == {"31110"}


def test_head_closing_a_guest_list_of_another_bodys_event_is_mentioned():
    body = ("부산시교육청은 시립 도서관이 리모델링을 마치고 22일 재개관식을 연다고 21일 밝혔다.\n\n"
            "이날 개관식에는 교육감, 시의회 부의장, 홍길동 사하구청장 등이 참석할 예정이다.")
    assert roles(body) == {"26380": "mentioned"}


def test_hard_wrapped_personnel_line_ending_in_a_deputy_head_is_no_profile_heading():
    body = ("인천시는 29일 부이사관 및 서기관급 56명에 대한 정기인사를 단행했다.\n"
            "시는 또 교육을 마친 홍길동 부이사관은 연수구 부구청장\n"
            "에, 김철수 감사관은 옹진군 부군수로 각각 발령했다.")
    assert "28185" not in primaries(body, region="인천")


def test_head_holding_an_association_chair_in_a_profile_still_acts():
    """'… 지방정부협의회 회장, … 상임대표 등을 맡고 있다' describes the head; the article is his resignation."""
    body = ("홍길동 인천 부평구청장(사진)이 시장 선거 출마를 위해 26일 이임식을 갖고 구청장직을 사퇴키로 했다.\n"
            "홍 구청장은 지속가능발전 지방정부협의회 회장, 자치분권지도자회의 상임대표 등을 맡고 있다.")
    assert primaries(body, day=(2018, 2, 12)) == {"28237"}


# --- bare districts placed by their head's name (heads.csv) ------------------------------------------------------


def test_bare_district_is_placed_by_its_heads_name_when_no_city_is_written():
    """김병내 was 광주 남구's head (민선 7-8기); five cities have a 남구 and none is written here."""
    body = ("김병내 남구청장, 대형 건축공사장 긴급 점검/남구청 제공\n\n"
            "[현장뉴스=기자] 김병내 남구청장은 18일 담당 공무원들과 함께 관내 대형 건축공사장 긴급 점검을 실시했다.")
    assert primaries(body, day=None) == {"29155"}


def test_a_city_written_with_the_district_outweighs_a_heads_name_of_another_city():
    body = "대구 남구청장 홍길동은 10일 김병내 전 구청장의 강연을 듣고 주민들과 간담회를 가졌다."
    assert primaries(body, day=None) == {"27200"}


def test_heads_table_rows_name_districts_of_the_gazetteer_and_one_city_per_person():
    from crawler.districts import district_by_code
    from crawler.districts.gazetteer import read_table
    from crawler.districts.heads import HEADS_PATH

    rows = read_table(HEADS_PATH)
    assert len(rows) > 100
    cities_of: dict[str, set[str]] = {}
    for row in rows:
        district = district_by_code(row["code"])
        assert (district.name, district.city_short) == (row["district"], row["city_short"]), row
        assert row["verified"] in ("yes", "no") and (row["verified"] == "no" or row["source"].startswith("http"))
        assert row["took_office"] < (row["left_office"] or "9999")
        cities_of.setdefault(row["name"], set()).add(row["city_short"])
    assert all(len(cities) == 1 for cities in cities_of.values())


def test_heads_listed_with_short_forms_in_parentheses_are_each_their_districts_race():
    body = ("부산 현역 구청장들이 잇따라 출마를 선언했다.\n"
            "이날 이영희 동구청장도 출마 기자회견을 갖고 재선 도전을 공식화했다. 홍길동(해운대), 김철수(남), "
            "박영수(북), 최민정(부산진) 정수진(연제) 구청장 등도 이르면 이달 안에 예비후보 등록을 한다.")
    assert primaries(body, day=(2022, 3, 18)) == {"26170", "26350", "26290", "26320", "26230", "26470"}


def test_a_one_syllable_form_in_parentheses_outside_a_heads_list_is_no_district():
    body = "부산 동구는 10일 홍길동(남) 씨와 김영희(여) 씨에게 모범구민 표창을 수여했다고 밝혔다."
    assert roles(body) == {"26170": "primary"}


def test_every_head_of_a_comma_list_closed_by_deung_i_chamseok_is_a_guest():
    body = ("[지역타임뉴스=기자] 홍길동 중구청장은 17일 유성구청에서 열린 시구협력회의에서 협력을 요청했다. "
            "이날 회의에는 시장을 비롯해 김철수 동구청장, 홍길동 중구청장, 이영희 서구청장, 박민수 유성구청장, "
            "최정수 대덕구청장 등이 참석했다.")
    assert primaries(body, region="대전") == {"30140"}


def test_city_mayor_meeting_a_districts_residents_as_such_reports_on_the_district():
    body = ("홍길동 대전시장은 26일 오후 효문화마을에서 중구 구민 120여명이 참석한 가운데 경청토론회를 개최했다.\n"
            "이날 토론회는 중구의 오랜 현안과제에 대한 주민 의견을 듣는 자리였다.")
    assert primaries(body, region="대전") == {"30140"}


def test_city_mayor_at_an_event_in_a_district_with_citizens_is_not_a_visit_to_it():
    body = "홍길동 대전시장은 26일 중구 효문화마을에서 시민 500여명이 참석한 가운데 축제 개막식을 가졌다."
    assert roles(body, region="대전") == {"30140": "mentioned"}


def test_a_heads_name_neither_overrides_a_city_written_nor_moves_other_names():
    """박우섭 headed 인천 남구; here the text sets the article in 광주, so its bare 남구 and 동구 stay in 광주."""
    body = ("광주 5개 구청장 선거 대진표가 확정됐다.\n■ 동구 - 민주 홍길동, 국힘 김철수\n"
            "박우섭 구청장의 불출마로 관심을 모았던 남구는 최영수(민) 전 시의원과 정민호(한) 전 구의원으로 압축됐다.")
    assert primaries(body) == {"29110", "29155"}


# --- bulleted roundups -------------------------------------------------------------------------------------------


def test_bulleted_items_each_opened_by_a_district_and_its_event_are_a_roundup():
    body = ("올해 부산의 가을 축제는 △10월 13일 중구 자갈치축제를 시작으로 △14일 동구 차이나타운 문화축제 △영도구 "
            "다리축제 △15일 남구 평화축제가 잇달아 열려 부산 곳곳을 떠들썩하게 만들 예정이다.")
    assert primaries(body) == {"26110", "26170", "26200", "26290"}


def test_a_dated_schedule_of_short_forms_names_each_district():
    body = ("홍길동 서울시장은 새해를 맞아 4일부터 자치구를 돌며 주민들과 새해인사를 나누는 신년인사회를 갖는다.\n"
            "박 시장은 △5일 강동 △6일 동작, 영등포 △9일 성북, 종로구 신년인사회에 참석할 예정이다.")
    assert primaries(body) == {"11740", "11590", "11560", "11290", "11110"}


def test_two_bulleted_districts_or_bulleted_sites_are_no_roundup():
    body = ("서울시는 도시재생 후보지를 발표했다. 대상지는 △종로구 창신동 일대 △중구 회현동 일대 △용산구 후암동 "
            "일대다.\n△5일 강동 설명회가 열린다.")
    assert primaries(body) == set()


# --- lists: '을 비롯해', '역시', '등 서북 3구는'; race topics before a 전/현 title -----------------------------------


def test_heads_joined_by_eul_birothae_and_closed_by_deungdo_are_co_subjects():
    body = ("인천 구청장들이 3일 일제히 취임식을 갖는다.\n"
            "3선의 홍길동 남동구청장 역시, 구청 대회의실에서 간단하게 취임식 행사를 가질 계획이다.\n"
            "인천 유일의 여성 단체장인 김영희 중구청장을 비롯해 이철수 남구청장과 박민수 연수구청장 등도 각각 구청 청사에서 "
            "주민들을 초청한다.")
    assert primaries(body, day=(2006, 7, 3)) == {"28200", "28110", "28170", "28185"}


def test_heads_joined_by_eul_birothae_and_closed_by_deungi_chamseok_are_guests():
    body = ("인천시는 3일 시청에서 신년인사회를 열었다.\n"
            "이날 행사에는 시의회 의장과 홍길동 중구청장을 비롯해 이철수 남구청장 등이 참석한 가운데 떡 나눔이 진행됐다.")
    assert primaries(body, day=(2006, 7, 3)) == set()


def test_districts_listed_with_deung_and_their_group_name_as_subject_all_act():
    body = "서울 마포·은평·서대문구 등 서북 3구는 대학과 산학협력 협약을 맺었다고 1일 밝혔다. 마포구는 협약을 주관했다."
    assert primaries(body) == {"11440", "11380", "11410"}


def test_a_race_topic_before_a_candidates_jeon_title_is_that_race():
    body = ("울산 4개 구청장 선거 예비후보 등록 첫날 11명이 등록했다.\n"
            "중구에서는 민주당 홍길동 전 중구청장이 등록했다. 동구는 김철수 전 시청 보좌관과 이영희 현 연구소장 등 2명이 "
            "선거 채비에 나섰다.")
    assert primaries(body, day=(2026, 2, 23)) == {"31110", "31170"}


# --- counted lists of races (dev10) ------------------------------------------------------------------------------


def test_a_list_of_short_and_full_names_closed_by_a_count_is_each_race():
    body = ("2일 선관위에 따르면 서울 25개 구청장 선거 결과 국민의힘 후보는 17곳에서 당선을 확정지었다.\n"
            "국민의힘은 종로, 중구, 용산, 강동구 등 17곳에서 승리했다.\n민주당은 성동, 중랑, 성북 8곳에서 당선됐다.")
    assert primaries(body, day=(2022, 6, 2)) == {"11110", "11140", "11170", "11740", "11200", "11260", "11290"}


def test_districts_listed_before_a_count_of_head_races_are_each_race():
    body = ("대구 기초단체장 선거 후보 등록이 마감됐다.\n"
            "중구·동구·서구·남구·북구·수성구·달서구·달성군 등 대구 8개 기초단체장 가운데 2곳은 현직 단체장 1명만 등록했다.")
    assert primaries(body, day=(2022, 5, 13)) == {"27110", "27140", "27170", "27200", "27230", "27260", "27290"}


def test_a_counted_list_of_short_forms_outside_an_election_names_no_race():
    body = "서울시는 성동, 중랑, 성북 3곳에 청년주택을 짓는다고 밝혔다."
    assert primaries(body) == set()


def test_race_slots_without_a_clause_start_and_places_of_results():
    body = ("민주당 공관위에 따르면 기초단체장 단수후보 추천지역은 유성구청장에 홍길동 현 청장 등이다.\n"
            "동구청장 후보는 김철수 시의원과 이영희 현 청장간 경선이 진행된다. 중구청장 공천에는 ▲박민수 ▲최정수가 경쟁한다.")
    assert primaries(body, region="대전", day=(2022, 4, 19)) == {"30200", "30110", "30140"}


def test_race_results_after_modifiers_and_co_ordinated_places():
    body = ("13일 대구 기초단체장 선거 개표가 진행됐다.\n"
            "대구에서 인구가 가장 많은 달서구는 초접전 상황이다. 대구 북구도 접전지역이다.\n"
            "전통적인 보수 텃밭, 중구와 동구에서도 민주당 홍길동(48.3%)·김철수(52.6%) 후보가 각각 승리를 거뒀다.")
    assert primaries(body, day=(2018, 6, 13)) == {"27290", "27230", "27110", "27140"}


def test_a_district_after_a_modifier_outside_an_election_is_no_race():
    body = "대구에서 인구가 가장 많은 달서구는 올해 도서관 두 곳을 새로 연다고 밝혔다. 시의회 후보 토론회도 열린다."
    assert roles(body) == {"27290": "primary"}


def test_a_roundups_quoted_block_headline_makes_its_district_primary():
    body = ("울산 남구는 오는 21일부터 태화강 일원에서 빛 축제를 개최한다.\n"
            "홍길동 울산 남구청장은 \"희망의 시간이 됐으면 한다\"고 전했다.\n"
            "울산 중구, \"가을바람 맞으며 함께 달려요\"···태화강 달리기 행사\n"
            "태화강 달리기 행사가 오는 16일 오전 9시 태화강국가정원 일원에서 열린다.")
    assert primaries(body) == {"31140", "31110"}


def test_a_quoted_remark_line_naming_a_district_is_no_headline():
    body = ("울산 남구는 오는 21일 빛 축제를 개최한다.\n"
            "중구, \"우리도 내년에 축제를 열겠다\"고 말했다는 이야기가 전해졌다.")
    assert primaries(body) == {"31140"}


def test_bulleted_venues_of_the_citys_hearings_and_headings_of_seat_lists_are_no_roundup():
    body = ("광주시는 오는 19일 동구를 시작으로 각 자치구를 순회하며 합동공청회를 개최한다고 16일 밝혔다.\n"
            "공청회는 △19일 동구청 대회의실 △22일 서구 문화예술회관 △23일 광산구청 윤상원홀 △28일 남구 "
            "빛고을시민문화관에서 각각 열린다.")
    assert primaries(body) == set()
    seats = ("더민주는 42개 광역의원 지역구 선거에서 38곳에서 당선인을 배출했다.\n부산 광역의원 당선자 명단\n◇ 중구\n▲홍길동(72·민주)\n◇ 서구\n▷서구제1선거구 ▲김철수(64·민주)\n"
             "◇ 동구\n▷동구제1선거구 ▲이영희(60·한국)\n◇ 영도구\n▷영도구제1선거구 ▲박민수(42·민주)")
    assert primaries(seats, region="부산") == set()


def test_counted_lists_of_parties_to_an_agreement_or_joint_statement_are_each_a_party():
    body = ("부산 강서구는 오는 6일 5개 지자체와 업무협약을 체결한다고 4일 밝혔다.\n"
            "협약식에는 부산 강서구, 북구, 사상구, 사하구와 경남 양산시, 김해시 등 6개 지자체 관계자가 참석한다.")
    assert primaries(body) == {"26440", "26320", "26530", "26380"}
    chairs = ("부산 중구의회 홍길동 의장은 최근 의장실에서 원도심 4개구(중구, 서구, 동구, 영도구) 의장단 회의를 가졌다.\n"
              "이번 회의에서는 공동 서명문을 부산시에 전달하기로 합의했다.")
    assert primaries(chairs) == {"26110", "26140", "26170", "26200"}


def test_a_counted_list_without_an_agreement_is_no_list_of_parties():
    body = ("부산시는 강서구, 북구, 사상구 등 3개 구에 공원을 조성한다고 밝혔다.\n공원은 내년 문을 연다.")
    assert primaries(body) == set()
