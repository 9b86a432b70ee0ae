"""Election articles partitioned by district: every district whose race is reported is primary.

The GUIDE makes a district primary when its head's office is the race reported on (its candidates,
applicants, winners).  Election roundups name one race after another without a subject particle:

- the office as a slot filled by names: '중구청장으로 강희은 … 부의장과 …, 영도구청장으로는 김철훈 …',
  '서구청장에는 정진영 전 서구의원과 …' (a party's applicants, a result list);
- the race itself: '북구청장 선거에서는 … 문인 후보가 77.21%로';
- the district as the topic of a result: '동구는 임택, 서구는 서대석 …', '동구는 67.8%의 투표율을 보인
  가운데 유태명 후보가', or a caption line '동구 임택, 서구 서대석, 남구 김병내';
- a district with its candidate's name in parentheses: '종로구(김영종), 중구(서양호) … 등에서 승리했다'.
- a matchup line opened by the district and its candidates' parties: '영도, 민주 김철훈 청장과 국힘 김기재 …'.

These fire only in an article about a race for district heads (선거, 경선, 공천, 후보, 당선 or 출마, and 구청장 or
기초단체장 named in title or body), and never on a former head's career line ('김철훈 전 영도구청장', see actors.is_former_head).
"""

from __future__ import annotations

import re

from crawler.districts.actors import is_former_head
from crawler.districts.clauses import joined_runs
from crawler.districts.sentences import sentence_start
from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention
from crawler.districts.shortforms import PARTY

_ELECTION_WORDS = re.compile(r"선거|경선|공천|후보|당선|출마|지선")
#: The race must be for district heads: a 국회의원 or 시의원 roundup names districts as constituencies.
_HEAD_RACE_WORDS = re.compile(r"구청장|기초단체장|단체장")
#: '중구청장으로 강희은', '영도구청장으로는 김철훈', '서구청장에는 정진영': the office as a slot for names.
#: Slots that need no clause start: '동구청장 후보는 남진근 시의원과', '중구청장 공천에는 ▲육상래', '유성구청장에 정용래 현
#: 청장' (a candidate with his 현/전 title).
_STRONG_SLOT = re.compile(
    r"청장\s?(?:후보|공천|선거|경선)\s?(?:에는|으로는|에|은|는)\s+(?:[▲△]\s?)?[가-힣]{2,4}(?:\s|,|씨|후보)"
    r"|청장(?:에|으로|에는)\s[가-힣]{2,4}\s(?:현|전)\s"
)
_OFFICE_SLOT = re.compile(
    r"청장(?:으로는|으로|에는|에|은|는)\s+[가-힣]{2,4}(?:\s|,|씨|후보)"
    r"|청장\s+[가-힣]{2,4}\s?(?:,|후보)"  # a bare slot in a list: '중구청장 김광신, 서구청장 서철모'
)
#: '북구청장 선거에서는', '동구청장 보궐선거는': the race as the topic (a career line has no such particle).
_RACE = re.compile(
    r"청장(?:\s?(?:,|와|과|및)\s?[가-힣]{1,5}구청장)*"  # '남구청장, 북구청장 선거는': offices sharing one race word
    r"\s*(?:보궐|재)?\s?선거(?:에서는|에선|에서|에는|는|가|에|의)(?![가-힣])"
)
#: '동구는 임택,', '서구는 서대석 후보가', '동구 임택,' (a result caption): the district as the topic of a result.
#: Also '동구는 김대연 전 … 보좌관과 …' (the name before a 전/현 title).
_RESULT_TOPIC = re.compile(
    r"(?:는|은|에서는)?\s(?P<name>[가-힣]{2,4})(?:\(\d{2}\))?(?:\s*(?:후보|씨|당선인|당선자)|\s(?:전|현)\s|,|\s*$|\n)"
)
#: Words that follow a district as a place or its people, never as a candidate's name ('동구 일대,').
_NOT_A_NAME = ("일대", "일원", "전역", "지역", "관내", "주민", "구민", "관계자", "지역구", "선거구")
_TOPIC = re.compile(r"(?:는|은|도|에서는)(?![가-힣])")
#: '동구에서는', '동구 지역에서만', '중구와 동구에서도' (districts co-ordinated before the place particle).
_WHERE_TOPIC = re.compile(r"(?:\s?(?:와|과|,|·)\s?[가-힣]{1,5}구)*(?:\s?지역)?(?:에서는|에서도|에서만|에선)(?![가-힣])")
#: '종로구(김영종), 중구(서양호) …에서 승리했다': a district with its candidate's or winner's name in parentheses.
_NAME_IN_PARENS = re.compile(r"\(\s*[가-힣]{2,4}\s*\)")
_RESULT_WORDS = re.compile(r"후보|당선|득표|투표율|경선|공천|대결|승리|낙선|탈환|접전|압축|파전|출마|수성")
#: Clause starts; '당선됐고 남구에서는' (a connective ending), bullets ('■ 중구 - …') and a co-ordinated result ('북구 이동권
#: 당선자와 동구 정천석 당선자는') open a clause too.
_CLAUSE_START = re.compile(
    r"(?:^|\n|다\.|[.。]\s|,|그리고|또|이밖에|한편|마지막으로|따르면|보면|(?:했|됐|였|았|었)고|[▲△■□◆◇●○▶▷]"
    r"|(?:당선자|당선인|후보)(?:와|과))\s*$"
)
#: '■ 중구 - 민주 홍인성, 국힘 김정헌', '▲ 동구-민주 남궁형': a race's slot in a matchup list.
_DASH_SLOT = re.compile(r"\s?[-–]\s?(?:[가-힣]{2,6}\s)?[가-힣]{2,4}(?:,|\s|$)")
#: '부산진구, 북구, 영도구 등 4개 구에서는 … 공천': a list of races closed by a count.
_COUNTED_RACES = re.compile(
    r"(?:\s?[,·]\s?[가-힣]{1,5}[구군])*\s?등\s?\d+\s?(?:개\s?)?(?:구|구·군|곳)(?:에서는|에서|는|은)"
)
#: '남구는 김정식(민) 전 …': a district as the topic of its candidates, each with a party's one-letter mark.
_PARTY_SLOT = re.compile(r"(?:는|은|에서는)\s[가-힣]{2,4}\s?\((?:민|한|바|정|국|무|새|더|통|자|진|평)\)")

