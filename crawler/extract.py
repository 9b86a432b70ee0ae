"""Layered extraction: site selectors first, then page metadata, then text patterns, then a
generic main-text extractor, recording which layer produced each field.

Spiders own their selectors and call these helpers with what the selectors found; the
helpers know nothing of any outlet. The recorded layer is what lets ops see an outlet
drifting: when its dates suddenly come from the ``text`` layer, its markup changed.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from parsel import Selector

from crawler.items import ArticleItem

log = logging.getLogger(__name__)

#: Layers from most to least trusted.
LAYERS = ("selector", "meta", "jsonld", "text", "generic", "url")
FALLBACK_LAYERS = frozenset({"text", "generic"})


def pick(item: ArticleItem, field_name: str, *candidates: tuple[str, Any]) -> Any:
    """Set ``field_name`` from the first non-empty candidate ``(layer, value)`` and record its layer.

    A value may be a zero-argument callable, evaluated only when every earlier layer came up
    empty: the generic extractor costs far more than a selector and should run only as a fallback.
    """
    for layer, value in candidates:
        if callable(value):
            value = value()
        if _present(value):
            setattr(item, field_name, value)
            item.extraction[field_name] = layer
            return value
    return None


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(_present(v) for v in value)
    return True


def texts(selection) -> list[str]:
    """Visible text of each selected element (descendant text joined), empty ones dropped."""
    out = []
    for node in selection:
        text = " ".join(t.strip() for t in node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]").getall())
        if text.strip():
            out.append(text.strip())
    return out


def text_of(selection) -> str | None:
    found = texts(selection[:1])
    return found[0] if found else None


def split_lines(body: str | None) -> list[str]:
    """A single text (JSON-LD ``articleBody``) as its non-empty lines, i.e. paragraphs."""
    return [line.strip() for line in (body or "").split("\n") if line.strip()]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def first_email(lines: list[str]) -> str | None:
    """The first e-mail address in these texts (a reporter box, an end byline)."""
    return next((match.group(0) for match in map(EMAIL.search, lines) if match), None)


@dataclass
class PageMetadata:
    """What a page says about itself in <meta> tags and JSON-LD."""

    meta: dict[str, str] = field(default_factory=dict)
    jsonld: dict[str, Any] = field(default_factory=dict)

    def get(self, *names: str) -> str | None:
        for name in names:
            value = self.meta.get(name)
            if value and value.strip():
                return value.strip()
        return None

    def ld(self, *keys: str) -> Any:
        for key in keys:
            value = self.jsonld.get(key)
            if isinstance(value, dict):
                value = value.get("name") or value.get("@id")
            if isinstance(value, list):
                value = next((v.get("name") if isinstance(v, dict) else v for v in value if v), None)
            if _present(value):
                return value.strip() if isinstance(value, str) else value
        return None


def page_metadata(selector: Selector) -> PageMetadata:
    meta: dict[str, str] = {}
    for node in selector.css("meta"):
        key = node.attrib.get("property") or node.attrib.get("name") or node.attrib.get("itemprop")
        content = node.attrib.get("content")
        if key and content is not None and key.lower() not in meta:
            meta[key.lower()] = content
    return PageMetadata(meta=meta, jsonld=_news_article_jsonld(selector))


def _news_article_jsonld(selector: Selector) -> dict[str, Any]:
    for raw in selector.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, ValueError):
            continue
        for node in _walk_jsonld(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in {"NewsArticle", "Article", "ReportageNewsArticle"} for k in kinds):
                return node
    return {}


def _walk_jsonld(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _walk_jsonld(entry)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_jsonld(data["@graph"])


def generic_paragraphs(html: str, url: str | None = None) -> list[str]:
    """Main text by trafilatura, the last resort when no selector matched the body.

    ``deduplicate`` stays off: trafilatura's duplicate filter is a cache shared by every call in
    the process, so with it on a page's body depended on which pages the process had parsed
    before (a crawl, ``reparse`` and a test run gave one page different bodies)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=False)
    except Exception:  # trafilatura raises a variety of parser errors on broken markup
        log.warning("generic extractor failed on %s", url, exc_info=True)
        return []
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def fallback_fields(item: ArticleItem) -> list[str]:
    """Fields that fell through to a fallback layer (counted per run for drift detection)."""
    return sorted(name for name, layer in item.extraction.items() if layer in FALLBACK_LAYERS)
