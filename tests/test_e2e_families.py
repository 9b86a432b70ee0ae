"""End to end across CMS families: five local outlets (family A 시정일보, family B TV서울,
family C 뉴스21 and the EUC-KR ket.kr, one-off 헤럴드경제) on 127.0.0.1, crawled in ONE
`gupress crawl` run into SQLite, then crawled again."""

from __future__ import annotations

import pytest

from storage import repository
from storage.db import Database
from tests.support import FAST, crawl_env, gupress, site_for

OUTLETS = ("sijung", "tvseoul", "krnews21", "ket", "herald")
EXPECTED_ARTICLES = {"sijung": 2, "tvseoul": 2, "krnews21": 1, "ket": 1, "herald": 1}

PER_OUTLET = """SELECT o.slug, o.cms_family, count(a.id) FROM outlets o JOIN articles a ON a.outlet_id = o.id
GROUP BY o.slug, o.cms_family ORDER BY o.slug"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Two full crawls of all five sites; yields (db, first run, second run, archive counts after each)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('families') / 'archive.db'}"
    sites = [site_for(name) for name in OUTLETS]
    for site, _manifest in sites:
        site.start()
    try:
        env = crawl_env(url, sites)
        first = gupress("crawl", *OUTLETS, "--mode", "full", *FAST, env=env)
        db = Database(url)
        after_first = repository.archive_counts(db)
        second = gupress("crawl", *OUTLETS, "--mode", "full", *FAST, env=env)
        yield db, first, second, after_first, repository.archive_counts(db)
        db.dispose()
    finally:
        for site, _manifest in sites:
            site.stop()


def test_one_run_crawls_every_family(crawled):
    db, first, _second, _a, _b = crawled
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    _cols, rows = repository.run_sql(db, PER_OUTLET)
    assert {slug: count for slug, _family, count in rows} == EXPECTED_ARTICLES
    assert {slug: family for slug, family, _count in rows} == {
        "sijung": "A", "tvseoul": "B", "krnews21": "C", "ket": "C", "herald": None}


def test_url_variants_are_one_row_each(crawled):
    db = crawled[0]
    _cols, rows = repository.run_sql(db, "SELECT canonical_url FROM articles ORDER BY canonical_url")
    assert [r[0] for r in rows] == sorted([
        "https://www.sijung.co.kr/news/articleView.html?idxno=301052",
        "https://www.sijung.co.kr/news/articleView.html?idxno=425280",
        "http://www.tvseoul.kr/news/article.html?no=23514",
        "http://www.tvseoul.kr/news/article.html?no=66511",
        "https://www.krnews21.co.kr/article/357431",
        "http://www.ket.kr/news/view.php?idx=16859",
        "https://biz.heraldcorp.com/article/10683244",
    ])


def test_fields_survive_the_crawl(crawled):
    db = crawled[0]
    ket = repository.get_article(db, "http://www.ket.kr/news/view.php?idx=16859")
    assert ket.title == "강서구 적극행정 우수사례 5건 선정" and ket.reporter == "김은미"  # EUC-KR decoded
    news21 = repository.get_article(db, "https://www.krnews21.co.kr/article/357431")
    assert news21.source_note == "광진구청 보도자료" and "울산" not in news21.body
    herald = repository.get_article(db, "https://biz.heraldcorp.com/article/10683244")
    assert (herald.reporter, herald.reporter_title) == ("박종일", "선임기자")
    assert herald.extraction["body"] == "generic"


def test_every_run_finished_without_rejections(crawled):
    db = crawled[0]
    for outlet in OUTLETS:
        run = repository.recent_crawl_runs(db, outlet_slug=outlet)[-1]
        assert (run.status, run.items_new, run.items_rejected) == ("finished", EXPECTED_ARTICLES[outlet], 0), outlet


def test_second_crawl_adds_no_duplicates(crawled):
    db, _first, second, after_first, after_second = crawled
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    assert after_second["articles"] == after_first["articles"] == sum(EXPECTED_ARTICLES.values())
    assert after_second["article_revisions"] == after_first["article_revisions"]
    for outlet in OUTLETS:
        latest = repository.recent_crawl_runs(db, outlet_slug=outlet)[0]
        assert (latest.items_new, latest.items_unchanged) == (0, EXPECTED_ARTICLES[outlet]), outlet
