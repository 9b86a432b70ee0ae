"""Clauses whose subject is a district or its head: the shared grammar of the tagger's subject rules.

A district is a clause subject when it (or its head, '김영길 중구청장', '중구(구청장 김길성)') opens a clause,
after at most a person's name and a city prefix, and carries a subject particle.  Lists of heads
(photo lines, co-subjects) and districts that announce something ('송파구는 … 밝혔다') are read here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention
from crawler.districts.partners import joined_to_acting_partner
from crawler.districts.sentences import sentence_start

#: Where a clause starts: paragraph start, sentence end, comma, bullets, dateline/byline closers, and a topic frame
#: ('동구의 경우 A 동구청장이 …': the frame names the topic, the head opens the clause).
_CLAUSE_START = re.compile(r"(?:^|\n|다\.|다\s|[.。]\s|,|[▲△■□◆◇●○▶▷]|-\s|\]|】|=|\||\)|(?<![가-힣])(?:한편|또한|아울러|또|이어|앞서|이와 함께|이 밖에|이밖에)|의 경우)\s*$")
_PERSON_BEFORE = re.compile(r"(?:[가-힣]{2,4}(?:\([^)]*\))?\s+(?:(?:신임|현|초대|재선|민선\s?\d기)\s+)?)?$")
#: A head with a person's name right before it ('… 기대를 모으고 있는 윤순영 중구청장은'): a subject even mid-clause.
#: The name may carry an age or party in parentheses: '국민의힘 소속인 최진봉(67) 중구청장은'.
_NAMED_HEAD = re.compile(r"(?<![가-힣])[가-힣]{2,4}(?:\(\s?\d{2}\s?\)|\([가-힣·]{1,6}\))?\s+(?:(?:신임|현)\s+)?$")
#: A date and time of day before the subject ('지난 9일 오전 류규하 대구 중구청장과 …'): adverbials, not the clause.
_DATE_BEFORE = re.compile(r"(?:지난\s+)?\d{1,2}일\s*(?:(?:오전|오후|낮|저녁|밤)\s*(?:\d{1,2}시(?:\s*\d{1,2}분)?)?\s*)?$")
CLAUSE_PARTICLE = re.compile(
    r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*(?:당선자|당선인|의장)?\s*(?:등\s?)?"
    r"(?P<particle>(?:가|이|는|은|도|와|과|,|=|(?:을|를)\s?비롯(?:해|하여|한)|\s?역시)(?![가-힣])|·)"
)
_LIST_GAP = 25

#: The end of a list of guests: '… 등도 참석했다' (others attended too: the host is someone else).
#: Also '… 김태석 사하구청장 등이 참석할 예정이다' closing a sentence (but not '… 등이 참석한 가운데', which goes on
#: to say what the guests did).
#: Heads earlier in the same comma list are guests too ('… 박희조 동구청장, 김제선 중구청장, … 등이 참석했다').
_GUEST_LIST_END = re.compile(
    r"(?:청장|청|의회)?(?:\s?,\s?[^,.\n“\"(]{2,25}?)*?\s?(?:등도\s[^.\n]{0,12}?참석|등이\s참석(?:할\s예정이다|했다|한다|하였다)"
    # '… 김삼호 광산구청장 등 정계 인사들이 대거 참석하여'
    r"|등\s[^.\n,]{0,15}?(?:인사|관계자|내빈|귀빈|기관장)들?(?:이|도)\s(?:대거\s)?참석)"
)
#: A county head closing a list of co-subjects ('김대권 수성구청장과 류한국 서구청장, 김문오 달성군수는 …'): counties
#: are no districts, but their head carries the list's particle.
_COUNTY_HEAD_CLOSES = re.compile(
    r"(?:\s?(?:[가-힣]{2,4}\s)?[가-힣]{1,4}군수(?:\([^)]*\))?\s?,)*"  # '…, 이병노 담양군수, 김한종 장성군수는'
    r"\s?(?:[가-힣]{2,4}\s)?[가-힣]{1,4}군수(?:\([^)]*\))?\s?(?:등\s?)?(?:은|는|이|가|도)(?![가-힣])"
)
#: Announcing, or hosting the association's meeting ('대전 중구는 16일 … 구청장협의회를 마쳤다').
_ANNOUNCE = re.compile(
    r"[^.\n]*?(?:밝혔다|전했다|알렸다|(?:협의회|회의|총회)(?:를|을)\s?(?:개최했다|마쳤다|열었다|열고|개최하고))"
)


#: '종로구청 당선인' (청장 shortened to 청 before 당선인, common in news copy) is the head-elect too.
_HEAD_AFTER = re.compile(r"청장|청\s?당선[인자]|\s*\(\s*구청장|의회\s?\(\s*의장")  # '남구의회(의장 김동학)가'


def _read_particle(particle: str) -> str:
    """'… 중구청장을 비롯해 B 남구청장과 …' joins a list like a comma; '… 남동구청장 역시,' is 도."""
    return "," if "비롯" in particle else "도" if particle.endswith("역시") else particle


def joined_runs(text: str, mentions: list[tuple[Mention, District]], joint: re.Pattern[str], *,
                from_city: bool = False) -> Iterator[list[tuple[Mention, District]]]:
    """Each mention with the run of mentions before it that ``joint`` joins to it (a list of districts, read as it
    grows); ``from_city``: the gap ends where the next mention's city prefix starts ('…, 부산 남구')."""
    run: list[tuple[Mention, District]] = []
    for mention, district in mentions:
        gap_end = mention.start_with_city(text) if from_city else mention.start
        if run and not joint.fullmatch(text, run[-1][0].end, gap_end):
            run = []
        run.append((mention, district))
        yield run


