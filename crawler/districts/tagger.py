"""Which districts an article is about (primary) and which it only names (mentioned).

Primary, for an ordinary article, is the union of
- the title's subject: its first district and those joined to it
  ('관악구·동작구, …', '구로구, 영등포구와 …');
- the lead sentence's subject: the district(s) before the first subject
  particle ('은평구가', '구로구와 영등포구가', '서강석 송파구청장이'), plus partners
  named as co-actors ('대덕구와 함께', '… 공동으로');
- clause subjects anywhere in the body: a paragraph or clause that opens with
  a district or its head as subject ('김영길 중구청장은 …, 서동욱 남구청장은 …',
  '▲고남석 연수구청장은 …'), so articles partitioned by district and lists of
  co-subjects make every listed district primary;
- the rules of actors.py (second round: races without a particle, donations,
  profile headings, councils) and of the third round: election roundups
  (races.py), partners the grammar hides (partners.py), lines opening with a
  district, press-release formulas and a district's units (clauses.py), dong
  offices and deputy-head appointments (actors.py); and of the later rounds: figures per
  district, sentences partitioned by district, hosts, self-reference and addresses (reports.py),
  headlines of a subtitle (headlines.py);
- failing all, a first-person message naming one district again and again,
  the first district that is a subject anywhere, then the most-mentioned one
  (named twice, or in the title/lead) — but only when the lead sentence has no
  other subject (서울시는, 협의회는, 상인회는 …: then the districts are places or
  officers).
Associations' business (a 협의회 electing its chair or meeting, associations.py) makes no district primary
except a district that announces it ('송파구는 … 밝혔다').  Mentions of an
organisation named after a district, of a seat, or of an ordinary city's 일반구
never make a district primary (see mentions.py).  In a roundup every segment's
district is primary.  Everything else that is named is 'mentioned'.  Page
furniture (weather widgets, related-article lists) is blanked first
(furniture.py), whatever layer extracted the body.  A former head, a head
moving to another post and a quoted name ('‘서해구’') are never the district
acting.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from crawler.districts.actors import (
    agreement_parties, council_business, deputy_appointment, district_dong_offices, dong_offices, donation_recipients,
    election_subjects, is_former_head, is_quoted_name, mayor_visits, profile_headings, source_districts,
)
from crawler.districts.dongs import dong_city_evidence, dong_mentions, resolve_places
from crawler.districts.furniture import blank_headlines_before_title, strip_furniture
from crawler.districts.associations import is_association_business, joint_members, speaking_hosts, tabled_items
from crawler.districts.gazetteer import District, acts_on
from crawler.districts.heads import head_city_evidence
from crawler.districts.headlines import subtitle_subjects, title_subjects
from crawler.districts.leads import DONG_BODY, dong_body_leads, lead_span
from crawler.districts.mentions import DISTRICT, Mention, reference_day, resolve_mentions
from crawler.districts.clauses import (
    announcers, attends, block_headings, clause_start, clause_subjects, head_lists, heads_in_parentheses, is_guest, line_topics,
    listed_district_heads, opens_seat_result_line, press_release_issuers, reports_seat_results, unit_subjects,
)
from crawler.districts.partners import (
    agreement_counterparties, agreement_partner, companions, in_partner_parenthesis, joined_to_acting_partner,
    visited_sisters,
)
from crawler.districts.races import comeback_bids, race_districts
from crawler.districts.reports import (
    bulleted_items, co_hosts, dated_event_hosts, figure_reports, is_address, self_references, sentence_topics, speaks_as_its_district,
)
from crawler.districts.roundup import Segment, paragraphs_with_offsets, segments_from_mentions
from crawler.districts.subjects import (
    co_actors_with_city, listed_subjects, owned_heads, paired_parties, quoted_block_headlines,
)
from crawler.districts.shortforms import find_all_mentions

PRIMARY = "primary"
MENTIONED = "mentioned"

_SUBJECT = re.compile(
    r"(?:청장|청|의회|민)?\s*(?:\([^)]*\))?\s*(?:[가-힣]{2,4}(?<![로길역])(?<!일대|일원|지구|단지|구역)\s*)?(?:당선자|당선인|의장)?\s*(?:등\s?)?"
    r"(?P<particle>가|이|는|은|와|과|에서는)(?![가-힣])"
)
_VOWEL_PARTICLES = ("가", "는", "와")
_CONSONANT_PARTICLES = ("이", "은", "과")


def _subject_after(text: str, end: int) -> re.Match[str] | None:
    """``_SUBJECT`` after a mention, when the particle agrees with the syllable before it: '가/는/와' follow an open
    syllable, '이/은/과' a closed one, so '동구 청년창업가' is a noun (창업 + 가 cannot be), '아파트값이' a subject."""
    follower = _SUBJECT.match(text, end)
    if follower is None:
        return None
    particle, before = follower["particle"], text[follower.start("particle") - 1]
    if "가" <= before <= "힣" and particle in _VOWEL_PARTICLES + _CONSONANT_PARTICLES:
        closed = (ord(before) - 0xAC00) % 28 != 0
        if closed != (particle in _CONSONANT_PARTICLES):
            return None
    return follower


_LIST_LINK = re.compile(r"(?:\([^)]*\))?\s*[·ㆍ,]")
#: '… 중구와 서구, 영도구와 부산진구과 함께 협의체를 구성했다': the partner may open a list of partners.
_PARTNER = re.compile(
    r"(?:\([^)]*\))?(?:\s*(?:와|과|,)\s*[가-힣]{1,5}구(?:\([^)]*\))?)*\s*(?:와|과)\s*(?:함께|공동으로|손잡고|힘을 모아)"
)
_OTHER_SUBJECT = re.compile(r"(?<![가-힣0-9])(?P<word>[가-힣A-Za-z·]{2,})(?:\([^)]*\))?\s?(?:은|는|이|가)(?=[\s,])")
_NOT_A_SUBJECT = ("께서", "에서", "에게", "으로", "부터", "까지")
#: Stems whose '-는/-은' is a verb ending (출발하는, 되는) and whose '-이' makes an adverb (차질없이, 많이).
_VERB_STEM_BEFORE_TOPIC = ("하", "되", "있", "없", "이", "지", "었", "았", "였", "겠", "오", "주", "보", "나")
_ADVERB_STEM_BEFORE_I = ("없", "있", "같", "많", "깊", "높", "넓", "길", "멀", "곧", "굳", "깨끗", "꼼꼼")
_TIME_WORDS = ("이번", "이날", "오늘", "올해", "지난해", "내년", "최근", "그동안", "당시")
#: The head's office as the thing reported: a race for it ('달서구청장 출마를 선언'), a head's inauguration
#: ('윤석준 동구청장의 취임식에도').
_ELECTION = re.compile(
    r"청장(?:직)?(?:\s*(?:보궐|재)?선거)?\s*(?:출마|예비후보|후보|당선|출사표)|청장(?:의)?\s?취임(?:식)?(?![가-힣]{0,2}\s?(?:\d|주년))"
)
_AGREEMENT = re.compile(r"협약|결연|협정|MOU|맞손|손잡|손을 잡|맞잡")


@dataclass(frozen=True)
class DistrictTag:
    code: str
    name: str
    city: str
    role: str            # 'primary' | 'mentioned'
    mention_count: int


@dataclass
class DistrictAnalysis:
    districts: list[DistrictTag] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    is_roundup: bool = False


def _lead_subjects(body: str, body_mentions: list[tuple[Mention, District]]) -> set[str]:
    """Subject of the first sentence, its coordinated districts and co-actors (partners of an agreement)."""
    start, end = lead_span(body)
    in_lead = [(m, d) for m, d in body_mentions if start <= m.start < end and not is_guest(body, m)]
    agreement = bool(_AGREEMENT.search(body, start, end))
    subjects: set[str] = set()
    pending: list[str] = []
    subject_found = False
    for mention, district in in_lead:
        if subject_found:
            follower = _subject_after(body, mention.end)
            partner = agreement and follower is not None and follower["particle"] in ("와", "과")
            listed = agreement and in_partner_parenthesis(body, mention)
            if _PARTNER.match(body, mention.end) or partner or listed:
                subjects.add(district.code)
            continue
        follower = _subject_after(body, mention.end)
        if agreement and agreement_partner(body, mention):  # '옥천군이 부산 동래구와 자매결연을 체결하고'
            subjects.add(district.code)
        elif joined_to_acting_partner(body, mention):  # 'X구와 Y군은': the non-district partner carries the particle
            subjects.update(pending + [district.code])
            subject_found = True
        elif _LIST_LINK.match(body, mention.end) or (follower and follower["particle"] in ("와", "과")):
            pending.append(district.code)
        elif follower:
            subjects.update(pending + [district.code])
            subject_found = True
        else:
            pending = []
    return subjects


def _election_subjects(texts: dict[str, str], mentions: list[tuple[Mention, District]]) -> set[str]:
    """Districts whose head's office is the race reported on ('대구 달서구청장 출마를 선언')."""
    return {d.code for m, d in mentions if _ELECTION.match(texts[m.field], m.end) and not attends(texts[m.field], m)}


