"""Fixture sweep over every spider (juriscraper's ScraperExampleTest pattern).

Every spider ``scrapy list`` knows must have ``tests/fixtures/<spider>/site.json`` with at
least one list page and one article page, an ``expected.toml`` and an evidence note
``docs/outlets/<spider>.md`` with no ``FILL IN`` left; every list page must yield links, and a
hand-written site must serve every page its lists link.

Pages listed in an outlet's ``expected.toml`` (fields a person read off the page, see
tests/outlet_expectations.py) are checked there; ``gupress new-outlet`` and ``gupress capture``
only write that. Any other page keeps a reviewed ``<page>.expected.json`` beside it: exactly what
``gupress parse URL --html FILE --outlet SPIDER`` prints for an article (a JSON array of contract
objects, ``content_hash`` and ``validation_errors`` included; nothing in it is volatile),
``{"article_urls": [...]}`` for a list page.

A golden file written by the code itself is not a review, so an ordinary run never writes one:

- A missing golden file FAILS the test with instructions; nothing is written.
- ``GUPRESS_UPDATE_GOLDEN=1`` writes, for each missing or differing golden, a stub marked
  ``"unreviewed": true`` holding the current output under ``"parsed"``, and fails. Golden
  files that still match are left alone.
- A stub fails until a developer has read ``parsed`` against the page and replaced the
  whole file with it.
"""

from __future__ import annotations

import json
import os
import time
import warnings

import pytest

from crawler.runner import spider_names
from tests.fleet_support import FixturePage, article_pages, fixture_pages, gupress_parse_output, list_response
from tests.outlet_expectations import EXPECTATIONS_FILE, PLACEHOLDER, all_entries, expectations_path
from tests.support import FIXTURES, REPO

SLOW_PARSE_SECONDS = 2.0
SPIDERS = spider_names()


