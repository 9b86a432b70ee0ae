"""The subject of a headline: the title's first district and those linked to it, and each headline of a subtitle.

'관악구·동작구, …' (a middle dot continues the phrase), '구로구, 영등포구와 협약' (a co-subject after a comma must
carry a linking particle itself), '수성구-동구 협약' (a hyphen joins parties); a subtitle is split into its headlines
(' / ', new lines, bullets, dashes) and each is read like a title when a district opens it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.districts.dongs import DONG_CIVIC_BODY
from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention

_TITLE_LINK = re.compile(r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*(?P<link>[·ㆍ,/\-–]|와|과|및)\s*[가-힣]{0,2}\s*$")
_PARALLEL_ITEM_MAX = 12
_LINKING_PARTICLES = ("와", "과", "가", "는", "이", "은", "와의", "과의")


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


#: '용산구 갈월동 92 일대', '해운대구 우동 일원', an apartment block, a dong's civic body: not the district as a headline's
#: subject.
_SITE_AFTER = re.compile(
    r"\s[가-힣0-9·]{1,8}동(?:\s?[\d-]+(?:번지)?)?\s?(?:일대|일원)"
    r"|\s[^\s,]{1,12}\s?(?:아파트|단지)(?:에서|서)(?![가-힣])"  # '광주 서구 e편한세상 아파트서 …'
    r"|\s?[A-Za-z0-9\-]{1,8}지구|\s[가-힣]{2,6}지구(?![가-힣])"  # a zone: '울산 남구B-01지구, …', '서구 평리지구'
    # a dong's own civic body as the headline's subject: '성북구 종암동 주민자치회, …' (GUIDE: mentioned)
    r"|" + DONG_CIVIC_BODY
)


def title_subjects(title: str, title_mentions: list[tuple[Mention, District]]) -> set[str]:
    """First district of the title and the noun phrases linked to it.

    '·' continues a noun phrase ('관악구·동작구'); '와/과/및' adds a co-subject;
    after a comma the next phrase must carry a linking particle itself
    ('구로구, 영등포구와 협약' yes, '강서구, 부산 강서구 교류' no: a location).
    """
    if not title_mentions or _SITE_AFTER.match(title, title_mentions[0][0].end):
        return set()  # '용산구 갈월동 일대, 일반상업지역으로 …': the title names a site in the district
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
        if link not in ("·", "ㆍ", "-", "–"):  # a hyphen joins parties like a middle dot: '수성구-동구 협약'
            phrase, phrase_link = [], link
        phrase.append(district.code)
        ending = re.sub(r"^(?:청장|청|의회)", "", _word_end(title, mention.end))
        if phrase_link is None or phrase_link in ("와", "과", "및") or ending in _LINKING_PARTICLES:
            subjects.update(phrase)
        previous = mention
    return subjects


#: Where a subtitle's headlines part: ' / ', a new line, a bullet or a dash opening an item.
_SUBTITLE_PARTS = re.compile(r"\s/\s|\n|(?:^|\s)[▲△■□◆◇●○▶▷\-]\s?")
#: A headline opens with its subject (at most a city before it): '대전 중구, …', '서구는 …'.
_PART_OPENER = re.compile(r"\s*(?:[가-힣]{2,3}(?:특별시|광역시|시)?\s)?")
#: '남구 상개·북구 염포중리·울주 청량상남': districts with a place after each, a list of sites.
_PLACE_ITEM = re.compile(r"\s[가-힣]{2,4}\s?(?:·|,|$)")


def subtitle_subjects(subtitle: str, actors: list[tuple[Mention, District]]) -> set[str]:
    """Each headline of a subtitle read like a title ('대전 동구, … / 대전 중구, …', '-강남ㆍ종로ㆍ용산구도 40%대'):
    a roundup's or a ranking's subtitle names one block per headline."""
    subtitle_mentions = [(m, d) for m, d in actors if m.field == "subtitle"]
    found: set[str] = set()
    start = 0
    for boundary in [*_SUBTITLE_PARTS.finditer(subtitle), None]:
        end = boundary.start() if boundary else len(subtitle)
        part = [(m, d) for m, d in subtitle_mentions if start <= m.start < end]
        opener = part[0][0] if part else None
        opens = opener is not None and _PART_OPENER.fullmatch(subtitle, start, opener.start) is not None
        if opens and not _PLACE_ITEM.match(subtitle, opener.end):
            shifted = [(replace(m, start=m.start - start, end=m.end - start), d) for m, d in part]
            found |= title_subjects(subtitle[start:end], shifted)
        start = boundary.end() if boundary else len(subtitle)
    return found
