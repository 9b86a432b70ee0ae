"""The benchmark's generated pages are what the spiders expect of each family, and as heavy as
real pages: otherwise the parse and crawl figures would measure something else."""

from __future__ import annotations

import pytest

from benchmarks.pages import FAMILIES, SELECTOR_FAMILIES, Article, GeneratedSite, article_pages
from crawler.offline import parse_saved_page, process, saved_response
from crawler.runner import project_settings, spider_class


def spider(family: str):
    return spider_class(FAMILIES[family].outlet, project_settings({"LOG_LEVEL": "ERROR"}))()


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_article_page_parses_like_its_family(family):
    [(url, body)] = article_pages(family, 1, start=7)
    article = Article.make(7)
    assert 100_000 < len(body) < 130_000
    [item] = [process(i) for i in parse_saved_page(spider(family), url, body)]
    assert item.title == article.title
    assert item.published_at == article.published
    # the first sentence of the article is the body's start; no sidebar teaser got in
    assert item.body.startswith(article.paragraphs[0][:20])
    assert "많이 본" not in item.body
    layer = "generic" if family == "herald" else "selector"
    assert item.extraction["body"] == layer
    if family in SELECTOR_FAMILIES:
        assert item.extraction["title"] == "selector"


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_list_pages_link_every_article_and_the_next_page(family):
    site = GeneratedSite(family, 25, per_page=20)
    first, second = site.family.list_url(1), site.family.list_url(2)
    crawler = spider(family)
    response = saved_response(first, site.site.pages[_key(first)].body)
    links = crawler.unique_article_urls(response)
    assert links == [site.family.article_url(Article.make(n)) for n in range(1, 21)]
    assert crawler.next_list_page(response, 1) == second
    last = saved_response(second, site.site.pages[_key(second)].body)
    assert len(crawler.unique_article_urls(last)) == 5
    assert crawler.next_list_page(last, 2) is None


def test_paragraphs_unique_per_article():
    one, other = Article.make(3), Article.make(3 + 1000)
    assert one.paragraphs[0] != other.paragraphs[0]


def _key(url: str) -> str:
    from crawler.replay import route_key

    return route_key(url)
