"""Tests that guard against real bugs the suite once let through (issue 8, point 11), each
through real behaviour: a crawl of a local site, the ``parse`` command, the tagger itself.

Each test here was checked against the bug it names (applied by hand, test red, reverted);
README "Tests that hold" lists the mutation → test table.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from crawler.districts.tagger import tag_districts
from crawler.korean import KST
from crawler.replay import route_key
from storage.db import Database, migrate
from tests import seeds
from tests.ops_support import SyntheticOutlet, crawl, ops_env, query
from tests.support import fixture_path, gupress

ASIAE_URL = "https://www.asiae.co.kr/article/2026011907322546715"


def _rows(database_url: str, sql: str) -> list[tuple]:
    return [tuple(row) for row in query(database_url, sql)]


# --- validation: short bodies are rejected ---------------------------------------------


def _shorten_body(html: str, text: str) -> str:
    """The article page with its body paragraphs replaced by one paragraph of ``text``."""
    html = re.sub(r'<p data-alda-marking="[2-9]">.*?</p>', "", html)
    return re.sub(r'(<p data-alda-marking="1">).*?(</p>)', rf"\g<1>{text}\g<2>", html)


def test_a_page_with_a_too_short_body_is_rejected_not_archived(database_url):
    migrate(Database(database_url))
    with SyntheticOutlet.build(3) as outlet:
        stub = outlet.articles[1]
        outlet.site.put(stub.url, _shorten_body(stub.html(), "[아시아경제 박종일 기자] 강서구가 포상했다."))
        crawl(ops_env(database_url, outlet))
    archived = {row[0] for row in _rows(database_url, "SELECT canonical_url FROM articles")}
    assert archived == {a.url for a in outlet.articles} - {stub.url}
    rejected = _rows(database_url, "SELECT url, reason FROM rejected_items")
    assert len(rejected) == 1 and rejected[0][0] == stub.url
    assert "body missing or shorter than" in rejected[0][1]
    assert _rows(database_url, "SELECT items_new, items_rejected FROM crawl_runs") == [(2, 1)]


# --- in-run dedup: two URL variants of one article are stored once ---------------------


def test_two_url_variants_of_one_article_in_one_run_are_one_item(database_url):
    """An old article number that redirects to the article under its other host (the way
    outlets merge duplicate postings) reaches the same canonical article by a second URL:
    the run counts it as a duplicate, not as a second (unchanged) store."""
    migrate(Database(database_url))
    with SyntheticOutlet.build(3) as outlet:
        target = outlet.articles[0]
        alias = target.url[:-5] + "99999"  # same 19-digit shape, another number
        variant = target.url.replace("://www.", "://view.")
        outlet.site.put(alias, b"", status=301, headers={"Location": variant})
        first_list = outlet.site.pages[route_key(outlet.list_url(1))]
        outlet.site.put(outlet.list_url(1), first_list.body.replace(
            b'<div class="cont_list">', f'<div class="cont_list"><div class="article"><h3><a href="{alias}">'
                                        f'{target.title}</a></h3></div>'.encode()))
        crawl(ops_env(database_url, outlet))
        hosts = [headers.get("host") for _m, path, headers in outlet.site.requests if path == route_key(variant)]
        assert sorted(hosts) == ["view.asiae.co.kr", "www.asiae.co.kr"], "the crawl fetched the article twice"
    assert _rows(database_url, "SELECT count(*) FROM articles") == [(3,)]
    assert _rows(database_url, "SELECT count(*) FROM article_revisions") == [(3,)]
    assert _rows(database_url, "SELECT items_new, items_unchanged, items_duplicate FROM crawl_runs") == [(3, 0, 1)]


# --- district tagger: the outlet's region weighs as evidence ---------------------------

GANGSEO_BODY = ("강서구(구청장 진교훈)가 2025년 하반기 적극행정 우수사례 5건을 선정하고 담당 공무원을 포상했다.\n\n"
                "최우수 사례는 부산에서 먼저 시작된 가족 돌봄 쉼터를 본뜬 사업이다.\n\n"
                "구는 강서구 주민이 체감하는 행정을 이어가겠다고 밝혔다.")


@pytest.mark.parametrize(("region", "city"), [("서울", "서울특별시"), ("부산", "부산광역시"), (None, "부산광역시")])
def test_a_bare_district_name_follows_the_outlets_region_against_one_other_city_word(region, city):
    """Bare 강서구 exists in 서울 and 부산; the text names 부산 once. A Seoul outlet's article
    is about Seoul's 강서구 (the region breaks the 1:1 tie); without a region, the text decides."""
    tags = tag_districts(title="강서구, 적극행정 우수사례 선정", subtitle=None, body=GANGSEO_BODY,
                         published_at=datetime(2026, 1, 19, 7, 32, tzinfo=KST), outlet_region=region)
    assert [(t.name, t.city, t.role) for t in tags] == [("강서구", city, "primary")]


