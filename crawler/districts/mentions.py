"""Finding district names in Korean text and deciding which city each one means.

Korean has no spaces between a noun and its particles, so a district name is
recognised by what follows it: nothing, punctuation, a particle chain
(은평구에서는), or an institutional suffix (은평구청장, 중구보건소).  That rejects
중구난방, 서구화, 서구권, 동구릉 and 남구로역 without a dictionary.

Six names exist in several cities (중구, 동구, 서구, 남구, 북구, 강서구).  A mention
is resolved by, in order: an explicit city prefix (울산 중구, 부산시 강서구); the
city of the first body mention when that one is prefixed; the one city that the
article's other, non-contrastive prefixed mentions of the name agree on (a bare
caption '김형찬 강서구청장' followed by '부산 강서구청장'); the article's home city
(city names and unambiguous districts in the text, then the district's head named
in it (heads.csv), then the outlet's region, then Seoul).  A name that an ordinary city claims ('포항시 남구', '포항 북구청장':
일반구, see ``ordinary_gu.csv``) is dropped, and so are its bare mentions unless
a metropolitan city is written for it.  A mention that none of these settles is
dropped: an untagged district is better than a wrong one.

Every mention has a kind: ``district`` (the district, its office, head,
council, residents, a place in it), ``organisation`` (a body named after the
district that is not the district: 강서구협의회, 중구문화원, 관악구 소상공인회,
수성구새마을부녀회) and ``constituency`` (a councillor's seat: 의원(강서구, 국민의힘)).
Only ``district`` mentions can make a district primary.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from crawler.districts.gazetteer import (
    ORDINARY_GU_PATH, District, read_table, districts_by_name, districts_valid_on, load_districts,
)
from crawler.districts.datelines import is_dateline, is_station
from crawler.districts.persons import linked_city
from crawler.korean import KST

FIELDS = ("title", "subtitle", "body")
DEFAULT_CITY = "서울"
OUTLET_REGION_WEIGHT = 1

_PARTICLES = sorted(
    """에서는 에서도 에서의 에서 에게 에는 에도 에의 으로는 으로 로는 로도 로서 로부터 부터 까지 와의 과의 와는
    과는 만의 만이 보다 처럼 마다 이나 이며 이자 이고 이다 이었다 였다 라는 이라는 에 와 과 의 는 은 이 가 도 를 을 만
    로 랑 측 내 엔 나 며 서 엔""".split(),
    key=len,
    reverse=True,
)
_PARTICLE_CHAIN = re.compile("(?:" + "|".join(_PARTICLES) + ")+")
#: Words glued to a district name that keep it a district (offices, head, council, residents, facilities).
INSTITUTION_PREFIXES = (
    "청", "의회", "의장", "민", "정", "보건소", "보건지소", "립", "형", "관내", "일대", "일원", "지역", "소재", "전역", "갑", "을", "병",
    "선관위", "선거관리위원회", "치매안심센터", "시설관리공단", "도시관리공단", "문화재단", "체육회", "자원봉사센터",
    "가족센터", "육아종합지원센터", "복지관", "노인복지관", "장애인복지관", "도서관", "상공회의소", "지회", "지부",
    "협의회", "주민", "소방서", "경찰서", "세무서", "정신건강복지센터", "건강가정지원센터", "평생학습관", "청소년수련관",
    "문화원", "체육관", "관계자", "1인가구지원센터", "일자리", "사회복지협의회", "새마을회", "통장협의회",
)
_CITY_SUFFIX = r"(?:특별시|광역시|시)?"
#: Bodies named after a district that are not the district itself: they imply a mention, never a subject.
ORGANISATION_SUFFIXES = (
    "협의회", "연합회", "소상공 연합회", "소상공인회", "소상공인연합회", "상인회", "상인연합회", "번영회", "새마을회",
    "새마을부녀회", "부녀회", "상공회", "상공회의소", "문화원", "문화재단", "체육회", "장학회", "지회", "지부",
    "사회복지협의회", "통장협의회", "경찰서", "소방서", "세무서", "선관위", "선거관리위원회", "시설관리공단",
    "도시관리공단", "교육지원청", "청소년지도협의회",
    # family centres are run by commissioned non-profits (위탁), not by the district office
    "가족센터", "건강가정지원센터", "다문화가족지원센터",
)
_ORGANISATION_AFTER = re.compile(
    r"\s?(?:[가-힣]{1,5}(?<![이가은는을를의에도])\s)?[가-힣]{0,8}?(?:" + "|".join(map(re.escape, ORGANISATION_SUFFIXES)) + r")"
)
DISTRICT, ORGANISATION, CONSTITUENCY, ORDINARY = "district", "organisation", "constituency", "ordinary"
_CONTRAST_BEFORE = re.compile(r"(?:자매도시|자매결연|우호도시|교류)[가-힣]*\s*[을를인의]?\s*$")
_CONTRAST_AFTER = re.compile(r"(?:와|과)(?:의)?(?![가-힣])")
_SENTENCE_END = re.compile(r"다[.\"”’']|니다|다$")
_SEAT_BEFORE = re.compile(
    r"(?:의원|위원장|후보)\s*\([^()]*$|"
    r"\((?:국민의힘|더불어민주당|민주당|미래통합당|새누리당|자유한국당|한나라당|국민의당|바른미래당|정의당|무소속|국|민|무)"
    r"\s*[,·]\s*$|"
    r"의원\s*[-–]\s*$"  # '[우리동네 시의원-성동구]': the councillors elected there
)

#: '중구·강화군·옹진군 지역위원장', '동구 당협위원장': a party's constituency organisation, not the district.
_SEAT_AFTER = re.compile(
    r"(?:\s*[·ㆍ,]\s*[가-힣]{1,5}[구군시])*\s*(?:지역위원장|지역위원회|당협위원장|당원협의회)"
    # a national-assembly seat: '남구갑', '북구을', '남구갑·을' (을 is no particle after 구: that is 를)
    r"|(?:갑|을|병)(?:\s?[·ㆍ]\s?(?:갑|을|병))*(?=[^가-힣]|$|(?:은|는|이|가|의|에서|에|으로|로|과|와|도)(?![가-힣]))"
)


@dataclass(frozen=True)
class Mention:
    field: str           # title | subtitle | body
    start: int
    end: int             # end of the district name itself
    name: str
    candidates: tuple[District, ...]
    prefix_city: str | None  # city short name written right before the name
    kind: str = DISTRICT     # district | organisation | constituency | ordinary (an 일반구 of an ordinary city)

    @property
    def is_explicit(self) -> bool:
        return self.prefix_city is not None

    def start_with_city(self, text: str) -> int:
        """Where the mention starts with its city prefix ('대구 동구청장' starts at 대구)."""
        found = text.rfind(self.prefix_city, max(0, self.start - 12), self.start) if self.prefix_city else -1
        return found if found >= 0 else self.start


def reference_day(published_at: datetime | None) -> date | None:
    """The KST calendar day whose districts apply; None means 'any time'."""
    return published_at.astimezone(KST).date() if published_at else None


def _districts_for(day: date | None) -> tuple[District, ...]:
    return districts_valid_on(day) if day else load_districts()


@lru_cache(maxsize=4096)
def _name_pattern(day: date | None) -> tuple[re.Pattern[str], dict[str, list[District]]]:
    """Cached by day too: looking a day's district tuple up in ``_name_pattern_for``'s cache
    hashes its ~70 districts, several times per article."""
    return _name_pattern_for(_districts_for(day))


@cache
def _name_pattern_for(districts: tuple[District, ...]) -> tuple[re.Pattern[str], dict[str, list[District]]]:
    """Keyed by the district set, not the day: a handful of validity epochs, not one per day."""
    index = districts_by_name(districts)
    names = sorted(index, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))), index


@cache
def _city_pattern() -> re.Pattern[str]:
    cities = sorted({d.city_short for d in load_districts()}, key=len, reverse=True)
    return re.compile(rf"(?P<city>{'|'.join(cities)}){_CITY_SUFFIX}")


def _word_remainder(text: str, end: int) -> str:
    match = re.match(r"[가-힣]*", text[end:])
    return match.group(0) if match else ""


def _ends_word(text: str, end: int) -> bool:
    """Is ``text[:end]`` followed by something that keeps it a stand-alone noun?"""
    rest = _word_remainder(text, end)
    if not rest:
        return True
    if rest.startswith(INSTITUTION_PREFIXES):
        return True
    return _PARTICLE_CHAIN.fullmatch(rest) is not None


def _city_before(text: str, start: int) -> tuple[str | None, int]:
    """City written directly before position ``start`` ('울산 ', '부산시 ', '울산'), and where it begins."""
    window = text[max(0, start - 12):start]
    match = None
    for candidate in _city_pattern().finditer(window):
        if re.fullmatch(r"\s{0,2}", window[candidate.end():]):
            match = candidate
    if not match:
        return None, start
    begin = start - len(window) + match.start()
    if begin > 0 and re.match(r"[가-힣]", text[begin - 1]):
        return None, start  # '경기광주', '전광주' are not the metropolitan city
    return match["city"], begin


@cache
def _ordinary_gu() -> dict[str, frozenset[str]]:
    """Ordinary city -> its 일반구 names (valid at any time: the tagger only needs the names)."""
    table: dict[str, set[str]] = {}
    for row in read_table(ORDINARY_GU_PATH):
        table.setdefault(row["city"], set()).add(row["gu"])
    return {city: frozenset(names) for city, names in table.items()}


@cache
def _ordinary_city_pattern() -> re.Pattern[str]:
    cities = "|".join(sorted(_ordinary_gu(), key=len, reverse=True))
    return re.compile(rf"(?<![가-힣])(?P<city>{cities})(?:특례시|시)?")


def _ordinary_claim(text: str, start: int, name: str) -> bool:
    """Is ``name`` at ``start`` an 일반구 of the ordinary city written just before it ('포항시 남·북구')?"""
    window = text[max(0, start - 14):start]
    for match in _ordinary_city_pattern().finditer(window):
        between = window[match.end():]
        if re.fullmatch(r"\s*(?:[가-힣]{1,3}\s*[·ㆍ,]\s*)*", between) and name in _ordinary_gu()[match["city"]]:
            return True
    return False


def _kind(text: str, start: int, end: int, name: str) -> str:
    if _ordinary_claim(text, start, name):
        return ORDINARY
    if _ORGANISATION_AFTER.match(text, end):
        return ORGANISATION
    if _SEAT_BEFORE.search(text[max(0, start - 30):start]) or _SEAT_AFTER.match(text, end):
        return CONSTITUENCY
    return DISTRICT


def find_mentions(field: str, text: str, day: date | None) -> list[Mention]:
    """Every district-name occurrence in one text, with its candidate districts and its kind."""
    pattern, index = _name_pattern(day)
    mentions = []
    for match in pattern.finditer(text or ""):
        start, end = match.span()
        city, _ = _city_before(text, start)
        if start > 0 and re.match(r"[가-힣]", text[start - 1]) and city is None:
            continue
        if not _ends_word(text, end):
            continue
        name = match.group(0)
        kind = _kind(text, start, end, name)
        mentions.append(Mention(field, start, end, name, tuple(index[name]), city, kind))
    return mentions


def ordinary_city_evidence(texts: dict[str, str]) -> Counter[str]:
    """How often each ordinary city (포항, 고양, …) is written as a word in the article."""
    evidence: Counter[str] = Counter()
    for text in texts.values():
        evidence.update(match["city"] for match in _ordinary_city_pattern().finditer(text or ""))
    return evidence


def _standalone_city_words(text: str) -> list[str]:
    """City names not directly followed by a district (those count as prefixes instead)."""
    found = []
    pattern, _ = _name_pattern(None)
    for match in _city_pattern().finditer(text or ""):
        start, end = match.span()
        if start > 0 and re.match(r"[가-힣]", text[start - 1]):
            continue
        if is_station(text, match.end("city")):
            found.append(match["city"])
            continue
        if not _ends_word(text, end) or is_dateline(text, end):
            continue
        if pattern.match(text, end + len(text[end:]) - len(text[end:].lstrip())):
            continue
        found.append(match["city"])
    return found


def dateline_city(texts: dict[str, str]) -> str | None:
    """The city of the article's first dateline ('[부산=뉴스핌]', '부산=김성욱 기자'), if any."""
    for field in FIELDS:
        text = texts.get(field) or ""
        for match in _city_pattern().finditer(text):
            before_ok = match.start() == 0 or not re.match(r"[가-힣]", text[match.start() - 1])
            if before_ok and is_dateline(text, match.end()):
                return match["city"]
    return None


