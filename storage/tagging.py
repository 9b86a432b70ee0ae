"""What the archive needs from the district tagger, and how it gets it without importing the crawler.

Storing an article stamps the tagger version that derived its districts; ``migrate`` mirrors the
gazetteer into ``districts`` and rebuilds derived district tables; ``reindex``/``retag`` re-run the
tagger. The tagger lives in ``crawler/districts`` (it is also the crawl pipeline's), so it comes
in as an argument: every function that needs it takes ``tagger=``, and when none is given uses the
one the ``crawler`` package installs with ``install()`` as it is imported (any process that runs
gupress code has imported it). ``storage`` never imports ``crawler`` (tests/test_storage.py walks
the source to hold that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DistrictTagger:
    """``version``: stamped on each article's tags; ``analyze(title=, subtitle=, body=, published_at=,
    outlet_region=)``: an analysis with ``districts``, ``segments``, ``is_roundup``; ``gazetteer()``:
    district records (code, name, name_en, city, city_en, valid_from, valid_until, source)."""

    version: str
    analyze: Callable[..., Any]
    gazetteer: Callable[[], list[Any]]


_installed: Callable[[], DistrictTagger] | None = None


def install(factory: Callable[[], DistrictTagger]) -> None:
    """Make ``factory()`` the tagger used when a caller passes none (called by ``crawler/__init__``)."""
    global _installed
    _installed = factory


def tagger_or_installed(tagger: DistrictTagger | None) -> DistrictTagger:
    if tagger is not None:
        return tagger
    if _installed is None:
        raise RuntimeError("storage needs a district tagger: pass tagger=, or import the crawler package "
                           "(which installs crawler.districts)")
    return _installed()
