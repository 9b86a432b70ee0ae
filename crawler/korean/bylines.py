"""Reporter bylines: the bracketed lead, the closing line, and selector fields.

Outlets put the reporter in the body text (``[아시아경제 박종일 기자]``,
``[TV서울=변윤수 기자]``, ``(뉴스21일간/노유림기자)=``) and again at the end
(``박종일 기자 dream@asiae.co.kr``).  Both must leave the body, both tell us who
wrote it.  Titles are kept as printed except that a department glued to 기자 is
split off: ``사회2부기자`` -> ``사회2부 기자``; compound titles such as 선임기자 or
서울제1본부장 stay one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.korean.text import clean_text

KNOWN_OUTLETS = (
    "아시아경제", "헤럴드경제", "TV서울", "뉴스21일간", "뉴스21 통신", "뉴스21통신", "뉴스21",
    "시정일보", "서울신문", "시민일보", "서울경제", "내일신문", "서울자치신문", "시사경제신문",
    "은평시민신문", "서대문신문", "영등포신문", "한국미디어뉴스", "더뉴스인", "한국기자연대",
    "폴리뉴스", "CNB뉴스", "데일리연합", "한국방송", "서울앤", "뉴시스", "뉴스1", "연합뉴스",
    "머니투데이", "이데일리", "파이낸셜뉴스", "한국경제", "매일경제", "아주경제", "브레이크뉴스",
    "FMTV표준방송", "세계일보", "국민일보", "경향신문", "한겨레", "동아일보", "조선일보", "중앙일보",
)
_OUTLET_KEYS = {name.replace(" ", "").lower() for name in KNOWN_OUTLETS}

EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
_EMAIL = re.compile(EMAIL)
_NAME = r"[가-힣]{2,4}"
_GLUED_TITLE = r"(?:선임|수석|전문|객원|수습|인턴|취재|사진|영상|편집|시민)?기자|특파원|통신원"
_TITLE_ENDING = re.compile(
    r"(?:기자|특파원|통신원|본부장|지사장|지국장|국장|부장|차장|팀장|위원|대표|에디터|PD|앵커)$"
)
_NOT_AN_OUTLET = {"사진", "자료", "출처", "제공", "그래픽", "영상", "편집", "글", "정리"}
_PLACE_LIKE_ENDING = re.compile(r"[구시군동도청]$")


@dataclass(frozen=True)
class Byline:
    reporter: str | None
    title: str | None = None
    email: str | None = None
    outlet: str | None = None


def is_known_outlet(text: str) -> bool:
    return text.replace(" ", "").lower() in _OUTLET_KEYS


def _normalise_title(title: str) -> str:
    return re.sub(r"^(\S*\d*부)\s*(기자)$", r"\1 \2", title.strip())


def _parse_person(text: str, *, title_required: bool = False) -> tuple[str, str | None] | None:
    """``'박종일 기자'`` -> ('박종일', '기자'); ``'노유림기자'`` -> ('노유림', '기자')."""
    text = clean_text(text)
    spaced = re.fullmatch(rf"(?P<name>{_NAME})\s+(?P<title>[가-힣A-Za-z0-9]+(?: [가-힣0-9]+)?)", text)
    if spaced and _TITLE_ENDING.search(spaced["title"]):
        return spaced["name"], _normalise_title(spaced["title"])
    glued = re.fullmatch(rf"(?P<name>[가-힣]{{2,4}}?)(?P<title>{_GLUED_TITLE})", text)
    if glued:
        return glued["name"], glued["title"]
    if not title_required and re.fullmatch(_NAME, text) and not _PLACE_LIKE_ENDING.search(text):
        return text, None
    return None


def _pop_email(text: str) -> tuple[str | None, str]:
    match = _EMAIL.search(text)
    if not match:
        return None, text
    rest = text[: match.start()] + text[match.end():]
    rest = re.sub(r"[(<\[]\s*[)>\]]", " ", rest)
    return match.group(0), clean_text(rest)


def _parse_bracket(inner: str) -> Byline | None:
    email, inner = _pop_email(clean_text(inner))
    separated = re.fullmatch(r"(?P<left>[^=/]{1,20}?)\s*(?P<sep>[=/])\s*(?P<right>.+)", inner)
    if separated:
        left, right = separated["left"], separated["right"]
        if is_known_outlet(right):  # '[서울=뉴시스]': place = outlet
            return Byline(None, email=email, outlet=right)
        if left in _NOT_AN_OUTLET:
            return None
        person = _parse_person(right, title_required=separated["sep"] == "/")
        return Byline(person[0], person[1], email, left) if person else None
    tokens = inner.split(" ")
    for cut in range(len(tokens) - 1, -1, -1):  # shortest person first: '[시정일보 정칠석 기자]'
        person = _parse_person(" ".join(tokens[cut:]), title_required=True)
        if person:
            outlet = " ".join(tokens[:cut]) or None
            return Byline(person[0], person[1], email, outlet)
    if is_known_outlet(inner):
        return Byline(None, email=email, outlet=inner)
    return None


_LEAD_BRACKET = re.compile(r"\s*[\[(［【](?P<inner>[^\[\]()［］【】]{1,40})[\])］】]\s*(?:=\s*)?")
_REPORTER_AFTER_AGENCY = re.compile(rf"(?P<name>{_NAME})\s*(?P<title>{_GLUED_TITLE})\s*=\s*")


#: The newer skin of the article.html CMS (family B) opens the body with the outlet, the
#: reporter and a bar: ``더뉴스인 주리아 기자 | 서울 강서구가``, ``데일리연합 (SNSJTV) 김민제 기자 | ``.
_LEAD_PIPE = re.compile(
    rf"\s*(?P<outlet>[^|\[\]\n]{{1,30}}?)\s+(?P<name>{_NAME})\s*(?P<title>{_GLUED_TITLE})\s*[|｜]\s*"
)


def split_lead_byline(text: str) -> tuple[Byline | None, str]:
    """Byline bracket (or family B's ``매체 기자명 기자 |``) at the very start of the body,
    and the body without it.

    Only a bracket at position 0 counts: ``울산동구슬도환경지킴이[뉴스21일간=임정훈]`` is
    left alone, and so are series tags like ``[서울시 자치구 뉴스]``.
    """
    piped = _LEAD_PIPE.match(text or "")
    if piped:
        return Byline(piped["name"], piped["title"], None, clean_text(piped["outlet"])), text[piped.end():].strip()
    match = _LEAD_BRACKET.match(text or "")
    byline = _parse_bracket(match["inner"]) if match else None
    if byline is None:
        return None, (text or "").strip()
    rest = text[match.end():]
    if byline.reporter is None:
        agency = _REPORTER_AFTER_AGENCY.match(rest)
        if agency:
            byline = Byline(agency["name"], agency["title"], byline.email, byline.outlet)
            rest = rest[agency.end():]
    return byline, rest.strip()


_SENTENCE_END = re.compile(r"[.!?。”\"’'』」)\]]$")
_TRAILING = re.compile(
    rf"(?:^|(?<=\s)|(?<=/))(?P<slash>/)?\s*(?P<name>{_NAME})\s*"
    rf"(?P<title>{_GLUED_TITLE})?\s*[(<\[]?\s*(?P<email>{EMAIL})?\s*[)>\]]?\s*$"
)
_TRAILING_EMAIL = re.compile(rf"(?:^|(?<=\s))[(<\[]?(?P<email>{EMAIL})[)>\]]?\s*$")


def _trailing_on_line(line: str) -> tuple[Byline | None, str]:
    match = _TRAILING.search(line)
    if match and (match["title"] or match["email"]):
        byline = Byline(match["name"], match["title"], match["email"])
    else:
        match = _TRAILING_EMAIL.search(line)
        byline = Byline(None, email=match["email"]) if match else None
    if byline is None:
        return None, line
    before = line[: match.start()].rstrip()
    slashed = before.endswith("/") or bool(match.groupdict().get("slash"))
    before = before.rstrip("/ ").rstrip()
    if before and not (slashed or _SENTENCE_END.search(before)):
        return None, line
    return byline, before


def split_trailing_byline(text: str) -> tuple[Byline | None, str]:
    """Closing byline (``박종일 기자 dream@asiae.co.kr``, ``/변윤수 기자``, a bare
    e-mail) on the last line, or glued after the last sentence."""
    lines = (text or "").rstrip().split("\n")
    byline, last = _trailing_on_line(clean_text(lines[-1]))
    if byline is None:
        return None, (text or "").strip()
    return byline, "\n".join(lines[:-1] + [last]).strip()


_FIELD_NOISE = re.compile(r"^[•·\-*▶►■□◆◇○●|\s]+")
#: Labels some CMS skins print before the name ('기자명 정칠석 기자', '글쓴이: 홍길동', 'By 홍길동').
_FIELD_LABEL = re.compile(r"^(?:기자명|기자|작성자|글쓴이|글|By)\s*[:：]?\s+(?=[가-힣])", re.IGNORECASE)
_PERSON_IN_TEXT = re.compile(rf"(?<![가-힣])(?P<name>[가-힣]{{2,4}}?)\s*(?P<title>{_GLUED_TITLE})(?![가-힣])")


def split_reporter_field(text: str | None) -> Byline:
    """Reporter from a selector/meta/bullet value, tolerating dates and e-mails around it."""
    email, rest = _pop_email(clean_text(text))
    rest = _FIELD_LABEL.sub("", _FIELD_NOISE.sub("", rest).strip()).strip()
    person = _parse_person(rest) if rest else None
    if person:
        return Byline(person[0], person[1], email)
    found = _PERSON_IN_TEXT.search(rest)
    if found:
        return Byline(found["name"], found["title"], email)
    first = rest.split(" ")[0] if rest else ""
    if re.fullmatch(_NAME, first):
        return Byline(first, None, email)
    return Byline(None, None, email)


_TITLE_OUTLET_TAG = re.compile(r"^\s*[\[<(【](?P<tag>[^\]>)】]{1,20})[\]>)】]\s*")
_TITLE_OUTLET_SUFFIX = re.compile(r"\s*[-|:ㅣ]\s*(?P<tag>[^-|:ㅣ]{1,20})$")


def title_without_outlet_tag(title: str) -> str:
    """``'[TV서울] 영등포구, …'`` -> ``'영등포구, …'``; series tags such as
    ``[서울시 자치구 뉴스]`` stay.  An ``og:title`` suffix ``' - 아시아경제'`` goes too."""
    title = clean_text(title)
    tag = _TITLE_OUTLET_TAG.match(title)
    if tag and is_known_outlet(tag["tag"]):
        title = title[tag.end():]
    suffix = _TITLE_OUTLET_SUFFIX.search(title)
    if suffix and is_known_outlet(suffix["tag"].strip()):
        title = title[: suffix.start()]
    return title.strip()
