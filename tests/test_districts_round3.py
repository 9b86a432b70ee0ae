"""Third-round rules for real news text (issue 9): the primary-vs-mentioned decision on test-v2's classes.

Each passage is modelled on a real excerpt of the corpus (dev / test-v1 / test-v2); the expected roles come
from reading it against GUIDE.md's definition of primary.
"""

from __future__ import annotations

from datetime import datetime

from crawler.districts import analyze
from crawler.districts.mentions import resolve_mentions
from crawler.districts.shortforms import find_all_mentions
from crawler.districts.tagger import _one_district_speaks
from crawler.districts.clauses import line_topics, unit_subjects
from crawler.districts.furniture import strip_furniture
from crawler.districts.partners import joined_to_acting_partner
from crawler.districts.races import race_districts
from crawler.korean import KST


def roles(body: str, title: str = "", region: str | None = None, day=(2025, 5, 1)) -> dict[str, str]:
    published = datetime(*day, 9, tzinfo=KST) if day else None
    analysis = analyze(title=title, subtitle=None, body=body, published_at=published, outlet_region=region)
    return {tag.code: tag.role for tag in analysis.districts}


def primaries(*args, **kwargs) -> set[str]:
    return {code for code, role in roles(*args, **kwargs).items() if role == "primary"}


# --- election roundups: every race reported is primary ---------------------------------------------------------


def test_office_slots_of_a_party_list_make_every_race_primary():
    body = ("[부산=뉴스핌] 더불어민주당 부산시당은 기초단체장 공천 접수 결과 34명이 신청했다고 10일 밝혔다.\n"
            "중구청장으로 강희은 중구의회 부의장과 김시형 전 중구의회 부의장이, 영도구청장으로는 김철훈 전 영도구청장과 "
            "신기삼 영도구의원이 접수했다.\n서구청장에는 정진영 전 서구의원과 황정재 서구의회 부의장이 지원했다.")
    assert primaries(body) == {"26110", "26200", "26140"}


def test_districts_as_topics_of_results_and_races_as_topics():
    body = ("민주당 광주시당이 발표한 결과에 따르면 동구는 임택, 서구는 서대석, 그리고 광산구는 김삼호 후보가 경선에 승리했다.\n"
            "북구청장 선거에서는 광주시 행정부시장 출신의 문인 후보가 77.21%로 최고 득표율을 기록했다.")
    assert primaries(body) == {"29110", "29140", "29200", "29170"}
    caption = "동구 임택, 서구 서대석, 남구 김병내\n\n광주지역 기초단체장 선거에서 민주당 후보들이 압승을 거뒀다."
    assert primaries(caption, region="광주") == {"29110", "29140", "29155"}


def test_a_dotted_list_of_one_syllable_offices():
    body = "민주당 광주 동.서.남.북구청장 후보에 유태명.김종식.황일봉.오주씨가 각각 선출됐다."
    assert primaries(body) == {"29110", "29140", "29155", "29170"}


def test_a_career_line_is_no_race_and_a_non_election_article_has_no_races():
    career = ("차기 정무부시장은 조택상 전 동구청장이 맡을 예정이다. 조 전 구청장은 민선5기 동구청장을 지낸 뒤 "
              "20~21대 총선에서 연이어 고배를 마셨다.")
    assert primaries(career, region="인천") == set()
    texts = {"title": "", "subtitle": "", "body": "대전시 인사에서 동구는 김철수, 서구는 이영희 팀장이 승진했다."}
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "대전")
    assert len(resolved) == 2 and race_districts(texts, resolved) == set()  # no election word: no race


# --- joint agreements: partners the grammar hides ---------------------------------------------------------------


def test_a_non_district_partner_carrying_the_particle_keeps_the_district_a_subject():
    body = ("대구 중구(구청장 류규하)와 전라남도 화순군(군수 구복규)은 29일 화순군청 소회의실에서 양 지역의 상생발전을 위한 "
            "우호교류 협약식을 개최했다고 밝혔다.")
    assert roles(body) == {"27110": "primary"}
    clause = ("지난해 우호협약에 이어 두 번째다.\n\n[한국지방정부신문=김미숙 기자] 서울 중구(구청장 김길성)와 전북 부안군(군수 "
              "권익현)이 업무협약을 맺었다.")
    assert primaries(clause) == {"11140"}


