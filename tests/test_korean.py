"""Tests for crawler.korean: every date and byline form the outlets print, and the
body normaliser run on paragraphs cut from the real seed pages."""

from __future__ import annotations

from datetime import datetime

import pytest
from freezegun import freeze_time

from crawler.korean import (
    KST,
    Byline,
    clean_body,
    clean_text,
    decode_html,
    find_labeled_datetimes,
    is_boilerplate_line,
    is_caption_line,
    is_end_of_article_marker,
    parse_korean_datetime,
    split_lead_byline,
    split_reporter_field,
    split_source_note,
    split_trailing_byline,
    title_without_outlet_tag,
)
from tests.seeds import seed_text

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=KST)


def kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=KST)


def seed_paragraphs(name: str) -> list[str]:
    return seed_text(name).split("\n")


# --- clean_text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ　１２３", "ABC 123"),
        ("（사진＝은평구）", "(사진=은평구)"),
        ("은\u200b평\u200c구\u200d청\ufeff장\u2060", "은평구청장"),
        ("은평구\xa0\xa0 가", "은평구 가"),
        ("은평구&nbsp;&nbsp;가", "은평구 가"),
        ("  은평구\t\t가\n나  ", "은평구 가 나"),
        ("은평구\u2003가\u3000나", "은평구 가 나"),
        (None, ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_composes_decomposed_hangul():
    decomposed = "\u1100\u1161\u11a8"  # 각 as jamo
    assert clean_text(decomposed) == "각"


# --- dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("입력2025.09.29 11:41", kst(2025, 9, 29, 11, 41)),
        ("입력 2026.01.06 10:54", kst(2026, 1, 6, 10, 54)),
        ("등록 2019.07.12 09:39:39", kst(2019, 7, 12, 9, 39, 39)),
        ("등록 2026-02-27 13:12:07", kst(2026, 2, 27, 13, 12, 7)),
        ("승인 2020.01.06 10:34", kst(2020, 1, 6, 10, 34)),
        ("기사승인 : 2026-01-19 14:28:07", kst(2026, 1, 19, 14, 28, 7)),
        ("수정 2026.01.06 11:02", kst(2026, 1, 6, 11, 2)),
        ("최종편집 2024-05-05(일)", kst(2024, 5, 5)),
        ("2026년 1월 6일 10시 54분", kst(2026, 1, 6, 10, 54)),
        ("2026년 1월 6일 오후 3시 5분", kst(2026, 1, 6, 15, 5)),
        ("2026년 01월 06일 10:54", kst(2026, 1, 6, 10, 54)),
        ("2026-01-06T10:54:00+09:00", kst(2026, 1, 6, 10, 54)),
        ("2026-01-06T01:54:00Z", kst(2026, 1, 6, 10, 54)),
        ("2026-01-06T01:54:00.000+00:00", kst(2026, 1, 6, 10, 54)),
        ("2026-01-06T10:54:00", kst(2026, 1, 6, 10, 54)),
        ("2026.01.06 오후 3:05", kst(2026, 1, 6, 15, 5)),
        ("2026.01.06 오전 12:30", kst(2026, 1, 6, 0, 30)),
        ("2026.01.06 오후 12:30", kst(2026, 1, 6, 12, 30)),
        ("2024.03.27 (수)", kst(2024, 3, 27)),
        ("2026. 1. 6. 10:54", kst(2026, 1, 6, 10, 54)),
    ],
)
def test_parse_korean_datetime_forms(text, expected):
    parsed = parse_korean_datetime(text, now=NOW)
    assert parsed == expected
    assert parsed.utcoffset().total_seconds() == 9 * 3600


def test_utc_input_is_returned_in_kst():
    parsed = parse_korean_datetime("2026-01-06T01:54:00Z", now=NOW)
    assert parsed.tzinfo == KST and parsed.hour == 10


def test_first_date_in_text_wins():
    text = "입력 2026.01.06 10:54 수정 2026.01.07 11:20"
    assert parse_korean_datetime(text, now=NOW) == kst(2026, 1, 6, 10, 54)


@pytest.mark.parametrize(
    "text",
    ["", None, "날짜 없음", "2026.02.30 10:00", "2026.13.01", "2026.01.06 25:10", "1899.01.01"],
)
def test_parse_korean_datetime_rejects_nonsense(text):
    assert parse_korean_datetime(text, now=NOW) is None


def test_future_dates_are_rejected_relative_to_now():
    now = kst(2026, 1, 6, 10, 0)
    assert parse_korean_datetime("2026.01.06 10:09", now=now) == kst(2026, 1, 6, 10, 9)
    assert parse_korean_datetime("2026.01.06 10:11", now=now) is None
    assert parse_korean_datetime("2027-01-01", now=now) is None


