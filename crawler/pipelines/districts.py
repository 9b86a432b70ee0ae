"""District tagging pipeline: which 자치구 an article is about, and its roundup segments.

Runs after normalize (it needs the cleaned title/subtitle/body and the KST
``published_at``).  All logic lives in :mod:`crawler.districts`; this class only
moves values between the item and :func:`crawler.districts.analyze`.
"""

from __future__ import annotations

from itemadapter import ItemAdapter

from crawler.districts import tag_fields


class DistrictTaggingPipeline:
    """Sets ``districts``, ``segments`` and ``is_roundup`` on every item."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_item(self, item):
        adapter = ItemAdapter(item)
        fields = tag_fields(
            title=adapter.get("title"),
            subtitle=adapter.get("subtitle"),
            body=adapter.get("body"),
            published_at=adapter.get("published_at"),
            outlet_region=adapter.get("outlet_region"),
        )
        for name, value in fields.items():
            adapter[name] = value
        return item
