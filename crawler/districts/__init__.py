"""District intelligence: which 자치구 an article is about, and roundup splitting.

The districts pipeline, ``gupress tag`` and ``gupress retag`` call :func:`tag_fields` (which calls
:func:`analyze`); the archive layer gets this tagger as :func:`storage_tagger` (``storage.tagging``).
The rules live in the submodules; this package's surface is what the rest of gupress may call.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from crawler.districts.gazetteer import District, district_by_code, districts_valid_on, load_districts
from crawler.districts.roundup import Segment, is_roundup, split_segments
from crawler.districts.tagger import DistrictAnalysis, DistrictTag, analyse_article, tag_districts


#: Version of the tagging rules and gazetteers (gazetteer.csv, ordinary_gu.csv, dongs.csv). Stored with each
#: article's tags (``articles.tagger_version``); bump it whenever a rule or table change can change a result,
#: then ``gupress retag`` re-derives the stored articles tagged by another version.
TAGGER_VERSION = "24"


def analyze(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None,
) -> DistrictAnalysis:
    """Districts (primary/mentioned), roundup segments and the roundup flag of one article."""
    return analyse_article(
        title=title, subtitle=subtitle, body=body, published_at=published_at, outlet_region=outlet_region
    )


def storage_tagger():
    """This tagger as the archive layer takes it (``storage.tagging.DistrictTagger``)."""
    from storage.tagging import DistrictTagger

    return DistrictTagger(version=TAGGER_VERSION, analyze=analyze, gazetteer=load_districts)


def tag_fields(
    *, title: str | None, subtitle: str | None, body: str | None, published_at: datetime | None,
    outlet_region: str | None = None,
) -> dict[str, Any]:
    """``districts``, ``segments`` and ``is_roundup`` as stored and printed (dicts, as in ``gupress parse``).

    The one conversion shared by the crawl pipeline, ``gupress tag`` and ``gupress retag``.
    """
    analysis = analyze(title=title, subtitle=subtitle, body=body, published_at=published_at,
                       outlet_region=outlet_region)
    return {
        "districts": [asdict(tag) for tag in analysis.districts],
        "segments": [asdict(segment) for segment in analysis.segments],
        "is_roundup": analysis.is_roundup,
    }


__all__ = [
    "TAGGER_VERSION",
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
    "storage_tagger",
    "tag_fields",
    "tag_districts",
]