@freeze_time("2026-01-06 01:00:00")  # 10:00 KST
def test_future_check_defaults_to_current_time():
    assert parse_korean_datetime("2026.01.06 09:59") == kst(2026, 1, 6, 9, 59)
    assert parse_korean_datetime("2026.01.06 11:00") is None


def test_time_range_is_not_read_as_offset():
    assert parse_korean_datetime("2026.01.06 10:54-11:00", now=NOW) == kst(2026, 1, 6, 10, 54)


def test_find_labeled_datetimes_published_and_updated():
    found = find_labeled_datetimes("입력 2026.01.06 10:54 수정 2026.01.06 11:20", now=NOW)
    assert found == {"published": kst(2026, 1, 6, 10, 54), "updated": kst(2026, 1, 6, 11, 20)}


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("• 등록 2026-02-27 13:12:07", "published", kst(2026, 2, 27, 13, 12, 7)),
        ("• 정칠석 • 승인 2023.09.07 16:23 • 댓글 0", "published", kst(2023, 9, 7, 16, 23)),
        ("기사승인 : 2026-01-19 14:28:07", "published", kst(2026, 1, 19, 14, 28, 7)),
        ("기사입력 2026.01.19 14:28", "published", kst(2026, 1, 19, 14, 28)),
        ("작성 2026.01.19", "published", kst(2026, 1, 19)),
        ("게재 2026.01.19 09:00", "published", kst(2026, 1, 19, 9)),
        ("최종편집 2024-05-05(일)", "updated", kst(2024, 5, 5)),
        ("최종수정 2026.01.19 15:00", "updated", kst(2026, 1, 19, 15)),
        ("업데이트 2026.01.19 15:00", "updated", kst(2026, 1, 19, 15)),
        ("기사수정일 : 2026-01-19 16:00", "updated", kst(2026, 1, 19, 16)),
    ],
)
def test_find_labeled_datetimes_labels(text, key, expected):
    found = find_labeled_datetimes(text, now=NOW)
    assert found == {key: expected}


def test_find_labeled_datetimes_ignores_label_without_date():
    found = find_labeled_datetimes("기사수정 등록 2026.01.06 10:54", now=NOW)
    assert found == {"published": kst(2026, 1, 6, 10, 54)}
    assert find_labeled_datetimes("등록금 지원 사업", now=NOW) == {}


# --- bylines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "byline", "rest"),
    [
        ("[아시아경제 박종일 기자] 은평구가 행정안전부", Byline("박종일", "기자", None, "아시아경제"), "은평구가 행정안전부"),
        ("[아시아경제 박종일 기자]서초구가 나섰다.", Byline("박종일", "기자", None, "아시아경제"), "서초구가 나섰다."),
        ("[TV서울=변윤수 기자] 영등포구는", Byline("변윤수", "기자", None, "TV서울"), "영등포구는"),
        ("[TV서울=심현주 서울제1본부장] 송파구는", Byline("심현주", "서울제1본부장", None, "TV서울"), "송파구는"),
        ("[헤럴드경제=박종일 선임기자]구로구는", Byline("박종일", "선임기자", None, "헤럴드경제"), "구로구는"),
        ("(뉴스21일간/노유림기자)=울산 중구보건소가", Byline("노유림", "기자", None, "뉴스21일간"), "울산 중구보건소가"),
        ("[뉴스21일간=임정훈]슬도환경지킴이는", Byline("임정훈", None, None, "뉴스21일간"), "슬도환경지킴이는"),
        ("[뉴스21 통신=김희백 사회2부기자] 광진구는", Byline("김희백", "사회2부 기자", None, "뉴스21 통신"), "광진구는"),
        ("[시정일보] 강서구는 적극행정", Byline(None, None, None, "시정일보"), "강서구는 적극행정"),
        ("[시정일보 정칠석 기자] 강서구는", Byline("정칠석", "기자", None, "시정일보"), "강서구는"),
        ("[서울=뉴시스]홍길동 기자 = 은평구가", Byline("홍길동", "기자", None, "뉴시스"), "은평구가"),
        ("[ 한국미디어뉴스 이보영 기자 ] 서울 강서구가", Byline("이보영", "기자", None, "한국미디어뉴스"), "서울 강서구가"),
        ("더뉴스인 주리아 기자 | 서울 강서구가", Byline("주리아", "기자", None, "더뉴스인"), "서울 강서구가"),
        ("데일리연합 (SNSJTV) 김민제 기자 | 김미경 서울 은평구청장은",
         Byline("김민제", "기자", None, "데일리연합 (SNSJTV)"), "김미경 서울 은평구청장은"),
    ],
)
def test_split_lead_byline_forms(text, byline, rest):
    assert split_lead_byline(text) == (byline, rest)


