"""Trying gupress without writing code (issue 11, point 7): `gupress demo` into PostgreSQL (through
GUPRESS_DATABASE_URL or --database-url), `gupress sample-sites` serving a crawl, and every SQL example of
the README's researcher section returning rows on the demo archive, on SQLite and PostgreSQL.

The demo pages read for the expectations: sisanews/demo-article-41877.html (은평구, 청년 월세 지원, published
2026-02-03, 300명) and its edited version (350명, a paragraph on the income limit added)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from tests.support import FAST, REPO, gupress

EDITED_TITLE = "은평구, 청년 월세 지원 350명으로 확대… 3월 한 달간 접수"
FIRST_TITLE = "은평구, 청년 월세 지원 300명으로 확대… 3월 한 달간 접수"
#: In the README, each SQL block a researcher can paste is preceded by this marker.
MARKER = "<!-- demo-query -->"


def readme_queries() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(re.escape(MARKER) + r"\s*```sql\n(.*?)```", readme, flags=re.S)
    statements = [s.strip() for block in blocks for s in block.split(";\n")]
    return [s.rstrip(";") for s in statements if s and not all(line.startswith("--") for line in s.splitlines())]


def _env(**values: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}, **values}


def _assert_every_query_returns_rows(url: str) -> None:
    queries = readme_queries()
    assert len(queries) >= 8, "the README's researcher section lost its marked example queries"
    engine = create_engine(url)
    with engine.connect() as conn:
        empty = [q for q in queries if not conn.execute(text(q)).fetchall()]
    engine.dispose()
    assert empty == [], "README queries with no rows on the demo archive:\n\n" + "\n\n".join(empty)


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory):
    database = tmp_path_factory.mktemp("demo") / "demo.db"
    result = gupress("demo", "--database", str(database), env=_env(), timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return f"sqlite:///{database}", result.stdout


def test_readme_queries_return_rows_on_the_sqlite_demo(sqlite_demo):
    _assert_every_query_returns_rows(sqlite_demo[0])


def test_demo_archive_has_the_2026_eunpyeong_article_with_two_revisions(sqlite_demo):
    url, stdout = sqlite_demo
    engine = create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT a.id, a.revision_count, a.title FROM articles a "
                                "WHERE a.canonical_url LIKE '%idxno=41877'")).one()
        titles = conn.scalars(text("SELECT title FROM article_revisions WHERE article_id = :id ORDER BY revision_no"),
                              {"id": row.id}).all()
    engine.dispose()
    assert (row.revision_count, row.title) == (2, EDITED_TITLE) and titles == [FIRST_TITLE, EDITED_TITLE]
    assert f"GUPRESS_DATABASE_URL='{url}' gupress history {row.id}" in stdout
    assert f"GUPRESS_DATABASE_URL='{url}' gupress status" in stdout


def test_demo_into_postgresql_from_the_environment(pg_url):
    result = gupress("demo", env=_env(GUPRESS_DATABASE_URL=pg_url), timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"crawling into {pg_url} ..." in result.stdout and "gupress-demo.db" not in result.stdout
    [search_line] = [line for line in result.stdout.splitlines() if "gupress search" in line]
    assert search_line.strip().startswith(f"GUPRESS_DATABASE_URL='{pg_url}' gupress search 청년 --district 11380")
    words = shlex.split(search_line)
    found = gupress(*words[2:], env=_env(GUPRESS_DATABASE_URL=pg_url))
    assert found.returncode == 0 and EDITED_TITLE in found.stdout, found.stderr
    _assert_every_query_returns_rows(pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        stored = conn.scalar(text("SELECT count(*) FROM articles"))
    engine.dispose()
    again = gupress("demo", "--database-url", pg_url, env=_env(), timeout=120)
    assert again.returncode == 2 and f"already holds {stored} articles" in again.stderr


def test_sample_sites_serve_a_crawl_until_interrupted(tmp_path):
    server = subprocess.Popen([sys.executable, "-m", "crawler.cli", "sample-sites", "sisanews"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        exports = {}
        for line in server.stdout:
            if line.startswith("export "):
                name, _, value = line.removeprefix("export ").strip().partition("=")
                exports[name] = shlex.split(value)[0]
            if len(exports) == 2:
                break
        assert set(exports) == {"GUPRESS_HOST_MAP", "GUPRESS_ENTRY_POINTS"}
        url = f"sqlite:///{tmp_path / 'tried.db'}"
        crawl = gupress("crawl", "sisanews", *FAST, env=_env(GUPRESS_DATABASE_URL=url, **exports))
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-2000:]
        engine = create_engine(url)
        with engine.connect() as conn:
            titles = set(conn.scalars(text("SELECT title FROM articles")))
        engine.dispose()
        assert titles == {FIRST_TITLE, "양천구, 신정동 ‘안양천 생태 놀이터’ 개장"}
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