def _is_head(text: str, mention: Mention) -> bool:
    """'중구청장', '중구(구청장 김길성)': the district's head or the district with its head named."""
    return bool(_HEAD_AFTER.match(text, mention.end))


def clause_start(text: str, mention: Mention) -> bool:
    """Does ``mention`` open a clause, after at most a person's name and its city prefix?"""
    start = mention.start_with_city(text)
    before = text[max(0, start - 40):start]
    person = _PERSON_BEFORE.search(before) if text.startswith("청장", mention.end) else None
    before = before[: person.start()] if person else before
    date = _DATE_BEFORE.search(before)
    before = before[: date.start()] if date else before
    return bool(_CLAUSE_START.search(before)) or _after_occasion(before)


#: An occasion adverbial ('추석을 앞두고', '설을 맞아') ending right before the subject.
_OCCASION = re.compile(r"(?:앞두고|맞아|맞이해)\s*$")
_TOPIC_BEFORE = re.compile(r"[가-힣](?:은|는)\s")


def _after_occasion(before: str) -> bool:
    """'추석을 앞두고 A 중구청장과 …' opens the clause; '서울시는 설을 맞아 A 중구청장이 참석한 가운데' does not
    (the sentence already has its topic)."""
    if not _OCCASION.search(before):
        return False
    sentence = re.split(r"다\.|[.。]\s|\n", before)[-1]
    return _TOPIC_BEFORE.search(sentence) is None


#: A person's name after an adnominal modifier: '지난 1일 취임한 윤석준 …', '3선에 도전하는 노기태(75) …'.
_MODIFIER_THEN_NAME = re.compile(r"[가-힣](?:한|된|인|는|던|운)\s[가-힣]{2,4}(?:\([^)]{1,8}\))?\s+$")
_GUEST_VERB = re.compile(r"[^.\n]{0,20}?(?:참석|참여|함께)")


def is_guest(text: str, mention: Mention) -> bool:
    """A head closing a list of guests ('… 김태석 사하구청장 등이 참석할 예정이다'): present, not acting."""
    return _GUEST_LIST_END.match(text, mention.end) is not None


