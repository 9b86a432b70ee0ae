"""gupress export on SQLite and PostgreSQL: filters, the three formats with their types, and memory
that does not grow with the number of rows exported."""

from __future__ import annotations

import csv
import json
import tracemalloc
from datetime import date, datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.parquet as pq

from crawler.commands.export import export
from crawler.korean import KST
from storage import repository
from storage.export import ExportFilter
from tests.bulk import insert_articles
from tests.support import gupress
from tests.test_search import EUNPYEONG, GWANGJIN
from tests.test_storage import make_item

GANGSEO = [{"code": "11500", "name": "강서구", "city": "서울특별시", "role": "primary", "mention_count": 2}]
GWANGJIN_TAGS = [{"code": "11215", "name": "광진구", "city": "서울특별시", "role": "primary", "mention_count": 3},
                 {"code": "11380", "name": "은평구", "city": "서울특별시", "role": "mentioned", "mention_count": 1}]


def _seed(db):
    """Three articles: 광진구 (2026-02-23 KST, mentions 은평구), 은평구 at 00:30 KST on 2026-03-01
    (still February in UTC), and a revised 강서구 one."""
    gwangjin = repository.save_article(db, make_item(
        outlet="krnews21", canonical_url="https://krnews21.example/1", outlet_article_id="1", title="광진구 혁신평가 우수",
        body=GWANGJIN, published_at=datetime(2026, 2, 23, 10, tzinfo=KST), districts=GWANGJIN_TAGS))
    eunpyeong = repository.save_article(db, make_item(
        outlet="asiae", canonical_url="https://asiae.example/2", outlet_article_id="2", title="은평구 주거 상담",
        body=EUNPYEONG, published_at=datetime(2026, 3, 1, 0, 30, tzinfo=KST),
        districts=[{"code": "11380", "name": "은평구", "city": "서울특별시", "role": "primary", "mention_count": 2}]))
    repository.save_article(db, make_item(districts=GANGSEO))
    gangseo = repository.save_article(db, make_item(body="서울 강서구가 적극행정 우수사례 6건을 선정했다.\n\n정정.",
                                                    districts=GANGSEO))
    return gwangjin.article_id, eunpyeong.article_id, gangseo.article_id


def test_filters_select_by_kst_day_outlet_district_and_korean_query(db, tmp_path):
    gwangjin, eunpyeong, gangseo = _seed(db)
    out = tmp_path / "x.jsonl"

    def ids(**where) -> list[int]:
        export(db, "articles", "jsonl", ExportFilter(**where), output=out)
        return [json.loads(line)["article_id"] for line in out.read_text(encoding="utf-8").splitlines()]

    assert ids() == sorted([gwangjin, eunpyeong, gangseo])
    assert ids(since=date(2026, 3, 1)) == [eunpyeong], "00:30 KST on March 1 is a March article"
    assert ids(until=date(2026, 2, 28)) == sorted([gwangjin, gangseo])
    assert ids(outlet="krnews21") == [gwangjin]
    assert ids(district="11380") == sorted([gwangjin, eunpyeong]), "a mention counts for --district"
    assert ids(query="청년") == sorted([gwangjin, eunpyeong]), "청년들이 and 서울청년센터"
    assert ids(query="청년포털 혁신평가") == [gwangjin]
    assert ids(query="월") == [eunpyeong], "one character: 전월세"
    assert ids(query="부산") == []


def test_revisions_segments_and_clusters(db, tmp_path):
    _g, _e, gangseo = _seed(db)
    herald = "[헤럴드경제=박종일 선임기자] " + GWANGJIN.replace("지난 23일", "23일") + "\n\n김경호 구청장은 감사를 전했다."
    repository.save_article(db, make_item(outlet="herald", canonical_url="https://herald.example/3",
                                          outlet_article_id="3", title="광진구 혁신평가", body=herald,
                                          published_at=datetime(2026, 2, 23, 14, tzinfo=KST), districts=GWANGJIN_TAGS))
    out = tmp_path / "r.jsonl"
    export(db, "revisions", "jsonl", ExportFilter(outlet="asiae", until=date(2026, 2, 1)), output=out)
    revisions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["article_id"], r["revision_no"]) for r in revisions] == [(gangseo, 1), (gangseo, 2)]
    assert "5건" in revisions[0]["body"] and "6건" in revisions[1]["body"]
    export(db, "clusters", "jsonl", ExportFilter(), output=out)
    clusters = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(clusters) == 1 and clusters[0]["outlets"] == ["herald", "krnews21"] and clusters[0]["articles"] == 2
    assert clusters[0]["first_published_at"] == "2026-02-23T01:00:00+00:00"