#: '중구, 민주 문창무 시의원과 국힘 최진봉 청장의 대결', '사하는 민주 김태석 청장에 …': a line of a matchup roundup.
_PARTY_LEAD = re.compile(rf"[ \t]*(?:!|,|는|은|에선|에서는)[ \t]*{PARTY}\s")


def is_election_article(texts: dict[str, str]) -> bool:
    """An article about a race for district heads (구청장, 기초단체장)."""
    text = (texts.get("title") or "") + "\n" + (texts.get("body") or "")
    return bool(_ELECTION_WORDS.search(text) and _HEAD_RACE_WORDS.search(text))


def _opens_clause(text: str, mention: Mention) -> bool:
    start = mention.start_with_city(text)
    before = text[max(0, start - 12):start]
    return bool(_CLAUSE_START.search(before) or _MODIFIER_BEFORE.search(before))


#: A district after an adnominal modifier opens its clause too: '인구가 가장 많은 달서구는', '표심이 몰린 동구 지역에서만'.
_MODIFIER_BEFORE = re.compile(r"[가-힣](?:던|된|한|은|는|인|운|린)\s$")


_SENTENCE_END = re.compile(r"다\.|\.\s|\n")


def _sentence_after(text: str, position: int) -> str:
    end = _SENTENCE_END.search(text, position)
    return text[position: end.start() if end else len(text)]


#: '남구청장의 경우 …', '해운대구청장에도 …', '서구청장 선거도 …': the office as the topic of a sentence that reports the
#: race's result ('… 후보가 … 누르고 당선됐다'); both halves are needed, so a head merely named in an election
#: article ('북구청장은 기자회견에서') is not read as a race.
_OFFICE_TOPIC = re.compile(
    r"청장(?:의\s?경우|에도|에는|도|\s?(?:보궐|재)?선거(?:도|에서도|에선|에서는|는))(?![가-힣])")
#: Two districts sharing one office word in a race: '대구 동구와 북구청장 보궐 선거' (the first district's race too).
_SHARED_OFFICE_RACE = re.compile(r"(?:와|과)\s[가-힣]{1,4}구청장\s?(?:보궐|재)?\s?선거")
_WON = re.compile(r"후보[^.]{0,80}?(?:당선|누르|물리치|물리쳤|제치|제쳤|따돌|꺾|승리|차지|저지)")
#: '남구와 동구, 울주군에서 한나라당 김두겸, 정천석, 신장열 후보가 당선돼': co-ordinated races as the place of a result.
_WHERE_WON = re.compile(r"(?:\s?(?:와|과|,|·)\s?[가-힣]{1,5}[구군])*(?:\s?지역)?에서(?![가-힣])")


#: '◆노원구' or '[중구]' alone on its line: the heading of the district's block in a roundup of races.
_HEADING_BEFORE = re.compile(r"[ \t]*[◆◇■□▲△▶▷●○\[<【]?[ \t]*")
_HEADING_AFTER = re.compile(r"[ \t]*[\]>】]?[ \t]*(?:\n|$)")


def _is_heading(text: str, mention: Mention) -> bool:
    start = mention.start_with_city(text)
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_HEADING_BEFORE.fullmatch(text, line_start, start) and _HEADING_AFTER.match(text, mention.end))


