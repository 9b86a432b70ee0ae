"""Views for research (issue 11, point 5), on SQLite and PostgreSQL: article_overview's cluster id and
KST day/month, cluster_overview's districts and representative, segment-level search in roundups, and
the district tags kept with each revision (`gupress history`).

Expected values are read from the saved pages: the 뉴스21 and 헤럴드 pages carry one 광진구 release
(헤럴드 at 2026-02-27 10:12 KST, 뉴스21 at 13:12); the Asia Economy roundup has an 은평구 block (아이맘
택시), a 금천구 block (태교 생활) and a 강남구 block (ESG 공모전).
"""

from __future__ import annotations

import copy
import os
from functools import cache

from sqlalchemy import text

from crawler.runner import spider_class
from storage import repository
from storage.db import alembic_config, current_revision, head_revision, migrate
from storage.derived import REVISION_DISTRICTS
from storage.history import article_history, unified_diff
from storage.search import search_articles
from tests.support import gupress, parse_fixture

KRNEWS21 = ("krnews21", "article-357431.html", "https://www.krnews21.co.kr/article/357431")
HERALD = ("herald", "article-10683244.html", "https://biz.heraldcorp.com/article/10683244")
ROUNDUP = ("asiae", "article-roundup.html", "https://www.asiae.co.kr/article/2022042511013467890")
HERALD_TITLE = "광진구, 2025 지자체 혁신평가 ‘우수’…청년 참여·AI 행정 성과"


@cache
def _item(outlet: str, name: str, url: str):
    return parse_fixture(spider_class(outlet)(), outlet, name, url)[0]


def _save(db, page, **changes):
    item = copy.deepcopy(_item(*page))
    for key, value in changes.items():
        setattr(item, key, value)
    return repository.save_article(db, item).article_id


def _one(db, sql: str, **params):
    with db.session() as session:
        return session.execute(text(sql), params).mappings().one()


def test_article_overview_has_cluster_and_kst_day_and_month(db):
    herald = _save(db, HERALD)
    krnews = _save(db, KRNEWS21)
    row = _one(db, "SELECT cluster_id, published_date_kst, published_month_kst FROM article_overview "
                   "WHERE article_id = :id", id=krnews)
    assert row["cluster_id"] == herald
    assert (row["published_date_kst"], row["published_month_kst"]) == ("2026-02-27", "2026-02")


def test_cluster_overview_districts_outlets_and_representative_whatever_the_order(db):
    krnews = _save(db, KRNEWS21)  # the later-published copy stored first
    herald = _save(db, HERALD)
    row = _one(db, "SELECT * FROM cluster_overview")
    assert row["districts"] == "서울특별시 광진구" and row["district_codes"] == "11215"
    assert (row["articles"], row["outlets"], row["outlet_slugs"]) == (2, 2, "herald,krnews21")
    assert row["representative_id"] == herald != krnews
    assert row["representative_title"] == row["first_title"] == HERALD_TITLE
    assert row["first_published_kst"] == "2026-02-27T10:12:00+09:00"


def test_district_search_counts_a_roundup_only_for_the_segment_that_matches(db):
    roundup = _save(db, ROUNDUP)

    def ids(query, district=None):
        return [r["article_id"] for r in search_articles(db, query, district=district)]

    assert ids("태교") == [roundup]                        # 금천구's block
    assert ids("태교", district="11545") == [roundup]
    assert ids("태교", district="11380") == []             # not news of 은평구, though the roundup is tagged 은평구
    assert ids("아이맘", district="11380") == [roundup]
    assert ids("아이맘", district="11680") == []
    assert ids("혁신평가", district="11545") == []          # in the title and 은평구's block only
    assert "태교" in search_articles(db, "태교", district="11545")[0]["snippet"]


def test_revisions_keep_their_own_district_tags_and_diff_readably(db):
    original = _item(*HERALD)
    moved = {key: getattr(original, key).replace("광진구", "성동구") for key in ("title", "body")}
    article_id = _save(db, HERALD)
    edited = copy.deepcopy(original)
    edited.title, edited.body = moved["title"], moved["body"]
    from crawler.offline import process

    assert _save(db, HERALD, **{k: v for k, v in vars(process(edited)).items()
                                if k in ("title", "body", "districts", "segments", "content_hash")}) == article_id
    history = article_history(db, article_id)
    assert [v.revision_no for v in history.versions] == [1, 2]
    primaries = [{d["code"] for d in v.districts if d["role"] == "primary"} for v in history.versions]
    assert primaries[0] == {"11215"}                 # 광진구
    assert "11200" in primaries[1]                   # 성동구, named in the edited title and lead
    diff = unified_diff(*history.versions)
    assert diff[:2] == ["--- revision 1", "+++ revision 2"]
    assert f"-title: {HERALD_TITLE}" in diff and "+title: " + HERALD_TITLE.replace("광진구", "성동구") in diff


def test_upgrade_to_0009_tags_revisions_stored_before_it(database_url):
    from alembic import command

    from storage.db import Database

    db = Database(database_url)
    migrate(db)
    _save(db, ROUNDUP)
    command.downgrade(alembic_config(database_url), "0006")
    assert current_revision(db) == "0006"
    db.engine.dispose()
    rebuilt = migrate(db)
    assert current_revision(db) == head_revision()
    assert rebuilt.get(REVISION_DISTRICTS) == 1
    [revision] = article_history(db, 1).versions
    assert {d["code"] for d in revision.districts if d["role"] == "primary"} == {"11380", "11545", "11680"}
    db.dispose()


def test_history_command_prints_versions_and_diff(sqlite_url):
    from storage.db import Database

    db = Database(sqlite_url)
    migrate(db)
    article_id = _save(db, HERALD)
    _save(db, HERALD, body=_item(*HERALD).body + "\n\n문의: 광진구 혁신정책과", content_hash="edited")
    db.dispose()
    env = {**os.environ, "GUPRESS_DATABASE_URL": sqlite_url}
    result = gupress("history", HERALD[2], env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"article {article_id}  herald  ")
    assert [line.split()[0] for line in lines[2:4]] == ["1", "2"]
    assert "+문의: 광진구 혁신정책과" in lines
    assert gupress("history", "999", env=env).returncode == 2
    bad = gupress("history", str(article_id), "--diff", "1", "5", env=env)
    assert bad.returncode == 2 and "revisions 1, 2" in bad.stderr