def test_csv_with_bom_opens_in_excel_and_parquet_keeps_types(db, tmp_path):
    gwangjin, _e, _g = _seed(db)
    path = tmp_path / "a.csv"
    export(db, "articles", "csv", ExportFilter(outlet="krnews21"), output=path, bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0]["title"] == "광진구 혁신평가 우수" and rows[0]["published_at"] == "2026-02-23T01:00:00+00:00"
    assert rows[0]["primary_districts"] == "11215" and rows[0]["mentioned_districts"] == "11380"
    assert "\n" in rows[0]["body"], "multi-line bodies survive CSV quoting"
    parquet = tmp_path / "a.parquet"
    export(db, "articles", "parquet", ExportFilter(), output=parquet)
    table = pq.read_table(parquet)
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("primary_districts").type == pa.list_(pa.string())
    assert table.schema.field("is_roundup").type == pa.bool_()
    row = table.filter(pa.compute.equal(table["article_id"], gwangjin)).to_pylist()[0]
    assert row["published_at"] == datetime(2026, 2, 23, 1, tzinfo=timezone.utc)
    assert row["mentioned_districts"] == ["11380"]


def test_command_line_export_to_stdout_and_usage_errors(sqlite_url, tmp_path):
    from storage.db import Database, migrate

    db = Database(sqlite_url)
    migrate(db)
    _seed(db)
    db.dispose()
    env = {"GUPRESS_DATABASE_URL": sqlite_url}
    done = gupress("export", "--format", "jsonl", "--query", "청년", env=env)
    assert done.returncode == 0, done.stderr
    assert sorted(json.loads(line)["title"] for line in done.stdout.splitlines()) == ["광진구 혁신평가 우수", "은평구 주거 상담"]
    unknown = gupress("export", "--outlet", "nosuchoutlet", env=env)
    assert unknown.returncode == 2 and "unknown --outlet 'nosuchoutlet'" in unknown.stderr and not unknown.stdout
    refused = gupress("export", "--format", "parquet", env=env)
    assert refused.returncode == 2 and "-o FILE" in refused.stderr
    written = gupress("export", "--table", "segments", "-o", str(tmp_path / "s.csv"), env=env)
    assert written.returncode == 0 and "wrote 0 segments rows" in written.stderr


def _peak_export(db, fmt: str, where: ExportFilter, output) -> tuple[int, int]:
    """(rows, peak bytes). CSV: Python allocations (tracemalloc), where rows would pile up if the
    database were not streamed. Parquet: Arrow's own memory pool, where row groups would pile up
    if the writer held them (tracemalloc, which slows Python 4x, does not see Arrow's memory)."""
    if fmt == "csv":
        tracemalloc.start()
        try:
            rows = export(db, "articles", fmt, where, output=output)
            return rows, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    previous, pool = pa.default_memory_pool(), pa.proxy_memory_pool(pa.default_memory_pool())
    pa.set_memory_pool(pool)
    try:
        return export(db, "articles", fmt, where, output=output), pool.max_memory()
    finally:
        pa.set_memory_pool(previous)


def test_memory_stays_flat_from_10k_to_100k_rows(db, tmp_path):
    """If rows were collected before writing, 100k rows would need ~10x the memory of 10k."""
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    insert_articles(db, 100_000, start=start, step=timedelta(minutes=3))
    last_10k = ExportFilter(since=(start + timedelta(minutes=3 * 90_000)).astimezone(KST).date() + timedelta(days=1))
    figures = {}
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        small_rows, small = _peak_export(db, fmt, last_10k, out)
        big_rows, big = _peak_export(db, fmt, ExportFilter(), out)
        figures[fmt] = (small_rows, small, big_rows, big)
        assert big_rows == 100_000 and 8_000 < small_rows < 12_000
        assert big < 2 * small, f"{fmt}: peak {big:,} bytes for 100k rows vs {small:,} for {small_rows:,}"
    print(f"\nexport peak memory ({db.dialect}):", {f: f"{s[1] / 1e6:.1f} MB @ {s[0]} rows, {s[3] / 1e6:.1f} MB @ "
                                                       f"{s[2]} rows" for f, s in figures.items()})
