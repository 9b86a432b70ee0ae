"""Page furniture that survives body extraction: weather widgets, related/most-read lists, breadcrumbs.

Whatever layer extracted the body, these never name the article's subject: a weather widget lists
서울·대전·대구·울산·광주·부산 on every page of a site, and a related-articles list names other districts.
They are blanked (replaced by spaces, so character offsets stay valid for segments) before mentions are
looked for.  Only unmistakable shapes are blanked: a line with a temperature, '기상청 제공', a
'Home > … > …' path, and a list-heading line ('관련기사', '많이 본 뉴스', …) together with the short,
sentence-less lines that follow it up to the next blank line.
"""

from __future__ import annotations

import re

_WEATHER_LINE = re.compile(r"^[^\n]*-?\d+(?:\.\d+)?\s*℃[^\n]*$", re.MULTILINE)
_WEATHER_CREDIT = re.compile(r"^\s*기상청 제공\s*$", re.MULTILINE)
_BREADCRUMB = re.compile(r"^\s*(?:Home|홈)\s*>[^\n]*$", re.MULTILINE)
_LIST_HEADINGS = (
    "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "관련 사진", "관련사진", "많이 본 뉴스", "많이본 뉴스",
    "댓글 많은 뉴스", "실시간 랭킹 뉴스", "실시간 뉴스", "주요기사", "주요 기사", "이슈포토", "최신 기사", "최신기사",
    "인기뉴스", "인기 뉴스", "동정인기뉴스", "핫이슈", "추천 기사", "당신이 좋아할 만한 콘텐츠",
)
_LIST_HEADING = re.compile(
    r"^\s*(?:" + "|".join(map(re.escape, _LIST_HEADINGS)) + r")\s*$(?:\n(?![ \t]*\n)[^\n]*)*", re.MULTILINE
)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def strip_furniture(text: str | None) -> str:
    """``text`` with furniture replaced by spaces (same length, same line breaks)."""
    if not text:
        return text or ""
    for pattern in (_WEATHER_LINE, _WEATHER_CREDIT, _BREADCRUMB, _LIST_HEADING):
        text = pattern.sub(_blank, text)
    return text
