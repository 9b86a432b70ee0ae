"""Associations of districts (서울시구청장협의회, 전국 시장·군수·구청장협의회) acting as such.

GUIDE: an association electing its chair, meeting or adopting a statement makes no district primary, even when the
chair is the grammatical subject; only a district that announces it (or hosts its meeting) is.  The tagger asks
:func:`is_association_business` first and then reads only announcers (clauses.announcers).
"""

from __future__ import annotations

import re

_ASSOCIATION = r"(?:협의회|구청장협|시군구협|구청장군수협)"
#: A chair elected ('회장으로 선출'): the association's business only when an association is named near it — '정미향 신임
#: 부녀회장을 비롯한 임원진을 새로 선출해' is a dong women's club's (the dong office announcing it acts).
_CHAIR_ELECTED = re.compile(r"(?:회장|대표회장|협의회장)\s*(?:직을|직|으로|에|을|를)?[^\n.]{0,20}?(?:선출|추대|선임|연임|재선임)")
_ASSOCIATION_NAMED = re.compile(_ASSOCIATION)
_ASSOCIATION_BUSINESS = re.compile(
    # not a recipient ('…회장에게 상을'), a career list ('…협의회 회장 등') nor a background fact ('행정협의회 회장을
    # 맡고 있다': a sister-city article saying who chairs what)
    _ASSOCIATION + r"(?:장)?\s*(?:새|신임)?\s*(?:회장|대표회장)(?![)]|에게|께|\s?등|을,|을\s?맡고\s?있|을\s?맡은)|"
    + _ASSOCIATION + r"(?:를|을)?\s*(?:이끈다|이끌게|이끌어)|"
    + _ASSOCIATION + r"장\s*(?:임기|직)[^\n.]{0,10}?(?:마쳐|마쳤|마치|마무리|퇴임|이임)"  # the chair's term ends
)


#: An association of district heads ('서울시구청장협의회', '전국 시장·군수·구청장협의회', '대전시 구청장협의회').
_HEADS = r"(?:구청장\s?(?:[·ㆍ]?\s?군수\s?)?협의회|구청장협|시군구협|단체장\s?협의회)"
HEADS_ASSOCIATION = re.compile(_HEADS)
#: The association itself as the lead's subject: its meeting, its statement (GUIDE: the association acts).
_ASSOCIATION_AS_SUBJECT = re.compile(_HEADS + r"[’'\"”」』]?\s?(?:\([^)]*\)\s?)?(?:가|는|은|이)\s")
#: The association's meeting as what someone held: '부산 중구에서는 … ‘…구청장협의회’를 개최했다'.
_ASSOCIATION_HELD = re.compile(_HEADS + r"[^.\n]{0,12}?[’'”」』]?(?:를|을)\s?(?:개최|열었|열고)")
#: The association's meeting as the event where the heads are: '범어동 … 에서 열린 대구시 구청장·군수협의회에 참석한'.
_ASSOCIATION_EVENT = re.compile(r"열린\s[^.\n]{0,30}?" + _HEADS + r"[’'”」』]?\s?(?:에|에서)\s")
_ASSOCIATION_MEETS = re.compile(r"열린다|열렸다|열고|개최|회의|총회|성명|채택|건의|촉구")
_OFFICERS_ELECTED = re.compile(r"(?:부회장|회장|사무총장|감사)(?:에는|으로는|에|으로|은|는)?[^\n.]{0,80}?(?:선출|추대|선임)")


#: A chair held, not taken: '… 지방정부협의회 회장, 인천자치분권민주지도자회의 상임대표 등을 맡고 있다' (a profile).
_HOLDS = re.compile(r"[^.\n]{0,60}?(?:맡고\s?있|역임|지냈|지낸)")


def _background(body: str, end: int) -> bool:
    return _HOLDS.match(body, end) is not None


