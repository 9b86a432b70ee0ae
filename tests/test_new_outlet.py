"""`gupress new-outlet` (issue 13, point 1): a new outlet's files from templates, whose tests fail
until a person has read the pages, then pass; and the clear refusals.

The end-to-end test works on a temporary copy of the repository (the command writes into the
checkout it runs from), runs the command and then pytest there as subprocesses, so what is shown
is exactly what a newcomer sees.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

SLUG = "nowonnews"
COPIED = ("crawler", "spiders", "storage", "tests", "docs", "scrapy.cfg", "pyproject.toml")

#: A small ND Soft article page written for this test; every expected value below is read off its text.
ARTICLE = """<!DOCTYPE html>
<!--
  Written by tests/test_new_outlet.py: an ND Soft (family A) article as outlets.md §6-§7 describe the
  family (info-text line, #article-view-content-div), text invented for the test.
-->
<html lang="ko">
<head>
<meta charset="utf-8">
<title>노원구, 경춘선숲길 야간 조명 새 단장 - 노원뉴스</title>
<meta property="og:title" content="노원구, 경춘선숲길 야간 조명 새 단장">
</head>
<body>
<div class="article-head-title">노원구, 경춘선숲길 야간 조명 새 단장</div>
<div class="article-head-sub">공릉동 구간 1.9km에 LED 보행등 120개 설치</div>
<div class="info-text"><ul><li>기자명 김하늘 기자</li><li>승인 2025.04.08 14:05</li><li>댓글 0</li></ul></div>
<div id="article-view-content-div">
<p>서울 노원구(구청장 오승록)가 경춘선숲길 공릉동 구간의 야간 조명을 새로 단장했다고 8일 밝혔다.</p>
<p>구는 밤에도 안심하고 걸을 수 있도록 1.9km 구간에 LED 보행등 120개를 설치하고 어두운 굴다리 3곳에 경관 조명을 더했다.</p>
<p>오승록 노원구청장은 “주민 누구나 밤에도 편하게 걷는 숲길을 만들겠다”고 말했다.</p>
</div>
<div class="aside"><h4>많이 본 뉴스</h4><a href="/news/articleView.html?idxno=2790">도봉구, 창동 문화축제 개막</a></div>
</body>
</html>
"""

LIST = """<!DOCTYPE html>
<!--
  Written by tests/test_new_outlet.py: an ND Soft list page (div.list-titles) linking the one article.
-->
<html lang="ko"><head><meta charset="utf-8"><title>전체기사 - 노원뉴스</title></head>
<body>
<div class="list-titles"><a href="https://m.nowonnews.kr/news/articleView.html?idxno=2817">노원구, 경춘선숲길 야간 조명 새 단장</a></div>
<ul class="pagination"><li><strong>1</strong></li></ul>
<div class="aside"><a href="/news/articleView.html?idxno=2790">도봉구, 창동 문화축제 개막</a></div>
</body></html>
"""

#: What a person reads off ARTICLE and LIST.
FILLED = """[[article]]
file = "article-2817.html"
canonical_url = "https://www.nowonnews.kr/news/articleView.html?idxno=2817"
article_id = "2817"
title = "노원구, 경춘선숲길 야간 조명 새 단장"
subtitle = "공릉동 구간 1.9km에 LED 보행등 120개 설치"
reporter = "김하늘"
reporter_title = "기자"
published_at = "2025-04-08T14:05:00+09:00"
body_starts = "서울 노원구(구청장 오승록)가 경춘선숲길"
body_ends = "숲길을 만들겠다”고 말했다."
paragraphs = 3
primary_districts = ["11350"]
not_in_body = ["많이 본 뉴스", "도봉구, 창동"]

[[list]]
file = "list-1.html"
article_urls = ["https://www.nowonnews.kr/news/articleView.html?idxno=2817"]
"""

NOTE = """# 노원뉴스 (`nowonnews`)

An outlet invented by tests/test_new_outlet.py. CMS family A (ND Soft): `/news/articleView.html?idxno=`,
`승인 YYYY.MM.DD HH:MM` in `div.info-text`, as on the test's own page. Sources: that page.
"""


def _copy_repo(destination: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def _run(cwd: Path, *args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd), "HOME": str(cwd), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _outlet_tests(copy: Path) -> subprocess.CompletedProcess:
    return _run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_outlet_expectations.py",
                "tests/test_golden_sweep.py", "-k", SLUG)


def test_generated_outlet_fails_until_a_person_fills_in_the_expectations_then_passes(tmp_path):
    copy = _copy_repo(tmp_path / "repo")
    made = _run(copy, "-m", "crawler.cli", "new-outlet", SLUG, "--family", "ndsoft", "--home",
                "https://www.nowonnews.kr/", "--name", "노원뉴스")
    assert made.returncode == 0, made.stderr
    assert "Next steps" in made.stdout and "gupress capture" in made.stdout
    folder = copy / "tests" / "fixtures" / SLUG
    assert (copy / "spiders" / f"{SLUG}.py").is_file() and (copy / "docs" / "outlets" / f"{SLUG}.md").is_file()
    assert not (REPO / "spiders" / f"{SLUG}.py").exists()  # the command wrote into the copy only

    before = _outlet_tests(copy)
    assert before.returncode == 1, before.stdout[-3000:] + before.stderr[-2000:]
    assert (f"{SLUG}/article-placeholder.html: fill in canonical_url, article_id, title" in before.stdout
            and f"tests/fixtures/{SLUG}/expected.toml by reading the page" in before.stdout), before.stdout[-3000:]
    assert f"{SLUG}/list-placeholder.html: fill in article_urls" in before.stdout
    assert f"docs/outlets/{SLUG}.md still says FILL IN" in before.stdout

    # The person's part: real pages in place of the placeholders, the fields read off them, the note.
    for placeholder in ("article-placeholder.html", "list-placeholder.html"):
        (folder / placeholder).unlink()
    (folder / "article-2817.html").write_text(ARTICLE, encoding="utf-8")
    (folder / "list-1.html").write_text(LIST, encoding="utf-8")
    manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    manifest["pages"] = [
        {"url": "https://www.nowonnews.kr/news/articleList.html?view_type=sm", "file": "list-1.html", "kind": "list"},
        {"url": "https://www.nowonnews.kr/news/articleView.html?idxno=2817", "file": "article-2817.html"}]
    (folder / "site.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (folder / "expected.toml").write_text(FILLED, encoding="utf-8")
    (copy / "docs" / "outlets" / f"{SLUG}.md").write_text(NOTE, encoding="utf-8")

    after = _outlet_tests(copy)
    assert after.returncode == 0, after.stdout[-4000:] + after.stderr[-2000:]
    summary = after.stdout.strip().splitlines()[-1]
    assert "passed" in summary and "failed" not in summary and "error" not in summary, summary
    assert int(summary.split()[0]) >= 14, summary  # every field test of the article, the list, the fixtures check


def test_a_wrong_expectation_fails_the_generated_tests(tmp_path):
    """The passing run above is not vacuous: one field read wrong fails."""
    copy = _copy_repo(tmp_path / "repo")
    assert _run(copy, "-m", "crawler.cli", "new-outlet", SLUG, "--family", "ndsoft", "--home",
                "https://www.nowonnews.kr/").returncode == 0
    folder = copy / "tests" / "fixtures" / SLUG
    (folder / "article-placeholder.html").write_text(ARTICLE, encoding="utf-8")
    manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    manifest["pages"][1]["url"] = "https://www.nowonnews.kr/news/articleView.html?idxno=2817"
    (folder / "site.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    wrong = FILLED.replace('file = "article-2817.html"', 'file = "article-placeholder.html"').replace(
        "2025-04-08T14:05:00+09:00", "2025-04-08T14:50:00+09:00")
    (folder / "expected.toml").write_text(wrong.split("[[list]]")[0], encoding="utf-8")
    result = _run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_outlet_expectations.py",
                  "-k", SLUG)
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "test_published_at_in_kst" in failed[0], result.stdout[-3000:]


def _new_outlet(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", "new-outlet", *args, "--root", str(root)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.fixture
def empty_checkout(tmp_path):
    for folder in ("spiders", "tests/fixtures", "docs/outlets"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("args, message", [
    (["sijung", "--family", "ndsoft", "--home", "https://www.sijung.co.kr/"], "outlet 'sijung' already exists"),
    (["Seoul-News", "--family", "ndsoft", "--home", "https://a.kr/"], "invalid slug 'Seoul-News'"),
    (["class", "--family", "ndsoft", "--home", "https://a.kr/"], "invalid slug 'class'"),
    (["9news", "--family", "ndsoft", "--home", "https://a.kr/"], "invalid slug '9news'"),
    (["seoulnews", "--family", "wordpress", "--home", "https://a.kr/"], "invalid choice: 'wordpress'"),
    (["seoulnews", "--family", "ndsoft", "--home", "www.a.kr"], "bad --home URL 'www.a.kr'"),
    (["seoulnews", "--family", "ndsoft", "--home", "ftp://a.kr/"], "bad --home URL"),
    (["seoulnews", "--family", "ndsoft", "--home", "https://localhost/"], "bad --home URL"),
    (["seoulnews", "--family", "ndsoft", "--home", "https://a.kr/", "--region", "Seoul"], "unknown --region"),
])
def test_refusals_are_clear_and_write_nothing(empty_checkout, args, message):
    result = _new_outlet(REPO if args[0] == "sijung" else empty_checkout, *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert result.stdout == ""
    assert [p for p in empty_checkout.rglob("*") if p.is_file()] == []


def test_a_slug_taken_by_a_fixture_folder_or_note_is_refused(empty_checkout):
    (empty_checkout / "docs" / "outlets" / "seoulnews.md").write_text("# 서울뉴스\n", encoding="utf-8")
    result = _new_outlet(empty_checkout, "seoulnews", "--family", "generic", "--home", "https://www.seoulnews.kr/")
    assert result.returncode == 2 and "already exists" in result.stderr and "seoulnews.md" in result.stderr


def test_dry_run_lists_the_files_and_writes_none(empty_checkout):
    result = _new_outlet(empty_checkout, "seoulnews", "--family", "mailsend", "--home", "http://www.seoulnews.kr",
                         "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "would write spiders/seoulnews.py", "would write tests/fixtures/seoulnews/site.json",
        "would write tests/fixtures/seoulnews/list-placeholder.html",
        "would write tests/fixtures/seoulnews/article-placeholder.html",
        "would write tests/fixtures/seoulnews/expected.toml", "would write docs/outlets/seoulnews.md"]
    assert [p for p in empty_checkout.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("family, base", [("ndsoft", "NdSoftSpider"), ("articlehtml", "ArticleHtmlSpider"),
                                          ("mailsend", "MailSendSpider"), ("generic", "GenericSpider")])
def test_each_family_gets_a_subclass_of_its_base_and_marked_placeholder_pages(empty_checkout, family, base):
    result = _new_outlet(empty_checkout, "seoulnews", "--family", family, "--home", "https://www.seoulnews.kr",
                         "--name", "서울뉴스", "--region", "none")
    assert result.returncode == 0, result.stderr
    spider = (empty_checkout / "spiders" / "seoulnews.py").read_text(encoding="utf-8")
    assert f"class SeoulnewsSpider({base}):" in spider and 'name = "seoulnews"' in spider
    assert 'outlet_name = "서울뉴스"' in spider and "outlet_region = None" in spider
    assert 'domains = ("seoulnews.kr",)' in spider and 'home_url = "https://www.seoulnews.kr/"' in spider
    compile(spider, "seoulnews.py", "exec")
    folder = empty_checkout / "tests" / "fixtures" / "seoulnews"
    for page in ("list-placeholder.html", "article-placeholder.html"):
        head = (folder / page).read_text(encoding="utf-8")[:400]
        assert "PLACEHOLDER" in head and "gupress capture" in head and "hand-model" in head
    expected = (folder / "expected.toml").read_text(encoding="utf-8")
    import tomllib

    entries = tomllib.loads(expected)
    assert all("FILL IN" in str(v) for k, v in entries["article"][0].items() if k != "file")
    assert "FILL IN" in entries["list"][0]["article_urls"][0]


GENERIC_PAGE = """<!DOCTYPE html>
<!-- Written by tests/test_new_outlet.py: a page of an unknown CMS, text invented for the test. -->
<html lang="ko"><head><meta charset="utf-8">
<meta property="og:title" content="마포구, 망원시장 주차장 200면 확충">
<meta name="author" content="이도윤 기자">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "마포구, 망원시장 주차장 200면 확충"}</script>
</head><body>
<div class="top">오늘 2026.03.01 (일)</div>
<h1>마포구, 망원시장 주차장 200면 확충</h1>
<div class="meta"><span>기사입력 : 2025-11-03 08:40:12</span></div>
<div class="content">
<p>서울 마포구(구청장 박강수)가 망원시장 인근 공영주차장을 200면 규모로 넓혀 다음 달 문을 연다고 3일 밝혔다.</p>
<p>구는 시장을 찾는 주민과 상인의 주차난을 덜기 위해 옛 공영주차장 부지에 지하 2층 규모의 주차장을 새로 지었다.</p>
<p>박강수 마포구청장은 “시장을 찾는 발걸음이 더 가벼워지도록 주변 교통 여건도 살피겠다”고 말했다.</p>
</div>
<div class="footer">Copyright 마포뉴스. All rights reserved.</div>
</body></html>
"""


def test_generic_base_reads_metadata_text_date_and_main_text_of_an_unknown_cms():
    from crawler.offline import parse_saved_page, process
    from spiders.cms.generic import GenericSpider

    class MapoSpider(GenericSpider):
        name = "mapo_test"
        outlet_name = "마포뉴스"
        home_url = "https://www.mapo-news.kr/"
        domains = ("mapo-news.kr",)

    spider = MapoSpider()
    url = "https://m.mapo-news.kr/news/view.php?idx=52210&mcode=m12&utm_source=x"
    assert spider.canonical_url(url) == "https://www.mapo-news.kr/news/view.php?idx=52210"
    assert spider.canonical_url("https://www.mapo-news.kr/news/list.php?mcode=m12") is None
    assert spider.canonical_url("https://www.other.kr/news/view.php?idx=52210") is None
    [item] = parse_saved_page(spider, url, GENERIC_PAGE.encode())
    item = process(item)
    assert (item.title, item.reporter, item.to_contract()["published_at"]) == (
        "마포구, 망원시장 주차장 200면 확충", "이도윤", "2025-11-03T08:40:12+09:00")
    assert item.body.startswith("서울 마포구(구청장 박강수)가 망원시장") and item.body.endswith("살피겠다”고 말했다.")
    assert "Copyright" not in item.body
    assert {f: item.extraction[f] for f in ("title", "reporter", "published_at", "body")} == {
        "title": "meta", "reporter": "meta", "published_at": "text", "body": "generic"}
    assert [d["code"] for d in item.districts if d["role"] == "primary"] == ["11440"]
