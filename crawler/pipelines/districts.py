"""District tagging pipeline: which 자치구 an article is about, and its roundup segments.

Runs after normalize (it needs the cleaned title/subtitle/body and the KST
``published_at``).  All logic lives in :mod:`crawler.districts`; this class only
moves values between the item and :func:`crawler.districts.analyze`.
"""

from __future__ import annotations

from dataclasses import asdict

from itemadapter import ItemAdapter

from crawler.districts import analyze


class DistrictTaggingPipeline:
    """Sets ``districts``, ``segments`` and ``is_roundup`` on every item."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_item(self, item):
        adapter = ItemAdapter(item)
        analysis = analyze(
            title=adapter.get("title"),
            subtitle=adapter.get("subtitle"),
            body=adapter.get("body"),
            published_at=adapter.get("published_at"),
            outlet_region=adapter.get("outlet_region"),
        )
        adapter["districts"] = [asdict(tag) for tag in analysis.districts]
        adapter["segments"] = [asdict(segment) for segment in analysis.segments]
        adapter["is_roundup"] = analysis.is_roundup
        return item
