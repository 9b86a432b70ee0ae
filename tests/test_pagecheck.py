"""Bad pages, unit by unit: charset read from the bytes (not the label), non-HTML sniffed by
magic bytes, truncation told by Content-Length, a missing </html> or a body far shorter than
the page's own description; and no real fixture page is mistaken for a bad one.
The whole catalogue, crawled by the real engine, is in tests/test_faults.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.korean import decode_page
from crawler.offline import saved_response
from crawler.pagecheck import not_html_reason, page_description, short_body_reason, truncation_reason
from tests.support import FIXTURES

PAGES = sorted(FIXTURES.glob("*/*.html"))
HANGUL = "서울 은평구가 청년 일자리 박람회를 연다. 구 관계자는 “모든 동에서 시행할 계획”이라고 말했다."


def _page(charset: str) -> str:
    return f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>은평구</title></head><body><p>{HANGUL}</p></body></html>'


def test_fixture_pages_exist():
    assert len(PAGES) >= 20


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_page_reads_the_same_under_either_wrong_label(path):
    """Each real page, re-encoded as UTF-8 and as CP949 and served under both labels, reads
    back as the same text (110 relabelled pages; charset-normalizer also gets these right)."""
    text = decode_page(path.read_bytes()).text
    assert text and "\ufffd" not in text
    for encoding in ("utf-8", "cp949"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        for label in ("utf-8", "euc-kr"):
            page = decode_page(data, f"text/html; charset={label}")
            assert (page.text, page.encoding) == (text, encoding), (encoding, label)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_fixture_page_is_taken_for_a_bad_one(path):
    raw = path.read_bytes()
    assert not_html_reason("text/html; charset=utf-8", raw) is None
    assert truncation_reason(raw) is None


@pytest.mark.parametrize(("encoding", "label"), [("cp949", "utf-8"), ("utf-8", "euc-kr")])
def test_one_broken_byte_does_not_flip_the_charset(encoding, label):
    """charset-normalizer picks the wrong family on all 55 fixture pages with one bad byte."""
    data = bytearray(_page(label).encode(encoding))
    middle = data.index("청년".encode(encoding))
    data[middle:middle + 1] = b"\xff"
    page = decode_page(bytes(data), f"text/html; charset={label}")
    assert page.encoding == encoding and "은평구" in page.text and "일자리 박람회" in page.text


def test_utf8_that_happens_to_be_valid_cp949_is_read_as_utf8():
    title = "기자"  # its UTF-8 bytes are also valid CP949 (mojibake); 57 of 1,760 fixture runs are
    data = title.encode("utf-8")
    assert data.decode("cp949") != title
    assert decode_page(data, "text/html; charset=euc-kr").text == title


def test_bytes_valid_in_no_korean_charset_are_undecodable_with_a_reason():
    page = decode_page(b"<html><body>" + bytes(range(0x80, 0x100)) * 10 + b"</body></html>", "text/html; charset=utf-8")
    assert page.text is None and page.problem.startswith("undecodable: not valid UTF-8 or CP949 (declared utf-8")


def test_offline_parsing_reads_a_mislabelled_page_as_a_crawl_does():
    response = saved_response("https://www.sijung.co.kr/", _page("utf-8").encode("cp949"),
                              {"Content-Type": "text/html; charset=utf-8"})
    assert response.encoding == "cp949" and response.css("p::text").get() == HANGUL


@pytest.mark.parametrize(("content_type", "body", "expected"), [
    ("application/pdf", b"%PDF-1.7\n...", "not HTML (application/pdf)"),
    ("text/html; charset=utf-8", b"%PDF-1.4\n...", "not HTML (application/pdf, served as text/html)"),
    ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "not HTML (image/jpeg)"),
    (None, b"\x89PNG\r\n\x1a\n....", "not HTML (image/png)"),
    ("text/html", b"GIF89a....", "not HTML (image/gif, served as text/html)"),
    ("application/octet-stream", b"PK\x03\x04....", "not HTML (application/zip, served as application/octet-stream)"),
    ("application/x-hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not HTML (application/x-ole-storage, served as application/x-hwp)"),
    ("application/json", b'{"a": 1}', "not HTML (application/json)"),
    ("application/octet-stream", b"<!DOCTYPE html><html>", None),  # a mislabelled page is still a page
    ("text/html", b"<html><body>ok</body></html>", None),
])
def test_non_html_is_named_by_its_magic_bytes_or_its_type(content_type, body, expected):
    assert not_html_reason(content_type, body) == expected


def test_truncation_reasons():
    page = _page("utf-8").encode()
    assert truncation_reason(page) is None
    assert truncation_reason(page[: len(page) * 55 // 100]).startswith("truncated: page ends after")
    assert truncation_reason(page, flags=["dataloss"], content_length="9000") == (
        f"truncated: received {len(page)} of 9000 bytes (connection closed early)")
    assert truncation_reason(b"  \n") == "empty page (HTTP 200 with no body)"


def test_a_body_far_shorter_than_the_pages_own_description_is_truncated():
    description = HANGUL * 2
    assert page_description(f'<meta property="og:description" content="{description}">') == description
    assert page_description("<meta name='description' content='요약'>") == "요약"
    assert short_body_reason([HANGUL[:45]], description).startswith("truncated: body has 45 characters")
    assert short_body_reason([HANGUL, HANGUL], description) is None
    assert short_body_reason([HANGUL[:20]], "짧은 요약") is None  # too short a description to judge by
    assert short_body_reason([HANGUL[:20]], None) is None
