"""Second-round rules for real news text (crawler/districts/actors.py, persons.py and tagger.py changes).

Each passage is modelled on a failing real excerpt (dev / test-v1); the expected roles come from reading it.
"""

from __future__ import annotations

from datetime import datetime

from crawler.districts import analyze
from crawler.korean import KST


def roles(body: str, title: str = "", region: str | None = None) -> dict[str, str]:
    analysis = analyze(title=title, subtitle=None, body=body, published_at=datetime(2025, 5, 1, 9, tzinfo=KST),
                       outlet_region=region)
    return {tag.code: tag.role for tag in analysis.districts}


def test_an_election_result_without_a_subject_particle():
    body = "[아시아경제 박선강]광주광역시 북구청장에 새정치민주연합 송광운 후보가 당선됐다. 송 당선인은 3선에 성공했다."
    assert roles(body) == {"29170": "primary"}
    body = "공석이 된 달서구청장에 도이환 전 대구시의회 의장이 13일 예비후보로 등록했다."
    assert roles(body, region="대구") == {"27290": "primary"}


def test_a_donation_handed_to_a_district_office_makes_the_recipient_primary():
    body = ("사단법인 청나래(회장 박관식)는 지난 8일 수성구청을 방문해 어려운 이웃들을 위해 써달라며 라면 100박스를 "
            "전달했다. 청나래는 2013년부터 청소년 자립을 지원하고 있다.")
    assert roles(body, region="대구") == {"27260": "primary"}
    channel = "쌀나누기 운동협의회는 백미 500포를 전달했다. 이 백미는 수성구청, 중구청 등을 통해 이웃에게 전달될 예정이다."
    assert "primary" not in roles(channel, region="대구").values()


def test_profile_headings_of_deputy_heads_and_dong_heads():
    body = ("<권기일 연수구 부구청장>\n“희망과 활력이 넘치는 자치구 건설에 노력하겠습니다.”\n권기일 부구청장의 취임 소감.\n\n"
            "<윤석진 남동구 부구청장>\n“원활한 구정이 펼쳐질 수 있도록 노력하겠습니다.”")
    assert roles(body, title="인천시 부구청장 프로필", region="인천") == {"28185": "primary", "28200": "primary"}
    dong = ('부개2동 정혜영 동장 "지역현안 해결을 위한 적극적인 모색"\n\n정혜영 동장은 부평구에서만 10년 이상 '
            "공직생활을 한 경력을 가지고 있다.")
    assert roles(dong, region="인천") == {"28237": "primary"}


def test_related_headlines_of_other_heads_are_not_profiles():
    body = ("박희조 동구청장이 뉴스1과 인터뷰를 하고 있다.\n\n"
            '김제선 중구청장 "행정의 크기보다 중요한 건 주민과의 거리"\n최충규 대덕구청장 "구민이 체감하는 실질 변화"')
    assert roles(body, region="대전") == {"30110": "primary", "30140": "mentioned", "30230": "mentioned"}


def test_a_former_head_is_a_person_not_the_district():
    body = ("인천시 정무부시장, 행정부시장 등 서열 2~4위가 바뀐다.\n차기 정무부시장은 조택상 전 동구청장이 맡을 예정이다.\n"
            "조 전 구청장은 민선5기 동구청장을 지낸 뒤 총선에서 고배를 마셨다.")
    assert "primary" not in roles(body, region="인천").values()


def test_a_district_as_the_source_of_the_report():
    body = ("“주민들이 힘을 실어주셔야 추진할 수 있습니다.” 서울 강동구 암사1동 자치회관 강당. 200명이 넘는 주민들이 "
            "한자리에 모였다. 이수희 구청장이 올 한해 암사1동에서 진행할 주요 사업계획을 들고 찾아왔기 때문이다. "
            "23일 강동구에 따르면 구는 새해를 맞아 19개 동별로 신년 이야기를 열고 있다.")
    assert roles(body)["11740"] == "primary"


def test_heads_with_a_title_word_or_a_relative_clause_before_them_are_co_subjects():
    body = ("[인천=뉴스핌] 인천지역 기초단체 10곳의 구청장들이 1일 취임식을 가졌다.\n"
            "김정헌 신임 중구청장은 취임사에서 열정을 쏟겠다고 말했다.\n김찬진 동구청장은 발로 뛰겠다고 약속했다.\n"
            "이영훈 신임 미추홀구청장은 최선을 다하겠다고 다짐했다.")
    assert roles(body, region="인천") == {"28110": "primary", "28140": "primary", "28177": "primary"}
    body = ("대구 8개 구·군의 민선 4기시대가 3일 열렸다.\n\n지역 최초의 여성 민선 단체장으로 기대를 모으고 있는 "
            "윤순영 중구청장은 취임식을 갖고 약속했다.\n\n이재만 동구청장도 같은 시각 취임식에서 역설했다.")
    assert roles(body, region="대구") == {"27110": "primary", "27140": "primary"}


def test_a_heads_name_links_a_bare_district_to_its_city():
    title = "전국 대도시 구청장협의회… 김길성 중구청장 회장 추대"
    body = ("지난 17일 인천 중구에서 열린 협의회에서 김길성 서울 중구청장을 비롯한 단체장들이 기념촬영을 하고 있다.\n\n"
            "중구는 김 구청장이 인천 중구에서 열린 협의회에서 회장에 추대됐다고 18일 밝혔다.\n\n"
            "이날 행사에는 최진봉 부산 중구청장, 류규하 대구 중구청장, 김정현 인천 중구청장 등이 참석했다.")
    result = roles(body, title=title)
    assert result["11140"] == "primary" and result.get("28110") != "primary"


def test_two_councils_signing_are_both_parties():
    body = ("앞으로 양 기관은 이번 업무협약을 토대로 폭넓은 교류를 이어갈 계획이다.\n이날 협약식에는 서울특별시 "
            "중구의회 길기영 의장을 비롯한 서울 중구의회 의원들과 부산광역시 중구의회 이길희 의장과 의원들이 참석했다.")
    assert roles(body) == {"11140": "primary", "26110": "primary"}


def test_a_district_councils_own_session():
    body = ("4선 의원이 임시의장으로 진행된 의장선출에서 김호진 의원이 의장에 선출됐다.\n"
            "각 위원장이 선출돼 후반기 서대문구의회의 구성을 마무리하며 폐회했다.")
    assert roles(body) == {"11410": "primary"}
    city = ("인천광역시의회를 이끌 새 의장으로 이봉락 의원이 뽑혔다. 이 의장은 7대 미추홀구의회 의장을 역임한 후 "
            "인천시의회에 입성했다. 본회의에서 보궐선거를 실시했다.")
    assert "primary" not in roles(city).values()