# --- dates: out-of-range years are rejected for that reason ----------------------------


def _page_dated(tmp_path, printed: str, iso: str):
    html = fixture_path("asiae", "article-current.html").read_text(encoding="utf-8")
    html = html.replace("입력2026.01.19 07:32", f"입력{printed}").replace("2026-01-19T07:32:25+09:00", iso)
    html = html.replace("수정2026.01.19 08:05", "").replace("2026-01-19T08:05", iso[:16])
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return page


@pytest.mark.parametrize(("printed", "iso", "reason"), [
    ("2099.01.05 10:00", "2099-01-05T10:00:00+09:00", "publication date in the future (2099-01-05T10:00:00+09:00)"),
    ("1970-01-01 09:00", "1970-01-01T09:00:00+09:00", "implausible publication date (1970-01-01T09:00:00+09:00)"),
])
def test_a_date_out_of_range_is_rejected_with_that_reason(tmp_path, printed, iso, reason):
    result = gupress("parse", ASIAE_URL, "--html", str(_page_dated(tmp_path, printed, iso)))
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)
    assert article["published_at"] is None
    assert reason in article["validation_errors"]
    assert not any("unparsable" in error for error in article["validation_errors"])


def test_an_unparsable_date_is_still_called_unparsable(tmp_path):
    result = gupress("parse", ASIAE_URL, "--html", str(_page_dated(tmp_path, "2026.02.30 10:00", "2026-02-30T10:00")))
    [article] = json.loads(result.stdout)
    assert any(error.startswith("missing or unparsable publication date") for error in article["validation_errors"])


# --- seed texts: found beside the repository, required under CI ------------------------


def test_seed_texts_are_found_beside_the_repository():
    repository = fixture_path("asiae", "x").parents[3]
    assert seeds.SEEDS == repository.parent / "shared" / "seeds"
    assert seeds.seed_path("asiae-roundup-eunpyeong.txt").is_file()


def test_a_missing_seed_fails_under_ci_and_skips_locally(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required under CI=true"):
        seeds.seed_path("asiae-roundup-eunpyeong.txt", seeds=tmp_path)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="is missing"):
        seeds.seed_path("asiae-roundup-eunpyeong.txt", seeds=tmp_path)


def test_generic_extraction_does_not_depend_on_what_the_process_parsed_before():
    """trafilatura's duplicate filter is a process-wide cache: with it on, the fourth parse of the
    Herald page in one process came back with a different body (5 paragraphs, then 10), so
    a crawl, `reparse` and the test suite stored different text for one page."""
    from crawler.extract import generic_paragraphs

    html = fixture_path("herald", "article-10683244.html").read_text(encoding="utf-8")
    first = generic_paragraphs(html, "https://biz.heraldcorp.com/article/10683244")
    assert any("광진구" in paragraph for paragraph in first)
    for _ in range(5):
        assert generic_paragraphs(html, "https://biz.heraldcorp.com/article/10683244") == first