def _is_race(text: str, mention: Mention) -> bool:
    if is_former_head(text, mention):
        return False
    if _is_heading(text, mention):
        return True
    topic = _OFFICE_TOPIC.match(text, mention.end)
    if topic and _WON.search(_sentence_after(text, topic.end())):
        return True
    if _SHARED_OFFICE_RACE.match(text, mention.end):  # '대구 동구와 북구청장 보궐 선거가'
        return True
    where_won = _WHERE_WON.match(text, mention.end)
    if where_won and _WON.search(_sentence_after(text, where_won.end())):
        return True
    if _RACE.match(text, mention.end) or _NAME_IN_PARENS.match(text, mention.end) or _STRONG_SLOT.match(text, mention.end):
        return True
    if _PARTY_SLOT.match(text, mention.end):
        return True
    where = _COUNTED_RACES.match(text, mention.end) or _WHERE_TOPIC.match(text, mention.end)
    if where and _RESULT_WORDS.search(_sentence_after(text, where.end())):  # '연수구에서는 … 후보가 … 되찾았다'
        return True
    if not _opens_clause(text, mention):
        return False
    if _DASH_SLOT.match(text, mention.end) or _PARTY_LEAD.match(text, mention.end):
        return True
    result = _RESULT_TOPIC.match(text, mention.end)
    if _OFFICE_SLOT.match(text, mention.end) or (result and not result["name"].endswith(_NOT_A_NAME)):
        return True
    topic = _TOPIC.match(text, mention.end)
    return bool(topic and _RESULT_WORDS.search(_sentence_after(text, topic.end())))


#: A list of races closed by their count: '종로, 중구, 용산, … 강동구 등 17곳에서 승리했다', '중구·동구·…·달서구·달성군 등
#: 대구 8개 기초단체장 가운데'.
_RUN_JOIN = re.compile(r"(?:구)?\s?[,·ㆍ]\s?")
_RUN_COUNTED = re.compile(
    r"(?:구)?(?:\s?[,·ㆍ]\s?[가-힣]{1,4}군)*\s?(?:등\s?)?(?:[가-힣]{2}\s)?\d{1,2}\s?(?:곳|개\s?(?:자치)?구|개\s?(?:기초단체장|구청장))"
)


def _counted_runs(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    found: set[str] = set()
    for run in joined_runs(text, mentions, _RUN_JOIN):  # ``mentions``: the body's only
        closed = _RUN_COUNTED.match(text, run[-1][0].end)
        counted_offices = closed is not None and re.search(r"단체장|구청장", closed.group(0)) is not None
        if len(run) >= 2 and closed and (counted_offices or _RESULT_WORDS.search(_sentence_after(text, closed.end()))):
            found.update(d.code for _, d in run)
    return found


#: '다시 당선된 현역 구청장은 12명으로 김영종 종로구청장·성장현 용산구청장·…': heads named in a list joined by '·' or ',',
#: after a sentence start that reports them elected.
_HEAD_JOINT = re.compile(r"청장\s?[·ㆍ,]\s?[가-힣]{2,4}\s")
_ELECTED_BEFORE = re.compile(r"당선[^.\n]{0,40}?\s[가-힣]{2,4}\s$")


def _elected_head_lists(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    found: set[str] = set()
    for run in joined_runs(text, mentions, _HEAD_JOINT):
        if len(run) < 3:
            continue
        first = run[0][0]
        if _ELECTED_BEFORE.search(text, sentence_start(text, first.start), first.start_with_city(text)):
            found.update(d.code for _, d in run)
    return found


def race_districts(texts: dict[str, str], mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts whose race an election article reports, one clause per district or a counted list of races."""
    if not is_election_article(texts):
        return set()
    body = [(m, d) for m, d in mentions if m.field == "body"]
    return ({d.code for m, d in mentions if _is_race(texts[m.field], m)} | _counted_runs(texts["body"], body)
            | _elected_head_lists(texts["body"], body))


#: Former heads running for their old office again: '전직 구청장들이 … 구청장 탈환에 나섰다', '… 구청장 재도전을 선언'.
_COMEBACK = re.compile(r"(?:전직|전)\s?구청장(?:들)?[^.\n]{0,80}?(?:출마|탈환|재도전|재출마|출사표)|구청장\s?(?:탈환|재도전|재출마)")
#: '김철훈 전 영도구청장은 "…"': the former head speaking as the subject of his bid.
_FORMER_SPEAKS = re.compile(r"청장(?:은|는|이|가)\s")


def comeback_bids(texts: dict[str, str], resolved: list[tuple[Mention, District]]) -> set[str]:
    """In an article about former heads running again, each former head who speaks for his bid is his office's race
    (GUIDE: a race for the office makes the district primary); elsewhere '전 X구청장' stays a career line."""
    if not is_election_article(texts) or not any(_COMEBACK.search(text) for text in texts.values()):
        return set()
    return {d.code for m, d in resolved if m.field == "body" and is_former_head(texts["body"], m)
            and _FORMER_SPEAKS.match(texts["body"], m.end)}
