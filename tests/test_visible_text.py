"""The ``text`` layer is read only when needed, and skipping it never loses a date it would find."""

from __future__ import annotations

from crawler.offline import parse_saved_page, saved_response
from crawler.runner import project_settings, spider_class
from spiders.cms import may_contain, visible_lines

URL = "https://www.sijung.co.kr/news/articleView.html?idxno=425280"
# Family A page whose info line has no 수정 item and no modified_time metadata: the updated
# date is printed only further down, in the page's own text.
PAGE = """<html><head><meta charset="utf-8"></head><body>
<header class="article-view-header"><h3 class="heading">성동구, 기금 융자</h3>
<ul class="infomation"><li>기자명 이지선 기자</li><li>입력 2026.01.12 10:31</li></ul></header>
<article id="article-view-content-div"><p>서울 성동구가 중소기업육성기금을 융자한다고 밝혔다.</p></article>
<div class="tail"><span>{edited} 2026.01.12 14:05</span></div>
{script}
</body></html>"""


def updated_raw(edited: str, script: str = "") -> tuple[str | None, str | None]:
    spider = spider_class("sijung", project_settings({"LOG_LEVEL": "ERROR"}))()
    [item] = parse_saved_page(spider, URL, PAGE.format(edited=edited, script=script).encode("utf-8"))
    return item.updated_raw, item.extraction.get("updated_raw")


def test_updated_date_from_the_text_layer():
    assert updated_raw("수정") == ("수정 2026.01.12 14:05", "text")


def test_label_spelled_with_character_references_still_found():
    # &#49688; is 수, &#xC815; is 정: not in the markup as is, yet on the screen
    assert updated_raw("&#49688;&#xC815;") == ("수정 2026.01.12 14:05", "text")


def test_page_without_the_label_has_no_updated_date():
    assert updated_raw("등록") == (None, None)
    # a script is not visible text, even when it holds the label
    assert updated_raw("등록", '<script>var t = "수정 2020.01.01 00:00";</script>') == (None, None)


def test_may_contain():
    assert may_contain("<p>기사수정</p>", "수정")
    assert may_contain("<p>&#49688;정</p>", "수정")
    assert may_contain("<p>&#XC218;</p>", "수정")
    assert not may_contain("<p>입력 2026.01.12 &#x27;</p>", "수정")


def test_visible_lines_skip_scripts_and_collapse_whitespace():
    response = saved_response(URL, b"<html><body><p>  \xea\xb0\x80\n  \xeb\x82\x98 </p><script>x = 1</script>"
                                   b"<noscript><p>no</p></noscript><p> </p><p>b</p></body></html>")
    assert visible_lines(response) == ["가 나", "b"]