def _city_evidence(
    texts: dict[str, str], mentions: list[Mention], name: str, extra: Counter[str] | None = None
) -> Counter[str]:
    """How strongly the article is set in each city, ignoring mentions of ``name`` itself.

    ``extra``: evidence found elsewhere (the cities of dongs that resolve on their own, see dongs.py).
    """
    evidence: Counter[str] = Counter(extra or {})
    for text in texts.values():
        evidence.update(_standalone_city_words(text))
    for mention in mentions:
        if mention.name == name or mention.kind == ORDINARY:
            continue
        cities = {d.city_short for d in mention.candidates}
        if mention.prefix_city:
            evidence[mention.prefix_city] += 1
        elif len(cities) == 1:
            evidence[cities.pop()] += 1
    return evidence


def _pick(candidates: tuple[District, ...], city: str | None) -> District | None:
    return next((d for d in candidates if d.city_short == city), None) if city else None


def _home_city_choice(mention: Mention, evidence: Counter[str], outlet_region: str | None) -> District | None:
    """The candidate in the city the article is set in.

    The outlet's region counts as one piece of evidence and wins ties, so a
    Seoul outlet's '강서구' stays Seoul's even when the text names 부산 once.
    """
    by_city = {d.city_short: d for d in mention.candidates}
    scores = Counter({city: evidence[city] for city in by_city if evidence[city] > 0})
    if outlet_region in by_city:
        scores[outlet_region] += OUTLET_REGION_WEIGHT
    if scores:
        best = max(scores.values())
        leaders = [city for city, score in scores.items() if score == best]
        if len(leaders) == 1:
            return by_city[leaders[0]]
        return by_city[outlet_region] if outlet_region in leaders else None
    return _pick(mention.candidates, DEFAULT_CITY)


