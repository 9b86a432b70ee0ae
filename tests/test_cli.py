"""The `gupress` commands a newcomer runs first: --help, parse, demo."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from crawler.items import CONTRACT_FIELDS
from crawler.runner import spider_names
from tests.support import fixture_path, gupress


@pytest.mark.parametrize("command", ["crawl", "parse", "demo", "migrate", "search", "reindex", "eval-districts",
                                     "eval-clusters", "worker"])
def test_every_command_has_help(command):
    result = gupress(command, "--help")
    assert result.returncode == 0 and "usage: gupress " + command in result.stdout


def test_parse_prints_the_contract_only():
    result = gupress("parse", "https://www.asiae.co.kr/article/2026011907322546715",
                     "--html", str(fixture_path("asiae", "article-current.html")))
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 1
    article = articles[0]
    assert list(article)[: len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
    assert article["outlet"] == "asiae"
    assert article["published_at"] == "2026-01-19T07:32:00+09:00"
    assert article["reporter"] == "박종일" and article["reporter_email"] == "dream@asiae.co.kr"
    assert article["validation_errors"] == []


def test_parse_tags_only_seoul_gangseo_despite_sidebar_of_busan_gangseo_and_incheon_donggu():
    """article-current.html's related box names 부산 강서구 and its sidebar 인천 동구; neither may count."""
    result = gupress("parse", "https://www.asiae.co.kr/article/2026011907322546715",
                     "--html", str(fixture_path("asiae", "article-current.html")))
    article = json.loads(result.stdout)[0]
    assert [(d["code"], d["role"]) for d in article["districts"]] == [("11500", "primary")]


def test_parse_roundup_has_three_primary_districts_in_order():
    result = gupress("parse", "https://www.asiae.co.kr/article/2022042511013467890",
                     "--html", str(fixture_path("asiae", "article-roundup.html")))
    article = json.loads(result.stdout)[0]
    primary = [d["code"] for d in article["districts"] if d["role"] == "primary"]
    assert sorted(primary) == ["11380", "11545", "11680"]
    assert [s["district_code"] for s in article["segments"]] == ["11380", "11545", "11680"]
    assert article["is_roundup"] is True


def test_parse_errors_are_clear(tmp_path):
    result = gupress("parse", "https://example.org/x", "--html", str(fixture_path("asiae", "article-current.html")))
    assert result.returncode == 2 and "no outlet owns" in result.stderr
    result = gupress("parse", "https://www.asiae.co.kr/article/2026011907322546715", "--html", str(tmp_path / "none.html"))
    assert result.returncode == 2 and "is not a file" in result.stderr


def test_demo_crawls_every_sample_site(tmp_path):
    database = tmp_path / "demo.db"
    result = gupress("demo", "--database", str(database), timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "Example queries" in result.stdout
    assert "강서구, '적극행정 우수사례' 선정·포상" in result.stdout
    # The same 광진구 release at Herald (입력 2026.02.27 10:12) and 뉴스21 (13:12) is one cluster, named
    # by the earlier page whatever order the two crawls stored them in.
    cluster_lines = [line for line in result.stdout.splitlines() if "herald" in line and "krnews21" in line]
    assert len(cluster_lines) == 1, result.stdout
    assert cluster_lines[0].endswith("| 광진구, 2025 지자체 혁신평가 ‘우수’…청년 참여·AI 행정 성과")
    with sqlite3.connect(database) as conn:
        per_outlet = dict(conn.execute("SELECT o.slug, count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                                       "GROUP BY o.slug"))
    assert set(per_outlet) == set(spider_names()) and per_outlet["asiae"] == 3  # every sample site stored articles

    env = {**os.environ, "GUPRESS_DATABASE_URL": f"sqlite:///{database}"}
    search = gupress("search", "혁신평가", "--outlet", "asiae", env=env)
    assert search.returncode == 0, search.stderr
    assert "은평구, 정부 혁신평가 자치구 부문" in search.stdout and "성북구" not in search.stdout


def test_parse_decodes_with_the_saved_content_type_header(tmp_path):
    """An EUC-KR page whose <meta> wrongly says UTF-8 (it happens on old Korean CMS skins): the
    bytes decide (they are not valid UTF-8), with or without the saved HTTP header."""
    html = fixture_path("asiae", "article-current.html").read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("cp949", errors="replace"))
    url = "https://www.asiae.co.kr/article/2026011907322546715"
    without = gupress("parse", url, "--html", str(page))
    assert json.loads(without.stdout)[0]["title"] == "강서구, '적극행정 우수사례' 선정·포상"
    explicit = gupress("parse", url, "--html", str(page), "--content-type", "text/html; charset=euc-kr")
    assert json.loads(explicit.stdout)[0]["title"] == "강서구, '적극행정 우수사례' 선정·포상"
    (tmp_path / "page.headers.json").write_text(json.dumps({"headers": {"content-type": "text/html; charset=EUC-KR"}}))
    from_capture = gupress("parse", url, "--html", str(page))
    assert json.loads(from_capture.stdout)[0]["title"] == "강서구, '적극행정 우수사례' 선정·포상"
