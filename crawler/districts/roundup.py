"""Roundup articles: several districts' news items in one article.

Asia Economy's ``[서울시 자치구 뉴스]`` is the model (docs: outlets.md §1, seed
000): the subtitle lists the items separated by ``...``, and the body has one
block per district that opens with ``XX구(구청장 …)가`` / ``XX구는`` / ``XX구가``,
with the headline repeated as a photo caption between blocks.  Other outlets
run the same format as ``[구정소식] 동대문구·중랑구``.

A non-roundup yields no segments (``[]``), not one segment spanning the body:
segments exist to say which part of a text belongs to which district, and for
a single-topic article that is simply the whole article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from crawler.districts.gazetteer import District
from crawler.districts.mentions import Mention, reference_day, resolve_mentions
from crawler.districts.shortforms import find_all_mentions
from crawler.korean import clean_text, split_lead_byline

SERIES_MARKER = re.compile(r"자치구\s*뉴스|자치구\s*소식|구정\s*소식|구정\s*브리핑|구정\s*단신|구청\s*소식")
_ITEM_SEPARATOR = re.compile(r"\.{3,}|…+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_BLOCK_HEAD_TAIL = re.compile(r"(?:청|의회)?\s*(?:\([^)]*\))?\s*(?:가|는|은|이|에서는|도)(?![가-힣])")
_SENTENCE_END = re.compile(r"(?:[.。][\"”’']?|다[\"”’']?)$")
_CAPTION_MAX_LENGTH = 120


@dataclass(frozen=True)
class Segment:
    order: int
    district_code: str
    text: str


@dataclass(frozen=True)
class _Paragraph:
    start: int
    text_start: int  # after a lead byline, if any
    end: int
    text: str


def paragraphs_with_offsets(body: str) -> list[_Paragraph]:
    """Body paragraphs (blank-line separated) with their offsets in ``body``."""
    result = []
    position = 0
    for chunk in _PARAGRAPH_BREAK.split(body or ""):
        start = (body or "").index(chunk, position)
        position = start + len(chunk)
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        text_start = start
        if not result:
            byline, rest = split_lead_byline(stripped)
            if byline is not None and rest:
                text_start = start + stripped.index(rest)
        result.append(_Paragraph(start, text_start, start + len(stripped), stripped))
    return result


def _listed_districts(title: str, subtitle: str | None, resolved: list[tuple[Mention, District]]) -> list[str]:
    """Codes the title/subtitle announce as items; empty when they announce no list."""
    if subtitle and len(_ITEM_SEPARATOR.split(subtitle)) >= 2:
        items = _ITEM_SEPARATOR.split(subtitle)
        bounds, position = [], 0
        for item in items:
            start = subtitle.index(item, position)
            bounds.append((start, start + len(item)))
            position = start + len(item)
        codes = []
        for start, end in bounds:
            inside = [d.code for m, d in resolved if m.field == "subtitle" and start <= m.start < end]
            if inside:
                codes.append(inside[0])
        if len(set(codes)) >= 2:
            return list(dict.fromkeys(codes))
    if SERIES_MARKER.search(title or ""):
        codes = [d.code for m, d in resolved if m.field == "title"]
        if len(set(codes)) >= 2:
            return list(dict.fromkeys(codes))
    return []


def looks_like_roundup(title: str, subtitle: str | None) -> bool:
    return bool(SERIES_MARKER.search(title or "") or SERIES_MARKER.search(subtitle or ""))


def _block_head(paragraph: _Paragraph, body: str, body_mentions: list[tuple[Mention, District]]) -> str | None:
    """Code of the district a paragraph opens with as its subject ('금천구는 …')."""
    for mention, district in body_mentions:
        if not paragraph.text_start <= mention.start < paragraph.end:
            continue
        lead_in = body[paragraph.text_start:mention.start]
        if mention.prefix_city and lead_in.strip().startswith(mention.prefix_city):
            lead_in = ""
        if lead_in.strip():
            return None
        return district.code if _BLOCK_HEAD_TAIL.match(body, mention.end) else None
    return None


def _is_caption(text: str, title: str, counts: Counter[str]) -> bool:
    """The headline repeated as a photo caption, or any short non-sentence line repeated."""
    if clean_text(text) == clean_text(title):
        return True
    return counts[text] > 1 and len(text) <= _CAPTION_MAX_LENGTH and not _SENTENCE_END.search(text)


def segments_from_mentions(
    *, title: str, subtitle: str | None, body: str, resolved: list[tuple[Mention, District]]
) -> list[Segment]:
    """Per-district blocks of a roundup; [] if the article is not one."""
    listed = _listed_districts(title, subtitle, resolved)
    if not listed and not looks_like_roundup(title, subtitle):
        return []
    paragraphs = paragraphs_with_offsets(body)
    counts = Counter(p.text for p in paragraphs)
    body_mentions = sorted(((m, d) for m, d in resolved if m.field == "body"), key=lambda pair: pair[0].start)
    blocks: list[tuple[str | None, list[str]]] = []
    for paragraph in paragraphs:
        if _is_caption(paragraph.text, title, counts):
            continue
        head = _block_head(paragraph, body, body_mentions)
        if head is not None and (not listed or head in listed) and (not blocks or blocks[-1][0] != head):
            blocks.append((head, []))
        elif not blocks:
            blocks.append((None, []))
        blocks[-1][1].append(body[paragraph.text_start:paragraph.end])
    blocks = _attach_preface(blocks)
    if len({code for code, _ in blocks}) < 2:
        return []
    return [Segment(order, code, "\n\n".join(texts)) for order, (code, texts) in enumerate(blocks)]


def _attach_preface(blocks: list[tuple[str | None, list[str]]]) -> list[tuple[str, list[str]]]:
    """Text before the first block head belongs to the first block."""
    if blocks and blocks[0][0] is None:
        if len(blocks) == 1:
            return []
        preface = blocks.pop(0)[1]
        blocks[0] = (blocks[0][0], preface + blocks[0][1])
    return [(code, texts) for code, texts in blocks if code is not None]


def split_segments(
    *, title: str, subtitle: str | None, body: str, published_at: datetime | None, outlet_region: str | None = None
) -> list[Segment]:
    texts = {"title": title or "", "subtitle": subtitle or "", "body": body or ""}
    mentions = find_all_mentions(texts, reference_day(published_at))
    resolved = resolve_mentions(texts, mentions, outlet_region)
    return segments_from_mentions(title=title, subtitle=subtitle, body=body, resolved=resolved)


def is_roundup(
    *, title: str, subtitle: str | None, body: str, published_at: datetime | None, outlet_region: str | None = None
) -> bool:
    return bool(
        split_segments(title=title, subtitle=subtitle, body=body, published_at=published_at, outlet_region=outlet_region)
    )
