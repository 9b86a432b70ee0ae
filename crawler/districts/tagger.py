"""Which districts an article is about (primary) and which it only names (mentioned).

Primary, for an ordinary article, is the union of
- the title's subject: its first district and those joined to it
  ('관악구·동작구, …', '구로구, 영등포구와 …');
- the lead sentence's subject: the district(s) before the first subject
  particle ('은평구가', '구로구와 영등포구가', '서강석 송파구청장이'), plus partners
  named as co-actors ('대덕구와 함께', '… 공동으로');
- failing both, the most-mentioned district.
In a roundup every segment's district is primary.  Everything else that is
named is 'mentioned'.  Only title, subtitle and body are read: sidebars and
most-read lists must be cut before (the normalize pipeline does).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention, find_all_mentions, reference_day, resolve_mentions
from crawler.districts.roundup import Segment, paragraphs_with_offsets, segments_from_mentions

PRIMARY = "primary"
MENTIONED = "mentioned"

_SUBJECT = re.compile(
    r"(?:청장|청|의회|민)?\s*(?:\([^)]*\))?\s*(?:[가-힣]{2,4}\s*)?(?:당선자|당선인|의장)?\s*"
    r"(?P<particle>가|이|는|은|와|과|에서는)(?![가-힣])"
)
_LIST_LINK = re.compile(r"(?:\([^)]*\))?\s*[·ㆍ,]")
_PARTNER = re.compile(r"(?:\([^)]*\))?\s*(?:와|과)\s*(?:함께|공동으로|손잡고|힘을 모아)")
_TITLE_LINK = re.compile(r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*(?P<link>[·ㆍ,/]|와|과|및)\s*[가-힣]{0,2}\s*$")
_PARALLEL_ITEM_MAX = 12
_LINKING_PARTICLES = ("와", "과", "가", "는", "이", "은", "와의", "과의")
_LEAD_SENTENCE_END = re.compile(r"다\.|\.\s")


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


def _word_end(text: str, end: int) -> str:
    match = re.match(r"[가-힣]*", text[end:])
    return match.group(0) if match else ""


def _title_link(between: str) -> str | None:
    """The connector joining two title districts into one subject list, if any.

    '관악구·동작구', '구로구, 영등포구와' and parallel items such as
    '강남구 200만원·노원구 50만원' link; a clause boundary ('…') does not.
    """
    link = _TITLE_LINK.match(between)
    if link:
        return link["link"]
    tail = between.rstrip()
    short_parallel = len(between) <= _PARALLEL_ITEM_MAX and tail.endswith(("·", "ㆍ", ","))
    if short_parallel and "…" not in between and "..." not in between:
        return tail[-1]
    return None


def _title_subjects(title: str, title_mentions: list[tuple[Mention, District]]) -> set[str]:
    """First district of the title and the noun phrases linked to it.

    '·' continues a noun phrase ('관악구·동작구'); '와/과/및' adds a co-subject;
    after a comma the next phrase must carry a linking particle itself
    ('구로구, 영등포구와 협약' yes, '강서구, 부산 강서구 교류' no: a location).
    """
    if not title_mentions:
        return set()
    subjects = {title_mentions[0][1].code}
    phrase, phrase_link = [], None
    previous = title_mentions[0][0]
    for mention, district in title_mentions[1:]:
        between = title[previous.end:mention.start]
        if mention.prefix_city and mention.prefix_city in between:
            between = between[: between.rfind(mention.prefix_city)]
        link = _title_link(between)
        if link is None:
            break
        if link not in ("·", "ㆍ"):
            phrase, phrase_link = [], link
        phrase.append(district.code)
        ending = _word_end(title, mention.end)
        if phrase_link is None or phrase_link in ("와", "과", "및") or ending in _LINKING_PARTICLES:
            subjects.update(phrase)
        previous = mention
    return subjects


def _lead_span(body: str) -> tuple[int, int]:
    paragraphs = paragraphs_with_offsets(body)
    if not paragraphs:
        return 0, 0
    first = paragraphs[0]
    sentence_end = _LEAD_SENTENCE_END.search(body, first.text_start, first.end)
    return first.text_start, sentence_end.end() if sentence_end else first.end


def _lead_subjects(body: str, body_mentions: list[tuple[Mention, District]]) -> set[str]:
    """Subject of the first sentence, its coordinated districts and co-actors."""
    start, end = _lead_span(body)
    in_lead = [(m, d) for m, d in body_mentions if start <= m.start < end]
    subjects: set[str] = set()
    pending: list[str] = []
    subject_found = False
    for mention, district in in_lead:
        if subject_found:
            if _PARTNER.match(body, mention.end):
                subjects.add(district.code)
            continue
        follower = _SUBJECT.match(body, mention.end)
        if _LIST_LINK.match(body, mention.end) or (follower and follower["particle"] in ("와", "과")):
            pending.append(district.code)
        elif follower:
            subjects.update(pending + [district.code])
            subject_found = True
        else:
            pending = []
    return subjects


def _roles(resolved, segments: list[Segment], texts: dict[str, str]) -> set[str]:
    if segments:
        return {segment.district_code for segment in segments}
    title_mentions = [(m, d) for m, d in resolved if m.field == "title"]
    body_mentions = [(m, d) for m, d in resolved if m.field == "body"]
    primary = _title_subjects(texts["title"], title_mentions) | _lead_subjects(texts["body"], body_mentions)
    if not primary and resolved:
        counts = Counter(d.code for _, d in resolved)
        primary = {counts.most_common(1)[0][0]}
    return primary


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


def analyse_article(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None,
) -> DistrictAnalysis:
    texts = {"title": title or "", "subtitle": subtitle or "", "body": body or ""}
    mentions = find_all_mentions(texts, reference_day(published_at))
    resolved = resolve_mentions(texts, mentions, outlet_region)
    segments = segments_from_mentions(
        title=texts["title"], subtitle=texts["subtitle"], body=texts["body"], resolved=resolved
    )
    primary = _roles(resolved, segments, texts)
    return DistrictAnalysis(_tags(resolved, primary), segments, bool(segments))


def tag_districts(
    *, title: str, subtitle: str | None, body: str, published_at: datetime | None, outlet_region: str | None = None
) -> list[DistrictTag]:
    """Districts of one article, primary ones first, each listed once."""
    return analyse_article(
        title=title, subtitle=subtitle, body=body, published_at=published_at, outlet_region=outlet_region
    ).districts
