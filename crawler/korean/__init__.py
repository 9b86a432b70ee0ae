"""Pure Korean-text helpers shared by every spider and pipeline.

Import from here (``from crawler.korean import clean_text``); the submodules are
an implementation detail.
"""

from crawler.korean.body import CleanBody, clean_body
from crawler.korean.boilerplate import (
    is_boilerplate_line,
    is_caption_line,
    is_end_of_article_marker,
    split_source_note,
)
from crawler.korean.bylines import (
    KNOWN_OUTLETS,
    Byline,
    split_lead_byline,
    split_reporter_field,
    split_trailing_byline,
    title_without_outlet_tag,
)
from crawler.korean.dates import KST, find_labeled_datetimes, parse_korean_datetime
from crawler.korean.text import DecodedPage, clean_text, decode_html, decode_page, strip_control_characters

__all__ = [
    "KNOWN_OUTLETS",
    "KST",
    "Byline",
    "CleanBody",
    "DecodedPage",
    "clean_body",
    "clean_text",
    "decode_html",
    "decode_page",
    "find_labeled_datetimes",
    "is_boilerplate_line",
    "is_caption_line",
    "is_end_of_article_marker",
    "parse_korean_datetime",
    "split_lead_byline",
    "split_reporter_field",
    "split_source_note",
    "split_trailing_byline",
    "strip_control_characters",
    "title_without_outlet_tag",
]
