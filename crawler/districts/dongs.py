"""Districts implied by place: a 법정동 (legal dong) name resolves to its 자치구.

'흑석동', '명동', '암사1동 자치회관', '구포3동 행정복지센터' name a place, not a district; the
dong gazetteer (``dongs.csv``, derived from the 행정안전부 법정동코드 table, see its header) says
which district the place lies in.  A dong makes its district *mentioned*, never primary by itself
(the tagger decides roles), and it is evidence for the city of bare same-name districts
('북구 구포3동' is 부산 북구).

Dong names repeat (흑석동 is in 동작구, 광산구 and 대전 서구; 명동 in 서울 중구 and 창원), so a
name resolves only when it is unambiguous, or when the article fixes the city or district:

1. one current 자치구 row and no same-named dong outside the 자치구 (and, for two-syllable names,
   an administrative suffix or a number: '좌3동', '필동 주민센터'); or
2. among the candidates exactly one lies in a district the article already names (its name right
   before the dong, '해운대구 좌동', or anywhere in the article), or failing that in the city
   written before the dong ('서울 명동') or the article's home city.

Two-syllable names are also common words (변동, 합동, 중동, 신동), so they need 1's suffix or 2's
context, and a short stoplist of such words never resolves.  행정동 numbers are read as their
legal dong ('암사1동', '용현1·4동' → 암사동, 용현동); purely administrative names that are no
legal dong (수완동) are not in the table and stay unresolved.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from crawler.districts.gazetteer import District, district_by_code, districts_valid_on, load_districts
from crawler.districts.mentions import (
    FIELDS, Mention, city_before, normalise_region, standalone_city_words,
)

DONGS_PATH = Path(__file__).with_name("dongs.csv")
CURRENT, ABOLISHED = "current", "abolished"

#: Two-syllable dong names that are far more often ordinary words.
COMMON_WORDS = frozenset(
    "변동 유동 합동 수동 신동 중동 선동 전동 부동 대동 상동 동동 본동 북동 남동 서동 파동 초동 이동 공동 활동 "
    "운동 행동 노동 자동 출동 가동 작동 소동 감동 충동 진동 연동 협동 발동 격동 약동 태동 경동 원동 인동 정동".split()
)
#: What may follow a dong name and keep it a place: particles, offices, its head, its residents.
_AFTER = re.compile(
    r"(?:행정복지센터|주민센터|동사무소|주민자치회|주민자치위원회|주민자치센터|자치회관|지역사회보장협의체|동장|"
    r"일대|일원|소재|지역|주민|통장|관내)?"
    r"(?:에서는|에서|에는|에게|으로|로|은|는|이|가|을|를|의|에|와|과|도|까지|부터)?(?![가-힣])"
)
#: A dong's own civic bodies after its name ('종암동 주민자치회', '진관동 새마을부녀회'): when one acts, its district does
#: not (GUIDE: organisations named after a district or dong).
DONG_CIVIC_BODY = (r"\s[가-힣0-9·]{1,8}동\s?"
                   r"(?:주민자치회|주민자치위원회|새마을[가-힣]{0,4}|부녀회|통장협의회|지역사회보장협의체|방위협의회)")
_ADMIN_SUFFIX = re.compile(r"\s?(?:행정복지센터|주민센터|동사무소|주민자치|자치회관|동장|지역사회보장협의체)")
#: '흑석동', '암사1동', '용현1·4동', '도화2,3동', '명동2가'.
_DONG = re.compile(r"(?<![가-힣0-9])(?P<stem>[가-힣]{1,5}?)(?P<number>\d+(?:\s?[·,.ㆍ]\s?\d+)*)?동(?:\d+가)?")


@dataclass(frozen=True)
class DongRow:
    name: str
    code: str
    status: str
    outside: int


@dataclass(frozen=True)
class DongMention:
    field: str
    start: int
    end: int
    name: str            # the legal dong name ('암사동' for '암사1동')
    numbered: bool       # written as a 행정동 with a number ('좌3동')
    admin_suffix: bool   # followed by 행정복지센터, 주민센터, 동장 …


@cache
def load_dongs() -> dict[str, tuple[DongRow, ...]]:
    """Dong name -> its rows in dongs.csv."""
    index: dict[str, list[DongRow]] = defaultdict(list)
    with DONGS_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            index[row["dong"]].append(DongRow(row["dong"], row["code"], row["status"], int(row["outside"])))
    return {name: tuple(rows) for name, rows in index.items()}


def find_dong_mentions(field: str, text: str) -> list[DongMention]:
    """Dong names in one text that are in the gazetteer and stand as words."""
    found = []
    table = load_dongs()
    for match in _DONG.finditer(text or ""):
        name = match["stem"] + "동"
        if name not in table:
            continue
        if not _AFTER.match(text, match.end()):
            continue
        admin = bool(_ADMIN_SUFFIX.match(text, match.end()))
        found.append(DongMention(field, match.start(), match.end(), name, bool(match["number"]), admin))
    return found


def candidates(name: str, valid_codes: set[str]) -> list[DongRow]:
    """Rows for ``name`` in districts valid on the article's day: current ones, else (old names) abolished ones."""
    rows = [row for row in load_dongs().get(name, ()) if row.code in valid_codes]
    current = [row for row in rows if row.status == CURRENT]
    return current or rows