@pytest.mark.parametrize(
    "text",
    [
        "울산동구슬도환경지킴이[뉴스21일간=임정훈]슬도환경지킴이는",
        "[서울시 자치구 뉴스] 은평구, 온라인 주민총회",
        "[사진=은평구] 은평구가 나섰다.",
        "(사진/은평구) 은평구가 나섰다.",
        "[포토] 은평구 봄꽃 축제",
        "은평구가 [아시아경제 박종일 기자] 나섰다.",
        "구청장은 | 표 참조",
        "은평구 | 홍길동 기자가 찍은 사진",
    ],
)
def test_split_lead_byline_leaves_non_bylines_alone(text):
    assert split_lead_byline(text) == (None, text)


@pytest.mark.parametrize(
    ("text", "byline", "rest"),
    [
        ("박종일 기자 dream@asiae.co.kr", Byline("박종일", "기자", "dream@asiae.co.kr"), ""),
        ("구는 밝혔다.\n김민진 기자 enter@asiae.co.kr", Byline("김민진", "기자", "enter@asiae.co.kr"), "구는 밝혔다."),
        ("회의를 열었다. /변윤수 기자", Byline("변윤수", "기자"), "회의를 열었다."),
        ("/변윤수 기자", Byline("변윤수", "기자"), ""),
        ("변윤수 기자 abc@tvseoul.kr", Byline("변윤수", "기자", "abc@tvseoul.kr"), ""),
        ("dream@asiae.co.kr", Byline(None, None, "dream@asiae.co.kr"), ""),
        ("참여를 바란다고 말했다. 박종일 기자 (dream@asiae.co.kr)", Byline("박종일", "기자", "dream@asiae.co.kr"), "참여를 바란다고 말했다."),
    ],
)
def test_split_trailing_byline_forms(text, byline, rest):
    assert split_trailing_byline(text) == (byline, rest)


@pytest.mark.parametrize(
    "text",
    ["문의: help@eunpyeong.go.kr", "김경호 광진구청장", "자세한 사항은 보건소로 문의하면 된다.", ""],
)
def test_split_trailing_byline_leaves_text_alone(text):
    assert split_trailing_byline(text) == (None, text)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("박종일 기자", Byline("박종일", "기자")),
        ("박종일", Byline("박종일")),
        ("• 장은숙", Byline("장은숙")),
        ("정칠석 기자 jcs@sijung.co.kr", Byline("정칠석", "기자", "jcs@sijung.co.kr")),
        ("변윤수 기자 (abc@x.kr)", Byline("변윤수", "기자", "abc@x.kr")),
        ("입력 2026.01.06 10:54 박종일 기자", Byline("박종일", "기자")),
        ("박종일 선임기자", Byline("박종일", "선임기자")),
        ("", Byline(None)),
    ],
)
def test_split_reporter_field(field, expected):
    assert split_reporter_field(field) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[TV서울] 영등포구, 전국 지자체 최초 ‘정부혁신추진협의회’ 회의 열어", "영등포구, 전국 지자체 최초 ‘정부혁신추진협의회’ 회의 열어"),
        ("[시정일보] 강서구, 적극행정", "강서구, 적극행정"),
        ("[뉴스21일간] 중구, 교육 실시", "중구, 교육 실시"),
        ("[서울시 자치구 뉴스] 은평구, 1위", "[서울시 자치구 뉴스] 은평구, 1위"),
        ("강서구, 적극행정 우수사례 - 아시아경제", "강서구, 적극행정 우수사례"),
        ("  은평구　혁신평가 ", "은평구 혁신평가"),
    ],
)
def test_title_without_outlet_tag(title, expected):
    assert title_without_outlet_tag(title) == expected


