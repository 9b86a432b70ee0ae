"""Partners of a district in a joint act, when the grammar does not put a district after the particle.

- A non-district partner carries the subject particle: '대구 중구(구청장 류규하)와 전라남도 화순군(군수
  구복규)은 … 협약식을 개최했다', '서울 중구(구청장 김길성)와 전북 부안군(군수 권익현)이 … 협약을 맺었다', also
  through one of the district's dongs: '수성구 수성1가동과 청도군 금천면은 … 자매결연 협약식을 갖고'.
  The district joined to it by 와/과 is a co-subject of the clause.  The partner must look like a body that can
  act: its head named in parentheses, or a name ending in an institution word (군, 시, 공사, 대학교 …); a verb
  or adjective in between ('인접한 광명시는') is no partner phrase.
- Partners listed in parentheses after a count: '3개구(동구, 북구, 달서구)와 업무협약을 맺었다'.
- A partner named right before the agreement: '충북 옥천군이 최근 부산 동래구와 자매결연을 체결하고' (read in the
  lead only: a history of past agreements further down names partners, not parties of this article's act).
"""

from __future__ import annotations

import re

from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention
from crawler.districts.sentences import sentence_start

_JOINED = re.compile(
    r"(?:청장|청|의회)?\s*(?:\([^)]*\))?(?:\s[가-힣0-9]{1,6}동(?:주민센터|행정복지센터)?(?:\([^)]*\))?)?\s*(?:와|과)\s+")
_PARTNER_PHRASE = re.compile(
    r"(?P<words>(?:[가-힣A-Za-z0-9·㈜&()+]+\s){0,3})(?P<last>(?:\(주\))?[가-힣A-Za-z0-9·㈜&+]+)(?P<paren>\([^)]*\))?\s?"
    r"(?:은|는|이|가)(?=\s)"
)
_INSTITUTION_END = (
    "군", "시", "도", "청", "공사", "공단", "재단", "협회", "센터", "은행", "병원", "대학교", "대학", "학교", "위원회", "본부",
    "회사", "기관", "조합", "연합회", "협의회", "그룹", "의회", "대", "사업단", "면", "읍",
)
#: A company ('㈜카카오', '(주)한화') or a Latin-lettered name ('CJ ENM', 'KT').
_COMPANY = re.compile(r"㈜|\(주\)|^[A-Z][A-Za-z0-9&]+$")
#: Word endings of verbs/adjectives and case particles: such a word makes the phrase a clause, not a name.
_NOT_A_NAME_END = ("한", "된", "던", "는", "은", "인", "할", "될", "을", "를", "의", "에", "서", "고", "며", "로")
_PAREN_TAIL = re.compile(r"(?:\s*[,·ㆍ]\s*[가-힣]{1,6})*\s*\)\s*(?:와|과)(?![가-힣])")


def joined_to_acting_partner(text: str, mention: Mention) -> bool:
    """'X구(구청장 A)와 Y군(군수 B)은': the district is joined by 와/과 to a non-district partner that is a subject."""
    joined = _JOINED.match(text, mention.end)
    if not joined:
        return False
    phrase = _PARTNER_PHRASE.match(text, joined.end())
    if not phrase:
        return False
    words = phrase["words"].split()
    if any(word.endswith(_NOT_A_NAME_END) for word in words):
        return False
    last = phrase["last"]
    institution = last.endswith(_INSTITUTION_END) and not last.endswith(_NOT_A_NAME_END[:4])
    people = last == "명" or last.endswith("들")  # '중구청장과 직원 100여 명이', '… 주민들이': a headcount
    return bool(phrase["paren"]) or institution or people or _COMPANY.search(last) is not None


def in_partner_parenthesis(text: str, mention: Mention) -> bool:
    """'3개구(동구, 북구, 달서구)와': the district is listed in a parenthesis that is a partner of 와/과."""
    opening = text.rfind("(", max(0, mention.start - 30), mention.start)
    if opening < 0 or ")" in text[opening:mention.start]:
        return False
    return bool(_PAREN_TAIL.match(text, mention.end))


