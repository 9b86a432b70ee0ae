"""Derived tables after upgrades, on SQLite and PostgreSQL: `gupress migrate` (and `crawl`,
which migrates) leaves district tags, segments, the search index, MinHash buckets and clusters
complete, whichever revisions the upgrade crossed; `gupress reparse` re-derives district tags
of articles whose text did not change.

The archive is built from saved outlet pages through today's spiders and pipelines, then taken
down to an older revision with Alembic, as an operator's older install would have left it."""

from __future__ import annotations

import copy
import json
import os
from functools import cache

import pytest
from sqlalchemy import text

from crawler.runner import spider_class
from storage import repository
from storage.db import Database, alembic_config, current_revision, head_revision, migrate
from storage.search import search_articles
from tests.support import FAST, fixture_path, gupress, parse_fixture

PAGES = [  # (outlet, saved page, its real URL)
    ("asiae", "article-current.html", "https://www.asiae.co.kr/article/2026011907322546715"),
    ("asiae", "article-roundup.html", "https://www.asiae.co.kr/article/2022042511013467890"),
    ("krnews21", "article-357431.html", "https://www.krnews21.co.kr/article/357431"),
    ("herald", "article-10683244.html", "https://biz.heraldcorp.com/article/10683244"),
]
#: Words read from the pages' titles: 강서구, '적극행정 우수사례' … (asiae) and 청년 참여·인공지능 행정 (뉴스21).
SEARCHES = {"적극행정": "https://www.asiae.co.kr/article/2026011907322546715",
            "인공지능": "https://www.krnews21.co.kr/article/357431"}


@cache
def _items() -> tuple:
    """Parsed once per process (parsing is the slow part of the fixture)."""
    items = []
    for outlet, name, url in PAGES:
        for item in parse_fixture(spider_class(outlet)(), outlet, name, url):
            item.raw_html = fixture_path(outlet, name).read_bytes()
            items.append(item)
    return tuple(items)


def _populate(db: Database) -> None:
    for item in _items():
        repository.save_article(db, copy.deepcopy(item))


def derived(db: Database) -> dict[str, object]:
    """Everything derived, keyed by canonical URL (ids would hide nothing, but URLs read better)."""
    with db.engine.connect() as c:
        url = dict(c.execute(text("SELECT id, canonical_url FROM articles")).all())
        tags = sorted((url[a], code, role, n) for a, code, role, n in c.execute(text(
            "SELECT article_id, district_code, role, mention_count FROM article_districts")))
        segments = sorted((url[a], seq, code, body) for a, seq, code, body in c.execute(text(
            "SELECT article_id, seq, district_code, text FROM article_segments")))
        roundups = sorted(url[a] for (a,) in c.execute(text("SELECT id FROM articles WHERE is_roundup")))
        clusters: dict[int, set[str]] = {}
        for a, cluster in c.execute(text("SELECT id, cluster_id FROM articles WHERE cluster_id IS NOT NULL")):
            clusters.setdefault(cluster, set()).add(url[a])
        bands = c.execute(text("SELECT count(*) FROM article_lsh_buckets")).scalar()
        indexed = c.execute(text("SELECT count(*) FROM article_fts")).scalar()
    return {"tags": tags, "segments": segments, "roundups": roundups,
            "clusters": sorted(sorted(members) for members in clusters.values()), "bands": bands,
            "indexed": indexed}


def env_for(url: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}, "GUPRESS_DATABASE_URL": url}


def found(url: str, word: str, *, cli: bool = False) -> list[str]:
    """Canonical URLs of the articles `gupress search WORD` finds (through the CLI, or the same
    function in-process, which saves a subprocess start)."""
    db = Database(url)
    if cli:
        result = gupress("search", word, "--json", env=env_for(url))
        assert result.returncode == 0, result.stderr
        ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    else:
        ids = {r["article_id"] for r in search_articles(db, word)}
    with db.engine.connect() as c:
        urls = [u for i, u in c.execute(text("SELECT id, canonical_url FROM articles")) if i in ids]
    db.dispose()
    return urls


@pytest.fixture
def populated(database_url):
    db = Database(database_url)
    migrate(db)
    _populate(db)
    before = derived(db)
    # the fixtures give what the test relies on: tags, a roundup with segments, one cross-outlet cluster
    assert before["tags"] and before["segments"] and before["roundups"] and before["indexed"] == len(PAGES)
    assert [len(members) for members in before["clusters"]] == [2]
    yield database_url, db, before
    db.dispose()