#: '한편 개소식에는 …, 정용래 유성구청장 예비후보 … 를 비롯해 … 참석했다': the sentence lists who attended.
_ATTENDANCE_OPENING = re.compile(r"[.\s]*(?:한편,?\s*)?(?:이날\s*)?[^.\n]{0,20}?(?:에는|에도)\s")
_ATTENDANCE_CLOSING = re.compile(r"[^.\n]*?(?:참석했|참석해|참석한\s가운데|자리했|자리를\s?함께)")


def attends(text: str, mention: Mention) -> bool:
    """A name inside a sentence that lists an event's attendance ('개소식에는 A, B … 참석했다'): present, not acting."""
    start = sentence_start(text, mention.start)
    return (_ATTENDANCE_OPENING.match(text, start) is not None
            and _ATTENDANCE_OPENING.match(text, start).end() <= mention.start
            and _ATTENDANCE_CLOSING.match(text, mention.end) is not None)


def _modified_subject(text: str, start: int, particle_end: int) -> bool:
    """A named head after a modifier, carrying 이/가, is the sentence's subject unless the clause is a guest list."""
    return (_MODIFIER_THEN_NAME.search(text[max(0, start - 20):start]) is not None
            and not _GUEST_VERB.match(text, particle_end))


_ATTENDED = re.compile(r"참석|참여")
_HANGUL = re.compile(r"[가-힣]")
_SENTENCE_END = re.compile(r"다\.|\n")


def _sentence_end(text: str, position: int) -> int:
    end = _SENTENCE_END.search(text, position)
    return end.start() if end else len(text)