def _lead_has_other_subject(body: str, body_mentions: list[tuple[Mention, District]]) -> bool:
    """Is the lead sentence's first subject something other than a district (서울시는, 협의회는 …)?"""
    start, end = lead_span(body)
    subject = None
    for candidate in _OTHER_SUBJECT.finditer(body, start, end):
        word, particle = candidate["word"], candidate.group(0).rstrip()[-1]
        bracketed = body.rfind("[", start, candidate.start()) > body.rfind("]", start, candidate.start())
        stems = _VERB_STEM_BEFORE_TOPIC if particle in "는은" else _ADVERB_STEM_BEFORE_I
        if word.endswith(_NOT_A_SUBJECT) or word in _TIME_WORDS or bracketed or word.endswith(stems):
            continue
        subject = candidate
        break
    if subject is None:
        return False
    for mention, _ in body_mentions:
        if mention.start < subject.end() and subject.start() <= mention.end + 6 and mention.kind == DISTRICT:
            return DONG_BODY.fullmatch(body, mention.end, subject.end()) is not None
    return True


#: A headline district written with its own particle or comma ('유성구는 …', '서구, …'), not as an address.
_HEADLINE_SUBJECT = re.compile(r"(?:청장|청|의회)?\s?(?:은|는|이|가|,)(?![가-힣])")


