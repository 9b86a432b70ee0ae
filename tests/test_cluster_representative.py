"""A cluster is named by its earliest-published article (lowest id among equals), so what
``cluster_overview`` and ``gupress demo`` print does not depend on which outlet was stored first."""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.korean import KST
from storage import repository
from storage.search import reindex_all
from tests.test_search import GWANGJIN
from tests.test_storage import make_item

#: The same 광진구 release as the demo's Herald (10:12) and 뉴스21 (13:12) pages carry it.
HERALD = dict(outlet="herald", canonical_url="https://biz.heraldcorp.com/article/10683244",
              outlet_article_id="10683244",
              title="광진구, 2025 지자체 혁신평가 ‘우수’", published_at=datetime(2026, 2, 27, 10, 12, tzinfo=KST),
              body="[헤럴드경제=박종일 선임기자] " + GWANGJIN)
KRNEWS21 = dict(outlet="krnews21", canonical_url="https://www.krnews21.co.kr/news/357431", outlet_article_id="357431",
                title="광진구, 2025 지방자치단체 혁신평가 ‘우수’", published_at=datetime(2026, 2, 27, 13, 12, 7, tzinfo=KST),
                body=GWANGJIN + "\n\n김경호 구청장은 감사를 전했다.")


def _cluster(db) -> tuple[set[int | None], str]:
    _c, rows = repository.run_sql(db, "SELECT cluster_id FROM articles")
    _c, overview = repository.run_sql(db, "SELECT first_title, articles, outlets FROM cluster_overview")
    assert [row[1:] for row in overview] == [(2, 2)]
    return {row[0] for row in rows}, overview[0][0]


@pytest.mark.parametrize("order", [(HERALD, KRNEWS21), (KRNEWS21, HERALD)], ids=["herald-first", "krnews21-first"])
def test_earliest_published_names_the_cluster_whatever_the_store_order(db, order):
    saved = {fields["outlet"]: repository.save_article(db, make_item(**fields)) for fields in order}
    ids, title = _cluster(db)
    assert ids == {saved["herald"].article_id}, "Herald published at 10:12, 뉴스21 at 13:12"
    assert title == HERALD["title"]
    reindex_all(db)  # rebuilding in id order gives the same answer
    assert _cluster(db) == (ids, title)


def test_same_minute_ties_go_to_the_lowest_id(db):
    same = {**KRNEWS21, "published_at": HERALD["published_at"]}
    first = repository.save_article(db, make_item(**same))
    repository.save_article(db, make_item(**HERALD))
    assert _cluster(db) == ({first.article_id}, KRNEWS21["title"])


def test_two_writers_storing_copies_at_once_still_cluster_them(pg_url):
    """Two writers (two outlets' writer threads, two crawl processes) store the two copies of one
    release at the same moment. The test holds the clustering lock itself, so both writers are
    provably inside their transactions, waiting, before either looks for the other (without the
    lock neither would wait, and under READ COMMITTED neither would see the other's copy); then it
    lets them go and the two copies must share a cluster."""
    import threading

    from sqlalchemy import create_engine, text

    from storage.clusters import CLUSTER_LOCK_KEY
    from storage.db import Database, migrate
    from tests.ops_support import wait_until

    db = Database(pg_url)
    migrate(db)
    holder = create_engine(pg_url).connect()
    holder.execute(text("BEGIN"))
    holder.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CLUSTER_LOCK_KEY})
    writers = [threading.Thread(target=repository.save_article, args=(db, make_item(**fields)))
               for fields in (HERALD, KRNEWS21)]
    for writer in writers:
        writer.start()
    waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    wait_until(lambda: holder.execute(text(waiting)).scalar() == 2, timeout=30,
               message="both writers waiting for the clustering lock")
    holder.execute(text("COMMIT"))
    holder.close()
    for writer in writers:
        writer.join(timeout=60)
    ids, title = _cluster(db)
    assert len(ids) == 1 and title == HERALD["title"]
    db.dispose()