#: '부산 동래구와 자매결연을 체결하고', '서울 마포구와 우호교류 협약을': the district is the other party; also
#: through one of its dongs ('서울 성북구 성북동(동장 …)과 자매결연': a dong acts for its district) and with up to
#: three modifier words before the agreement noun ('강남구와 상호발전을 위한 자매결연').
_PARTY_OF_AGREEMENT = re.compile(
    r"(?:청|의회)?\s*(?:\([^)]*\))?(?:\s[가-힣0-9]{1,6}동(?:\([^)]*\))?)?\s*(?:와|과)(?:는|도)?\s*(?:[가-힣]{1,6}\s){0,3}"
    r"(?:자매결연|자매도시|우호교류|우호협력|우호도시|업무협약|협약|교류협약|상생협약|MOU)"
    # a quoted agreement name ending in its kind: '영도구와 ‘봉산마을 행복주택 건설사업 실시협약’을 체결'
    r"|(?:청|의회)?\s*(?:와|과)\s*[‘'\"“「『]\s*(?:[가-힣A-Za-z0-9·]{1,10}\s){0,5}[가-힣]{0,6}(?:협약|결연)\s*[’'\"”」』]"
)
#: '동구는 중구와 서구, 영도구와 부산진구과 함께 … 협의체를 구성했다': districts listed as the subject's companions in a
#: joint body or agreement (the list closes with 함께 and the act follows in the same sentence).
_COMPANIONS = re.compile(
    r"(?:와|과)?(?:\s?[,·]?\s?[가-힣]{1,5}구(?:와|과)?)*\s?함께\s[^.\n]{0,40}?(?:협약|협의체|협의회|공동선언|결연)"
    r"[^.\n]{0,12}?(?:구성|체결|맺|출범|발족|선포)"
)


def agreement_partner(text: str, mention: Mention) -> bool:
    """Is the district the other party of the agreement named right after it ('동래구와 자매결연을 체결')?"""
    return _PARTY_OF_AGREEMENT.match(text, mention.end) is not None


def companions(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts listed as companions in a joint body or agreement ('… 중구와 서구, 영도구와 부산진구과 함께 … 협의체를
    구성했다'), anywhere in the text: the act names them as parties, not as places."""
    return {district.code for mention, district in mentions if _COMPANIONS.match(text, mention.end)}


#: The agreement concluded in the same sentence: '… 계양구(구청장 윤환)과는 자매결연 협약을 체결하고'.
_CONCLUDED = re.compile(r"[^.\n]{0,40}?(?:체결|맺)")


def agreement_counterparties(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """The other party of an agreement concluded anywhere in the text ('한편 남구는 26일 인천 계양구(구청장 A)과는
    자매결연 협약을 체결하고'), not only in the lead: every party district is primary (GUIDE)."""
    found = set()
    for mention, district in mentions:
        party = _PARTY_OF_AGREEMENT.match(text, mention.end)
        if party and _CONCLUDED.match(text, party.end()) and not _background_tie(text, mention):
            found.add(district.code)
    return found


#: An earlier or standing tie told as background ('2012년 … 자매결연을 맺고', '앞서 …', '… 협약을 맺고 있다',
#: '관악구와의 자매결연 체결을 시작으로'): not this article's agreement.
_BACKGROUND = re.compile(r"\d{4}년|앞서|시작으로|맺고\s?있|맺어\s?왔|이어오|지난\s?\d{1,2}월|(?:와|과)의\s")


def _background_tie(text: str, mention: Mention) -> bool:
    start = sentence_start(text, mention.start)
    end = text.find("다.", mention.end)
    return _BACKGROUND.search(text, start, len(text) if end < 0 else end) is not None


#: '자매도시 서울 마포구를 방문하여', '자매 친선도시인 광주 동구를 방문하고': a sister district visited ...
_SISTER_BEFORE = re.compile(r"자매\s?(?:도시|결연\s?도시|결연지|친선도시|결연\s?자치구)(?:인|이자)?\s?$")
_VISITED = re.compile(r"(?:청)?(?:을|를)\s?(?:방문|찾)")


def visited_sisters(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """A sister district visited by another district's delegation: a reciprocal visit makes both parties primary
    (GUIDE, test-v14); the visitor is found as the subject by the other rules."""
    return {d.code for m, d in mentions
            if _VISITED.match(text, m.end) and _SISTER_BEFORE.search(text, max(0, m.start_with_city(text) - 14),
                                                                     m.start_with_city(text))}
