"""The 자치구 gazetteer: official codes, names and validity windows.

The data lives in ``gazetteer.csv`` next to this module (see its header for
sources and what is provisional).  Validity matters because codes change:
인천 남구 (28170) became 미추홀구 (28177) on 2018-07-01, and Incheon's 중구, 동구
and 서구 end on 2026-06-30.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.csv")
#: 일반구 of ordinary cities: negatives, never tagged (see mentions.py).
ORDINARY_GU_PATH = Path(__file__).with_name("ordinary_gu.csv")

#: Suffixes that turn a district name into an office, its head, its council or its residents.
INSTITUTION_SUFFIXES = ("청", "청장", "의회", "민")


@dataclass(frozen=True)
class District:
    code: str
    name: str
    name_en: str
    city: str
    city_en: str
    city_short: str
    valid_from: date | None
    valid_until: date | None
    source: str
    extra_aliases: tuple[str, ...] = ()

    def is_valid_on(self, day: date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        return starts_ok and (self.valid_until is None or day <= self.valid_until)

    @property
    def short_name(self) -> str | None:
        """'은평' for 은평구; None for two-syllable names (중구 -> '중' means nothing)."""
        return self.name[:-1] if len(self.name) >= 3 else None

    @property
    def aliases(self) -> tuple[str, ...]:
        """Names that refer to the district (or its office/head/council/residents)."""
        forms = [self.name, *(self.name + suffix for suffix in INSTITUTION_SUFFIXES)]
        if self.short_name:
            forms += [self.short_name, self.short_name + "구청"]
        return tuple(dict.fromkeys(forms + list(self.extra_aliases)))


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer CSV, skipping its # comment lines."""
    return _read_rows(path)


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def load_districts() -> tuple[District, ...]:
    """Every district in the gazetteer, including expired ones."""
    return tuple(
        District(
            code=row["code"],
            name=row["name"],
            name_en=row["name_en"],
            city=row["city"],
            city_en=row["city_en"],
            city_short=row["city_short"],
            valid_from=_parse_date(row["valid_from"]),
            valid_until=_parse_date(row["valid_until"]),
            source=row["source"],
            extra_aliases=tuple(alias for alias in row["extra_aliases"].split("|") if alias),
        )
        for row in _read_rows(GAZETTEER_PATH)
    )


@cache
def districts_valid_on(day: date) -> tuple[District, ...]:
    return tuple(district for district in load_districts() if district.is_valid_on(day))


@cache
def _by_code() -> dict[str, District]:
    return {district.code: district for district in load_districts()}


def district_by_code(code: str) -> District:
    """The district with this code; raises KeyError for an unknown code."""
    return _by_code()[str(code)]


@cache
def city_short_names() -> tuple[str, ...]:
    """서울, 부산, … in gazetteer order."""
    return tuple(dict.fromkeys(district.city_short for district in load_districts()))


def districts_by_name(districts: tuple[District, ...]) -> dict[str, list[District]]:
    """Name -> districts carrying it (중구 -> six cities)."""
    index: dict[str, list[District]] = defaultdict(list)
    for district in districts:
        for name in (district.name, *district.extra_aliases):
            index[name].append(district)
    return dict(index)


def acts_on(code: str, day: date | None, named: set[str]) -> bool:
    """A district created after the article's day can be named, never act: it is mentioned only.  Undated, a new
    district of a reorganisation (several created on one day) named beside one it replaces ('중구와 동구가 사라지고
    제물포구가 생긴다') is the reorganisation being reported: mentioned.  A rename (남구 → 미추홀구) is one district."""
    district = district_by_code(code)
    starts = district.valid_from
    if starts is None:
        return True
    if day is not None:
        return day >= starts
    same_city = [d for d in load_districts() if d.city == district.city]
    created_together = [d for d in same_city if d.valid_from == starts]
    replaced = [d for d in same_city if d.code in named and d.valid_until and d.valid_until < starts]
    return not (replaced and len(created_together) > 1)