def test_a_clause_or_adjective_after_the_particle_is_no_partner():
    body = "서울시는 구로구와 인접한 광명시는 교통 대책이 시급하다고 밝혔다."
    assert roles(body) == {"11530": "mentioned"}


def test_listed_parties_with_a_closing_etc_and_parenthesised_partners():
    body = "대구 달서구와 동구, 북구, 수성구 등이 지역의 역사문화자원을 공동 연구하기 위해 맞손을 잡았다."
    assert primaries(body) == {"27290", "27140", "27230", "27260"}
    body = ("대구 수성구(구청장 김대권)는 지난 4일 달서선사관에서 역사문화자원을 관광명소로 만들기 위해 3개구(동구, 북구, "
            "달서구)와 업무협약을 맺었다.")
    assert primaries(body) == {"27260", "27140", "27230", "27290"}


def test_hyphenated_title_lists_and_councils_that_join_hands():
    title = "수성구-동구-북구-달서구 업무협약 참여…대구 최초의 문화유산 연계 협약"
    assert primaries("협약식이 열렸다.", title=title, region="대구") == {"27260", "27140", "27230", "27290"}
    body = "광주 광산구의회가 대구 수성구의회와 교류협력과 상생발전을 위해 손을 맞잡았다."
    assert primaries(body) == {"29200", "27260"}


# --- headerless furniture after the closing byline ---------------------------------------------------------------


def test_a_headerless_article_list_after_the_closing_byline_is_furniture():
    body = ("안산부시장에는 최홍철 시흥부시장을 내정했다.\n/수원=권중섭 기자kjs1032@siminnews.net\n\n"
            "[로컬거버넌스] 서울 성동구, ‘주거정책 포럼’ 개최\n[로컬거버넌스] 서울 강서구, 민선8기 2주년 구정 성과공유회")
    assert strip_furniture(body).count("성동구") == 0 and len(strip_furniture(body)) == len(body)
    assert roles(body, region="서울") == {}
    glued = ("(대구=뉴스1) 남승렬 기자 = 김재원 최고위원이 22일 대구 수성구에서 기자회견을 열고 입장을 밝히고 있다. "
             "2026.1.22/뉴스1pdnamsy@news1.kr남승렬 기자 조홍철 국힘 대구시당 부위원장 \"달서구청장 출마\"")
    assert "primary" not in roles(glued).values()
    section = ("정 후보는 이날 선거사무소 개소식을 갖고 본격 선거전의 포문을 열었다.\n/정철화기자\n정치 기사리스트\n"
               "권기일, 대구 동구청장 출마…“찾고 싶은 동구 만들겠다”")
    assert roles(section) == {}


def test_an_opening_byline_or_a_closing_byline_followed_by_sentences_blanks_nothing():
    opening = "[대전=뉴시스] 홍길동 기자 = 대전 중구가 구민의 날 기념행사를 열었다"
    assert strip_furniture(opening) == opening
    more = "중구는 행사를 열었다.\n홍길동 기자 hong@news.kr\n\n한편 동구는 같은 날 축제를 열었다."
    assert strip_furniture(more) == more


# --- a district's units acting: the press-release formula and dong offices -------------------------------------


def test_the_press_release_formula_makes_the_issuing_district_primary_whatever_unit_is_the_subject():
    body = "광주 광산구(구청장 김삼호) 신가도서관은 기후위기 대응 특별 프로그램에 참여할 시민을 모집한다고 밝혔다."
    assert roles(body, title="신가도서관, 기후위기 대응 프로그램 수강생 모집") == {"29200": "primary"}
    body = ("[시민일보 = 이대우 기자] 서울 종로구(구청장 정문헌) 창신2동주민센터로 최근 낙산어린이집 원생들이 찾아왔다.\n"
            "성금은 전액 종로구사회복지협의회로 기탁했다.")
    assert roles(body, region="서울") == {"11110": "primary"}


def test_a_dong_office_receiving_a_donation_acts_for_its_district_but_a_venue_does_not():
    body = ("한국햇빛에너지협동조합(이사장 임용욱)이 지난 13일 100만 원 상당의 생필품을 수완동 행정복지센터에 기탁했다. "
            "기탁받은 백미, 라면 등은 수완동 관내 어려운 이웃들에게 전달할 예정이다.")
    assert roles(body, region="광주") == {"29200": "primary"}
    venue = "대구 북구 대현장학회(회장 김동하)는 1월 16일, 대현동 행정복지센터에서 제26회 장학금 전달식을 개최했다."
    assert "primary" not in roles(venue, region="대구").values()


