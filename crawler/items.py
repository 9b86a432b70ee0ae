"""The one item every spider yields, and the JSON contract ``gupress parse`` prints.

Spiders fill the *raw* fields exactly as the page shows them (selectors live only in
spiders); the normalize pipeline turns them into the *clean* fields. Keeping both lets
``gupress reparse`` and the tests see what a page really said.

Field list (raw → clean):

- ``outlet``: outlet slug (``asiae``); ``outlet_name`` and ``outlet_region`` come from the spider.
- ``url``: the URL the page was fetched from; ``canonical_url``: one URL per article
  (host variants, AMP pages and tracking parameters folded by the spider's URL rules).
- ``outlet_article_id``: the outlet's own id (Asia Economy's 19-digit id, ``no=``, ``idx=``…).
- ``title``, ``subtitle``: text; ``category``: the outlet's section label if shown.
- ``reporter_raw`` → ``reporter``, ``reporter_title`` (기자, 선임기자 …), ``reporter_email``.
- ``published_raw`` / ``updated_raw`` → ``published_at`` / ``updated_at`` (aware, KST).
- ``body_paragraphs`` → ``body``: clean text, paragraphs separated by one blank line.
- ``source_note``: e.g. ``광진구청 보도자료`` from a trailing ``출처:`` line.
- ``extraction``: for each field, the layer that produced it: ``selector`` (site markup),
  ``meta`` (og:/article: tags), ``jsonld`` (NewsArticle), ``text`` (patterns of the
  family's visible text), ``generic`` (main-text extractor), ``url`` (from the URL).
- ``districts`` / ``segments`` / ``is_roundup``: filled by the district pipeline.
- ``fetched_at``, ``http_status``, ``etag``, ``last_modified``, ``raw_html``, ``encoding``:
  fetch facts, kept so the raw page can be archived and re-parsed later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Fields of ``gupress parse`` output, in order. Changing this breaks consumers: add, never rename.
CONTRACT_FIELDS = (
    "outlet",
    "url",
    "outlet_article_id",
    "title",
    "subtitle",
    "reporter",
    "reporter_title",
    "reporter_email",
    "published_at",
    "updated_at",
    "body",
    "source_note",
    "category",
    "is_roundup",
    "districts",
    "segments",
    "extraction",
    "fetched_url",
    "content_hash",
)


@dataclass(repr=False)
class ArticleItem:
    outlet: str
    url: str
    outlet_name: str | None = None
    outlet_region: str | None = None
    canonical_url: str | None = None
    outlet_article_id: str | None = None
    title: str | None = None
    subtitle: str | None = None
    category: str | None = None
    reporter_raw: str | None = None
    reporter: str | None = None
    reporter_title: str | None = None
    reporter_email: str | None = None
    published_raw: str | None = None
    updated_raw: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    body_paragraphs: list[str] = field(default_factory=list)
    body: str | None = None
    source_note: str | None = None
    extraction: dict[str, str] = field(default_factory=dict)
    districts: list[dict[str, Any]] = field(default_factory=list)
    segments: list[dict[str, Any]] = field(default_factory=list)
    is_roundup: bool = False
    content_hash: str | None = None
    fetched_at: datetime | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    encoding: str | None = None
    raw_html: bytes | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        """Short on purpose: Scrapy logs every dropped item, and a body is kilobytes of Hangul."""
        return f"ArticleItem({self.outlet}, {self.canonical_url or self.url}, {self.title!r})"

    def to_contract(self) -> dict[str, Any]:
        """The stable JSON object of ``gupress parse`` (datetimes as ISO 8601 with +09:00)."""
        values = {
            "outlet": self.outlet,
            "url": self.canonical_url or self.url,
            "outlet_article_id": self.outlet_article_id,
            "title": self.title,
            "subtitle": self.subtitle,
            "reporter": self.reporter,
            "reporter_title": self.reporter_title,
            "reporter_email": self.reporter_email,
            "published_at": _iso(self.published_at),
            "updated_at": _iso(self.updated_at),
            "body": self.body,
            "source_note": self.source_note,
            "category": self.category,
            "is_roundup": self.is_roundup,
            "districts": self.districts,
            "segments": self.segments,
            "extraction": dict(sorted(self.extraction.items())),
            "fetched_url": self.url,
            "content_hash": self.content_hash,
        }
        return {name: values[name] for name in CONTRACT_FIELDS}


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    from crawler.korean import KST

    return value.astimezone(KST).isoformat()
