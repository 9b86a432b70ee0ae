"""Districts named by short forms in lists, and every mention of an article in reading order.

Headline lists name districts by their short form ('강남·서초구', '성북·노원 구청장'), and one-syllable names
share one 구 ('동·서·남·북구청장', '동.서.남.북구청장'), also mixed with longer ones ('서·동·영도·남·사하·금정·수영구'); :func:`find_all_mentions` adds these to the full names
found by mentions.find_mentions.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

from crawler.districts.gazetteer import District
from crawler.districts.mentions import FIELDS, Mention, _city_before, _districts_for, _name_pattern, find_mentions


def _alternation(names) -> str:
    """A regex alternation of ``names``, longest first (so '부산진' is tried before '부산')."""
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


@lru_cache(maxsize=4096)  # by day too: hashing a day's ~70 districts per lookup cost more than the match
def _short_form_pattern(day: date | None) -> tuple[re.Pattern[str] | None, dict[str, list[District]]]:
    return _short_form_pattern_for(_districts_for(day))


@cache
def _short_form_pattern_for(districts: tuple[District, ...]) -> tuple[re.Pattern[str] | None, dict[str, list[District]]]:
    """Headline lists such as '강남·서초구' or '성북·노원 구청장' name districts by their short form; so do lists
    closed by a count ('성동, 중랑, 성북 … 관악 8곳')."""
    index: dict[str, list[District]] = {}
    for district in districts:
        if district.short_name:
            index.setdefault(district.short_name, []).append(district)
    if not index:
        return None, index
    short = _alternation(index)
    # one-syllable names mix in ('서·동·영도·남·사하·금정·수영구'), and so do full names ('종로, 중구, 용산, … 강동구')
    item = rf"(?:(?:{short})(?:구(?=\s*[·ㆍ,]))?|[중동서남북]구(?=\s*[·ㆍ,])|[중동서남북](?=\s*[·ㆍ,]|구))"
    shared_gu = r"\s*(?:구청장|구청|구의회|구민|구)(?:에서|에는|[은는이가와과의도에])?(?![가-힣])"
    counted = r"\s?(?:등\s?)?\d{1,2}\s?(?:곳|개\s?(?:자치)?구)"  # '성동, 중랑, … 관악 8곳에서 당선됐다'
    pattern = re.compile(rf"(?<![가-힣])(?:{item}\s*[·ㆍ,]\s*)+{item}(?={shared_gu}|{counted})")
    return pattern, index


def _short_form_mentions(field: str, text: str, day: date | None, taken: set[int]) -> list[Mention]:
    pattern, index = _short_form_pattern(day)
    if pattern is None:
        return []
    mentions = []
    _, full_names = _name_pattern(day)
    for chain in pattern.finditer(text or ""):
        items = list(re.finditer(r"[가-힣]+", chain.group(0)))
        if all(len(item.group(0)) == 1 for item in items):
            continue  # a chain of one-syllable names only: _direction_chain_mentions reads it
        for item in items:
            start = chain.start() + item.start()
            name = item.group(0)
            candidates = index.get(name) if len(name) > 1 else full_names.get(name + "구")
            if start in taken or not candidates:
                continue
            city, _ = _city_before(text, start)
            mentions.append(Mention(field, start, start + len(item.group(0)), candidates[0].name, tuple(candidates), city))
    return mentions


#: '동·서·남·북구청장', '동.서.남.북구청장': one-syllable district names (동구, 서구 …) chained before a shared 구.
_DIRECTION_CHAIN = re.compile(
    r"(?<![가-힣])(?:[중동서남북]\s*[·ㆍ,.]\s*)+(?=[중동서남북]구(?:청장|청|의회|민)?(?![가-힣]))"
)


def _direction_chain_mentions(field: str, text: str, day: date | None) -> list[Mention]:
    _, index = _name_pattern(day)
    mentions = []
    for chain in _DIRECTION_CHAIN.finditer(text or ""):
        for item in re.finditer(r"[중동서남북]", chain.group(0)):
            start = chain.start() + item.start()
            name = item.group(0) + "구"
            if name in index:  # the item ends where the shared 구 ends, so '청장 후보' reads as its suffix too
                city, _ = _city_before(text, start)
                mentions.append(Mention(field, start, chain.end() + 2, name, tuple(index[name]), city))
    return mentions


#: Parties as race roundups abbreviate them: '영도, 민주 김철훈 청장과 국힘 김기재 …', '사하는 민주 김태석 청장에'.
PARTY = r"(?:더불어민주당|민주당|민주|국민의힘|국힘|새누리당|새누리|한나라당|한나라|자유한국당|한국당|정의당|무소속|진보당|열린우리당|새정치민주연합|새정치|바른미래당|민생당)"


class _ContextPatterns(NamedTuple):
    """Short forms read as districts only in a context that says so; compiled once per day's districts."""
    race_line: re.Pattern[str]  # '영도, 민주 김철훈 청장과 국힘 …' opening a line of a matchup roundup
    owner: re.Pattern[str]  # '금천의 유성훈 구청장 당선인은': the short form owning its named head
    parenthesised: re.Pattern[str]  # '홍순헌(해운대), 박재범(남) … 구청장 등도': heads with their districts in parentheses
    schedule: re.Pattern[str]  # '△5일 강동 △6일 동작, 영등포, 금천 △9일 …': a dated schedule of short forms


