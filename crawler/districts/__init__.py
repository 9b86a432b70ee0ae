"""District intelligence: which 자치구 an article is about, and roundup splitting.

The districts pipeline calls only :func:`analyze`.
"""

from __future__ import annotations

from datetime import datetime

from crawler.districts.gazetteer import District, district_by_code, districts_valid_on, load_districts
from crawler.districts.roundup import Segment, is_roundup, split_segments
from crawler.districts.tagger import DistrictAnalysis, DistrictTag, analyse_article, tag_districts


def analyze(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None,
) -> DistrictAnalysis:
    """Districts (primary/mentioned), roundup segments and the roundup flag of one article."""
    return analyse_article(
        title=title, subtitle=subtitle, body=body, published_at=published_at, outlet_region=outlet_region
    )


__all__ = [
    "District",
    "DistrictAnalysis",
    "DistrictTag",
    "Segment",
    "analyze",
    "district_by_code",
    "districts_valid_on",
    "is_roundup",
    "load_districts",
    "split_segments",
    "tag_districts",
]
