"""Districts acting as listed or paired subjects, and a roundup block's quoted headline.

Read from the real corpus's tuning batches and seen test splits (rounds 12-13): a short form owning its named head
('금천의 유성훈 구청장 당선인은'), lists of districts closed by 등 as the subject ('종로구·용산구·양천구 등이 …',
'부산시와 북구, 사하구, 강서구, 사상구 등 서부산권 4개 지자체는'), a district beside its city ('대구시와 중구는 …') or
tabling its own item ('은평구에서 제안한 …'), and a district heading a roundup's block with a quoted headline.  The
clause grammar they share lives in clauses.py.
"""

from __future__ import annotations

import re

from crawler.districts.clauses import clause_start, joined_runs
from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention


#: A roundup's block headline: '울산 중구, “선선한 가을바람 맞으며 …”···종갓집 중구 태화강 달리기 행사' (no sentence).
_QUOTED_HEADLINE = re.compile(
    r"[ \t]*(?:[가-힣]{2,3}(?:특별시|광역시|시)?\s)?[가-힣]{1,5}구(?:청)?\s?,\s?[“\"‘'][^\n]{5,90}?[ \t]*"
)


def quoted_block_headlines(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Each district heading a block with a quoted headline line (a district-news roundup's second item)."""
    found: set[str] = set()
    for mention, district in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if _QUOTED_HEADLINE.fullmatch(line) and not re.search(r"다[.”\"’']*\s*$", line):
            found.add(district.code)
    return found


#: '금천의 유성훈 구청장 당선인은': the district, then its head named after it, as the subject.
_OWNED_HEAD_SUBJECT = re.compile(r"의\s[가-힣]{2,4}\s(?:구)?청장(?:\s?당선[인자])?(?:은|는|이|가)(?![가-힣])")


def owned_heads(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """A head introduced by the district that owns him or her ('종로의 정문헌 구청장 당선인은'): the district acts."""
    return {d.code for m, d in mentions if _OWNED_HEAD_SUBJECT.match(text, m.end)}


#: '종로구·용산구·양천구 등이 인수위원회를 꾸렸다': a list of districts closed by 등 and a subject particle.
#: Also '마포·은평·서대문구 등 서북 3구는': 등 and the group's name, then the particle.
_LIST_CLOSED_AS_SUBJECT = re.compile(
    r"\s?등(?:\s[가-힣]{0,4}\s?\d\s?(?:개\s?)?(?:자치구|구|지자체|자치단체|기초단체|구·군|곳))?(?:이|은|는|도|가)(?![가-힣])"
)
_LIST_JOINT = re.compile(r"\s?[·ㆍ,]\s?|(?:와|과)\s")
#: '서울 자치구에 따르면 종로구·용산구 …' (a city prefix may sit between); '부산시와 북구, 사하구 … 등 4개 지자체는'.
#: '부산시는 영도구와 중구, 서구, 강서구 등 4곳이 … 선정됐다고 밝혔다': the districts are the reported clause's subject.
_AFTER_SOURCE = re.compile(r"(?:따르면\s|(?:시|광역시|특별시)(?:와|과|는|은)\s)(?:[가-힣]{2,3}\s)?$")


def listed_subjects(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Two or more districts listed as 'X·Y·Z 등이 …': each acts (districts such as these did it), unlike a bare
    district opening a comparison ('서초구와 송파구는 각각 …', see clause_subjects)."""
    subjects: set[str] = set()
    for run in joined_runs(text, mentions, _LIST_JOINT):
        first = run[0][0]
        opens = clause_start(text, first) or _AFTER_SOURCE.search(text[max(0, first.start - 20):first.start])
        if len(run) >= 2 and _LIST_CLOSED_AS_SUBJECT.match(text, run[-1][0].end) and opens:
            subjects.update(d.code for _, d in run)
    return subjects


#: '대구시와 중구는 … 밝혔다': the district beside its city as the subject (a co-actor, not a place).
_WITH_CITY_BEFORE = re.compile(r"(?<![가-힣])[가-힣]{2,3}(?:시|광역시|특별시)(?:와|과)\s$")
_SUBJECT_AFTER = re.compile(r"(?:청)?(?:는|은|이|가)\s")
#: '은평구에서 제안한 …', '용산구가 건의한 …': a district tabling its own item at someone else's meeting.
_TABLED = re.compile(r"(?:청)?(?:에서|이|가)\s(?:제안|건의|상정|요청)한\s")


def co_actors_with_city(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """A district joined to its city as the subject ('대구시와 중구는 16일 … 열린다고 밝혔다'), and a district
    tabling its own item ('은평구에서 제안한 … 건의'): the district acts."""
    return {d.code for m, d in mentions
            if (_WITH_CITY_BEFORE.search(text, max(0, m.start - 8), m.start) and _SUBJECT_AFTER.match(text, m.end))
            or _TABLED.match(text, m.end)}


_PAIR_JOINT = re.compile(r"\s?(?:와|과)\s")
_PAIR_SUBJECT = re.compile(r"(?:청)?(?:는|은|이|가)\s")
#: What two parties do together: '… 방안을 논의했다', '교류를 이어가기로 합의했다', '… 협약을 체결했다'.
_JOINT_ACT = re.compile(r"[^.\n]*?(?:논의|협의|합의|교류|협력|체결|맺|손잡|머리를 맞)[^.\n]*?다[.\s]")


def paired_parties(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'울산 중구와 광주 동구는 … 협력 강화 방안을 논의했다': two districts, each written with its city, joined as the
    subject of a joint act are both parties (GUIDE: joint agreements, a reciprocal visit).  Bare pairs stay out:
    '서초구와 송파구는 각각 …' is a comparison as often."""
    subjects: set[str] = set()
    for run in joined_runs(text, mentions, _PAIR_JOINT, from_city=True):
        if len(run) < 2 or len({d.code for _, d in run}) < 2 or not all(m.prefix_city for m, _ in run):
            continue
        last = run[-1][0]
        if clause_start(text, run[0][0]) and _PAIR_SUBJECT.match(text, last.end):
            if _JOINT_ACT.match(text, last.end):
                subjects.update(d.code for _, d in run)
    return subjects