# --- text partitioned by district: lines that open with a district as topic --------------------------------------


def test_lines_opening_with_different_districts_as_topics_make_each_primary():
    body = ("대전광역시 5개 자치구 가운데 인사 요인이 없는 유성구를 제외한 나머지 4개구 국장급 인사가 30일 단행될 전망이다.\n\n"
            "중구의 경우 올 연말 부이사관 1명과 서기관 2명이 퇴임 예정이다.\n"
            "서구는 의회사무국장으로 신상열 기업유치담당이 확실시된다.\n"
            "마지막으로 대덕구는 서기관 2자리가 공석이 된다.")
    assert roles(body, region="대전") == {
        "30140": "primary", "30170": "primary", "30230": "primary", "30200": "mentioned"}


def test_a_block_heading_then_a_line_announced_by_a_district():
    body = ("[대구=뉴시스] 대구시 남구는 한국공인중개사협회 남구지회와 협약을 체결했다고 5일 밝혔다.\n"
            "◇달서구, 대구교통공사와 복합체육시설 조성 업무협약 체결\n"
            "대구시 달서구는 용산역 남쪽 광장에 복합체육시설 조성을 위해 대구교통공사와 업무협약을 체결했다고 5일 밝혔다.")
    assert primaries(body) == {"27200", "27290"}


def test_one_line_opening_district_that_announces_nothing_is_no_partition():
    texts = {"title": "", "subtitle": "", "body": "대구시는 쌀 나눔 행사를 열었다.\n수성구는 20가구에 전달할 예정이다."}
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "대구")
    assert len(resolved) == 1 and line_topics(texts["body"], resolved) == set()
    texts["body"] += "\n중구는 10가구에 전달한다."
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "대구")
    assert line_topics(texts["body"], resolved) == {"27260", "27110"}


# --- bare names placed by a dateline or a city-named station ----------------------------------------------------


def test_a_correspondents_dateline_beats_the_outlets_home_region():
    body = ("김진홍 동구청장은 해수부 임시청사 이전의 의미를 설명하고, 북항 중심의 해양수도 거점도시로 도약할 동구의 미래 비전을 "
            "공유했다.\n부산=김성욱 기자 attainuk0518@")
    assert roles(body, region="대전") == {"26170": "primary"}
    # no dateline: 김진홍 is 부산 동구's head (민선 8기, heads.csv), which places the name before the outlet's city does
    assert roles(body.split("\n")[0], region="대전") == {"26170": "primary"}
    # with a name that headed no 동구, the outlet's city places it
    assert roles(body.split("\n")[0].replace("김진홍", "홍길동"), region="대전") == {"30110": "primary"}


def test_a_dateline_is_weaker_than_a_city_written_in_the_text():
    body = "(부산=뉴스1) 홍길동 기자 = 울산 시민과 함께하는 축제가 열렸다. 김종훈 동구청장은 축사를 했다."
    assert roles(body) == {"31170": "primary"}


def test_a_station_named_after_the_city_places_a_bare_name():
    body = ("민선 8기 마지막 해를 맞은 박희조 동구청장은 주거·혁신·문화·교육 4대 가치를 중심으로 '완성'에 집중하겠다고 밝혔다.\n"
            "박 구청장을 만나 대전역세권 개발과 교육정책을 들어봤다.")
    assert roles(body) == {"30110": "primary"}


# --- a head's first-person message ----------------------------------------------------------------------------


def test_a_first_person_message_naming_one_district_again_and_again_is_about_it():
    body = ("▲ 김종훈 동구청장어느 해보다 다사다난했던 2024년이 저물고, 새해가 시작됐습니다, 울산 시민과 동구 주민 여러분께서는 "
            "새해에는 기쁨과 행복이 가득하시기를 기원합니다.\n누구나 활짝 웃는 동구, 더 잘사는 동구를 만들어 가겠습니다.")
    assert roles(body, region="울산") == {"31170": "primary"}


