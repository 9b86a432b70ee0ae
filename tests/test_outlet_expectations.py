"""Every outlet's ``expected.toml``: the fields a person read off each fixture page, one test per field.

Runs over every ``tests/fixtures/<outlet>/expected.toml`` (see tests/outlet_expectations.py), so adding an
outlet adds its tests here without editing this file.
"""

from __future__ import annotations

import pytest

from tests.fleet_support import ArticleFieldTests, fixture_pages, list_response, parse_article, spider_for
from tests.outlet_expectations import all_entries, article_expectation, require_filled

ARTICLES = all_entries("article")
LISTS = all_entries("list")


def _id(param) -> str:
    outlet, entry = param
    return f"{outlet}/{entry.get('file')}"


@pytest.fixture(scope="module", params=ARTICLES, ids=_id)
def expectation(request):
    outlet, entry = request.param
    require_filled(entry, outlet)
    return article_expectation(outlet, entry)


@pytest.fixture(scope="module")
def case(expectation):
    return expectation.case


@pytest.fixture(scope="module")
def item(case):
    return parse_article(case.outlet, case.file)


class TestArticles(ArticleFieldTests):
    def test_primary_districts(self, expectation, item):
        assert expectation.primary_districts is not None, \
            f"{expectation}: primary_districts must be a list of codes read from the text ([] for none)"
        found = sorted(d["code"] for d in item.districts if d["role"] == "primary")
        assert found == sorted(expectation.primary_districts)


@pytest.mark.parametrize("listed", LISTS, ids=_id)
def test_list_page_links(listed):
    outlet, entry = listed
    require_filled(entry, outlet)
    assert entry["file"] in {p.file for p in fixture_pages(outlet) if p.kind == "list"}, \
        f"{outlet}: {entry['file']} is not a list page of site.json"
    urls = spider_for(outlet).unique_article_urls(list_response(outlet, entry["file"]))
    assert urls == list(entry["article_urls"])


@pytest.mark.parametrize("outlet_entry", ARTICLES, ids=_id)
def test_article_file_is_a_fixture_page(outlet_entry):
    outlet, entry = outlet_entry
    assert entry["file"] in {p.file for p in fixture_pages(outlet) if p.kind == "article"}, \
        f"{outlet}: {entry['file']} is not an article page of site.json"