@lru_cache(maxsize=4096)
def _context_patterns(day: date | None) -> _ContextPatterns | None:
    _, index = _short_form_pattern(day)
    if not index:
        return None
    short = _alternation(index)
    item = rf"[가-힣]{{2,4}}\s?\((?:{short}|[중동서남북])\)"
    return _ContextPatterns(
        race_line=re.compile(
            rf"(?:^|\n)[ \t]*(?:[▲△■□◆◇●○▶▷-][ \t]*)?(?P<name>{short})(?=[ \t]*(?:!|,|는|은|에선|에서는)[ \t]*{PARTY}\s)"
        ),
        owner=re.compile(rf"(?<![가-힣])(?P<name>{short})(?=의\s[가-힣]{{2,4}}\s(?:구청장|청장))"),
        parenthesised=re.compile(rf"{item}(?:(?:\s?[·ㆍ,]\s?|\s){item})*(?=\s?(?:구)?청장)"),
        schedule=re.compile(rf"(?:[△▲]\s?\d{{1,2}}일\s(?:{short})(?:\s?[,·]\s?(?:{short}))*(?:구)?\s?){{2,}}"),
    )


def _context_mentions(field: str, text: str, day: date | None, taken: set[int]) -> list[Mention]:
    """Short forms in a race roundup line, owning a named head, or in parentheses after heads' names."""
    patterns = _context_patterns(day)
    if patterns is None or not text or "청장" not in text and "일 " not in text and not re.search(PARTY, text):
        return []
    _, index = _short_form_pattern(day)
    _, full_names = _name_pattern(day)
    spans = [(m.start("name"), m["name"]) for pattern in (patterns.race_line, patterns.owner)
             for m in pattern.finditer(text)]
    for run in patterns.schedule.finditer(text):  # two or more dated bullets: the names are districts
        spans += [(run.start() + name.start(), name.group(0)) for name in re.finditer(r"[가-힣]{2,}", run.group(0))
                  if not name.group(0).endswith("일")]
    for run in patterns.parenthesised.finditer(text):  # a one-syllable form stands for 남구, 북구 …
        spans += [(run.start() + inner.start(1), inner.group(1)) for inner in re.finditer(r"\(([가-힣]+)\)", run.group(0))]
    found = []
    for start, name in spans:
        candidates = index.get(name) if len(name) > 1 else full_names.get(name + "구")
        if start not in taken and candidates:
            taken.add(start)
            found.append(Mention(field, start, start + len(name), candidates[0].name, tuple(candidates), None))
    return found


def find_all_mentions(texts: dict[str, str], day: date | None) -> list[Mention]:
    """Mentions in title, subtitle and body, in reading order."""
    found = []
    for field in FIELDS:
        text = texts.get(field) or ""
        full = find_mentions(field, text, day)
        taken = {mention.start for mention in full}
        extra = _short_form_mentions(field, text, day, taken) + _direction_chain_mentions(field, text, day)
        extra += _context_mentions(field, text, day, taken | {mention.start for mention in extra})
        found += sorted(full + extra, key=lambda m: m.start)
    return found
