"""Lines that are page chrome, photo captions, source notes or the start of the sidebar.

Collected from the outlets' extracted page text (docs: outlets.md §1, §3–§5 and the
seeds).  Matching is on the line with all whitespace removed, so
``뉴스듣기 글자크기`` and ``뉴스듣기글자크기`` are the same line.
"""

from __future__ import annotations

import re

from crawler.korean.dates import is_date_only_line
from crawler.korean.text import clean_text


def _key(line: str) -> str:
    return re.sub(r"\s+", "", clean_text(line))


def _keys(*lines: str) -> frozenset[str]:
    return frozenset(_key(line) for line in lines)


_CHROME = _keys(
    "AD", "ADVERTISEMENT", "광고", "본문 바로가기", "bar_progress", "글자크기 설정", "닫기",
    "뉴스듣기 글자크기", "뉴스듣기", "글자크기", "언어변환 숏뉴스", "숏뉴스", "불러오는 중...",
    "원본보기 아이콘", "원본보기", "당신이 궁금할 이슈 콘텐츠", "맞춤콘텐츠", "실시간 핫이슈",
    "위로가기", "맨위로", "기사 메일전송", "메일전송", "기사수정", "목록 바로가기", "목록", "인쇄",
    "이전 기사 보기 다음 기사 보기", "이전 기사 보기", "다음 기사 보기", "모바일 버전 바로가기",
    "PC 버전 바로가기", "기상청 제공", "게시물이 없습니다.", "포토", "더보기", "공유하기",
    "기사공유", "페이스북", "트위터", "카카오톡", "카카오스토리", "네이버밴드", "URL 복사",
    "스크랩", "프린트", "좋아요", "구독", "구독하기", "북마크", "댓글", "글씨 크게", "글씨 작게",
    "기사듣기", "번역", "가 가", "가가", "SNS 공유", "기사 저장",
)
_CHROME_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^<?\s*[ⓒ©]",  # <ⓒ투자가를 위한 …>, ⓒ 시정일보
        r"^<?저작권자\s*(?:\(c\)|ⓒ|©)?",
        r"무단\s*전재|재\s*배포\s*금지|all\s*rights\s*reserved|^copyright\b",
        r"^시계아이콘\s*읽는\s*시간\s*\d+\s*분(?:\s*\d+\s*초)?$",
        r"^읽는\s*시간\s*\d+\s*분(?:\s*\d+\s*초)?$",
        r"^숏\s*뉴스\s*AI\s*요약\s*기술은",
        r"^\d{1,5}$",  # like / comment counters
        r"^댓글\s*\d+$",
        r"\$[A-Za-z_]\w*\s*=|@include\b|<\?(?:php)?|\?>",  # leaked PHP template code
        r"^(?:맑음|흐림|구름많음|구름조금|비|눈|소나기|박무|연무|안개)?\s*[가-힣]{1,6}\s*-?\d+(?:\.\d+)?\s*℃$",
        r"하단배너|상단배너|배너_\d",
    )
)
_COPYRIGHT_MAX_LENGTH = 200  # a long line mentioning 무단전재 is prose, not a footer


def _is_chrome_part(part: str) -> bool:
    key = _key(part)
    if not key or key in _CHROME:
        return True
    text = clean_text(part)
    if is_date_only_line(text):
        return True
    if len(text) > _COPYRIGHT_MAX_LENGTH:
        return False
    return any(pattern.search(text) for pattern in _CHROME_PATTERNS)


def is_boilerplate_line(line: str) -> bool:
    """True for lines that are never article text (copyright, toolbar, counters, template code).

    Bullet rows such as ``• 목록 바로가기 • 인쇄`` count when every item is chrome.
    """
    text = clean_text(line)
    if not text:
        return False
    parts = [part for part in re.split(r"[•·|]", text) if part.strip()]
    return bool(parts) and all(_is_chrome_part(part) for part in parts)


_CAPTION_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^▲",
        r"^[(\[<]\s*(?:사진|그래픽|자료사진|사진\s*제공)\s*(?:[=:／/]|제공\s*[=:])[^)\]>]*[)\]>]$",
        r"^/?\s*사진\s*(?:제공)?\s*[=:]",
        r"^[(\[<]?\s*사진\s*제공\s*[=:]?",
    )
)
_CAPTION_SUFFIX = re.compile(r"[(\[<]\s*(?:사진|자료사진|사진\s*제공)\s*(?:[=:]\s*)?[^)\]>]*[)\]>]$")
_CAPTION_MAX_LENGTH = 100


def is_caption_line(line: str) -> bool:
    """Photo captions: ``▲ …``, ``(사진=은평구 제공)``, ``/사진=…``, ``[사진=…]``, and short
    lines ending in a ``(사진=…)`` credit."""
    text = clean_text(line)
    if not text:
        return False
    if any(pattern.search(text) for pattern in _CAPTION_PATTERNS):
        return True
    return len(text) <= _CAPTION_MAX_LENGTH and bool(_CAPTION_SUFFIX.search(text))


_END_MARKERS = _keys(
    "많이 본 뉴스더보기", "많이 본 뉴스", "많이 본 기사", "가장 많이 본 기사", "TOP TODAY더보기",
    "TOP TODAY", "포토뉴스더보기", "당신이 궁금할 이슈 콘텐츠", "관련기사", "관련 기사", "관련뉴스",
    "이 기사와 관련된 기사", "이 시각 주요뉴스", "오늘의 주요뉴스", "주요뉴스", "인기기사",
    "최신기사", "최신뉴스", "추천기사", "함께 본 기사", "독자의견", "기사 댓글", "더보기",
)
SIDEBAR_SECTIONS = _keys(
    "정치", "경제", "사회", "문화", "연예", "스포츠", "국제", "오피니언", "포토", "포토뉴스",
    "지방자치", "전국", "사람들", "인물", "교육", "산업", "IT", "생활", "건강", "칼럼", "기획",
    "서울", "자치구", "동영상", "영상", "행정", "의회", "핫이슈",
)
_SECTION_MORE = re.compile(r"^(?P<section>.{1,12}?)\s*/?\s*더\s*보기$")


def is_sidebar_section_name(line: str) -> bool:
    """A bare section name (``정치``) that opens a sidebar when ``더보기`` follows it."""
    return _key(line) in SIDEBAR_SECTIONS


def is_end_of_article_marker(line: str) -> bool:
    """Lines after which nothing belongs to the article (most-read lists, related
    articles, ``정치 / 더보기`` sidebar heads)."""
    key = _key(line)
    if key in _END_MARKERS:
        return True
    section = _SECTION_MORE.match(key)
    return bool(section) and (
        section["section"] in SIDEBAR_SECTIONS or section["section"] + "더보기" in _END_MARKERS
    )


_SOURCE_NOTE = re.compile(
    r"^[<\[(]?\s*(?:출처|자료\s*제공|자료|보도자료\s*제공|제공|정보\s*제공)\s*[:=：]\s*"
    r"(?P<source>[^<>\[\]()]{1,60}?)\s*[>\])]?$"
)


def split_source_note(text: str) -> tuple[str | None, str]:
    """``출처: 광진구청 보도자료`` / ``자료제공=…`` / ``<자료제공: 은평구청>`` on the last line."""
    lines = (text or "").rstrip().split("\n")
    match = _SOURCE_NOTE.match(clean_text(lines[-1]))
    if not match:
        return None, (text or "").strip()
    return match["source"].strip(), "\n".join(lines[:-1]).strip()