def _write(path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


REVIEW = "check 'parsed' against the page (title, KST date, reporter, clean body, districts)"


def _unreviewed_stub(fixture: FixturePage, actual) -> dict:
    return {"unreviewed": True,
            "note": f"Written by GUPRESS_UPDATE_GOLDEN=1 from the current output for {fixture}. {REVIEW[0].upper()}"
                    f"{REVIEW[1:]}, then replace this whole file with the value of 'parsed'.",
            "parsed": actual}


def _compare_with_golden(fixture: FixturePage, actual) -> None:
    golden = fixture.golden_path
    expected = json.loads(golden.read_text(encoding="utf-8")) if golden.exists() else None
    if expected != actual and os.environ.get("GUPRESS_UPDATE_GOLDEN") == "1":
        _write(golden, _unreviewed_stub(fixture, actual))
        pytest.fail(f"wrote {golden} as an unreviewed stub: {REVIEW}, then replace the file with it")
    if expected is None:
        pytest.fail(f"{golden} is missing, and a golden file the code writes for itself is not a review: run "
                    f"GUPRESS_UPDATE_GOLDEN=1 pytest tests/test_golden_sweep.py to write an unreviewed stub, "
                    f"{REVIEW}, and replace the file with it")
    if isinstance(expected, dict) and expected.get("unreviewed"):
        pytest.fail(f"{golden.name} is an unreviewed stub (from `gupress capture` or GUPRESS_UPDATE_GOLDEN=1): "
                    f"{REVIEW}, then replace the whole file with that value")
    assert actual == expected, f"{fixture} no longer parses as its reviewed {golden.name}"


@pytest.mark.parametrize("outlet", SPIDERS)
def test_every_spider_has_fixtures(outlet):
    folder = FIXTURES / outlet
    assert (folder / "site.json").is_file(), f"{outlet}: no tests/fixtures/{outlet}/site.json"
    assert expectations_path(outlet).is_file(), \
        f"{outlet}: no tests/fixtures/{outlet}/{EXPECTATIONS_FILE} (fields a person read off the pages)"
    note = REPO / "docs" / "outlets" / f"{outlet}.md"
    assert note.is_file(), f"{outlet}: no evidence note docs/outlets/{outlet}.md (what its pages show, with sources)"
    assert PLACEHOLDER not in note.read_text(encoding="utf-8"), \
        f"{outlet}: docs/outlets/{outlet}.md still says {PLACEHOLDER}: write down what the pages show and where from"
    pages = fixture_pages(outlet)
    assert any(p.kind == "list" for p in pages), f"{outlet}: no list page fixture"
    assert any(p.kind == "article" for p in pages), f"{outlet}: no article page fixture"
    for fixture in pages:
        assert fixture.path.is_file(), f"{fixture}: listed in site.json but missing"
        assert fixture.captured or b"<!--" in fixture.path.read_bytes()[:400], \
            f"{fixture}: neither a header comment saying what it is modeled on nor a capture record"


def _read_by_a_person() -> set[tuple[str, str]]:
    """Pages whose fields a person wrote down in ``expected.toml``: those are checked there, not by a golden."""
    return {(outlet, entry["file"]) for kind in ("article", "list") for outlet, entry in all_entries(kind)}


def _all_pages(kind: str, *, with_expectations: bool = False) -> list[FixturePage]:
    checked_elsewhere = set() if with_expectations else _read_by_a_person()
    return [p for outlet in SPIDERS if (FIXTURES / outlet / "site.json").is_file()
            for p in fixture_pages(outlet) if p.kind == kind and (outlet, p.file) not in checked_elsewhere]


@pytest.mark.parametrize("fixture", _all_pages("article"), ids=str)
def test_article_page_matches_golden(fixture):
    started = time.perf_counter()
    actual = gupress_parse_output(fixture)
    elapsed = time.perf_counter() - started
    if elapsed > SLOW_PARSE_SECONDS:
        warnings.warn(f"{fixture} took {elapsed:.1f}s to parse")
    assert actual, f"{fixture}: the spider yielded nothing"
    _compare_with_golden(fixture, actual)


@pytest.mark.parametrize("fixture", _all_pages("list", with_expectations=True), ids=str)
def test_list_page_links_served_pages_and_matches_golden(fixture):
    """Every list page yields links, a hand-written site serves every page it links (crawlable end
    to end without 404s), and a list page not in expected.toml matches its golden file."""
    from tests.fleet_support import spider_for

    urls = spider_for(fixture.outlet).unique_article_urls(list_response(fixture.outlet, fixture.file))
    assert urls, f"{fixture}: no article links"
    if not fixture.captured:
        served = {p.url for p in article_pages(fixture.outlet)}
        assert set(urls) <= served, f"{fixture}: links to pages the replay site cannot serve: {set(urls) - served}"
    if (fixture.outlet, fixture.file) not in _read_by_a_person():
        _compare_with_golden(fixture, {"article_urls": urls})


def _ket_fixture(tmp_path) -> FixturePage:
    fixture = FixturePage("ket", "article-16859.html", "http://www.ket.kr/news/view.php?idx=16859", "article",
                          root=tmp_path)
    fixture.path.parent.mkdir()
    return fixture


def test_an_ordinary_run_never_writes_a_missing_golden(tmp_path, monkeypatch):
    monkeypatch.delenv("GUPRESS_UPDATE_GOLDEN", raising=False)
    fixture = _ket_fixture(tmp_path)
    with pytest.raises(pytest.fail.Exception, match="is missing.*GUPRESS_UPDATE_GOLDEN=1"):
        _compare_with_golden(fixture, [{"title": "강서구 적극행정 우수사례 5건 선정"}])
    assert not fixture.golden_path.exists()
    assert list(tmp_path.rglob("*.json")) == []


def test_update_writes_unreviewed_stubs_that_fail_until_replaced(tmp_path, monkeypatch):
    fixture = _ket_fixture(tmp_path)
    parsed = [{"title": "강서구 적극행정 우수사례 5건 선정"}]
    monkeypatch.setenv("GUPRESS_UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match="unreviewed stub"):
        _compare_with_golden(fixture, parsed)
    stub = json.loads(fixture.golden_path.read_text(encoding="utf-8"))
    assert stub["unreviewed"] is True and stub["parsed"] == parsed
    monkeypatch.delenv("GUPRESS_UPDATE_GOLDEN")
    with pytest.raises(pytest.fail.Exception, match="unreviewed stub"):
        _compare_with_golden(fixture, parsed)  # still a stub: an ordinary run fails on it
    _write(fixture.golden_path, stub["parsed"])  # the developer's review: the file becomes 'parsed'
    _compare_with_golden(fixture, parsed)
    with pytest.raises(AssertionError, match="no longer parses"):
        _compare_with_golden(fixture, [{"title": "강서구 적극행정 우수사례 6건 선정"}])
    monkeypatch.setenv("GUPRESS_UPDATE_GOLDEN", "1")
    _compare_with_golden(fixture, parsed)  # a reviewed golden that still matches is not rewritten
    assert json.loads(fixture.golden_path.read_text(encoding="utf-8")) == parsed
