"""Elected district heads (heads.csv) as evidence of where a bare district name is.

'김병내 남구청장' with no city anywhere names 광주's 남구: five cities have a 남구, one had a head called 김병내.
The table holds the elected heads (민선 3기-8기) of the districts whose bare names are ambiguous across cities, each
row with a page that states the term; rows marked ``verified=no`` (no page found) are not used.  Dates are not
checked: a person is tied to one district whether written as head, head-elect or former head, and no one in the table
headed same-named districts in two cities.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

from crawler.districts.gazetteer import read_table
from crawler.districts.mentions import Mention

HEADS_PATH = Path(__file__).with_name("heads.csv")
#: A head's name outweighs the outlet's region (it is only used when no city in the text places the name).
HEAD_NAME_WEIGHT = 2


@cache
def _heads_by_district_name() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """District name -> (a pattern of its verified heads' names, head's name -> city)."""
    cities: dict[str, dict[str, str]] = {}
    for row in read_table(HEADS_PATH):
        if row["verified"] == "yes":
            cities.setdefault(row["district"], {})[row["name"]] = row["city_short"]
    return {district: (re.compile(rf"(?<![가-힣])({'|'.join(sorted(heads))})(?![가-힣]{{2}})"), heads)
            for district, heads in cities.items()}


def head_city_evidence(texts: dict[str, str], mentions: list[Mention]) -> dict[str, Counter[str]]:
    """For each district name written bare, the cities whose head of it is named in the article ('윤석준 당선인은 …
    동구의' → 동구: 대구)."""
    evidence: dict[str, Counter[str]] = {}
    text = "\n".join(texts.values())
    bare_names = {m.name for m in mentions if not m.is_explicit and len({d.city_short for d in m.candidates}) > 1}
    for district_name in bare_names:
        pattern, city_of = _heads_by_district_name().get(district_name, (None, {}))
        for person in {found.group(1) for found in pattern.finditer(text)} if pattern else ():
            evidence.setdefault(district_name, Counter())[city_of[person]] += HEAD_NAME_WEIGHT
    return evidence
