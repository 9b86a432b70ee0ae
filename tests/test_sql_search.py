"""Korean search in plain SQL: ``gupress_match()`` on SQLite (registered per connection) and on
PostgreSQL (created by migration 0008), as a researcher would type it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage import repository
from storage.textindex import tsquery_text
from tests.test_search import EUNPYEONG, GWANGJIN
from tests.test_storage import make_item

SEARCH_SQL = {
    "sqlite": "SELECT a.id FROM article_fts JOIN articles a ON a.id = article_fts.rowid "
              "WHERE article_fts MATCH gupress_match(:q) ORDER BY a.id",
    "postgresql": "SELECT a.id FROM article_fts f JOIN articles a ON a.id = f.article_id "
                  "WHERE f.grams @@ to_tsquery('simple', gupress_match(:q)) ORDER BY a.id",
}


def _ids(db, query: str) -> list[int]:
    with db.engine.connect() as connection:
        return list(connection.scalars(text(SEARCH_SQL[db.dialect]), {"q": query}))


def test_plain_sql_finds_korean_words_of_any_length(db):
    gwangjin = repository.save_article(db, make_item(outlet="krnews21", canonical_url="https://k.example/1",
                                                     outlet_article_id="1", title="광진구 혁신평가", body=GWANGJIN))
    eunpyeong = repository.save_article(db, make_item(outlet="asiae", canonical_url="https://a.example/2",
                                                      outlet_article_id="2", title="은평구 주거 상담", body=EUNPYEONG))
    assert _ids(db, "청년") == [gwangjin.article_id, eunpyeong.article_id], "청년들이, 서울청년센터"
    assert _ids(db, "서울청년센터") == [eunpyeong.article_id]
    assert _ids(db, "혁신평가 청년") == [gwangjin.article_id], "every word must occur"
    assert _ids(db, "청년센터 혁신평가") == []
    assert _ids(db, "보증금") == [eunpyeong.article_id]


@pytest.mark.parametrize("query, sqlite, postgresql", [
    ("혁신평가 청년", '"혁신 신평 평가" AND "청년"', "(혁신 <-> 신평 <-> 평가) & (청년)"),
    ("AI 행정", '"ai" AND "행정"', "(ai) & (행정)"),
    ("1인가구", '"1 인가 가구"', "(1 <-> 인가 <-> 가구)"),
    ("'청년'!", '"청년"', "(청년)"),
    ("   ", "", ""),
])
def test_match_expression_on_each_backend(db, query, sqlite, postgresql):
    with db.engine.connect() as connection:
        built = connection.scalar(text("SELECT gupress_match(:q)"), {"q": query})
    assert built == {"sqlite": sqlite, "postgresql": postgresql}[db.dialect]


@pytest.mark.parametrize("query", ["서울청년센터, 1인가구", "COVID-19 대응", "ㄱㄴ 漢字문화", "구 청 장", "ａｂｃ 청년"])
def test_postgresql_function_agrees_with_the_search_code(pg_url, query):
    from storage.db import Database, migrate

    db = Database(pg_url)
    migrate(db)
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT gupress_match(:q)"), {"q": query}) == tsquery_text(query)
        assert connection.scalar(text("SELECT gupress_tsquery('청년') = to_tsquery('simple', '청년')"))
    db.dispose()
