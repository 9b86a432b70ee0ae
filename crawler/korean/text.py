"""Character-level normalisation and charset detection for Korean news pages.

Outlets paste press releases from HWP/Word, so bodies carry full-width digits,
no-break spaces, zero-width joiners and the occasional literal ``&nbsp;``.  All
later matching (dates, bylines, district names) assumes text went through
:func:`clean_text` first.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TO_ASCII[0x3000] = 0x20  # ideographic (full-width) space
# U+00AD (soft hyphen) is invisible like the zero-width characters, so it goes too.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0);?", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    """One line of display text: NFC, half-width ASCII, no invisible characters,
    every whitespace run (newlines included) collapsed to a single space."""
    if not text:
        return ""
    text = _NBSP_ENTITY.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_FULLWIDTH_TO_ASCII).translate(_INVISIBLE)
    return _WHITESPACE_RUN.sub(" ", text).strip()


# --- charset detection -------------------------------------------------------

# Korean sites declare EUC-KR but routinely emit CP949-only syllables (e.g. 똠, 햏);
# CP949 is a strict superset, so every Korean legacy label maps to it.
_KOREAN_LEGACY_LABELS = {
    "euc-kr", "euckr", "euc_kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601",
    "korean", "cp949", "ms949", "windows-949", "x-windows-949", "uhc", "csksc56011987",
}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:\-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.IGNORECASE
)
_SNIFF_BYTES = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalise_encoding_name(label: str | None) -> str | None:
    """Python codec name for an HTML/HTTP charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _KOREAN_LEGACY_LABELS:
        return "cp949"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp949" if name == "euc_kr" else name


def _declared_in_header(content_type_header: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type_header or "")
    return normalise_encoding_name(match.group(1)) if match else None


def _declared_in_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return normalise_encoding_name(match.group(1).decode("ascii", "ignore")) if match else None


def decode_html(body: bytes, content_type_header: str | None = None) -> tuple[str, str]:
    """Decode a fetched page, returning ``(text, encoding)``.

    Order: BOM, HTTP header charset, ``<meta>`` charset, UTF-8, CP949.  A
    declaration that does not decode cleanly is skipped rather than trusted,
    because Korean sites often send a stale header; as a last resort CP949 is
    used with replacement characters so that a page is never lost.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace"), encoding
    candidates = [_declared_in_header(content_type_header), _declared_in_meta(body), "utf-8", "cp949"]
    seen: set[str] = set()
    for encoding in candidates:
        if not encoding or encoding in seen:
            continue
        seen.add(encoding)
        try:
            return body.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp949", errors="replace"), "cp949"