def _headline_votes(texts: dict[str, str], actors: list[tuple[Mention, District]]) -> set[str]:
    """The headline's subjects; when a dong's civic body is the lead's subject, a headline naming the district
    without a particle ('인천시 서구 검암경서동 ‘… 북카페’ 운영 재개', '유성구 관할 13개동 가운데 …') only gives the
    civic body's address (GUIDE: the body acting alone makes the district mentioned)."""
    title_mentions = [(m, d) for m, d in actors if m.field == "title"]
    codes = title_subjects(texts["title"], title_mentions) | subtitle_subjects(texts["subtitle"], actors)
    if not dong_body_leads(texts["body"]):
        return codes
    marked = {d.code for m, d in actors if m.field in ("title", "subtitle")
              and _HEADLINE_SUBJECT.match(texts[m.field], m.end)}
    return codes & marked


_FORMAL_SENTENCE_END = re.compile(r"니다[.!]")
_SPEECH_MIN_SENTENCES = 2
_SPEECH_MIN_MENTIONS = 3


def _one_district_speaks(body: str, actors: list[tuple[Mention, District]]) -> bool:
    """A first-person message (신년사, 취임사: sentences ending '-니다.') naming one district only, again and
    again ('누구나 활짝 웃는 동구, 더 잘사는 동구를 만들어 가겠습니다'): its head speaks for the district."""
    codes = {d.code for _, d in actors}
    return (len(codes) == 1 and len(actors) >= _SPEECH_MIN_MENTIONS
            and len(_FORMAL_SENTENCE_END.findall(body)) >= _SPEECH_MIN_SENTENCES)


def _second_round(texts: dict[str, str], actors, places) -> dict[str, set[str]]:
    """Election offices without a particle, donation recipients, profile headings, report sources (actors.py),
    each rule's districts under its name (the learned layer reads which rule fired)."""
    found: dict[str, set[str]] = {}
    for field_name in ("title", "body"):
        text = texts[field_name]
        mentions = [(m, d) for m, d in actors if m.field == field_name]
        field_places = [(m, d) for m, d in places if m.field == field_name]
        for name, codes in (
            ("election_office", election_subjects(text, mentions)),
            ("donation", donation_recipients(text, mentions)),
            ("profile_heading", profile_headings(text, mentions, field_places)),
            ("source", source_districts(text, mentions)),
            ("agreement_parties", agreement_parties(text, mentions)),
            ("council_business", council_business(text, mentions)),
            ("press_release", press_release_issuers(text, mentions)),
            ("line_topic", line_topics(text, mentions)),
            ("unit_subject", unit_subjects(text, mentions)),
            ("mayor_visit", mayor_visits(text, mentions)),
            ("block_heading", block_headings(text, mentions) | quoted_block_headlines(text, mentions)),
            ("dong_office", dong_offices(text, field_places) | district_dong_offices(text, mentions)),
        ):
            found.setdefault(name, set()).update(codes)
    return found


#: Names of the rules in :func:`rule_votes`, in a fixed order (the learned layer's features follow it).
RULE_NAMES = (
    "segments", "association_announcer", "title_subject", "lead_subject", "clause_subject", "head_list",
    "election_race", "election_office", "donation", "profile_heading", "source", "agreement_parties",
    "council_business", "press_release", "line_topic", "unit_subject", "mayor_visit", "block_heading",
    "dong_office", "race_roundup", "deputy_appointment", "figure_report", "sentence_topic", "self_reference",
    "co_host", "joint_members", "bulleted_items", "fallback",
)