def resolve_mentions(
    texts: dict[str, str], mentions: list[Mention], outlet_region: str | None,
    extra_evidence: Counter[str] | None = None, heads_evidence: dict[str, Counter[str]] | None = None,
) -> list[tuple[Mention, District]]:
    """Pair each mention with the district it means; unresolvable mentions are left out.

    All bare mentions of one name mean the same district: the city of the first
    body mention if that one is prefixed ('울산 중구(…)가 … 중구는'), else the
    article's home city.  A later prefixed mention of the same name in another
    city is a contrast ('강서구는 자매도시 부산 강서구와'), not a redefinition.
    """
    region = _normalise_region(outlet_region)
    ordered = sorted(mentions, key=lambda m: (FIELDS.index(m.field), m.start))
    bare_meaning: dict[str, District | None] = {}
    resolved: list[tuple[Mention, District]] = []
    for mention in ordered:
        if mention.kind == ORDINARY:
            continue
        if mention.is_explicit:
            district = _pick(mention.candidates, mention.prefix_city)
        elif len(mention.candidates) == 1:
            district = mention.candidates[0]
        else:
            if mention.name not in bare_meaning:
                heads = (heads_evidence or {}).get(mention.name)
                bare_meaning[mention.name] = _bare_meaning(mention, texts, ordered, region, extra_evidence, heads)
            district = bare_meaning[mention.name]
        if district is not None:
            resolved.append((mention, district))
    return resolved