# --- line classifiers ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "<ⓒ투자가를 위한 경제콘텐츠 플랫폼, 아시아경제(www.asiae.co.kr) 무단전재 배포금지>",
        "<ⓒ세계를 보는 창 경제를 보는 눈, 아시아경제(www.asiae.co.kr) 무단전재 배포금지>",
        "저작권자 © 시정일보 무단전재 및 재배포 금지",
        "Copyright @2015 TV서울 Corp. All rights reserved.",
        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
        "AD", "본문 바로가기", "bar_progress", "글자크기 설정", "닫기",
        "시계아이콘읽는 시간1분 40초", "시계아이콘읽는 시간 3분", "뉴스듣기 글자크기", "언어변환 숏뉴스",
        "숏 뉴스 AI 요약 기술은 핵심만 전달합니다. 전체 맥락을 이해하기 위해서는 본문을 함께 확인하세요.",
        "불러오는 중...", "원본보기 아이콘", "당신이 궁금할 이슈 콘텐츠", "맞춤콘텐츠", "실시간 핫이슈",
        "위로가기", "기사 메일전송", "기사수정", "목록 바로가기", "인쇄", "• 목록 바로가기 • 인쇄",
        "이전 기사 보기 다음 기사 보기", "모바일 버전 바로가기", "기상청 제공", "0", "• 댓글 0",
        '$pos="C";$title="도봉구";@include $libDir . "/image_check.php";?>',
        "• 흐림동두천 1.0℃", "2024.03.27 (수)", "• 등록 2019.07.12 09:39:39", "하단배너_06 코리아넷",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "은평구가 행정안전부 주관 ‘2021년 지방자치단체 혁신평가’ 자치구 부문에서 전국 1위를 달성했다.",
        "영등포구는 △편지로 복지사각지대 발굴하는 빨간 우체통 △여성 안심 빅데이터 구축 등을 보유하고 있다.",
        "자세한 사항은 보건소 홈페이지 또는 건강증진과로 문의하면 안내받을 수 있다.",
        "구는 14개를 선정해 총상금 2200만원을 수여할 계획이다.",
        "",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["▲ 사진=픽사베이", "▲ 강서구청 전경 (사진=강서구)", "(사진=은평구 제공)", "/사진=은평구", "[사진=강남구]",
     "강서구 공공 CCTV 현황도 (사진=강서구)", "사진제공=금천구"],
)
def test_caption_lines(line):
    assert is_caption_line(line)


@pytest.mark.parametrize(
    "line",
    ["특히 은평에서 국내 최초 시행한 ‘아이맘 택시’ (사진) 사업은 임산부·영유아 가정을 위한 전용 택시 서비스다.",
     "영등포구는 △편지로 복지사각지대 발굴", "은평구가 1위를 달성했다."],
)
def test_text_lines_are_not_captions(line):
    assert not is_caption_line(line)


@pytest.mark.parametrize(
    "line",
    ["많이 본 뉴스더보기", "많이 본 뉴스", "TOP TODAY더보기", "포토뉴스더보기", "당신이 궁금할 이슈 콘텐츠",
     "정치 / 더보기", "사회더보기", "관련기사", "이 기사와 관련된 기사", "더보기"],
)
def test_end_of_article_markers(line):
    assert is_end_of_article_marker(line)


@pytest.mark.parametrize("line", ["정치", "은평구가 1위를 달성했다.", "관련 부서와 협의해 더 보기 좋은 거리를 만든다."])
def test_not_end_of_article_markers(line):
    assert not is_end_of_article_marker(line)


@pytest.mark.parametrize(
    ("text", "note", "rest"),
    [
        ("말했다.\n출처: 광진구청 보도자료", "광진구청 보도자료", "말했다."),
        ("출처: 광진구청 보도자료 ", "광진구청 보도자료", ""),
        ("말했다.\n자료제공=은평구청", "은평구청", "말했다."),
        ("<자료제공: 은평구청>", "은평구청", ""),
        ("말했다.", None, "말했다."),
        ("출처를 밝히지 않은 자료다.", None, "출처를 밝히지 않은 자료다."),
    ],
)
def test_split_source_note(text, note, rest):
    assert split_source_note(text) == (note, rest)


# --- clean_body on seeds ----------------------------------------------------------


def test_clean_body_asiae_roundup_seed():
    lines = seed_paragraphs("asiae-roundup-eunpyeong.txt")
    start = next(i for i, line in enumerate(lines) if line.startswith("[아시아경제"))
    result = clean_body(lines[start:])
    assert result.lead_byline == Byline("박종일", "기자", None, "아시아경제")
    assert result.trailing_byline == Byline("박종일", "기자", "dream@asiae.co.kr")
    assert result.text.startswith("은평구가 행정안전부 주관")
    assert result.text.endswith("만들어가겠다”고 전했다.")
    assert "금천구는 임신부의 건강한 생활과 출산을 위해" in result.text
    assert "강남구(구청장 정순균)가" in result.text
    for junk in ("아시아경제(www.asiae.co.kr)", "\nAD", "dream@asiae.co.kr", "위로가기", "맞춤콘텐츠", "‘전국 1위‘...왜?"):
        assert junk not in result.text
    assert "\n\n\n" not in result.text