_HEAD_OR_CHAIR = re.compile(r"청장|의회\s?(?:의장|의장단)")


def _head_or_chair(text: str, mention: Mention) -> bool:
    return _HEAD_OR_CHAIR.match(text, mention.end) is not None


def _actors(resolved, texts: dict[str, str]) -> list[tuple[Mention, District]]:
    """District mentions that can act: not a former head's career line, not a quoted name, not an electoral seat
    or a line of a seat's results."""
    seat_results = {field for field, text in texts.items() if reports_seat_results(text)}
    return [(m, d) for m, d in resolved if m.kind == DISTRICT and not is_former_head(texts[m.field], m)
            and not is_quoted_name(texts[m.field], m) and not _SEAT.match(texts[m.field], m.end)
            and not (m.field in seat_results and opens_seat_result_line(texts[m.field], m))]


#: A seat named after the district ('유성구1', '(중구2)', '서구 제3선거구', '금정구 1선거구', '동구 제1·2·3선거구',
#: '강서구갑', '남구 을', '△중구 조성칠(제1선거구)'): a councillor's or MP's constituency, which the GUIDE reads as mentioned whatever the clause.
_SEAT = re.compile(r"\s?(?:제\s?)?\d{1,2}(?:[·,]\d{1,2})*(?:\s?선거구)?(?![\d가-힣.%])|\s?(?:갑|을|병)(?![가-힣])"
                   r"|\s[가-힣]{2,4}(?:·[가-힣]{2,4})*\s?\(\s?제?\d{1,2}\s?선거구")  # '△중구 조성칠(제1선거구)': a seat's candidate


def rule_votes(resolved, segments: list[Segment], texts: dict[str, str], places=()) -> dict[str, set[str]]:
    """Each rule's primary districts, by rule name; the rules' decision is the union of the values."""
    if segments:
        return {"segments": {segment.district_code for segment in segments}}
    actors = _actors(resolved, texts)
    body_mentions = [(m, d) for m, d in actors if m.field == "body"]
    body = texts["body"]
    if is_association_business(texts["title"], body, body[slice(*lead_span(body))]):
        return {"association_announcer": announcers(body, body_mentions) | co_actors_with_city(body, body_mentions)
                | tabled_items(body, body_mentions) | speaking_hosts(body, body_mentions),
                "joint_members": joint_members(body, body_mentions, _head_or_chair)}
    votes = {
        "title_subject": _headline_votes(texts, actors),
        "lead_subject": _lead_subjects(body, body_mentions),
        "clause_subject": clause_subjects(body, body_mentions) | owned_heads(body, body_mentions)
        | listed_subjects(body, body_mentions) | co_actors_with_city(body, body_mentions) | companions(body, body_mentions)
        | paired_parties(body, body_mentions) | agreement_counterparties(body, body_mentions)
        | visited_sisters(body, body_mentions),
        "head_list": head_lists(body, body_mentions) | listed_district_heads(body, body_mentions)
        | heads_in_parentheses(body, body_mentions),
        "election_race": _election_subjects(texts, actors),
        **_second_round(texts, actors, places),
        "race_roundup": race_districts(texts, actors) | comeback_bids(texts, resolved),
        "deputy_appointment": deputy_appointment(body, body_mentions, lead_span(body)),
        "figure_report": figure_reports(body, body_mentions),
        "sentence_topic": sentence_topics(body, body_mentions),
        "self_reference": self_references(body, body_mentions),
        "co_host": co_hosts(body, body_mentions),
        "bulleted_items": bulleted_items(body, body_mentions) | dated_event_hosts(body, body_mentions),
        "joint_members": joint_members(body, body_mentions, _head_or_chair),
    }
    if any(votes.values()) or not actors:
        return votes
    votes["fallback"] = _fallback(body, actors, [(m, d) for m, d in resolved if m.field == "body"], texts["title"])
    return votes


