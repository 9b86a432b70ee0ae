"""Page furniture that survives body extraction: weather widgets, related/most-read lists, breadcrumbs.

Whatever layer extracted the body, these never name the article's subject: a weather widget lists
서울·대전·대구·울산·광주·부산 on every page of a site, and a related-articles list names other districts.
They are blanked (replaced by spaces, so character offsets stay valid for segments) before mentions are
looked for.  Only unmistakable shapes are blanked: a line with a temperature, '기상청 제공', a
'Home > … > …' path, a list-heading line ('관련기사', '많이 본 뉴스', '정치 기사리스트', …) together with the
short, sentence-less lines that follow it up to the next blank line, and, after the closing byline
(a reporter's e-mail or '/정철화기자'), a tail with no finished sentence: a headerless list of other articles.
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
#: A section's article list: '정치 기사리스트', '사회 뉴스 리스트'.
_SECTION_LIST = r"[가-힣·]{0,8}\s?(?:기사|뉴스)\s?(?:리스트|목록)"
_LIST_HEADING = re.compile(
    r"^\s*(?:" + "|".join(map(re.escape, _LIST_HEADINGS)) + "|" + _SECTION_LIST + r")\s*$(?:\n(?![ \t]*\n)[^\n]*)*",
    re.MULTILINE
)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


#: A closing byline: a reporter's e-mail address, or a short line '/정철화기자', '/수원=권중섭 기자'.
_CLOSING_BYLINE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|^[ \t]*/?(?:[가-힣]{1,6}=)?[가-힣]{2,4}\s?기자[ \t]*$", re.MULTILINE
)
#: A finished sentence of running text ends '…다.' (headlines in lists end without a period).
_FINISHED_SENTENCE = re.compile(r"다[\"”’']?\.")


def _blank_after_closing_byline(text: str) -> str:
    """Everything after the last closing byline, when it holds no finished sentence: the page's lists of
    other articles ('[로컬거버넌스] 서울 성동구, …', a reporter's other headlines glued after the e-mail).

    Only a byline that follows a finished sentence closes the article; an opening byline
    ('[대구=뉴시스] 이상제 기자 = …') is followed by the article itself.
    """
    bylines = [m for m in _CLOSING_BYLINE.finditer(text) if _FINISHED_SENTENCE.search(text, 0, m.start())]
    if not bylines:
        return text
    tail_start = bylines[-1].end()
    if _FINISHED_SENTENCE.search(text, tail_start):
        return text
    return text[:tail_start] + re.sub(r"[^\n]", " ", text[tail_start:])


def strip_furniture(text: str | None) -> str:
    """``text`` with furniture replaced by spaces (same length, same line breaks)."""
    if not text:
        return text or ""
    for pattern in (_WEATHER_LINE, _WEATHER_CREDIT, _BREADCRUMB, _LIST_HEADING):
        text = pattern.sub(_blank, text)
    return _blank_after_closing_byline(text)


def blank_headlines_before_title(body: str, title: str | None) -> str:
    """Other stories' headlines printed above the article: when the page repeats the article's own headline as a line
    of the body, the short lines before it are a headline list (a sidebar, '많이 본 뉴스'), not the article."""
    headline = (title or "").strip()
    if len(headline) < 8:
        return body
    lines = body.split("\n")
    own = next((index for index, line in enumerate(lines) if line.strip() == headline), None)
    if not own or any(_FINISHED_SENTENCE.search(line) or len(line) > 80 for line in lines[:own]):
        return body
    return "\n".join(" " * len(line) for line in lines[:own]) + "\n" + "\n".join(lines[own:])
