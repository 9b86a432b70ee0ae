"""Tagger version stored with each article's tags, and `gupress retag` (both backends).

Expected districts come from reading the texts: '서울 강서구가 …' is 서울 강서구 (11500), '부산 해운대구는 …'
is 해운대구 (26350).  An "old tagger" is simulated by storing wrong tags under an older version.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from sqlalchemy import event, select, update

from crawler.commands import retag
from crawler.districts import TAGGER_VERSION, tag_fields
from crawler.items import ArticleItem
from crawler.korean import KST
from crawler.pipelines.dedup import content_hash
from storage import repository
from storage.db import migrate
from storage.models import Article, ArticleDistrict
from storage.retag import count_to_retag

GANGSEO = "서울 강서구가 적극행정 우수사례 5건을 선정했다고 19일 밝혔다.\n\n구는 담당 공무원을 포상했다."
HAEUNDAE = "부산 해운대구는 18개 동을 순회하는 주민과의 대화를 마무리했다고 26일 밝혔다."


def _item(number: int, body: str, *, outlet="asiae", day=(2026, 1, 19), districts=None) -> ArticleItem:
    item = ArticleItem(outlet=outlet, url=f"https://example.com/{outlet}/{number}", outlet_name=outlet,
                       outlet_region="서울", canonical_url=f"https://example.com/{outlet}/{number}",
                       outlet_article_id=str(number), title=f"기사 {number}", reporter="기자",
                       published_at=datetime(*day, 9, tzinfo=KST), body=body)
    fields = tag_fields(title=item.title, subtitle=None, body=body, published_at=item.published_at,
                        outlet_region="서울")
    item.districts = fields["districts"] if districts is None else districts
    item.segments, item.is_roundup = fields["segments"], fields["is_roundup"]
    item.content_hash = content_hash(item)
    return item


def _tags(db, article_id: int) -> set[tuple[str, str]]:
    with db.session() as session:
        return {(r.district_code, r.role) for r in
                session.scalars(select(ArticleDistrict).where(ArticleDistrict.article_id == article_id))}


def _version(db, article_id: int) -> str | None:
    with db.session() as session:
        return session.get(Article, article_id).tagger_version


def _quiet(label: str, total: int):
    return lambda done: None


def _set_version(db, article_id: int, version: str | None) -> None:
    with db.session() as session:
        session.execute(update(Article).where(Article.id == article_id).values(tagger_version=version))


def test_the_store_records_the_tagger_version(db):
    saved = repository.save_article(db, _item(1, GANGSEO))
    assert _version(db, saved.article_id) == TAGGER_VERSION


def test_retag_rewrites_only_articles_whose_result_changed(db):
    wrong = [{"code": "26440", "name": "강서구", "city": "부산광역시", "role": "primary", "mention_count": 1}]
    stale = repository.save_article(db, _item(1, GANGSEO, districts=wrong)).article_id   # an old tagger's mistake
    same = repository.save_article(db, _item(2, HAEUNDAE)).article_id                   # old version, same result
    current = repository.save_article(db, _item(3, GANGSEO)).article_id                 # already current
    _set_version(db, stale, "1")
    _set_version(db, same, None)                                                        # tagged before versions

    deletes: list[dict] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("DELETE FROM ARTICLE_DISTRICTS"):
            deletes.append(parameters)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        counts = retag.retag_all(db, progress=_quiet)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

    assert counts == {"examined": 2, "changed": 1, "unchanged": 1}
    assert _tags(db, stale) == {("11500", "primary")}
    assert _tags(db, same) == {("26350", "primary")}
    assert len(deletes) == 1 and stale in (deletes[0].values() if isinstance(deletes[0], dict) else deletes[0])
    assert {_version(db, a) for a in (stale, same, current)} == {TAGGER_VERSION}
    assert retag.retag_all(db, progress=_quiet)["examined"] == 0
    assert retag.retag_all(db, everything=True, progress=_quiet) == {
        "examined": 3, "changed": 0, "unchanged": 3}


def test_retag_selects_by_outlet_and_publication_day(db):
    for number, (outlet, day) in enumerate([("asiae", (2026, 1, 10)), ("asiae", (2026, 1, 20)),
                                            ("herald", (2026, 1, 20))], start=1):
        saved = repository.save_article(db, _item(number, GANGSEO, outlet=outlet, day=day))
        _set_version(db, saved.article_id, "1")
    since = datetime(2026, 1, 15, tzinfo=KST)
    assert count_to_retag(db, version=TAGGER_VERSION) == 3
    assert count_to_retag(db, version=TAGGER_VERSION, outlet="asiae") == 2
    assert count_to_retag(db, version=TAGGER_VERSION, outlet="asiae", since=since) == 1
    assert retag.retag_all(db, outlet="herald", progress=_quiet)["examined"] == 1
    assert count_to_retag(db, version=TAGGER_VERSION) == 2


def test_progress_reports_every_article_then_the_end(db):
    for number in range(3):
        _set_version(db, repository.save_article(db, _item(number, GANGSEO)).article_id, "1")
    calls: list = []

    def progress(label: str, total: int):
        calls.append((label, total))
        return calls.append

    retag.retag_all(db, progress=progress)
    assert calls == [("re-tagging districts", 3), 1, 2, 3, None]


def test_cli_reports_how_many_changed(database_url, monkeypatch, capsys):
    from storage.db import Database

    db = Database(database_url)
    migrate(db)
    _set_version(db, repository.save_article(db, _item(1, GANGSEO, districts=[])).article_id, "1")
    db.dispose()
    monkeypatch.setenv("GUPRESS_DATABASE_URL", database_url)
    parser = argparse.ArgumentParser(prog="gupress")
    retag.register(parser.add_subparsers())
    args = parser.parse_args(["retag", "--since", "2026-01-01"])
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert f"tagger {TAGGER_VERSION}: examined 1, changed 1, unchanged 0" in captured.out
    assert "re-tagging districts: done, 1 articles" in captured.err   # not a terminal: log lines