def _fallback(body: str, actors: list[tuple[Mention, District]], all_body: list[tuple[Mention, District]],
              title: str = "") -> set[str]:
    """When no rule names a subject: a head's message, a district subject anywhere, the most-named district.
    A head closing a guest list ('… 사하구청장 등이 참석할 예정이다') is present at someone else's event."""
    actors = [(m, d) for m, d in actors if not (m.field == "body" and is_guest(body, m))]
    body_mentions = [(m, d) for m, d in actors if m.field == "body"]
    if dong_body_leads(body):
        return set()  # the lead's subject is a dong's civic body: the district is its address (GUIDE)
    if _one_district_speaks(body, actors):
        return {actors[0][1].code}
    for mention, district in body_mentions:  # the first district that opens a sentence as its subject
        follower = _subject_after(body, mention.end)
        if follower and follower["particle"] not in ("와", "과") and clause_start(body, mention):
            return {district.code}
    if speaks_as_its_district(body, actors, lead_span(body), title):
        return {actors[0][1].code}
    if _lead_has_other_subject(body, all_body):
        return set()
    for mention, district in body_mentions:
        follower = _subject_after(body, mention.end)
        if follower and follower["particle"] not in ("와", "과"):
            return {district.code}
    sites = [(m, d) for m, d in actors if not (m.field == "body" and is_address(body, m))]
    if not sites or _CITY_ACTS.search(body):
        return set()  # named only as the address of a site, or the city acts on it: a place
    counts = Counter(d.code for _, d in sites)
    code, count = counts.most_common(1)[0]
    start, end = lead_span(body)
    in_lead = any(d.code == code and (m.field != "body" or start <= m.start < end) for m, d in actors)
    return {code} if count >= 2 or in_lead else set()  # named once, deep in the text: a mention


#: The metropolitan city as a sentence's subject ('대구시는 동성로 … 관광특구로 지정한다', '시는 5일 …'): when no rule
#: found a district acting, the most-named district is the site the city acts on ('동구와 인천시는': a co-subject, not alone).
_CITY_ACTS = re.compile(r"(?<!와 )(?<!과 )(?:(?:서울|부산|대구|인천|광주|대전|울산)(?:특별|광역)?시|(?<![가-힣])시)(?:는|가)\s")


def _tags(resolved: list[tuple[Mention, District]], primary: set[str]) -> list[DistrictTag]:
    counts = Counter(d.code for _, d in resolved)
    first_seen = {}
    for _, district in resolved:
        first_seen.setdefault(district.code, district)
    tags = [
        DistrictTag(code, d.name, d.city, PRIMARY if code in primary else MENTIONED, counts[code])
        for code, d in first_seen.items()
    ]
    return sorted(tags, key=lambda tag: tag.role != PRIMARY)


@dataclass
class Evidence:
    """What the rules computed for one article: the learned decision layer (learned.py) reads its features here."""
    texts: dict[str, str]
    resolved: list[tuple[Mention, District]]
    places: list[tuple[Mention, District]]
    segments: list[Segment]
    votes: dict[str, set[str]]
    outlet_region: str | None

    @property
    def rule_primary(self) -> set[str]:
        return set().union(*self.votes.values())


def gather_evidence(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None,
) -> Evidence:
    """Mentions found and placed in their city, dongs, roundup segments and every rule's vote."""
    texts = {"title": title or "", "subtitle": subtitle or "",
             "body": blank_headlines_before_title(strip_furniture(body), title)}
    day = reference_day(published_at)
    mentions = find_all_mentions(texts, day)
    dongs = dong_mentions(texts)
    resolved = resolve_mentions(texts, mentions, outlet_region, dong_city_evidence(dongs, mentions, day),
                                head_city_evidence(texts, mentions))
    segments = segments_from_mentions(
        title=texts["title"], subtitle=texts["subtitle"], body=texts["body"], resolved=resolved
    )
    places = resolve_places(texts, dongs, mentions, resolved, day, outlet_region)  # dongs: mentioned, but see
    votes = rule_votes(resolved, segments, texts, places)                           # dong-head profiles
    named = {district.code for _, district in resolved}
    votes = {rule: {code for code in codes if acts_on(code, day, named)} for rule, codes in votes.items()}
    return Evidence(texts, resolved, places, segments, votes, outlet_region)


def analyse_article(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None, decide: Callable[[Evidence], set[str]] | None = None,
) -> DistrictAnalysis:
    """``decide``: another decision over the candidate districts (the learned layer); default the rules' union."""
    evidence = gather_evidence(title=title, subtitle=subtitle, body=body, published_at=published_at,
                               outlet_region=outlet_region)
    primary = decide(evidence) if decide else evidence.rule_primary
    return DistrictAnalysis(_tags(evidence.resolved + evidence.places, primary), evidence.segments,
                            bool(evidence.segments))


def tag_districts(
    *, title: str, subtitle: str | None, body: str, published_at: datetime | None, outlet_region: str | None = None
) -> list[DistrictTag]:
    """Districts of one article, primary ones first, each listed once."""
    return analyse_article(
        title=title, subtitle=subtitle, body=body, published_at=published_at, outlet_region=outlet_region
    ).districts
