"""Where a story was reported: datelines, and city-named stations as evidence of the city.

A dateline ('[부산=뉴스핌]', '(대구·경북=뉴스1)', a closing '부산=김성욱 기자') says where the reporter
filed from.  It is not text about the city, so it is not counted as a city word (issue 9: never stronger
than a city written in the text); when the text places a bare name in no city, the dateline does, before
the outlet's home region, because it is the more specific of the two: a 대전 paper's 부산 correspondent
writing about a bare 동구 means 부산's.

A station named after the city ('대전역', '대전역세권', '부산역 광장') lies in that city: it counts as
one city word, like the city's name.
"""

from __future__ import annotations

import re

#: The city followed by '=' (optionally '·경북' first): '[부산=', '(대구·경북=', '부산=김성욱 기자'.
_DATELINE_AFTER = re.compile(r"(?:·[가-힣]{1,4})*\s?=")
_STATION_AFTER = re.compile(r"역(?:세권|사|광장|앞|\s|[은는이가을를의에과와,.]|$)")


def is_dateline(text: str, end: int) -> bool:
    """Is the city name ending at ``end`` a dateline's ('대구=', '대구·경북=')?"""
    return _DATELINE_AFTER.match(text, end) is not None


def is_station(text: str, end: int) -> bool:
    """Is the city name ending at ``end`` part of a station's name ('대전역', '대전역세권')?"""
    return _STATION_AFTER.match(text, end) is not None
