"""The roles the tagger gives a passage, for the rule tests (rounds 4 and later): code -> 'primary' / 'mentioned'."""

from __future__ import annotations

from datetime import datetime

from crawler.districts import analyze
from crawler.korean import KST


def roles(body: str, title: str = "", region: str | None = None, day=(2021, 5, 1)) -> dict[str, str]:
    published = datetime(*day, 9, tzinfo=KST) if day else None
    analysis = analyze(title=title, subtitle=None, body=body, published_at=published, outlet_region=region)
    return {tag.code: tag.role for tag in analysis.districts}


def primaries(*args, **kwargs) -> set[str]:
    return {code for code, role in roles(*args, **kwargs).items() if role == "primary"}
