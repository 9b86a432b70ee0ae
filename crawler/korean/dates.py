"""Publication dates as Korean outlets print them, turned into aware KST datetimes.

Every outlet family prints a different info line (``입력2025.09.29 11:41``,
``등록 2019.07.12 09:39:39``, ``기사승인 : 2026-01-19 14:28:07``,
``최종편집 2024-05-05(일)``, ``2026년 1월 6일 오후 3시 5분``) and meta tags use ISO
8601.  One set of patterns here keeps the spiders free of date code.  A date in
the future is rejected: it is always a parsing error (a phone number, an event
date), never a publication time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

KST = ZoneInfo("Asia/Seoul")
FUTURE_TOLERANCE = timedelta(minutes=10)
EARLIEST_YEAR = 1990  # no Korean online outlet predates this; older "dates" are noise

_WEEKDAY = r"(?:\s*\(\s*[월화수목금토일]\s*\))?"
_CLOCK = (
    r"(?:(?P<tsep>T|\s*)(?P<ampm>오전|오후|AM|PM|am|pm)?\s*"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm_after>AM|PM|am|pm))?(?P<tz>Z|[+-]\d{2}:?\d{2})?(?!\d))?"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*(?P<sep>[.\-/])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<day>\d{1,2})(?!\d)\.?" + _WEEKDAY + _CLOCK
)
_HANGUL = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*년\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일" + _WEEKDAY
    + r"(?:\s*(?P<ampm>오전|오후)?\s*(?P<hour>\d{1,2})"
    r"(?:\s*시(?:\s*(?P<minute>\d{1,2})\s*분)?(?:\s*(?P<second>\d{1,2})\s*초)?"
    r"|:(?P<minute_colon>\d{2})(?::(?P<second_colon>\d{2}))?))?"
)
_PATTERNS = (_NUMERIC, _HANGUL)

PUBLISHED_LABELS = ("기사승인", "기사입력", "입력", "등록", "승인", "작성", "게재")
UPDATED_LABELS = ("기사수정일", "기사수정", "최종수정", "최종편집", "업데이트", "수정")
_LABEL = re.compile(
    "(?P<label>" + "|".join(sorted(PUBLISHED_LABELS + UPDATED_LABELS, key=len, reverse=True)) + ")"
    r"(?:일시|일자|일|시간)?\s*[:：]?\s*"
)


def _hour_24(hour: int, marker: str | None) -> int:
    if not marker or hour > 12:
        return hour
    afternoon = marker.lower() in ("오후", "pm")
    if hour == 12:
        return 12 if afternoon else 0
    return hour + 12 if afternoon else hour


def _tzinfo(match: re.Match[str]) -> timezone | ZoneInfo:
    groups = match.groupdict()
    offset = groups.get("tz")
    # An offset is only believed in real ISO form: "10:54-11:00" is a time range.
    if not offset or not (groups.get("tsep") == "T" or groups.get("second")):
        return KST
    if offset == "Z":
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(match: re.Match[str], *, earliest_year: int = EARLIEST_YEAR) -> datetime | None:
    groups = match.groupdict()
    minute = groups.get("minute") or groups.get("minute_colon")
    second = groups.get("second") or groups.get("second_colon")
    hour = int(groups["hour"]) if groups.get("hour") else 0
    hour = _hour_24(hour, groups.get("ampm") or groups.get("ampm_after"))
    try:
        local = datetime(
            int(groups["year"]), int(groups["month"]), int(groups["day"]),
            hour, int(minute or 0), int(second or 0), tzinfo=_tzinfo(match),
        )
    except ValueError:
        return None
    if local.year < earliest_year:
        return None
    return local.astimezone(KST)


def _not_in_future(value: datetime | None, now: datetime | None) -> datetime | None:
    if value is None:
        return None
    reference = now or datetime.now(KST)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=KST)
    return None if value > reference + FUTURE_TOLERANCE else value


def _first_match(text: str) -> re.Match[str] | None:
    found = [m for m in (pattern.search(text) for pattern in _PATTERNS) if m]
    return min(found, key=lambda m: (m.start(), -m.end()), default=None)


def _match_at(text: str, position: int) -> re.Match[str] | None:
    found = [m for m in (pattern.match(text, position) for pattern in _PATTERNS) if m]
    return max(found, key=lambda m: m.end(), default=None)


def parse_korean_datetime(text: str | None, *, now: datetime | None = None) -> datetime | None:
    """The first date (with its time, if printed) in ``text`` as an aware KST datetime.

    Naive values are read as KST; a date without a time becomes 00:00 KST.
    Returns None for no date, an impossible date (2026-02-30, 25:00) or a date
    more than ten minutes after ``now``.
    """
    if not text:
        return None
    match = _first_match(text)
    return _not_in_future(_build(match), now) if match else None


def date_as_printed(text: str | None) -> datetime | None:
    """The publication date ``text`` prints, *without* the plausibility checks (future, before
    1990) that make the parsers above answer None: validation uses it to say why a date was
    refused ("in the future (2099-…)") instead of calling a clear date "unparsable"."""
    if not text:
        return None
    labeled = (_match_at(text, label.end()) for label in _LABEL.finditer(text)
               if label.group("label") in PUBLISHED_LABELS)
    for match in [*labeled, _first_match(text)]:
        value = _build(match, earliest_year=1000) if match else None
        if value is not None:
            return value
    return None


def find_labeled_datetimes(text: str | None, *, now: datetime | None = None) -> dict[str, datetime]:
    """``{'published': …, 'updated': …}`` from labelled dates in an info line.

    Only a date directly after its label counts, so a stray ``수정`` in prose
    does not steal the next date.  The first date of each kind wins.
    """
    found: dict[str, datetime] = {}
    for label in _LABEL.finditer(text or ""):
        kind = "published" if label.group("label") in PUBLISHED_LABELS else "updated"
        if kind in found:
            continue
        match = _match_at(text, label.end())
        value = _not_in_future(_build(match), now) if match else None
        if value is not None:
            found[kind] = value
    return found


def is_date_only_line(text: str) -> bool:
    """True for page chrome such as ``2024.03.27 (수)`` or ``등록 2019.07.12 09:39:39``:
    nothing but labels, dates and separators."""
    if _first_match(text) is None:
        return False
    rest = _LABEL.sub(" ", text)
    for pattern in _PATTERNS:
        rest = pattern.sub(" ", rest)
    return re.fullmatch(r"[\s•·|/:,\-]*", rest) is not None
