"""Articles that report on districts as wholes, or in which a district speaks of itself (issue 9, sixth round).

- **Figures per district**: a ranking or comparison gives each district its own number ('재정자립도가 가장 높은
  구는 중구(98.1%)', '남구 2억 2천265만 원', '서구는 3만1671명 늘었고'): each district so measured is reported on
  as a whole (GUIDE: its population, its figures), so every one of them is primary — when at least two are.
- **Self-reference**: a district's own newsletter or message ('우리 구는 …', '우리 서대문구의회는 …') or a report on
  its head written with a bare title ('김구청장은 …'), when the article names that one district.
- **Addresses**: a district written as the address of a site ('광주 북구 북동 한 건물에서 불이 나', '남구 월산동의
  한 상가에서') is a place, never the fallback's most-named district.
"""

from __future__ import annotations

import re

from crawler.districts.associations import HEADS_ASSOCIATION
from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention

#: A figure right after the district: bare, in parentheses, after a topic particle, after what is measured ('노원구의
#: 재정자립도는 15.9%', '남동구 인구수(7월 기준)는 53만8976명', '수성구 투표율 45.1%') or closing a list ('… 은평구 서대문구 등도
#: 50%미만');
#: units of counts and money.
_FIGURE_AFTER = re.compile(
    r"(?:(?:의)?\s?(?:최종\s)?[가-힣]{1,6}(?:\([^)]*\))?(?:는|은|가|이)\s|\s?등(?:도|은|이)?\s|\s?\(\s?|\s|(?:는|은|가|이)\s"
    r"|\s(?:최종\s)?(?:투표율|득표율|인구|재정자립도|출산율|고령화율|예산)\s)"  # '수성구 투표율 45.1%에 이어'

    r"[+\-−]?\s?\d[\d,.]*\s?(?:%p|%|％|포인트|명|원|만|억|천|가구|세대|위(?![가-힣])|월\s?\d{1,2}일\))"
)
_RUN_JOIN = re.compile(r"\s?[·ㆍ,]\s?|\s|(?:와|과)\s")


def _runs(text: str, mentions: list[tuple[Mention, District]]) -> list[list[tuple[Mention, District]]]:
    """Mentions in runs joined only by list marks, spaces or '와/과' ('양천구 성북구 중랑구', '동래구와 수영구')."""
    runs: list[list[tuple[Mention, District]]] = []
    for mention, district in mentions:
        if runs and _RUN_JOIN.fullmatch(text, runs[-1][-1][0].end, mention.start):
            runs[-1].append((mention, district))
        else:
            runs.append([(mention, district)])
    return runs


#: A figure right before the district: '15.6%인 노원구', '82.9%를 기록한 중구'.
_FIGURE_BEFORE = re.compile(r"\d[\d,.]*\s?(?:%p|%|％|명|원)(?:인|의|로|를 기록한|을 기록한)\s$")
#: A ranking or comparison names this many districts with figures; then every district it names is reported on.
RANKING_MIN = 3


