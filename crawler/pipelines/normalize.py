"""Raw fields as the page showed them → clean, typed fields.

Pure text work only (``crawler.korean``); no selectors (those live in spiders) and no
database (that is the store's job).
"""

from __future__ import annotations

from crawler.items import ArticleItem
from crawler.korean import (
    clean_body,
    clean_text,
    find_labeled_datetimes,
    parse_korean_datetime,
    split_reporter_field,
    strip_control_characters,
    title_without_outlet_tag,
)


def normalize_item(item: ArticleItem) -> ArticleItem:
    item.title = title_without_outlet_tag(clean_text(item.title)) or None
    item.subtitle = clean_text(item.subtitle) or None
    item.category = clean_text(item.category) or None
    body = clean_body(item.body_paragraphs, title=item.title)
    item.body = body.text or None
    item.source_note = item.source_note or body.source_note
    _apply_byline(item, body.lead_byline, body.trailing_byline)
    item.published_at = _datetime(item.published_raw, "published")
    item.updated_at = _datetime(item.updated_raw, "updated")
    if item.updated_at and item.published_at and item.updated_at < item.published_at:
        item.updated_at = None
    item.canonical_url = item.canonical_url or item.url
    _rename_extraction_keys(item)
    _strip_controls(item)
    return item


def _strip_controls(item: ArticleItem) -> None:
    """No text field leaves normalization with NUL, a C0/C1 control (but newline and tab), an
    escape sequence or a bidi override: most went with ``clean_text`` already, this catches
    the fields that bypass it (spider-set source notes, e-mails, ids, raw dates, layers)."""
    for name, value in vars(item).items():
        if isinstance(value, str):
            setattr(item, name, strip_control_characters(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(item, name, [strip_control_characters(v) for v in value])
    item.extraction = {strip_control_characters(k): strip_control_characters(v) for k, v in item.extraction.items()}


#: Spiders record layers under the raw field they filled; the contract names the clean field.
_RAW_TO_CLEAN = {"body_paragraphs": "body", "published_raw": "published_at", "updated_raw": "updated_at"}


def _rename_extraction_keys(item: ArticleItem) -> None:
    for raw, clean in _RAW_TO_CLEAN.items():
        if raw in item.extraction:
            item.extraction[clean] = item.extraction.pop(raw)


def _apply_byline(item: ArticleItem, lead, trailing) -> None:
    """Reporter from the page's reporter field if any, else the lead byline, else the closing one."""
    field = split_reporter_field(item.reporter_raw) if item.reporter_raw else None
    candidates = [b for b in (field, lead, trailing) if b is not None]
    for byline in candidates:
        if byline.reporter and not item.reporter:
            item.reporter = byline.reporter
            item.reporter_title = byline.title
            if byline is not field:
                item.extraction["reporter"] = "text"
            elif "reporter_raw" in item.extraction:
                item.extraction["reporter"] = item.extraction["reporter_raw"]
    if item.reporter and not item.reporter_title:
        item.reporter_title = next((b.title for b in candidates if b.reporter == item.reporter and b.title), None)
    if not item.reporter_email:
        email = next((b.email for b in candidates if b.email), None)
        if email:
            item.reporter_email = email
            item.extraction.setdefault("reporter_email", "text")
    if item.reporter_email:
        item.reporter_email = item.reporter_email.strip().lower()
    item.extraction.pop("reporter_raw", None)


def _datetime(raw: str | None, kind: str):
    if not raw:
        return None
    labeled = find_labeled_datetimes(raw)
    return labeled.get(kind) or parse_korean_datetime(raw)


class NormalizePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        return normalize_item(item)