def _is_contrast(texts: dict[str, str], mention: Mention, same_name: list[Mention]) -> bool:
    """A prefixed mention that names a partner, not the article's own district.

    '자매도시인 부산 강서구', '부산 강서구와', or a headline naming the bare and the prefixed district side by
    side ('강서구, 부산 강서구 … 교류'): writers do not repeat one district with and without its city in a title.
    """
    text = texts.get(mention.field) or ""
    if mention.field != "body" and any(
        m.field == mention.field and not m.is_explicit and m.start < mention.start for m in same_name
    ):
        return True
    before = text[max(0, mention.start - 16):mention.start]
    if mention.prefix_city:
        before = before[: before.rfind(mention.prefix_city)] if mention.prefix_city in before else before
    return bool(_CONTRAST_BEFORE.search(before) or _CONTRAST_AFTER.match(text, mention.end))


def _in_sentence(texts: dict[str, str], mention: Mention) -> bool:
    """Is a body mention inside running text (a line with a finished sentence), not a stray headline?"""
    if mention.field != "body":
        return True
    text = texts["body"]
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    return bool(_SENTENCE_END.search(text[line_start: line_end if line_end >= 0 else len(text)]))


def _bare_meaning(
    mention: Mention, texts, ordered: list[Mention], region: str | None, extra: Counter[str] | None = None,
    heads: Counter[str] | None = None,
) -> District | None:
    """``heads`` (heads.py) counts only when no city written places the name; it outweighs dateline and outlet."""
    same_name = [m for m in ordered if m.name == mention.name]
    explicit = [m for m in same_name if m.is_explicit and m.kind != ORDINARY]
    if any(m.kind == ORDINARY for m in same_name) and not explicit:
        return None
    linked = linked_city(texts, [m for m in same_name if not m.is_explicit], explicit)
    if linked:
        return _pick(mention.candidates, linked)
    first_in_body = next((m for m in same_name if m.field == "body" and m.kind != ORDINARY), None)
    if first_in_body is not None and first_in_body.is_explicit:
        return _pick(mention.candidates, first_in_body.prefix_city)
    defining = {
        m.prefix_city for m in explicit if not _is_contrast(texts, m, same_name) and _in_sentence(texts, m)
    }
    if len(defining) == 1:
        return _pick(mention.candidates, defining.pop())
    evidence = _city_evidence(texts, ordered, mention.name, extra)
    if heads and not any(evidence[d.city_short] for d in mention.candidates):
        evidence.update(heads)
    owners = {city for city, names in _ordinary_gu().items() if mention.name in names}
    ordinary = sum(count for city, count in ordinary_city_evidence(texts).items() if city in owners)
    if ordinary and ordinary > max((evidence[d.city_short] for d in mention.candidates), default=0):
        return None
    dateline = dateline_city(texts)  # weaker than any city in the text, more specific than the outlet's home
    if dateline and not any(evidence[d.city_short] for d in mention.candidates):
        return _pick(mention.candidates, dateline) or _home_city_choice(mention, evidence, region)
    return _home_city_choice(mention, evidence, region)


def _normalise_region(region: str | None) -> str | None:
    if not region:
        return None
    match = _city_pattern().match(region.strip())
    return match["city"] if match else None


# Public names for the dong gazetteer (dongs.py), which places dongs with the same city logic.
city_before = _city_before
normalise_region = _normalise_region
standalone_city_words = _standalone_city_words

