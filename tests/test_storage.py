"""Repository functions on SQLite and PostgreSQL: new / unchanged / revised, history kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.items import ArticleItem
from crawler.korean import KST
from crawler.pipelines.dedup import content_hash
from storage import repository


def make_item(**overrides) -> ArticleItem:
    item = ArticleItem(outlet="asiae", url="https://view.asiae.co.kr/article/2026011907322546715",
                       outlet_name="아시아경제", outlet_region="서울",
                       canonical_url="https://www.asiae.co.kr/article/2026011907322546715",
                       outlet_article_id="2026011907322546715", title="강서구, 적극행정 우수사례 선정",
                       reporter="박종일", reporter_email="dream@asiae.co.kr",
                       published_at=datetime(2026, 1, 19, 7, 32, tzinfo=KST),
                       body="서울 강서구가 적극행정 우수사례 5건을 선정했다.\n\n구는 담당 공무원을 포상했다.",
                       extraction={"title": "selector"}, raw_html=b"<html>page</html>", http_status=200,
                       districts=[{"code": "11500", "name": "강서구", "city": "서울특별시", "role": "primary", "mention_count": 2}])
    for key, value in overrides.items():
        setattr(item, key, value)
    item.content_hash = content_hash(item)
    return item


def test_new_then_unchanged_then_revised(db):
    first = repository.save_article(db, make_item())
    assert first.status == "new" and first.revision_no == 1
    again = repository.save_article(db, make_item())
    assert again.status == "unchanged" and again.article_id == first.article_id
    edited = repository.save_article(db, make_item(body="서울 강서구가 적극행정 우수사례 6건을 선정했다.\n\n정정 보도."))
    assert edited.status == "revised" and edited.revision_no == 2
    counts = repository.archive_counts(db)
    assert counts["articles"] == 1
    assert counts["article_revisions"] == 2
    revisions = repository.article_revisions(db, first.article_id)
    assert "5건" in revisions[0].body and "6건" in revisions[1].body


def test_datetimes_round_trip_as_aware_utc(db):
    repository.save_article(db, make_item())
    article = repository.get_article(db, "https://www.asiae.co.kr/article/2026011907322546715")
    assert article.published_at == datetime(2026, 1, 18, 22, 32, tzinfo=timezone.utc)
    assert article.published_at.astimezone(KST).hour == 7


def test_naive_datetime_refused(db):
    with pytest.raises(Exception, match="naive"):
        repository.save_article(db, make_item(published_at=datetime(2026, 1, 19, 7, 32)))
    assert repository.archive_counts(db)["articles"] == 0, "nothing half-written"


def test_same_article_id_at_other_url_is_one_row(db):
    repository.save_article(db, make_item())
    outcome = repository.save_article(db, make_item(canonical_url="https://www.asiae.co.kr/article/2026011907322546715?x=1"))
    assert outcome.status == "unchanged"
    assert repository.archive_counts(db)["articles"] == 1


def test_districts_stored_and_replaced_on_revision(db):
    saved = repository.save_article(db, make_item())
    columns, rows = repository.run_sql(db, "SELECT district_code, role FROM article_districts")
    assert rows == [("11500", "primary")]
    repository.save_article(db, make_item(body="은평구와 강서구가 함께 행사를 연다. 자세한 내용은 구청 누리집 참조.",
                                          districts=[{"code": "11380", "role": "primary", "mention_count": 1}]))
    columns, rows = repository.run_sql(db, f"SELECT district_code FROM article_districts WHERE article_id = {saved.article_id}")
    assert rows == [("11380",)]


def test_raw_page_kept_once_per_distinct_body(db):
    repository.save_article(db, make_item())
    repository.save_article(db, make_item())
    assert repository.archive_counts(db)["raw_pages"] == 1


def test_rejection_and_crawl_run_bookkeeping(db):
    run_id = repository.start_crawl_run(db, outlet_slug="asiae", mode="incremental", trigger="test")
    repository.record_rejection(db, outlet_slug="asiae", url="https://www.asiae.co.kr/article/1", reason="missing title",
                                run_id=run_id)
    repository.finish_crawl_run(db, run_id, status="finished", exit_reason="finished",
                                counters={"pages_fetched": 3, "items_rejected": 1})
    run = repository.get_crawl_run(db, run_id)
    assert (run.status, run.pages_fetched, run.items_rejected) == ("finished", 3, 1)
    assert run.finished_at - run.started_at < timedelta(minutes=1)
    _cols, rows = repository.run_sql(db, "SELECT reason, crawl_run_id FROM rejected_items")
    assert rows == [("missing title", run_id)]


def test_views_answer_researcher_queries(db):
    repository.save_article(db, make_item())
    columns, rows = repository.run_sql(db, "SELECT outlet_name, published_kst, primary_districts FROM article_overview")
    assert rows == [("아시아경제", "2026-01-19T07:32:00+09:00", "서울특별시 강서구")]
    _c, rows = repository.run_sql(db, "SELECT district_name, city, role FROM article_district_names")
    assert rows == [("강서구", "서울특별시", "primary")]


def test_districts_table_mirrors_gazetteer(db):
    _c, rows = repository.run_sql(db, "SELECT name, city FROM districts WHERE code = '11380'")
    assert rows == [("은평구", "서울특별시")]


def test_roundup_segments_stored_in_page_order(db):
    segments = [{"order": 1, "district_code": "11545", "text": "금천구는 태교 교실을 운영한다."},
                {"order": 0, "district_code": "11380", "text": "은평구가 혁신평가 1위를 했다."}]
    saved = repository.save_article(db, make_item(segments=segments, is_roundup=True))
    _c, rows = repository.run_sql(db, f"SELECT seq, district_code FROM article_segments WHERE article_id = {saved.article_id} ORDER BY seq")
    assert rows == [(1, "11380"), (2, "11545")]
    _c, rows = repository.run_sql(db, "SELECT district_name, published_kst FROM segment_overview ORDER BY seq")
    assert rows == [("은평구", "2026-01-19T07:32:00+09:00"), ("금천구", "2026-01-19T07:32:00+09:00")]


# --- layering: the archive layer does not depend on the crawler ------------------------------

def _crawler_imports(source: str) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "crawler"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "crawler":
            found.append(node.module)
    return found


def test_no_storage_module_imports_the_crawler():
    """What storage needs from the crawler (the district tagger) comes in as an argument
    (``storage.tagging``); an import, even one under TYPE_CHECKING or inside a function, is a finding."""
    from pathlib import Path

    storage = Path(__file__).resolve().parents[1] / "storage"
    modules = sorted(storage.rglob("*.py"))
    assert len(modules) > 15
    offenders = {str(p.relative_to(storage)): _crawler_imports(p.read_text(encoding="utf-8")) for p in modules}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_layering_check_sees_every_form_of_import():
    source = ("import crawler\nfrom crawler.items import ArticleItem\nif TYPE_CHECKING:\n    import crawler.config as c\n"
              "def f():\n    from crawler.districts import TAGGER_VERSION\nfrom storage.types import KST\n")
    assert _crawler_imports(source) == ["crawler", "crawler.items", "crawler.config", "crawler.districts"]


def test_an_explicit_tagger_is_the_one_stamped(db):
    from crawler.districts import TAGGER_VERSION, storage_tagger
    from storage.models import Article
    from storage.tagging import DistrictTagger

    installed = storage_tagger()
    other = DistrictTagger(version="test-9", analyze=installed.analyze, gazetteer=installed.gazetteer)
    default = repository.save_article(db, make_item())
    explicit = repository.save_article(db, make_item(canonical_url="https://www.asiae.co.kr/article/other",
                                                     outlet_article_id="other"), tagger=other)
    with db.session() as session:
        assert session.get(Article, default.article_id).tagger_version == TAGGER_VERSION
        assert session.get(Article, explicit.article_id).tagger_version == "test-9"


def test_districts_are_mirrored_under_the_migration_lock(pg_url, monkeypatch):
    """Two processes migrating a fresh PostgreSQL archive at once (two backfill workers) both
    inserted the gazetteer's districts once the lock was released: duplicate key on pk_districts.
    The mirror now runs while the advisory lock is held, so the second waits for the first."""
    from sqlalchemy import text

    from storage import repository as repo
    from storage.db import MIGRATION_LOCK_KEY, Database, migrate

    held_during_sync = []
    real_sync = repo.sync_districts

    def observed_sync(database, *args, **kwargs):
        with database.engine.connect() as connection:
            held_during_sync.append(connection.scalar(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND ((classid::bigint << 32) | objid::bigint) = :key"), {"key": MIGRATION_LOCK_KEY}))
        return real_sync(database, *args, **kwargs)

    monkeypatch.setattr(repo, "sync_districts", observed_sync)
    database = Database(pg_url)
    try:
        migrate(database)
        migrate(database)
        assert held_during_sync == [1, 1]
    finally:
        database.dispose()