def _downgrade(url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


@pytest.mark.parametrize("older", ["0003", "0001"])
def test_migrate_from_an_older_revision_rebuilds_every_derived_table(populated, older):
    url, db, before = populated
    _downgrade(url, older)
    assert current_revision(db) == older
    result = gupress("migrate", env=env_for(url))
    assert result.returncode == 0, result.stderr
    assert current_revision(db) == head_revision()
    assert derived(db) == before
    for cli, (word, article) in enumerate(SEARCHES.items()):
        assert article in found(url, word, cli=bool(cli)), f"search {word!r} after the upgrade"
    # what it did is said: on stdout, and as progress lines on stderr (not a terminal here)
    assert f"rebuilt search of {len(PAGES)} articles" in result.stdout
    assert f"rebuilding search index and clusters: done, {len(PAGES)} articles" in result.stderr
    crossed_0002 = older < "0002"
    assert (f"rebuilt districts of {len(PAGES)} articles" in result.stdout) == crossed_0002
    again = gupress("migrate", env=env_for(url))
    assert again.returncode == 0 and "rebuilt" not in again.stdout, "nothing to do the second time"


def test_migrate_indexes_articles_missing_from_search(populated):
    """An interrupted rebuild or an old bug left an article out of the index: the next migrate
    (every crawl runs one) notices and indexes it, without waiting for a revision change."""
    url, db, before = populated
    article = SEARCHES["인공지능"]
    with db.engine.begin() as c:
        article_id = c.execute(text("SELECT id FROM articles WHERE canonical_url = :u"), {"u": article}).scalar()
        key = "rowid" if db.dialect == "sqlite" else "article_id"
        c.execute(text(f"DELETE FROM article_fts WHERE {key} = :id"), {"id": article_id})
    assert article not in found(url, "인공지능")
    result = gupress("migrate", env=env_for(url))
    assert result.returncode == 0, result.stderr
    assert "rebuilt search of 1 articles" in result.stdout
    assert article in found(url, "인공지능")
    assert derived(db) == before


def test_crawl_migrates_and_rebuilds_before_crawling(sqlite_url):
    """`gupress crawl` upgrades like `gupress migrate`: even a crawl that reaches no outlet
    leaves the archive searchable."""
    db = Database(sqlite_url)
    migrate(db)
    _populate(db)
    before = derived(db)
    _downgrade(sqlite_url, "0001")
    env = {**env_for(sqlite_url), "GUPRESS_ENTRY_POINTS": json.dumps({"asiae": ["http://127.0.0.1:9/list"]})}
    result = gupress("crawl", "asiae", *FAST, "-s", "RETRY_TIMES=0", "--log-level", "WARNING", env=env)
    assert result.returncode in (0, 1), result.stderr[-2000:]  # it ran (port 9 answers nothing)
    assert "rebuilding search index and clusters: done" in result.stderr
    assert derived(db) == before
    assert SEARCHES["적극행정"] in found(sqlite_url, "적극행정")
    db.dispose()


def test_reparse_rederives_districts_of_unchanged_articles(populated):
    url, db, before = populated
    with db.engine.begin() as c:  # tags lost (an old downgrade, a tagger bug), text untouched
        c.execute(text("DELETE FROM article_segments"))
        c.execute(text("DELETE FROM article_districts"))
    tagged = len({tag[0] for tag in before["tags"]})
    dry = gupress("reparse", "--dry-run", env=env_for(url))
    assert dry.returncode == 0, dry.stderr
    assert f"unchanged={len(PAGES)} retagged={tagged}" in dry.stdout
    assert derived(db)["tags"] == [], "a dry run writes nothing"
    result = gupress("reparse", env=env_for(url))
    assert result.returncode == 0, result.stderr
    assert f"unchanged={len(PAGES)} retagged={tagged}" in result.stdout and "revised=0" in result.stdout
    assert derived(db) == before
    again = gupress("reparse", env=env_for(url))
    assert "retagged=0" in again.stdout


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise(monkeypatch):
    import io
    import sys

    from crawler.archive import terminal_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, expected in ((Terminal(), "3/3"), (io.StringIO(), "rebuilding test data: done, 3 articles")):
        monkeypatch.setattr(sys, "stderr", stream)
        report = terminal_progress("rebuilding test data", 3, every=0)
        for done in (1, 2, 3, None):
            report(done)
        assert expected in stream.getvalue()
        assert ("\r" in stream.getvalue()) == isinstance(stream, Terminal), "only a terminal gets a redrawn bar"


def test_reindex_rebuilds_from_scratch(populated):
    """Stale cluster ids and lost tags: `gupress reindex --districts` recomputes everything."""
    url, db, before = populated
    with db.engine.begin() as c:
        c.execute(text("UPDATE articles SET cluster_id = id"))  # every article its own stale cluster
        c.execute(text("DELETE FROM article_segments"))
        c.execute(text("DELETE FROM article_districts"))
        c.execute(text("DELETE FROM article_lsh_buckets"))
    result = gupress("reindex", "--districts", env=env_for(url))
    assert result.returncode == 0, result.stderr
    assert f"rebuilt districts of {len(PAGES)} articles" in result.stdout
    assert derived(db) == before