def figure_reports(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts each given a figure of their own (a list sharing one), when two or more are (a comparison); in a
    ranking (three or more so measured) every district the text names is reported on as a whole (GUIDE)."""
    measured: set[str] = set()
    for run in _runs(text, mentions):
        if _FIGURE_AFTER.match(text, run[-1][0].end):
            measured.update(d.code for _, d in run)
        measured.update(d.code for m, d in run if _FIGURE_AFTER.match(text, m.end)
                        or _FIGURE_BEFORE.search(text[max(0, m.start - 14):m.start]))
    if len(measured) >= RANKING_MIN:  # every district named, but not an address ('남구 소재 한 식당에서')
        return {d.code for m, d in mentions if d.code in measured or not _ADDRESS_AFTER.match(text, m.end)}
    return measured if len(measured) >= 2 else set()


_SENTENCE_OPENER = re.compile(
    r"(?:(?:^|\n|다\.\s*|[.。]\s)(?:[▲△■□◆◇●○▶▷\-]\s*)?(?:(?:또한|또|한편|이밖에도|이밖에|특히|이어|반면|아울러)\s+)?"
    r"(?:같은\s(?:기간|날|시기)\s|이날\s)?"  # '같은 기간 동래구는 ‘…축제’, 북구는 ‘…’를 연다'
    # a parallel clause after a quoted item or a connective ending: '…축제’, 북구는 …', '… 개최하며, 서구는 …'
    r"|[’'”\"]\s?,\s|(?:하며|하고|이며|열며|열고)\s?,\s)"
    r"(?:[가-힣]{2,3}(?:특별시|광역시|시)?\s)?$"
)
_TOPIC = re.compile(r"(?:청|의회)?(?:는|은|도)(?![가-힣])")


def sentence_topics(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Text partitioned by district inside paragraphs: two or more districts (or lists of them) each opening a
    sentence as its topic ('중구는 … 운영한다. 서·동·영도구는 … 운영한다. 부산진구는 …'): every one is primary."""
    topics: set[str] = set()
    for run in _runs(text, mentions):
        first, last = run[0][0], run[-1][0]
        if _SENTENCE_OPENER.search(text[max(0, first.start - 20):first.start]) and _TOPIC.match(text, last.end):
            topics.update(d.code for _, d in run)
    return topics if len(topics) >= 2 else set()


#: Districts listed as (co-)hosts: '강서구, 북구, 고용노동부 부산북부지청이 주최·주관하며', '중구와 동구가 공동 주최한'.
_HOSTS_AFTER = re.compile(
    r"(?:청)?(?:\s?(?:[,·]|와|과)\s?[^.\n,]{1,20}?){0,4}?(?:이|가|은|는)?\s(?:공동\s?)?(?:주최|주관)(?:하|·|했|한|로|해)"
)


def co_hosts(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts in the list of an event's hosts (주최·주관): each is a party to the event."""
    return {d.code for m, d in mentions if _HOSTS_AFTER.match(text, m.end)}


_OUR_DISTRICT = re.compile(r"(?<![가-힣])우리\s?구(?:는|가|의|에서는)(?![가-힣])")
_OUR_BEFORE = re.compile(r"(?<![가-힣])우리\s?$")
_OWN_ORGAN_TOPIC = re.compile(r"(?:의회|청)?\s?(?:는|은|가|이|의)(?![가-힣])")
#: Also the head-elect by surname ('류 당선인은'): with one district named, the race was for its office.
_BARE_HEAD_SUBJECT = re.compile(r"(?<![가-힣])(?:[가-힣]\s?)?(?:구청장|[가-힣]\s당선인)(?:은|는|이|가)(?![가-힣])")


def self_references(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'우리 서대문구의회는', '우리 남구의': the district (or its council) named by its own people."""
    return {d.code for m, d in mentions
            if _OUR_BEFORE.search(text[max(0, m.start - 4):m.start]) and _OWN_ORGAN_TOPIC.match(text, m.end)}


#: A title led by a bare head: '서강석 구청장, 27개동 순회 마무리'.
_TITLE_BARE_HEAD = re.compile(r"^\s*(?:[가-힣]{2,4}\s)?구청장(?:은|는|이|가|,)")


def speaks_as_its_district(body: str, actors: list[tuple[Mention, District]], lead: tuple[int, int],
                           title: str = "") -> bool:
    """One district named, and the text says '우리 구는' or the lead's (or title's) subject is a bare head."""
    if len({d.code for _, d in actors}) != 1 or HEADS_ASSOCIATION.search(body):  # its texts say '우리 구' for every member
        return False
    bare_head = _BARE_HEAD_SUBJECT.search(body, *lead) or _TITLE_BARE_HEAD.match(title)
    return bool(_OUR_DISTRICT.search(body) or bare_head)


#: '북구 북동 한 …', '남구 월산동의 한 상가에서', '남구 도심의 한 상가': an indefinite site in the district.
_ADDRESS_AFTER = re.compile(
    r"(?:\s[가-힣0-9·]{1,8}(?:동|가|리|로|길)(?:\s?\d[\d-]*(?:번지)?)?)?(?:\s?(?:도심|일대|일원|인근|소재))?(?:의)?\s한\s"
)
#: '중구 반구동 주민들이', '중구 반구동 지역의': a dong's residents or area, not its office (dong offices are read by
#: the dong-office rules before any fallback).
_DONG_AREA_AFTER = re.compile(
    r"\s[가-힣0-9·]{1,8}동(?:\d+가)?\s?(?:주민|지역|일대|일원|인근|소재|상가|아파트|주택)"
    r"|(?:\s[가-힣0-9·]{1,8}동(?:\d+가)?)?\s[가-힣0-9]{1,8}(?:역|지구|주변|부지|구역)(?![가-힣])"  # '성북구 석관동 돌곶이역'
    r"|\s[가-힣0-9·]{1,8}동\s?\d"  # '계양구 계산동 21층짜리 아파트', '… 123번지'
    r"|\s(?![가-힣]{0,6}으로(?![가-힣]))[가-힣0-9]{1,8}(?:로|길)(?:가|이|는|은|의|에|에서|를|을)?(?![가-힣])"  # a street: '중구 동성로가 …' (not '… 순으로')
    r"|\s[가-힣0-9·]{1,8}동\s[^.\n]{0,25}?(?:부지|일대|현장)에서"  # '동구 가양동 ‘…도서관’ 신축 부지에서'
    r"|\s[가-힣0-9·]{1,8}동의\s"  # '대전 중구 대흥동의 옛 충남도청사 2층에 마련된 … 사무실': something in the dong
)


def is_address(text: str, mention: Mention) -> bool:
    return bool(_ADDRESS_AFTER.match(text, mention.end) or _DONG_AREA_AFTER.match(text, mention.end))


#: A bullet, optionally with a date, right before the district: '△14일 동구 부산차이나타운특구 문화축제', '▲대덕구 '…''.
_BULLET_BEFORE = re.compile(r"[△▲■□◆◇●○▶▷]\s*(?:\d{1,2}월\s?)?(?:\d{1,2}일\s?)?$")
_ITEM_JOIN = re.compile(r"\s?[,·]\s?")
#: A bullet, then the head's name: '△정문헌 종로구청장 △김길성 중구청장 …' (a list of heads elected or taking office).
_BULLET_NAME_BEFORE = re.compile(r"[△▲■□◆◇●○▶▷]\s*[가-힣]{2,4}\s$")
#: A district alone on its line ('◇ 중구' over a list of seats): a heading, see clauses.block_headings.
_ITEM_IS_HEADING = re.compile(r"[ \t]*(?:\n|$)")
#: The items are where the city's events are held: '△19일 동구청 대회의실 △22일 서구 … 에서 각각 열린다'.
_VENUES_CLOSE = re.compile(r"[^.\n]{0,40}?(?:홀|관|센터|대회의실|강당|광장|공원|청사)\s?에서\s(?:각각\s)?(?:열린다|열렸다|개최)")
#: The items are guests: '참석자는 △최창식 서울 중구청장 △김은숙 부산 중구청장 … 등 모두 7명인 것으로 전해졌다'.
_ATTENDEES_CLOSE = re.compile(r"[^.\n]{0,20}?(?:등\s?(?:모두\s?)?\d+\s?명|등이\s참석|등도\s참석)")
#: This many bulleted items opened by districts make a roundup of their own events or items.
BULLETED_MIN = 3


def bulleted_items(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Bulleted items each opened by a district and its own event or item ('△10월 13일 중구 부산자갈치축제 △14일 동구
    … △영도구 영도다리축제', '▲동구 '대청호 …' ▲대덕구 '…''): a roundup, every item's district primary (GUIDE); not a
    list of sites ('△종로구 창신동 일대 △중구 …': addresses, see is_address)."""
    items: set[str] = set()
    previous = None  # the last item, which a comma may continue ('△6일 동작, 영등포, 금천')
    last_item = None
    for mention, district in mentions:
        start = mention.start_with_city(text)
        before = text[max(0, start - 12):start]
        bulleted = (_BULLET_BEFORE.search(before) is not None
                    or (_BULLET_NAME_BEFORE.search(before) is not None and text.startswith("청장", mention.end)))
        continued = previous is not None and _ITEM_JOIN.fullmatch(text, previous.end, mention.start) is not None
        item = (bulleted or continued) and not is_address(text, mention) and not _ITEM_IS_HEADING.match(text, mention.end)
        previous = mention if item else None
        if previous is not None:
            items.add(district.code)
            last_item = mention
    if len(items) < BULLETED_MIN or (last_item is not None and (
            _VENUES_CLOSE.match(text, last_item.end) or _ATTENDEES_CLOSE.match(text, last_item.end))):
        return set()
    return items



#: '▲제30회 부산자갈치축제(중구·5~8일) ▲제31회 영도다리축제(영도구·13~15일) …': a calendar of events, each with its
#: host district and dates in parentheses.
_HOST_WITH_DATES = re.compile(r"\s?[·,]\s?\d{1,2}(?:\s?[~∼-]\s?\d{1,2})?일")
_ITEM_OPEN = re.compile(r"[△▲■□◆◇●○▶▷][^△▲■□◆◇●○▶▷\n]{0,40}\($")


def dated_event_hosts(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Bulleted events each closed by '(district·dates)': a calendar of the districts' own events, every host
    primary when three or more districts host one."""
    hosts = {d.code for m, d in mentions
             if _HOST_WITH_DATES.match(text, m.end) and _ITEM_OPEN.search(text, max(0, m.start - 42), m.start)}
    return hosts if len(hosts) >= BULLETED_MIN else set()
