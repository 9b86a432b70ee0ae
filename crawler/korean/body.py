"""The body normaliser: selected paragraphs in, article text plus bylines out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from crawler.korean.boilerplate import (
    is_boilerplate_line,
    is_caption_line,
    is_end_of_article_marker,
    is_sidebar_section_name,
    split_source_note,
)
from crawler.korean.bylines import Byline, split_lead_byline, split_trailing_byline
from crawler.korean.text import clean_text

# Body sentences end in "다." or a full stop; headlines end in "…왜?", "‘우수’" or nothing.
_SENTENCE_END = re.compile(r"(?:[.。][\"”’']?|다[\"”’']?)$")
_REPEATED_CAPTION_MAX_LENGTH = 120
#: An HTML tag or comment left in text (JSON-LD articleBody and double-escaped pages carry
#: them). Only ASCII tag names count: ``<자료제공: 은평구청>`` is text, ``<br/>`` is not.
_MARKUP = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|<!--.*?(?:-->|$)", re.DOTALL)
_INLINE_TAGS = {"a", "b", "i", "u", "s", "em", "strong", "span", "font", "sup", "sub", "mark", "small", "big"}


def _tag_gap(match: re.Match[str]) -> str:
    """Inline tags vanish (``<b>은평</b>구`` is 은평구); block tags and comments separate words."""
    return "" if (match.group(1) or "").lower() in _INLINE_TAGS else " "


def strip_markup(text: str) -> str:
    """``text`` without HTML tags or comments, repeated until none is left (removing
    ``<b>`` from ``<<b>b>`` would otherwise leave a new tag behind)."""
    while True:
        stripped = _MARKUP.sub(_tag_gap, text)
        if stripped == text:
            return text
        text = stripped


@dataclass
class CleanBody:
    text: str
    lead_byline: Byline | None = None
    trailing_byline: Byline | None = None
    source_note: str | None = None
    removed: list[str] = field(default_factory=list)


def _cut_at_end_marker(paragraphs: list[str], removed: list[str]) -> list[str]:
    for index, paragraph in enumerate(paragraphs):
        following = next((p for p in paragraphs[index + 1:] if p), "")
        opens_sidebar = is_sidebar_section_name(paragraph) and is_end_of_article_marker(following)
        if opens_sidebar or is_end_of_article_marker(paragraph):
            removed.extend(p for p in paragraphs[index:] if p)
            return paragraphs[:index]
    return paragraphs


def _is_repeated_caption(paragraph: str, counts: Counter[str], title_key: str) -> bool:
    """Roundups repeat the headline as each photo's caption; a short non-sentence
    line seen twice (or equal to the title) is such a caption, not text."""
    if title_key and paragraph == title_key:
        return True
    return (
        counts[paragraph] > 1
        and len(paragraph) <= _REPEATED_CAPTION_MAX_LENGTH
        and not _SENTENCE_END.search(paragraph)
    )


def _drop_non_text(paragraphs: list[str], removed: list[str], title: str | None) -> list[str]:
    counts = Counter(paragraphs)
    title_key = clean_text(title)
    kept = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        if (
            is_boilerplate_line(paragraph)
            or is_caption_line(paragraph)
            or _is_repeated_caption(paragraph, counts, title_key)
        ):
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return kept


def _peel_trailing(paragraphs: list[str], result: CleanBody) -> list[str]:
    """Source notes and closing bylines at the end, as many as there are (the first found,
    i.e. the last line's, is the one kept), so that cleaning a cleaned body changes nothing."""
    while paragraphs:
        last = paragraphs[-1]
        note, rest = split_source_note(last)
        if note:
            result.source_note = result.source_note or note
        else:
            byline, rest = split_trailing_byline(last)
            if byline is None:
                break
            result.trailing_byline = result.trailing_byline or byline
        if rest == last:
            break
        result.removed.append(last[len(rest):].strip() if last.startswith(rest) else last)
        paragraphs = paragraphs[:-1] + ([rest] if rest else [])
    return paragraphs


def clean_body(paragraphs: list[str], *, title: str | None = None) -> CleanBody:
    """Article text from a spider's paragraphs.

    Order matters: the sidebar is cut before anything else so that its bylines
    and dates never reach the byline detection.  ``title`` (optional) lets a
    headline repeated as a photo caption be dropped even when it occurs once.
    """
    result = CleanBody(text="")
    cleaned = [clean_text(strip_markup(paragraph)) for paragraph in paragraphs]
    kept = _cut_at_end_marker(cleaned, result.removed)
    kept = _drop_non_text(kept, result.removed, title)
    if kept:
        byline, rest = split_lead_byline(kept[0])
        if byline is not None:
            result.lead_byline = byline
            result.removed.append(kept[0][: len(kept[0]) - len(rest)].strip())
            kept = ([rest] if rest else []) + kept[1:]
    kept = _peel_trailing(kept, result)
    result.text = "\n\n".join(kept)
    return result
