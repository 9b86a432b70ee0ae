"""More ways a district is the subject of real news text (issue 9, second round).

Each function reads resolved mentions and returns the codes it makes primary; the tagger takes
their union with its other rules (tagger.py).  They cover classes the first round missed:

- an election result or candidacy written without a subject particle: '광주광역시 북구청장에 송광운
  후보가 당선됐다', '달서구청장에 도이환 전 의장이 예비후보로 등록했다';
- a donation handed to a district office: '수성구청을 방문해 … 라면 100박스를 전달했다', '성금을
  수성구청에 기탁했다' (the recipient is a party; a channel '구청 등을 통해' is not);
- profile headings of a district's (deputy) head or of a dong head: '<권기일 연수구 부구청장>',
  '부개2동 정혜영 동장 "…"' (the dong's district, found through the dong gazetteer);
- the district as the source of the report: '23일 강동구에 따르면 구는 …'.

A former head ('조택상 전 동구청장', '前 구청장') is a person, never the district acting: see
:func:`is_former_head`.
"""

from __future__ import annotations

import re

from crawler.districts.clauses import is_guest, joined_runs
from crawler.districts.sentences import sentence_start
from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention
from crawler.districts.partners import joined_to_acting_partner

#: Also a list of offices closed by one verb: '… 대구 서구청장에, … 세번째 남구청장에 각각 당선됐다', '… 3선 구청장으로 등극했다'.
_ELECTED_TO = re.compile(
    r"청장(?:에|으로|에는),?\s[^.\n]{0,80}?(?:당선|예비후보|후보\s*(?:로|으로)?\s*등록|출마|선출|등극)"
)
_DONATION_TO = re.compile(
    r"청(?:을|에|에게|으로)\s*(?:방문해|방문하여|찾아|찾아와)?[^.\n]{0,60}?"
    r"(?:전달했다|기탁했다|기부했다|전했다|내놓았다|맡겼다)"
)
_THROUGH = re.compile(r"청(?:,|\s|등)[^.\n]{0,30}?통해")
_SOURCE = re.compile(r"\s*(?:청)?에\s*따르면")
#: A photo credited to the district ('중구 제공', '사진=대구 서구청 제공', '사진 제공 대구 달서구'): its press release.
_CREDIT_AFTER = re.compile(r"(?:청)?\s?제공(?![가-힣])")
_CREDIT_BEFORE = re.compile(r"사진\s?(?:=\s?)?제공\s?(?:=\s?)?(?:[가-힣]{2,3}(?:특별시|광역시|시)?\s)?$")
_FORMER_BEFORE = re.compile(r"(?:전|前|전직)\s*$")
_CAREER_AFTER = re.compile(
    r"청장(?:을|를|으로|로)?\s*(?:지낸|지냈|역임|거쳐|거친)|"
    # a career list: '…, 연제구 부구청장, 부산시 인재개발원장을 역임했다'
    r"\s?(?:부구청장|부청장|구청장|청장|구의원|의원|국장|과장)[,·]\s?[^.\n]{0,50}?(?:을|를)\s?(?:역임|지냈|거쳤|거친|지낸)"
)
#: A heading line: short, no finished sentence, optionally bracketed: '<권기일 연수구 부구청장>'.
_HEADING_MAX = 40
_HEAD_TITLE = re.compile(r"\s*(?:부구청장|부청장|구청장|청장)")
_CLOSES_THEN_QUOTE = re.compile(r"\s*[>〉】\]]\s*[“\"‘']")
_DONG_HEAD = re.compile(r"\d*동\s+[가-힣]{2,4}\s*(?:\([^)]*\))?\s*동장")


#: '중구청장 권한대행이 시 행정자치국장으로 자리를 옮겼고': the head (or acting head) leaves the office, a career move.
_MOVED_AWAY = re.compile(
    r"(?:청장|부구청장)(?:\s*권한대행)?(?:이|은|는|가)\s[^.\n]{0,30}?(?:으로|로)\s*(?:자리를 옮|전보|전출|영전|발령)"
)


_OPEN_QUOTE = ("‘", "'", "“", "\"", "「", "『")
_CLOSE_QUOTE = re.compile(r"(?:\([^)]*\))?[’'”\"」』]")