def test_a_message_naming_a_district_twice_or_several_districts_is_no_speech_of_one():
    texts = {"title": "", "subtitle": "", "body": "동구와 중구를 잇겠습니다. 동구 주민과 함께하겠습니다. 동구를 바꾸겠습니다."}
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "울산")
    assert len(resolved) == 4
    assert not _one_district_speaks(texts["body"], resolved)
    assert not _one_district_speaks(texts["body"], [pair for pair in resolved if pair[1].name == "동구"][:2])
    assert _one_district_speaks(texts["body"], [pair for pair in resolved if pair[1].name == "동구"])


# --- deputy heads, acting heads moving away, an association's chair as a recipient -------------------------------


def test_a_lead_filling_one_districts_deputy_head_post_makes_it_primary():
    body = ("서울시는 8월8일자로 구로구 부구청장에 엄의식(55·지방부이사관) 서울시 광진구 부구청장을 전보 발령했다.\n"
            "신임 엄의식 부구청장은 경북대 법학과를 나와 광진구 부구청장 등을 역임했다.")
    assert roles(body, region="서울") == {"11530": "primary", "11215": "mentioned"}
    several = "서울시는 구로구 부구청장에 엄의식, 강서구 부구청장에 박대우를 전보 발령했다."
    assert "primary" not in roles(several, region="서울").values()


def test_an_acting_head_moving_to_another_post_is_a_career_line():
    body = ("유득원 제19대 대전시 행정부시장이 4일 취임했다.\n\n한편 이날로 부이사관의 인사도 연쇄 단행됐다. 전재현 대전 "
            "중구청장 권한대행이 시 행정자치국장으로 자리를 옮겼고 이성규 부이사관은 대덕구 부구청장으로 전보했다.")
    assert roles(body, region="대전") == {"30140": "mentioned", "30230": "mentioned"}


def test_an_associations_chair_receiving_a_prize_is_no_association_business():
    body = ("[울산=뉴시스] 구미현 기자 = 울산시 중구가 15일 중구문화의전당 함월홀에서 '2025년 중구 구민의 날 기념행사'를 열었다.\n"
            "기념식에서는 이중걸 중구 통장협의회 회장에게 제14회 자랑스러운 중구인상이 수여됐다.")
    assert roles(body, title="울산 중구, 구민의 날 기념행사…500여명 참여") == {"31110": "primary"}


# --- a district's name quoted as a word ---------------------------------------------------------------------------


def test_a_quoted_district_name_is_a_name_not_the_district_acting():
    title = "인천 ‘서해구’ 2026년 7월 공식 출범…“이름 너머의 변화”"
    body = ("[매일뉴스] 인천 서구(구청장 강범석)가 분리되는 새로운 자치구의 명칭을 ‘서해구(西海區)’로 확정했다. 최종 후보로 "
            "올라온 ‘서해구’와 ‘청라구’ 가운데 ‘서해구’가 58.45%의 지지율을 얻었다.")
    assert roles(body, title=title, day=None) == {"28260": "primary", "28275": "mentioned"}


# --- a district named once in no subject role; a party's constituency organisation --------------------------------


def test_a_district_named_once_in_a_career_line_is_only_mentioned():
    body = ("(인천=뉴스1) 강남주 기자 = 인천시 정무부시장, 행정부시장 등 서열 2~4위가 잇따라 새로운 인물로 바뀐다.\n"
            "조 전 구청장은 민선6기 동구청장 선거, 20~21대 총선에서 연이어 고배를 마셨다. 현재 더불어민주당 "
            "중구·강화군·옹진군 지역위원장을 맡고 있다.")
    assert roles(body, region="인천") == {"28140": "mentioned", "28110": "mentioned"}
    analysis = analyze(title="", subtitle=None, body=body, published_at=None, outlet_region="인천")
    assert analysis.districts  # the seat is still a mention of its district


def test_a_party_constituency_organisation_is_a_seat():
    texts = {"title": "", "subtitle": "", "body": "더불어민주당 중구·강화군·옹진군 지역위원장을 맡고 있다."}
    (mention,) = find_all_mentions(texts, None)
    assert mention.kind == "constituency"


