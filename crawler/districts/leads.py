"""The lead: the article's first sentence, past photo captions and kickers, and whether a dong's civic body opens it.

Most subject rules read the lead first ('서울 강서구는 … 밝혔다'); a caption run before it ('… 인사말을 하고 있다.
남구 제공') or a dong's 주민자치회 as its subject would make the wrong district its actor.
"""

from __future__ import annotations

import re

from crawler.districts.dongs import DONG_CIVIC_BODY
from crawler.districts.roundup import paragraphs_with_offsets

_LEAD_SENTENCE_END = re.compile(r"다\.|\.\s")


def lead_span(body: str) -> tuple[int, int]:
    """The first sentence of the first paragraph that has one (photo captions and kickers are skipped)."""
    paragraphs = paragraphs_with_offsets(body)
    if not paragraphs:
        return 0, 0
    with_sentence = [p for p in paragraphs if re.search(r"다[.\"”’']*(?:\s|$)", p.text)]
    first = with_sentence[0] if with_sentence else paragraphs[0]
    if len(with_sentence) > 1 and (_CREDITED_CAPTION.fullmatch(first.text) or (
            _PHOTO_CAPTION.fullmatch(first.text) and _OPENING_BYLINE.match(with_sentence[1].text))):
        first = with_sentence[1]  # the caption, then the article under its dateline or byline
    start = first.text_start
    dateline = _INNER_DATELINE.search(body, start, first.end)
    if dateline and _PHOTO_CAPTION.match(body[start:dateline.start()].rstrip(" |")):
        start = dateline.end()
    sentence_end = _LEAD_SENTENCE_END.search(body, start, first.end)
    return start, sentence_end.end() if sentence_end else first.end


#: A photo caption run before the article: one sentence in the present progressive ('… 인사말을 하고 있다.'), with its
#: credit ('남구 제공', '(사진=…)') when it stands as a paragraph of its own.
_CAPTION_SENTENCE = r"[^.\n]*?(?:고|며) 있다\.\s*"
_CREDIT = r"\(?(?:사진\s?=\s?)?[가-힣A-Za-z0-9 ]{1,12}\s?제공\)?\s*"
_PHOTO_CAPTION = re.compile(_CAPTION_SENTENCE + f"(?:{_CREDIT})?")
_CREDITED_CAPTION = re.compile(_CAPTION_SENTENCE + _CREDIT)
#: '(동양일보 윤규상 기자) …', '[인천=뉴시스] …': the article's own opening after a caption.
_OPENING_BYLINE = re.compile(r"\s*[(\[【][^)\]】\n]{1,30}(?:기자|=)[^)\]】\n]{0,20}[)\]】]")
#: A bracketed dateline after such a caption in the same paragraph ('… 하고 있다. | [KJA뉴스통신=오지훈 기자] …').
_INNER_DATELINE = re.compile(r"[\[【][^\]】\n]{1,30}=[^\]】\n]{0,30}[\]】]\s*")


#: '서울 성북구 종암동 주민자치회가 …': a dong's civic body, not the district nor its dong office, is the subject.
DONG_BODY = re.compile(DONG_CIVIC_BODY + r"(?:\s?\([^)]*\))?\s?(?:은|는|이|가)\s?")


def dong_body_leads(body: str) -> bool:
    """'인천 서구 검암경서동 주민자치회(회장 이도석)는 …' opening the lead: the dong's civic body acts."""
    start, end = lead_span(body)
    return DONG_BODY.search(body, start, end) is not None