def is_quoted_name(text: str, mention: Mention) -> bool:
    """'‘서해구(西海區)’로 확정', '‘서해구’와 ‘청라구’': a district's name quoted as a word (a name chosen, a
    candidate name), not the district acting."""
    quoted_before = mention.start > 0 and text[mention.start - 1] in _OPEN_QUOTE
    return quoted_before and _CLOSE_QUOTE.match(text, mention.end) is not None


def is_former_head(text: str, mention: Mention) -> bool:
    """'조택상 전 동구청장', '前 구청장', '동구청장을 지낸', '… 권한대행이 시 국장으로 자리를 옮겼고': a person's
    career line (a former head, a head moving to another post), not the district acting."""
    start = mention.start_with_city(text)
    career = _CAREER_AFTER.match(text, mention.end) or _MOVED_AWAY.match(text, mention.end)
    return bool(_FORMER_BEFORE.search(text[max(0, start - 4):start]) or career)


def election_subjects(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'X구청장에 … 당선/예비후보 등록/출마': the office is the race reported, without a subject particle."""
    return {d.code for m, d in mentions if _ELECTED_TO.match(text, m.end) and not is_former_head(text, m)}


def donation_recipients(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """District offices that receive a donation ('수성구청을 방문해 … 전달했다')."""
    found = set()
    for mention, district in mentions:
        if text.startswith("청", mention.end) and not text.startswith("청장", mention.end):
            at = mention.end
        elif text.startswith("구청", mention.end - 1):
            at = mention.end - 1
        else:
            continue
        if _DONATION_TO.match(text, at) and not _THROUGH.match(text, at):
            found.add(district.code)
    return found


def _line_of(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start: end if end >= 0 else len(text)]


#: A clause inside the line ('… 정용준 부이사관은 연수구 부구청장' in hard-wrapped copy): a sentence, not a heading.
_CLAUSE_IN_LINE = re.compile(r"[가-힣](?:은|는|을|를|으로|에게)[\s,]")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(("<", "〈", "【", "[")):
        closing = max(stripped.find(">"), stripped.find("〉"), stripped.find("】"), stripped.find("]"))
        stripped = stripped[1:closing] if closing > 0 else stripped[1:]
    return 0 < len(stripped) <= _HEADING_MAX and not re.search(r"다[.\"”’']*\s*$|니다", stripped)


def profile_headings(text: str, mentions: list[tuple[Mention, District]],
                     places: list[tuple[Mention, District]]) -> set[str]:
    """Districts whose (deputy) head or dong head heads a profile: '<권기일 연수구 부구청장>'."""
    found = set()
    for mention, district in mentions:
        line = _line_of(text, mention.start).strip()
        bracketed = line.startswith(("<", "〈", "【", "[", "▲"))
        title = _HEAD_TITLE.match(text, mention.end)
        rest = text[title.end():].split("\n", 1)[0] if title else ""
        # '<권기일 연수구 부구청장>', and a bracketed name heading a block's quoted headline: '[정문헌 종로구청장] “…”'
        bare_line = title is not None and (not rest.strip(" >〉】|") or (bracketed and _CLOSES_THEN_QUOTE.match(rest)))
        heading = _is_heading(line) and (bracketed or not _CLAUSE_IN_LINE.search(line))
        # a bracketed dateline opens the line ('[대전타임뉴스=…] … 최충규 대덕구청장 등이 참석했다'): guests are no profile
        if title and (bracketed or bare_line) and heading and not is_former_head(text, mention) \
                and not is_guest(text, mention):
            found.add(district.code)
    for mention, district in places:
        line = _line_of(text, mention.start)
        if _DONG_HEAD.match(text, mention.end - 1) and _is_heading(line.split("\"")[0].split("“")[0]):
            found.add(district.code)
    return found


def source_districts(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'강동구에 따르면': the district is the report's source, i.e. it announces; so does a photo it credits
    ('중구 제공', '사진 제공 대구 달서구')."""
    return {d.code for m, d in mentions if _SOURCE.match(text, m.end) or _CREDIT_AFTER.match(text, m.end)
            or _CREDIT_BEFORE.search(text[max(0, m.start - 20):m.start])}


_AGREEMENT_WORDS = re.compile(r"협약|결연|협정|MOU")
_JOINT_WORDS = re.compile(r"협약|결연|협정|MOU|공동\s?(?:서명|결의|성명|건의)|합의했")
_BOTH_PARTIES = re.compile(r"(?:양|두)\s*(?:기관|의회|구의회|구|구청|지자체|자치구|도시|지역)(?:은|는|이|가|의|간)")


#: The parties listed and counted: '협약식에는 부산 강서구, 북구, 사상구, 사하구와 경남 양산시, 김해시 등 6개 지자체',
#: '원도심 4개구(중구, 서구, 동구, 영도구) 의장단 회의'.
_COUNTED_PARTIES = re.compile(
    r"(?:\s?(?:,|와|과)\s?(?:[가-힣]{2}\s)?[가-힣]{1,5}(?:시|군))*\s?등(?:\s?\d+\s?개\s?(?:지자체|자치단체|기관|구|자치구)|이다)"
)  # also the list of a sister tie's parties: '참여하는 자치단체는 서울 성동구, 부산 남구, … 충남 천안시 등이다'
_COUNT_THEN_LIST = re.compile(r"\d+\s?개\s?(?:자치)?구\s?\(\s?$")
_RUN_JOIN = re.compile(r"\s?(?:,|·|와|과)\s?")


def _counted_party_lists(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts of a counted list of parties, in an article about an agreement or joint statement."""
    found: set[str] = set()
    for run in joined_runs(text, mentions, _RUN_JOIN, from_city=True):
        mention = run[-1][0]
        counted_after = _COUNTED_PARTIES.match(text, mention.end)
        counted_before = _COUNT_THEN_LIST.search(text, max(0, run[0][0].start - 8), run[0][0].start)
        if len(run) >= 2 and (counted_after or (counted_before and text.startswith(")", mention.end))):
            found.update(d.code for _, d in run)
    return found


def agreement_parties(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'양 기관은 … 업무협약': the two councils or offices named in the article are the two parties; and every
    district of a counted list of parties ('… 사하구와 경남 양산시, 김해시 등 6개 지자체 관계자가 참석한다').

    Only when exactly two districts are named with their council or office ('서울특별시 중구의회 …
    부산광역시 중구의회'), so a venue or a guest does not become a party.
    """
    if _JOINT_WORDS.search(text):
        listed = _counted_party_lists(text, mentions)
        if listed:
            return listed
    if not (_AGREEMENT_WORDS.search(text) and _BOTH_PARTIES.search(text)):
        return set()
    organs = {d.code for m, d in mentions if text.startswith(("의회", "청"), m.end)
              and not text.startswith("청장", m.end)}
    return organs if len(organs) == 2 else set()


_CITY_COUNCIL = re.compile(r"(?:시|광역시|특별시)의회")   # a metropolitan council's business, not a district's
_COUNCIL_CAREER = re.compile(r"의회[^.\n]{0,14}?(?:역임|지낸|지냈|출신|거쳐|거친)")
_COUNCIL_BUSINESS = re.compile(r"(?:의장|부의장|위원장)[^.\n]{0,12}?(?:선출|당선)|임시회|정례회|본회의|개회|폐회|개원")


#: '울산 중구의회 후반기 의장단 및 상임위원장. 왼쪽부터 …', '북구의회의장에는 … 선출됐는데': the council's own
#: officers, elected or pictured, written right after its name.
_COUNCIL_OFFICERS = re.compile(
    r"의회\s?(?:(?:제\d+대\s?)?(?:후반기|전반기)\s?)?(?:의장단|의장(?:에는|에|으로는|으로)\s[^.\n]{0,60}?(?:선출|당선))"
    r"|의회(?:에서는|에서도|도|는|은)\s[^.\n]{0,60}?의장\s?(?:선거|재선|선출|당선)"  # '서구의회에서는 … 의장 재선에 성공했다'
    r"|의회(?:에선|에서는|도|는|은|의 경우)\s[^.\n]{0,80}?의장[^.\n]{0,60}?(?:뽑|선출|당선)"  # '… 의원을 의장으로 뽑았다'
)


def council_business(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """A district council's own session or chair election ('… 후반기 서대문구의회의 구성을 마무리하며 폐회했다').

    Only when the article names exactly one district, names it as its council (not in a career line) and
    is not about a city council (인천시의회 electing a former 구의회 member as its chair).  A council whose
    officers are written right after its name ('중구의회 후반기 의장단') is its own business whatever else the
    article names: a city's round of council elections makes every council so written primary.
    """
    officers = {d.code for m, d in mentions if _COUNCIL_OFFICERS.match(text, m.end)}
    codes = {d.code for _, d in mentions}
    if len(codes) != 1 or not _COUNCIL_BUSINESS.search(text) or _CITY_COUNCIL.search(text):
        return officers
    councils = [m for m, _ in mentions if text.startswith("의회", m.end) and not _COUNCIL_CAREER.match(text, m.end)]
    return codes | officers if councils else officers


_DONG_OFFICE = re.compile(r"\s?(?:행정복지센터|주민센터|주민자치센터|동사무소)(?:\s?\([^)]*\))?")
_OFFICE_SUBJECT = re.compile(r"(?:은|는|이|가)(?![가-힣])")
_OFFICE_RECIPIENT = re.compile(r"(?:에|에게|으로|로|을|를)(?![가-힣])[^.\n]{0,100}?(?:기탁|기부|전달|전했|내놓|맡겼)")
#: '… 홍은2동 주민자치센터와 자매결연 협약식을 체결했다': the office is a party to the agreement.
_OFFICE_PARTNER = re.compile(
    r"(?:,\s?[^,.\n]{1,30}?(?:\([^)]*\))?)?(?:와|과)\s[^.\n]{0,30}?(?:협약|결연|협정|MOU)"  # '…주민센터(동장 …), …협의체와 … 협약'
    # '복지관은 수완동 행정복지센터, LH … 5곳과 함께 ‘마주보기 협력망’을 구축하고': a party to a network built together
    r"|(?:,\s?[^,.\n]{1,30}?)?(?:와|과)\s?(?:함께|손잡고)\s[^.\n]{0,30}?(?:협력망|협의체|네트워크|협약|협력\s?체계)[^.\n]{0,6}?(?:구축|구성|체결|맺)"
)
#: '인천 서구 신현원창동 행정복지센터가 …': a district followed by one of its dong offices, also an administrative
#: dong that is no legal dong (so not in the dong gazetteer).
_DISTRICT_DONG_OFFICE = re.compile(
    r"(?:청)?\s[가-힣]{1,6}\d*(?:[·,]\d+)*동(?:\s?(?:주민자치위원회|주민자치회)(?:와|과))?" + _DONG_OFFICE.pattern
)


#: '군자동(동장 황은주)은', '연수3동(주민자치위원회)과': the dong as a body, written with its head or committee.
_DONG_AS_BODY = re.compile(r"\s?\((?:동장|주민자치)[^)]*\)")


_DONATION = re.compile(r"기탁|기부|성금|후원금|이웃돕기")
#: The dong head promising to hand a gift on: the dong office received it (GUIDE: a donation handed to a dong office).
_DONG_HEAD_HANDS_ON = re.compile(r"장(?:은|는)\s[^\n]{0,200}?(?:잘\s?전달하겠|전달하겠|잘\s?전하겠|쓰이도록\s?(?:하겠|최선|잘))")


def dong_offices(text: str, places: list[tuple[Mention, District]]) -> set[str]:
    """A dong office acting ('범물1동행정복지센터(동장 이윤경)는') or receiving a donation ('수완동 행정복지센터에
    기탁했다'), or the dong as a body ('연수3동(주민자치위원회)과 전북 부안군 주산면(…)은 … 협약') acts for its
    district (GUIDE); a venue ('대현동 행정복지센터에서 … 개최') does not."""
    found = set()
    donation = _DONATION.search(text) is not None
    for mention, district in places:
        if donation and re.search(re.escape(text[mention.start:mention.end]) + _DONG_HEAD_HANDS_ON.pattern, text):
            found.add(district.code)  # '박동화 거제4동장은 “… 잘 전달하겠다”': the dong office takes the gift
            continue
        office = _DONG_OFFICE.match(text, mention.end) or _DONG_AS_BODY.match(text, mention.end)
        if not office:
            continue
        if _office_acts(text, office.end()):
            found.add(district.code)
        elif joined_to_acting_partner(text, mention):
            found.add(district.code)
    return found


def _office_acts(text: str, after_office: int) -> bool:
    return any(pattern.match(text, after_office) for pattern in (_OFFICE_SUBJECT, _OFFICE_RECIPIENT, _OFFICE_PARTNER))


def district_dong_offices(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'인천 서구 신현원창동 행정복지센터가 … 이전해': a district's dong office, written after the district, acts for
    it (GUIDE) — also when the dong is an administrative one the dong gazetteer does not hold."""
    found = set()
    for mention, district in mentions:
        office = _DISTRICT_DONG_OFFICE.match(text, mention.end)
        if office and _office_acts(text, office.end()):
            found.add(district.code)
    return found


_DEPUTY_POST = re.compile(r"\s?부구청장(?:에|으로|으로는)\s")


#: '계양구 이승학 신임 부구청장이 20일 취임했다', '대구 동구청 부구청장으로 취임하게 됐다', '동구에 부임해': the
#: deputy head takes office in the district (부구정장: a typo seen in real copy).
_DEPUTY_TAKES_OFFICE = re.compile(
    r"(?:청)?\s?(?:[가-힣]{2,4}\s)?(?:신임\s)?부구[청정]장(?:으로|에|이|은|는|도)?\s[^.\n]{0,20}?취임(?!\s?예정)"
    r"|(?:청)?에\s?부임"
)


def deputy_appointment(text: str, mentions: list[tuple[Mention, District]], lead: tuple[int, int]) -> set[str]:
    """'서울시는 … 구로구 부구청장에 엄의식 … 을 전보 발령했다': a lead that fills one district's deputy head
    post introduces a profile of the new deputy head, which makes the district primary (GUIDE); so does a
    deputy head taking office in one district ('계양구 … 신임 부구청장이 20일 취임했다').  A lead moving the
    deputies of several districts is the city's personnel act (mentioned only)."""
    posts = {d.code for m, d in mentions if lead[0] <= m.start < lead[1] and _DEPUTY_POST.match(text, m.end)}
    if len(posts) == 1:
        return posts
    taking_office = {d.code for m, d in mentions if _DEPUTY_TAKES_OFFICE.match(text, m.end)}
    return taking_office if not posts else set()  # each deputy taking office in his own district



#: The city's mayor as the subject of the sentence ('서병수 부산시장이', '서 시장은'); not a deputy mayor, not a
#: market ('서문시장은', '전통시장이').
_MAYOR_SUBJECT = re.compile(
    r"(?:(?:서울|부산|대구|인천|광주|대전|울산)(?:특별|광역)?|(?<![가-힣])[가-힣]{1,3}\s)시장(?:이|은|도)\s"
)
#: The district as a whole is visited ('수영구를 찾아', '수영구의 현안 지역을 방문하고'); a site in it is a
#: place ('동대문구 용두역 일대 현장을 방문': mentioned).
_VISITED = re.compile(
    r"(?:청)?(?:을|를|에)?\s?(?:방문|순방|찾아|찾았|찾는다)|(?:의)?\s?(?:현안|주요 현안)\s?[^.\n]{0,10}?(?:방문|순방|찾아)"
    r"|에서\s?현장\s?시장실"  # '권영진 시장은 2일 남구에서 현장시장실을 열고'
    # '종로구를 시작으로 20개 자치구를 돌며', '동구를 시작으로 3월까지 5개 구를 찾아', '중구를 시작으로 … 5개 구군을 순회하며'
    r"|(?:을|를)\s?시작으로\s[^.\n]{0,30}?(?:자치구|구·군|구군|구)(?:를|을)\s?(?:돌며|순회|방문|찾아|찾는)"
    # the district's residents met as such: '… 중구 구민 120여명이 참석한 가운데 경청토론회를 개최했다'
    r"|\s?(?:구민|주민)(?:들)?\s?[^.\n]{0,16}?(?:참석한\s가운데|을\s대상으로|과\s함께|과의|와의)[^.\n]{0,30}?"
    r"(?:토론회|간담회|대화|설명회|소통)"

)


def mayor_visits(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """The city mayor's visit to a district (GUIDE: the district as a whole is reported on): the mayor is the
    subject earlier in the same sentence and the visit verb follows the district ('서병수 부산시장이 … 수영구의
    현안 지역을 방문하고')."""
    found: set[str] = set()
    for mention, district in mentions:
        subject = _MAYOR_SUBJECT.search(text, sentence_start(text, mention.start), mention.start)
        if subject and _VISITED.match(text, mention.end):
            found.add(district.code)
    return found