def clause_subjects(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Heads of districts that open a clause as its subject, with co-subjects listed before the particle.

    Only heads ('김영길 중구청장은', '서울 중랑구(구청장 류경기)는') count here: a bare district
    opening a later clause is as often a comparison ('서초구와 송파구는 각각 100만원을').
    """
    subjects: set[str] = set()
    pending: list[str] = []
    pending_end = 0
    including = False  # the list so far was opened by '… 을 비롯해' (a guest list as often as co-subjects)
    starts = [m.start for m, _ in mentions]
    for index, (mention, district) in enumerate(mentions):
        if pending and mention.start - pending_end > _LIST_GAP:
            if len(pending) >= 3:
                subjects.update(pending)
            pending = []
        pending_end = mention.end
        if not _is_head(text, mention):
            if pending and len(pending) >= 3:
                subjects.update(pending)
            pending = []
            continue
        follower = CLAUSE_PARTICLE.match(text, mention.end)
        particle = _read_particle(follower["particle"]) if follower else None
        including = including or bool(follower and "비롯" in follower["particle"])
        heads_list = len(pending) >= 2 and text.startswith("청장", mention.end)
        if pending and particle is None:
            if heads_list:  # a photo line or list of heads: '왼쪽부터 A 중구청장, B 서구청장, C 동구청장.'
                subjects.update(pending + [district.code])
            pending = []
            continue
        if follower and is_guest(text, mention):  # '… 박강수 마포구청장 등도 참석했다': a guest
            pending = []
            continue
        start = mention.start_with_city(text)
        named = _NAMED_HEAD.search(text[max(0, start - 12):start]) is not None
        if named and particle in ("이", "가") and _modified_subject(text, start, follower.end()):
            particle = "는"  # '지난 1일 취임한 윤석준 대구 동구청장이 … 시작한다': the sentence's subject
        # a named head joined to the next one ('공한수(62) 서구청장과 강성태(61) 수영구청장은', 'A 동구청장·B 대덕구청장
        # 당선인은') opens a list of co-subjects; it only counts when the list closes with a subject particle
        joins = ("는", "은", "도", "와", "과", "·") + ((",",) if including else ())
        if not pending and not clause_start(text, mention) and not (named and particle in joins):
            continue
        partner_is_district = index + 1 < len(starts) and follower and 0 <= starts[index + 1] - follower.end() <= 4
        if particle in ("와", "과") and joined_to_acting_partner(text, mention) and not partner_is_district:
            subjects.update(pending + [district.code])
            pending = []
        elif particle == "·" and _ATTENDED.search(text, follower.end(), _sentence_end(text, follower.end())):
            pending = []  # '개막식에는 A 시장·B 동구청장·C 중구청장 … 을 비롯해 … 참석했다': guests
        elif particle in ("와", "과", ",", "·"):
            pending.append(district.code)
            if _COUNTY_HEAD_CLOSES.match(text, follower.end()):  # '… 류한국 서구청장, 김문오 달성군수는'
                subjects.update(pending)
                pending = []
        elif particle in ("가", "이", "는", "은", "도", "="):  # '=': an agenda column's '△A 중구청장=8일 …'
            if not (including and _GUEST_VERB.match(text, follower.end())):  # 'A를 비롯해 B 등이 참석한 가운데'
                subjects.update(pending + [district.code])
            pending, including = [], False
        else:
            if heads_list:
                subjects.update(pending)
            pending = []
    if len(pending) >= 3:
        subjects.update(pending)
    return subjects


def head_lists(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Runs of three or more heads separated by commas: photo lines and lists of co-subjects.

    '왼쪽부터 김정헌 중구청장, 김찬진 동구청장, 이영훈 미추홀구청장, …' names each district's head as
    an equal party, wherever the run starts.
    """
    found: set[str] = set()
    run: list[str] = []
    run_end = 0
    for mention, district in mentions:
        head = text.startswith("청장", mention.end)
        if not head or (run and mention.start - run_end > _LIST_GAP):
            if len(run) >= 3:
                found.update(run)
            run = []
        if head:
            run.append(district.code)
            run_end = mention.end
            follower = CLAUSE_PARTICLE.match(text, mention.end)
            # a '·' straight before the next name ('A 동구청장·B 중구청장') joins co-subjects in clause_subjects, but
            # here, as in guest lines ('개막식에는 A 시장·B 동구청장·…'), it does not extend a photo line's run
            dotted = follower is not None and follower["particle"] == "·" and _HANGUL.match(text, follower.end())
            if not follower or follower["particle"] not in (",", "·", "와", "과") or dotted:
                if len(run) >= 3 and not is_guest(text, mention):  # '… 최충규 대덕구청장 등이 참석했다': guests
                    found.update(run)
                run = []
    if len(run) >= 3:
        found.update(run)
    return found


_LIST_JOIN = re.compile(r"\s?[·ㆍ,]\s?|(?:와|과)\s|\s그리고\s")
#: After a list of districts (and counties): their heads as the subject ('중구·남구·북구·울주군 지자체장이 …').
_LIST_HEADS = re.compile(
    r"(?:\s?[·ㆍ,]\s?(?:[가-힣]{2,4}\s)?[가-힣]{1,4}(?:[·ㆍ][가-힣]{1,4})*군)*\s?(?:등\s?)?"
    r"(?:구청장|단체장|지자체장|기초단체장|자치단체장)들?\s?(?:등\s?)?"
    r"(?:이|은|는|가|과|와|도)(?![가-힣])"
)


def listed_district_heads(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'울산시 김두겸 시장과 중구·남구·북구·울주군 지자체장이 … 간담회를 열고': districts listed bare, then their heads
    together as the subject (or co-subject) of the clause: every listed district is a party."""
    found: set[str] = set()
    for run in joined_runs(text, mentions, _LIST_JOIN):
        if len(run) >= 2 and _LIST_HEADS.match(text, run[-1][0].end):
            found.update(d.code for _, d in run)
    return found


#: '부산 중구에서는 지난 20일 ‘제34차 … 구청장협의회’를 개최했다', '광주 동구가 오늘 … 구청장협의회’를 개최했습니다',
#: '인천 남동구는 … 군수‧구청장협의회’를 열고': the host of an association's meeting.
_HOSTS_MEETING = re.compile(
    r"(?:에서는|는|은|가|이)\s[^.\n]{0,60}?(?:협의회|회의|총회)[’'”」』]?(?:를|을)\s?(?:개최했|개최하고|열었|열고)")


def announcers(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts that open a sentence reporting something they announced ('송파구는 … 밝혔다') or hosted."""
    found = {d.code for m, d in mentions if _HOSTS_MEETING.match(text, m.end) and clause_start(text, m)}
    for mention, district in mentions:
        follower = CLAUSE_PARTICLE.match(text, mention.end)
        if follower and follower["particle"] in ("는", "은", "가", "이") and clause_start(text, mention):
            if _ANNOUNCE.match(text, follower.end()):
                found.add(district.code)
    return found


_HEAD_NAMED = re.compile(r"(?:의회)?\(\s*(?:구청장|청장|의장)(?:\s*권한대행)?\s+[가-힣]{2,4}\s*\)")


def press_release_issuers(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'서울 종로구(구청장 정문헌) 창신2동주민센터로 …', '광주 광산구(구청장 김삼호) 신가도서관은 …', '한편
    송파구의회(의장 박용모)도 …': a district or its council opening a clause with its head named in parentheses
    is the press-release formula of the issuer, whatever unit of it (a dong office, a library) is the subject."""
    return {d.code for m, d in mentions if _HEAD_NAMED.match(text, m.end) and clause_start(text, m)}


_LINE_OPENER = re.compile(
    r"(?:^|\n)[ \t]*(?:[◇◆■□▲△○●▶\-]\s*)?(?:(?:마지막으로|끝으로|한편|또한|또|이어|이밖에|하지만|그러나|반면|먼저|우선)\s+)?$"
)
#: '북구의장에는 A 의원이': the slot of a district's own office (its council chair, its head) as the line's topic.
_LINE_TOPIC = re.compile(
    r"(?:청|의회)?\s*(?:\([^)]*\))?\s*(?P<topic>는|은|도|의 경우|에서는|가|이|(?:청장|의장)에는|\s역시)(?![가-힣])"
)
#: The rest of the same sentence reports an announcement ('5.5%' does not end the sentence).
_ANNOUNCED = re.compile(r"(?:[^\n.]|\.(?=\d))*?(?:밝혔다|전했다|알렸다)")


def _opens_line(text: str, mention: Mention) -> bool:
    start = mention.start_with_city(text)
    if mention.prefix_city:
        start = start - 1 if text[start - 1:start] == "시" else start
    return bool(_LINE_OPENER.search(text[max(0, start - 12):start]))


#: Results of council seats (광역의원, 시의원, 구의원) in an article that names no head's office: lines opened by a
#: district report its seats' candidates, not the district.
_SEAT_RESULTS = re.compile(r"(?:광역의원|시의원|기초의원|구의원|시의회\s?의원)[^.\n]{0,40}?당선")
_HEAD_OFFICE = re.compile(r"구청장|기초단체장")
_CANDIDATE = re.compile(r"후보")


def reports_seat_results(text: str) -> bool:
    """Does the text report council seats' results and name no head's office (see opens_seat_result_line)?"""
    return _SEAT_RESULTS.search(text) is not None and _HEAD_OFFICE.search(text) is None


def opens_seat_result_line(text: str, mention: Mention) -> bool:
    """'중구에서는 국민의힘 A 후보가 무투표 당선': in a text that reports_seat_results, a district opening a line of
    candidates is their constituency."""
    topic = _LINE_TOPIC.match(text, mention.end)
    line_end = text.find("\n", mention.end)
    return bool(topic and _CANDIDATE.search(text, topic.end(), line_end if line_end >= 0 else len(text)))


def line_topics(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Text partitioned by district: lines that open with a district as their topic.

    '중구의 경우 …', '서구는 …', '마지막으로 대덕구는 …': two or more districts each opening a line make
    every one of them primary; a single line-opening district counts when its line reports what it
    announced ('대구시 달서구는 … 체결했다고 5일 밝혔다').
    """
    openers: dict[str, bool] = {}
    for mention, district in mentions:
        topic = _LINE_TOPIC.match(text, mention.end)
        if topic and _opens_line(text, mention):
            announced = _ANNOUNCED.match(text, topic.end()) is not None and topic["topic"] not in ("의 경우",)
            openers[district.code] = openers.get(district.code, False) or announced
    if len(openers) >= 2:
        return set(openers)
    return {code for code, announced in openers.items() if announced}


#: A district's own public units: when one of them acts, the district acts (GUIDE: dong offices, libraries).
_UNITS = ("도서관", "보건소", "보건지소", "행정복지센터", "주민센터", "치매안심센터", "정신건강복지센터", "평생학습관")
_UNIT_SUBJECT = re.compile(
    r"(?:\s?[가-힣0-9]{1,10}동)?\s?[가-힣0-9]{0,10}?(?:" + "|".join(_UNITS) + r")(?:\s?\([^)]*\))?\s?(?:은|는|이|가)(?![가-힣])"
)


def unit_subjects(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """'광주 광산구 신가도서관은 …', '울산 중구치매안심센터가 …': a district's library, health centre or dong
    office opening a clause as its subject acts for the district."""
    return {d.code for m, d in mentions if _UNIT_SUBJECT.match(text, m.end) and clause_start(text, m)}



_HEADING_LINE = re.compile(r"[ \t]*[◇◆■□▲△○●▶▷\[【<]?\s*(?:[가-힣]{2,3}(?:특별시|광역시|시)?\s)?[가-힣]{1,5}구\s*[\]】>]?[ \t]*")
_HEAD_LINE_NEXT = re.compile(r"\s*\n\s*[^\n]{0,20}?(?:청장|의장)")


def block_headings(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Agenda columns in blocks ('◇동구\\n-박희조 구청장\\n11:30 …', GUIDE: every block's district): two or more
    lines that hold only a district's name, each followed by a line naming its head or council chair."""
    found: set[str] = set()
    for mention, district in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        if _HEADING_LINE.fullmatch(text, line_start, line_end) and _HEAD_LINE_NEXT.match(text, line_end):
            found.add(district.code)
    return found if len(found) >= 2 else set()


#: '이장우 대전시장과 박희조(동구)·김광신(중구)·서철모(서구) 청장은 …': heads named with their district in parentheses,
#: the list closed by the shared title and a subject particle; also with short forms, space-separated, closed by 등도:
#: '홍순헌(해운대), 박재범(남), 서은숙(부산진) 이성문(연제) 구청장 등도 …' (shortforms.py reads those names).
_NAME_BEFORE_PAREN = re.compile(r"[가-힣]{2,4}\s?\($")
_PAREN_HEADS_CLOSE = re.compile(
    r"\)(?:(?:\s?[·ㆍ,]\s?|\s)[가-힣]{2,4}\s?\([가-힣]{1,5}\))*"
    r"(?:\s?(?:구)?청장(?:들)?\s?(?:등)?(?:은|는|이|가|과|와|도)(?![가-힣])"
    r"|\s?등\s?\d+\s?명의?\s?(?:출마예정자|예비후보|후보|당선인|당선자))"  # '… 정명희(북구) 등 6명의 출마예정자는'
)


def heads_in_parentheses(text: str, mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts written in parentheses after their heads' names, in a list the title closes as the subject."""
    return {d.code for m, d in mentions
            if _NAME_BEFORE_PAREN.search(text[max(0, m.start - 6):m.start]) and _PAREN_HEADS_CLOSE.match(text, m.end)}
