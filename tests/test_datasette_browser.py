"""``gupress serve`` in a real headless browser: the demo archive in Datasette, searched for 청년
through the search box on ``articles`` and through the canned Korean search.

The expected articles come from reading the demo's sample pages (tests/fixtures/*/): 청년 occurs
in the Herald and 뉴스21 광진구 releases (청년 참여), 서울자치신문's 관악구 piece (청년 1인가구),
서대문신문's 기자단 piece (청년들이), 시정일보's 성동구 fund (청년 창업기업) and the demo-only 시사경제신문
은평구 page in its edited version (tests/fixtures/sisanews/demo-article-41877-edited.html: 청년 월세 지원
in the title; the articles table shows the latest version), 데일리연합's 은평구청장 신년사 (자립준비청년) and
구로타임즈's 구로구청장 출마 선언 (△청년 지역 일자리 창출); the Asia Economy
동작구 page has 청년 too but no date, so the demo rejects it. Chromium and chromedriver are the
Debian packages (.ci/run installs them); without them the test skips, and under CI=true fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.support import REPO, gupress

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
WITH_청년 = [
    "광진구, 2025 지자체 혁신평가 ‘우수’…청년 참여·AI 행정 성과",
    "광진구, 2025 지방자치단체 혁신평가 ‘우수’… 청년 참여·인공지능 행정 성과 전국 인정",
    "관악구, 청년 1인가구 ‘안심 귀갓길’ 30곳으로 확대",
    "서대문구, ‘신촌, 파랑고래’ 대학생 기자단 3기 출범",
    "성동구, 중소기업육성기금 100억 원 융자… 연 1.5% 저금리",
    "은평구, 청년 월세 지원 350명으로 확대… 3월 한 달간 접수",
    "김미경 서울 은평구청장 \"구민 삶 속으로 더 깊이\"",
    "[더불어민주당] 장인홍 시의원, 구로구청장 출마 선언",
]
WITHOUT_청년 = ["강서구, '적극행정 우수사례' 선정·포상", "영등포구, 여의도 한강공원 ‘수상 쓰레기 차단막’ 설치",
               "동작구, 노량진 청년 1인가구 주거 상담"]


def _require_chromium() -> None:
    if all(os.path.exists(p) for p in (CHROMIUM, CHROMEDRIVER)):
        return
    reason = f"{CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; required under CI=true")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory):
    _require_chromium()
    archive = tmp_path_factory.mktemp("demo") / "demo.db"
    built = gupress("demo", "--database", str(archive), timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    port = _free_port()
    log = open(archive.with_suffix(".log"), "w")
    server = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--port", str(port), str(archive)],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("gupress serve did not answer: " + archive.with_suffix(".log").read_text())
    yield f"{base}/demo"
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _page_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def _search_articles(driver, base: str, words: str) -> str:
    """Type ``words`` into the search box of the articles table, submit, return the page text."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base}/articles")
    assert "One row per article" in _page_text(driver), "the table description from the bundled metadata"
    box = driver.find_element(By.NAME, "_search")
    box.send_keys(words)
    box.submit()
    WebDriverWait(driver, 30).until(lambda d: "_search=" in d.current_url)
    return _page_text(driver)


def test_search_box_on_articles_finds_청년(served_demo, browser):
    page = _search_articles(browser, served_demo, "청년")
    assert f"{len(WITH_청년)} rows where search matches" in page
    for title in WITH_청년:
        assert title in page
    for title in WITHOUT_청년:
        assert title not in page


def test_search_box_finds_longer_words_inside_compounds(served_demo, browser):
    """Datasette alone quotes whole words ('"청년포털"'), which the bigram index never holds: the
    plugin's escape_fts makes three- and four-syllable words work."""
    page = _search_articles(browser, served_demo, "청년포털")
    assert "2 rows where search matches" in page
    assert WITH_청년[0] in page and WITH_청년[1] in page
    page = _search_articles(browser, served_demo, "귀갓길 1인가구")
    assert "1 row where search matches" in page and WITH_청년[2] in page


def test_canned_korean_search_shows_snippets(served_demo, browser):
    browser.get(f"{served_demo}/korean_search?q=청년포털")
    page = _page_text(browser)
    assert WITH_청년[0] in page and WITH_청년[1] in page
    assert "청년포털 소통게시판" in page, "the snippet around the word (both 광진구 releases have it)"
    assert WITH_청년[2] not in page