def is_association_business(title: str, body: str, lead: str) -> bool:
    """An association's own business: its chair elected near the top, the association meeting as the subject of the
    lead (``lead``: the lead sentence) or in the title, or an association of heads named at the top whose officers
    are elected further down ('부회장에는 문석진 서대문구청장, … 선출됐다')."""
    if _ASSOCIATION_BUSINESS.search(title) or any(not _background(body, found.end())
                                                  for found in _ASSOCIATION_BUSINESS.finditer(body[:300])):
        return True
    if _ASSOCIATION_NAMED.search(title + body[:300]) and (
            _CHAIR_ELECTED.search(title) or any(not _background(body, found.end())
                                                for found in _CHAIR_ELECTED.finditer(body[:300]))):
        return True
    if _ASSOCIATION_AS_SUBJECT.search(lead) and _ASSOCIATION_MEETS.search(lead):  # '‘…구청장협의회’가 … 열린다'
        return True
    if _ASSOCIATION_EVENT.search(body[:300]) and not _JOINT_ACT.search(lead):
        return True  # a photo line or lead at the association's meeting: '… 열린 대구시 구청장·군수협의회에 처음 참석한'
    if _ASSOCIATION_HELD.search(lead) and not _JOINT_ACT.search(lead):  # '부산 중구에서는 … 구청장협의회’를 개최했다'
        return True
    if HEADS_ASSOCIATION.search(title) and _ASSOCIATION_MEETS.search(title) and not _JOINT_ACT.search(lead):
        return True  # '제31차 … 구청장협의회 개최' (not the heads meeting as co-subjects: '5개 구청장이 … 개최했다')
    named = HEADS_ASSOCIATION.search(title) or HEADS_ASSOCIATION.search(body[:300])
    return bool(named and _OFFICERS_ELECTED.search(body))


#: The heads (or councils) of several districts as the subject of their own joint act: '5개 구청장은 … 공동으로 건의할
#: 예정이다', '광주광역시와 5개 자치구의회가 … 뜻을 모았다' (GUIDE: co-subjects of their own joint act are primary).
_JOINT_ACT = re.compile(
    r"\d+\s?개\s?(?:자치)?구(?:\s?구청장|청장|의회|의회\s?의장)?(?:들)?(?:은|는|이|가|와|과)\s[^.\n]{0,80}?"
    r"(?:(?:공동|함께)[^.\n]{0,40}?(?:했다|할 예정|한다|키로|하기로|나가기로)|뜻을 모았|합의했|합의하|선언했|결의했|건의했|건의할"
    r"|(?:협의회|회의|간담회)[^.\n]{0,10}?(?:를|을)\s?(?:개최|열))"  # '광주 5개 구청장이 19일 마지막 구청장협의회를 개최했다'
)


def joint_members(text: str, mentions: list, organ_after) -> set[str]:
    """When heads or councils act jointly, every district whose head or council is named is a party.

    ``organ_after(text, mention)``: is the mention followed by its head or its council's chair."""
    if not _JOINT_ACT.search(text):
        return set()
    return {d.code for m, d in mentions if organ_after(text, m)}


#: An agenda item closed by the district that tabled it: '△… 시행령 개정 건의(도봉구) △… 지급 제안(노원구)'.
_TABLED_BY = re.compile(r"(?<=[가-힣A-Za-z0-9’'”」)])\($")
#: The item opens with a bullet: the meeting's agenda listed ('△자치구 일반조정교부금 확대를 위한 … 건의(도봉구)').
_BULLETED_ITEM = re.compile(r"[△▲□■○●]\s?[^△▲□■○●\n]{2,80}$")


def tabled_items(text: str, mentions: list) -> set[str]:
    """Districts that table their own items at an association's meeting (GUIDE: each district tabling its own item
    at a meeting of districts is primary), written in parentheses after a bulleted agenda item; a quoted earlier item
    under review ('지난 건의사항인 ‘…(사하구)’') is no bullet."""
    if "안건" not in text:
        return set()
    return {d.code for m, d in mentions
            if _TABLED_BY.search(text[max(0, m.start - 2):m.start]) and text.startswith(")", m.end)
            and _BULLETED_ITEM.search(text[max(0, m.start - 90):m.start - 1])}


#: The meeting held at a district's office ('지난 8일 북구청에서 회의를 개최하고') ...
_AT_OFFICE = re.compile(r"청에서\s")
#: ... and that district's head speaking ('배광식 북구청장은 “…'): the host (GUIDE: a district hosting the meeting).
_HEAD_SPEAKS = re.compile(r"청장(?:은|는|이|가)\s?[“\"‘']")


def speaking_hosts(text: str, mentions: list) -> set[str]:
    """A district whose office hosts the association's meeting and whose head speaks there is the host, primary."""
    at_office = {d.code for m, d in mentions if _AT_OFFICE.match(text, m.end)}
    return {d.code for m, d in mentions if d.code in at_office and _HEAD_SPEAKS.match(text, m.end)}