def test_clean_body_whole_asiae_page_with_title():
    title = "은평구, 정부 혁신평가 자치구 부문 ‘전국 1위‘...왜?"
    result = clean_body(seed_paragraphs("asiae-roundup-eunpyeong.txt"), title=title)
    assert title not in result.text
    assert "시계아이콘" not in result.text and "본문 바로가기" not in result.text
    assert "[아시아경제 박종일 기자] 은평구가" in result.text  # not first paragraph: left in place


def test_clean_body_tvseoul_seed_cuts_sidebar():
    lines = seed_paragraphs("tvseoul-yeongdeungpo.txt")
    start = next(i for i, line in enumerate(lines) if line.startswith("[TV서울=변윤수"))
    result = clean_body(lines[start:])
    assert result.lead_byline == Byline("변윤수", "기자", None, "TV서울")
    assert result.text.startswith("영등포구는 주민참여형 혁신기관으로")
    assert result.text.endswith("적극 앞장서겠다”고 했다.")
    for junk in ("이재명", "더보기", "\n\n정치", "\n\n문화"):
        assert junk not in result.text
    assert "정치" in " ".join(result.removed)


def test_clean_body_news21_seed():
    lines = seed_paragraphs("news21-gwangjin.txt")
    start = next(i for i, line in enumerate(lines) if line.startswith("기사수정"))
    result = clean_body(lines[start:])
    assert result.source_note == "광진구청 보도자료"
    assert result.text.startswith("광진구(구청장 김경호)가 지난 23일")
    assert result.text.endswith("혁신 행정을 이어가겠다고 말했다.")
    for junk in ("픽사베이", "많이 본 뉴스", "울산 중구", "슬도", "모바일 버전", "목록 바로가기", "출처:", "기사수정", "\n\n0"):
        assert junk not in result.text
    assert result.lead_byline is None and result.trailing_byline is None


def test_clean_body_keeps_repeated_real_sentences():
    paragraphs = ["구는 지원한다.", "문의는 구청으로.", "구는 지원한다."]
    assert clean_body(paragraphs).text == "구는 지원한다.\n\n문의는 구청으로.\n\n구는 지원한다."


def test_clean_body_byline_alone_in_first_paragraph():
    result = clean_body(["[TV서울=신민수 기자]", "양천구는 14일 밝혔다.", "/신민수 기자"])
    assert result.text == "양천구는 14일 밝혔다."
    assert result.lead_byline.reporter == "신민수" and result.trailing_byline.reporter == "신민수"


# --- decode_html -----------------------------------------------------------------

KOREAN_PAGE = "<html><head>{meta}</head><body>은평구청장 똠방각하 뷁</body></html>"


def test_decode_html_honours_header_charset():
    body = KOREAN_PAGE.format(meta="").encode("cp949")
    text, encoding = decode_html(body, "text/html; charset=EUC-KR")
    assert encoding == "cp949" and "은평구청장 똠방각하 뷁" in text


def test_decode_html_reads_meta_charset():
    body = KOREAN_PAGE.format(meta='<meta charset="euc-kr">').encode("cp949")
    assert decode_html(body, "text/html") == (body.decode("cp949"), "cp949")


def test_decode_html_reads_meta_http_equiv():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">'
    text, encoding = decode_html(KOREAN_PAGE.format(meta=meta).encode("cp949"), None)
    assert encoding == "cp949" and "은평구청장" in text


def test_decode_html_defaults_to_utf8_then_cp949():
    utf8 = KOREAN_PAGE.format(meta="").encode("utf-8")
    assert decode_html(utf8, None)[1] == "utf-8"
    legacy = KOREAN_PAGE.format(meta="").encode("cp949")
    text, encoding = decode_html(legacy, None)
    assert encoding == "cp949" and "은평구청장" in text


def test_decode_html_skips_a_wrong_declaration():
    legacy = KOREAN_PAGE.format(meta="").encode("cp949")
    text, encoding = decode_html(legacy, "text/html; charset=utf-8")
    assert encoding == "cp949" and "은평구청장" in text


def test_decode_html_header_wins_over_meta():
    body = KOREAN_PAGE.format(meta='<meta charset="utf-8">').encode("cp949")
    assert decode_html(body, "text/html; charset=euc-kr")[1] == "cp949"


@pytest.mark.parametrize("raw, reporter, title", [
    ("기자명 정칠석 기자", "정칠석", "기자"),
    ("기자명 : 정칠석", "정칠석", None),
    ("By 정칠석", "정칠석", None),
    ("글 정칠석 기자", "정칠석", "기자"),
])
def test_reporter_field_labels_are_not_names(raw, reporter, title):
    byline = split_reporter_field(raw)
    assert (byline.reporter, byline.title) == (reporter, title)
