"""Checks of command-line values, shared by the commands: each failure is a ``UsageError``
(one line, exit 2) or an argparse type error (also one line, see ``crawler.cli``), raised
before the archive is opened, so a mistyped argument changes nothing."""

from __future__ import annotations

import argparse
from datetime import date


def positive_int(value: str) -> int:
    """argparse type for counts such as ``--max-pages`` and ``--limit``."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be 1 or more")
    return number


def existing_file(value: str):
    """argparse type for an input file that must exist (a JSONL of cases, a saved page)."""
    from pathlib import Path

    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value} is not a file")
    return path


def kst_day(value: str) -> date:
    """argparse type for ``--since``/``--until``: a calendar day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day in the form YYYY-MM-DD") from None


def check_window(since: date | None, until: date | None) -> None:
    from crawler.config import UsageError

    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}; nothing could match")


def check_outlets(outlets: list[str], known: list[str] | set[str], option: str = "outlet") -> None:
    from crawler.config import UsageError

    unknown = [o for o in outlets if o not in known]
    if unknown:
        raise UsageError(f"unknown {option} {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}")


def check_district_code(code: str | None) -> None:
    """A 5-digit 행정표준코드 the gazetteer knows (11380 = 은평구)."""
    from crawler.config import UsageError
    from crawler.districts import district_by_code

    if code is None:
        return
    if not (len(code) == 5 and code.isdigit()):
        raise UsageError(f"--district {code[:20]!r} is not a 5-digit district code (e.g. 11380 for 은평구)")
    try:
        known = district_by_code(code)
    except KeyError:
        known = None
    if known is None:
        raise UsageError(f"--district {code}: no district has this code (see the districts table)")