def test_a_parliamentary_race_or_a_place_list_is_no_race_for_the_district_head():
    texts = {"title": "", "subtitle": "", "body": "총선 개표 결과 동구는 김철수 후보가, 서구는 이영희 후보가 당선됐다."}
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "광주")
    assert len(resolved) == 2 and race_districts(texts, resolved) == set()  # constituencies of MPs
    texts["body"] = "구청장 후보들은 주말 동안 동구 일대, 서구 일대에서 유세를 펼쳤다."
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "광주")
    assert len(resolved) == 2 and race_districts(texts, resolved) == set()


def test_a_districts_library_or_health_centre_opening_a_clause_acts_for_it():
    texts = {"title": "", "subtitle": "",
             "body": "서울시는 독서 주간을 연다고 밝혔다. 강남구 논현도서관은 작가 강연을 열고, 송파구보건소가 "
                     "걷기 행사를 연다. 행사는 서초구 일대에서도 열린다."}
    resolved = resolve_mentions(texts, find_all_mentions(texts, None), "서울")
    assert len(resolved) == 3
    assert unit_subjects(texts["body"], resolved) == {"11680", "11710"}


def test_companies_and_latin_named_partners_carry_the_particle_for_the_district():
    body = ("서울 마포구(구청장 박강수)와 CJ ENM이 청년 창업 지원 협약을 체결했다. 이날 협약식에는 서대문구 관계자도 참석했다.")
    assert roles(body) == {"11440": "primary", "11410": "mentioned"}
    texts = {"title": "", "subtitle": "", "body": "서울 은평구와 ㈜카카오가 협약을 맺었다."}
    (pair,) = resolve_mentions(texts, find_all_mentions(texts, None), None)
    assert joined_to_acting_partner(texts["body"], pair[0])


def test_officers_of_an_association_of_heads_elected_further_down_are_only_mentioned():
    body = ("서울시구청장협의회는 서울시 자치구간 공동 현안을 협의하기 위해 운영되고 있다. 협의회장은 협의회 대표로 자치구간 "
            "업무협의를 진행한다.\n노 구청장은 “지방행정체계 개편 등에 합리적으로 대처해 가겠다”고 말했다.\n한편, 부회장에는 "
            "문석진 서대문구청장, 박겸수 강북구청장, 이성 구로구청장, 진익철 서초구청장이 선출됐다.")
    assert roles(body) == {"11410": "mentioned", "11305": "mentioned", "11530": "mentioned", "11650": "mentioned"}


def test_districts_listed_with_their_winners_in_parentheses_are_races():
    body = ("6·13 지방선거 결과 서울 자치구청장 25곳 중 더불어민주당이 24곳에서 당선자를 냈다.\n\n"
            "더불어민주당은 종로구(김영종), 중구(서양호), 용산구(성장현) 등에서 승리했다.\n\n자유한국당은 서초구(조은희)에서 승리했다.")
    assert roles(body) == {"11110": "primary", "11140": "primary", "11170": "primary", "11650": "primary"}


def test_the_other_party_named_before_the_agreement_in_the_lead_but_not_a_history_of_partners():
    body = ("충북 옥천군이 최근 부산 동래구와 자매결연을 체결하고 문화, 관광 분야 교류를 확대하기로 했다고 3일 밝혔다.\n"
            "그동안 군은 2000년 대전 동구를 시작으로, 경기 부천시, 대전 대덕구와 자매 결연을 맺고 교류를 이어 왔다.")
    assert roles(body) == {"26260": "primary", "30110": "mentioned", "30230": "mentioned"}


def test_a_dong_as_a_body_signing_with_a_county_district_acts_for_its_district():
    body = ("연수구 연수3동(주민자치위원회)과 전북 부안군 주산면(주민자치위원회)은 지난 9일 주산면사무소에서 자매결연 협약을 "
            "체결했다.\n이날 체결식은 양 지역 주민 60여명이 참석한 가운데 진행됐다.")
    assert roles(body, region="인천") == {"28185": "primary"}


def test_a_second_council_with_its_chair_named_after_a_connective_is_a_co_subject():
    body = ("[시민일보] 서울 강동송파 지역 구의회가 12일 후반기 원구성을 나란히 완료했다.\n강동구의회(의장 김정숙)는 12일 "
            "임시회에서 상임위원장을 각각 선출했다.\n한편 송파구의회(의장 박용모)도 같은날 임시회를 열고 후반기 부의장에 "
            "임춘대 의원을 선출했다.")
    assert roles(body) == {"11740": "primary", "11710": "primary"}