def resolve_dong(
    mention: DongMention, valid_codes: set[str], *, near_codes: set[str], article_codes: set[str],
    prefix_codes: set[str] = frozenset(), home_codes: list[set[str]] = (), article_cities: frozenset[str] = frozenset(),
) -> str | None:
    """The district code a dong mention means, or None when the article does not settle it.

    ``near_codes``: candidates of a district name written right before the dong; ``article_codes``:
    districts the article names; ``prefix_codes``: districts of the city written right before the dong
    ('서울 명동'); ``home_codes``: districts of the article's home cities (outlet region, city words),
    strongest first — not enough for a two-syllable name; ``article_cities``: the cities the article is
    placed in (its districts, its city words, its outlet): a name unique in the gazetteer but lying in
    another city is an administrative dong of the article's own district that is no legal dong ('인천
    서구 검단1동' is not 대구 북구 검단동), so it does not resolve.
    """
    # a district written right before the dong settles it, also under its old name ('인천 남구 숭의4동': 28170)
    every_row = {row.code for row in load_dongs().get(mention.name, ()) if row.code in valid_codes}
    for named in (near_codes, article_codes):  # also under an old name: '인천 남구 … 주안7동' (undated: 28170)
        if len(every_row & named) == 1:
            return (every_row & named).pop()
    rows = candidates(mention.name, valid_codes)
    if not rows:
        return None
    codes = {row.code for row in rows}
    short = len(mention.name) <= 2
    if short and (mention.name in COMMON_WORDS or mention.name in _district_short_names()):
        return None
    # a two-syllable name needs a district next to it, in the article, or its city written right before it
    contexts = (near_codes, article_codes, prefix_codes, *(() if short else home_codes))
    for context in contexts:
        chosen = codes & context
        if len(chosen) == 1:
            return chosen.pop()
        if len(chosen) > 1:
            return None
    unique = len(codes) == 1 and all(row.outside == 0 for row in rows)
    elsewhere = bool(article_cities) and district_by_code(next(iter(codes))).city_short not in article_cities
    if unique and not elsewhere and (not short or mention.numbered or mention.admin_suffix):
        return codes.pop()
    return None


@cache
def _district_short_names() -> frozenset[str]:
    """'성동' (성동구), '남동' (남동구): a district's short form, not the dong of the same spelling."""
    return frozenset(d.short_name for d in load_districts() if d.short_name)


def valid_codes_on(day: date | None) -> set[str]:
    return {d.code for d in (districts_valid_on(day) if day else load_districts())}


PLACE = "place"   # Mention.kind of a district implied by a dong: never an actor


def _near_codes(dong: DongMention, mentions: list[Mention]) -> set[str]:
    """Candidates of a district name written right before the dong ('북구 구포3동', '서울 강동구 암사1동')."""
    for mention in mentions:
        if mention.field == dong.field and 0 <= dong.start - mention.end <= 1:
            return {district.code for district in mention.candidates}
    return set()


def dong_mentions(texts: dict[str, str]) -> list[DongMention]:
    return [found for field in FIELDS for found in find_dong_mentions(field, texts.get(field) or "")]


def dong_city_evidence(dongs: list[DongMention], mentions: list[Mention], day: date | None) -> Counter[str]:
    """Cities of the dongs that resolve without the article's districts: evidence for bare same-name districts."""
    valid = valid_codes_on(day)
    evidence: Counter[str] = Counter()
    # a dong lying in exactly one of the districts a bare name could be ('강서구 … 명지1동': 부산 강서구, not 서울)
    candidates = {district.code for mention in mentions for district in mention.candidates}
    for dong in dongs:
        code = resolve_dong(dong, valid, near_codes=_near_codes(dong, mentions), article_codes=candidates)
        if code:
            evidence[district_by_code(code).city_short] += 1
    return evidence


def resolve_places(
    texts: dict[str, str], dongs: list[DongMention], mentions: list[Mention],
    resolved: list[tuple[Mention, District]], day: date | None, outlet_region: str | None,
) -> list[tuple[Mention, District]]:
    """Dong mentions paired with the district they lie in, as ``place`` mentions."""
    valid = valid_codes_on(day)
    by_city: dict[str, set[str]] = defaultdict(set)
    for district in load_districts():
        by_city[district.city_short].add(district.code)
    article_codes = {district.code for _, district in resolved}
    home = [normalise_region(outlet_region)] + [city for text in texts.values() for city in standalone_city_words(text)]
    home_codes = [by_city[city] for city in dict.fromkeys(c for c in home if c)]
    article_cities = frozenset(
        [district.city_short for _, district in resolved] + [c for c in home if c and c in by_city])
    places = []
    for dong in dongs:
        text = texts.get(dong.field) or ""
        city, _ = city_before(text, dong.start)
        code = resolve_dong(dong, valid, near_codes=_near_codes(dong, mentions), article_codes=article_codes,
                            prefix_codes=by_city[city] if city else set(), home_codes=home_codes,
                            article_cities=article_cities)
        if code:
            district = district_by_code(code)
            places.append((Mention(dong.field, dong.start, dong.end, dong.name, (district,), city, PLACE), district))
    return places
