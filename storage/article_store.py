"""The store path: a batch of normalized articles in ONE transaction (group commit).

Why batches: a crawl or backfill stores thousands of articles; paying a commit, an ORM flush
and a dozen single-row statements per article made the store 300× slower than the database
(issue 10). Here a batch costs one look-up of the URLs it names, one of the raw pages it
carries, and one executemany per table (articles, revisions, districts, segments, search
rows, signatures, buckets, raw pages), plus the run's counters and the retry-ledger rows of
its URLs in the same transaction: a batch is stored, counted and settled entirely or not at all.

A batch that fails is retried item by item (``save_articles``), so one bad item does not sink
the others; a lost connection fails the whole batch, and its URLs go to the retry ledger.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage.clusters import IndexedArticle, index_articles
from storage.models import (
    Article,
    ArticleDistrict,
    ArticleRevision,
    ArticleSegment,
    CrawlRun,
    RawPage,
    RetryLedgerEntry,
)
from storage.tagging import tagger_or_installed
from storage.types import utcnow

if TYPE_CHECKING:
    from storage.db import Database
    from storage.tagging import DistrictTagger
    from storage.textindex import TextIndex

#: A crawled article as the crawler hands it over (``crawler.items.ArticleItem``); storage reads its
#: attributes and never imports the crawler.
ArticleItem = Any

log = logging.getLogger(__name__)

#: zlib level for raw pages: level 1 compresses a 115 KB page ~5× in a fraction of level 6's time.
RAW_PAGE_ZLIB_LEVEL = 1
ARTICLE_FIELDS = ("outlet_article_id", "title", "subtitle", "category", "reporter", "reporter_title",
                  "reporter_email", "published_at", "updated_at", "body", "source_note", "content_hash",
                  "is_roundup", "extraction")


@dataclass(frozen=True)
class SaveOutcome:
    status: str  # "new" | "revised" | "unchanged"
    article_id: int
    revision_no: int


def is_disconnect(exc: BaseException) -> bool:
    """The database went away (not: this item is bad)."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def save_articles(db: Database, items: list[ArticleItem], *, run_id: int | None = None,
                  tagger: DistrictTagger | None = None,
                  texts: Mapping[int, TextIndex] | None = None) -> list[SaveOutcome | Exception]:
    """Store the batch in one transaction; outcomes in item order. When the batch fails, each
    item is stored alone and an item that still fails gets its exception in its place. A lost
    connection is raised (nothing of the batch was committed). ``tagger``: whose version the
    items' district tags carry (default: the installed one, ``storage.tagging``). ``texts``:
    id(item) → its TextIndex computed ahead (the crawl's text workers); what is missing is
    computed here."""
    version = tagger_or_installed(tagger).version
    texts = texts or {}
    if len(items) <= 1:
        return [_save_one(db, item, run_id, version, texts) for item in items]
    try:
        return list(_save_in_one_transaction(db, items, run_id, version, texts))
    except Exception as exc:
        if is_disconnect(exc):
            raise
        log.info("batch of %d failed (%s); storing its items one by one", len(items), type(exc).__name__)
    results: list[SaveOutcome | Exception] = []
    for item in items:
        try:
            results.append(_save_one(db, item, run_id, version, texts))
        except Exception as exc:
            if is_disconnect(exc):
                raise
            results.append(exc)
    return results


def _save_one(db: Database, item: ArticleItem, run_id: int | None, version: str,
              texts: Mapping[int, TextIndex]) -> SaveOutcome:
    """A concurrent writer inserting the same URL first (two crawls sharing PostgreSQL) fails our
    insert on the unique constraint; once more, it becomes a revision or a no-op."""
    try:
        return _save_in_one_transaction(db, [item], run_id, version, texts)[0]
    except IntegrityError:
        log.info("concurrent insert of %s; retrying as an update", item.canonical_url)
        return _save_in_one_transaction(db, [item], run_id, version, texts)[0]


def _save_in_one_transaction(db: Database, items: list[ArticleItem], run_id: int | None,
                             version: str, texts: Mapping[int, TextIndex]) -> list[SaveOutcome]:
    with db.session() as session:
        outcomes: list[SaveOutcome] = []
        for part in _without_repeats(items):
            outcomes.extend(_save_part(session, part, version, texts))
        if run_id is not None:
            _settle_for_run(session, items, outcomes, run_id)
        return outcomes


def _without_repeats(items: list[ArticleItem]) -> list[list[ArticleItem]]:
    """Consecutive parts in which no canonical URL or outlet article id repeats: the second
    copy of a page in one batch must see the first as stored."""
    parts: list[list[ArticleItem]] = [[]]
    seen: set = set()
    for item in items:
        keys = {item.canonical_url} | ({(item.outlet, item.outlet_article_id)} if item.outlet_article_id else set())
        if keys & seen:
            parts.append([])
            seen = set()
        parts[-1].append(item)
        seen |= keys
    return parts


def _save_part(session, items: list[ArticleItem], version: str, texts: Mapping[int, TextIndex]) -> list[SaveOutcome]:
    from storage.repository import _ensure_outlet

    outlets = {slug: _ensure_outlet(session, slug=slug, name=item.outlet_name or slug, region=item.outlet_region).id
               for slug, item in {i.outlet: i for i in items}.items()}
    found = _existing(session, items, outlets)
    now = utcnow()
    new = [i for i in items if found.get(id(i)) is None]
    new_ids = _insert_new(session, new, outlets, now, version)
    outcomes: dict[int, SaveOutcome] = {}
    changed: list[tuple[ArticleItem, int, int, int | None]] = []  # item, id, revision_no, cluster id
    for item in items:
        row = found.get(id(item))
        if row is None:
            outcomes[id(item)] = SaveOutcome("new", new_ids[id(item)], 1)
            changed.append((item, new_ids[id(item)], 1, None))
        elif row.content_hash != item.content_hash:
            outcomes[id(item)] = SaveOutcome("revised", row.id, row.revision_count + 1)
            changed.append((item, row.id, row.revision_count + 1, row.cluster_id))
        else:
            outcomes[id(item)] = SaveOutcome("unchanged", row.id, row.revision_count)
    _update_revised(session, [(i, a, n) for i, a, n, _c in changed if outcomes[id(i)].status == "revised"], now,
                    version)
    _touch_unchanged(session, [(i, found[id(i)].id) for i in items if outcomes[id(i)].status == "unchanged"], now)
    _insert_revisions(session, changed, now)
    _replace_districts(session, changed)
    revised = {article_id for _i, article_id, number, _c in changed if number > 1}
    for replace in (False, True):
        index_articles(session, [IndexedArticle(a, i.title, i.body, i.published_at, c, texts.get(id(i)))
                                 for i, a, _n, c in changed if (a in revised) == replace], replace=replace)
    store_raw_pages(session, [(i, outcomes[id(i)].article_id) for i in items])
    return [outcomes[id(i)] for i in items]


def _existing(session, items: list[ArticleItem], outlets: dict[str, int]) -> dict[int, object]:
    """id(item) → the stored article it is (by canonical URL, else by the outlet's article id):
    two queries for the whole batch."""
    columns = (Article.id, Article.canonical_url, Article.outlet_id, Article.outlet_article_id,
               Article.content_hash, Article.revision_count, Article.cluster_id)
    by_url = {row.canonical_url: row for row in session.execute(
        select(*columns).where(Article.canonical_url.in_(bindparam("urls", expanding=True))),
        {"urls": [i.canonical_url for i in items]})}
    wanted = [i.outlet_article_id for i in items if i.canonical_url not in by_url and i.outlet_article_id]
    by_outlet_id = {}
    if wanted:
        by_outlet_id = {(row.outlet_id, row.outlet_article_id): row for row in session.execute(
            select(*columns).where(Article.outlet_article_id.in_(bindparam("ids", expanding=True))), {"ids": wanted})}
    return {id(i): by_url.get(i.canonical_url) or by_outlet_id.get((outlets[i.outlet], i.outlet_article_id))
            for i in items}


def _article_values(item: ArticleItem, now, version: str) -> dict:
    values = {name: getattr(item, name) for name in ARTICLE_FIELDS}
    values.update(last_seen_at=now, last_changed_at=now, last_checked_at=now, tagger_version=version)
    if item.etag:
        values["etag"] = item.etag
    if item.last_modified:
        values["last_modified"] = item.last_modified
    return values


def _insert_new(session, items: list[ArticleItem], outlets: dict[str, int], now, version: str) -> dict[int, int]:
    if not items:
        return {}
    rows = [{**_article_values(i, now, version), "outlet_id": outlets[i.outlet], "canonical_url": i.canonical_url,
             "first_seen_at": now, "revision_count": 1, "etag": i.etag, "last_modified": i.last_modified}
            for i in items]
    table = Article.__table__
    ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    return {id(item): article_id for item, article_id in zip(items, ids, strict=True)}


def _update_revised(session, revised: list[tuple[ArticleItem, int, int]], now, version: str) -> None:
    if revised:
        session.execute(update(Article), [{**_article_values(i, now, version), "id": article_id, "revision_count": number}
                                          for i, article_id, number in revised])


def _touch_unchanged(session, unchanged: list[tuple[ArticleItem, int]], now) -> None:
    if unchanged:
        session.execute(update(Article), [{"id": article_id, "last_seen_at": now, "last_checked_at": now,
                                           **({"etag": i.etag} if i.etag else {}),
                                           **({"last_modified": i.last_modified} if i.last_modified else {})}
                                          for i, article_id in unchanged])


def _insert_revisions(session, changed, now) -> None:
    if changed:
        session.execute(insert(ArticleRevision.__table__), [
            {"article_id": a, "revision_no": n, "fetched_at": now, "content_hash": i.content_hash, "title": i.title,
             "subtitle": i.subtitle, "reporter": i.reporter, "published_at": i.published_at,
             "updated_at": i.updated_at, "body": i.body, "districts": revision_districts(i.districts)}
            for i, a, n, _c in changed])


def revision_districts(tags) -> list[dict[str, Any]]:
    """The district tags as a revision keeps them: code, role and mention count, in code order."""
    return sorted(({"code": t["code"], "role": t["role"], "mention_count": int(t.get("mention_count") or 1)}
                   for t in tags), key=lambda t: (t["code"], t["role"]))


def _replace_districts(session, changed) -> None:
    revised = [a for _i, a, n, _c in changed if n > 1]
    if revised:
        session.execute(delete(ArticleDistrict).where(ArticleDistrict.article_id.in_(revised)))
        session.execute(delete(ArticleSegment).where(ArticleSegment.article_id.in_(revised)))
    districts = [{"article_id": a, "district_code": t["code"], "role": t["role"],
                  "mention_count": int(t.get("mention_count") or 1)} for i, a, _n, _c in changed for t in i.districts]
    segments = [{"article_id": a, "seq": seq, "district_code": s["district_code"], "text": s["text"]}
                for i, a, _n, _c in changed
                for seq, s in enumerate(sorted(i.segments, key=lambda s: s.get("order", 0)), start=1)]
    if districts:
        session.execute(insert(ArticleDistrict.__table__), districts)
    if segments:
        session.execute(insert(ArticleSegment.__table__), segments)


def store_raw_pages(session, pages: list[tuple[ArticleItem, int | None]]) -> None:
    """Keep each page's bytes once per (url, sha256); a once-rejected page that now parses gets
    its article id. One look-up and one executemany for the batch."""
    pending = {}
    for item, article_id in pages:
        if item.raw_html:
            pending.setdefault((item.url, hashlib.sha256(item.raw_html).hexdigest()), (item, article_id))
    if not pending:
        return
    stored = session.execute(select(RawPage.id, RawPage.url, RawPage.sha256, RawPage.article_id).where(
        RawPage.url.in_(bindparam("urls", expanding=True))), {"urls": sorted({url for url, _d in pending})}).all()
    adopt = []
    for row in stored:
        if (row.url, row.sha256) in pending:
            _item, article_id = pending.pop((row.url, row.sha256))
            if row.article_id is None and article_id is not None:
                adopt.append({"id": row.id, "article_id": article_id})
    if adopt:
        session.execute(update(RawPage), adopt)
    if pending:
        session.execute(insert(RawPage.__table__), [
            {"url": item.url, "article_id": article_id, "http_status": item.http_status, "encoding": item.encoding,
             "sha256": digest, "body_zlib": zlib.compress(item.raw_html, RAW_PAGE_ZLIB_LEVEL),
             "fetched_at": item.fetched_at or utcnow()} for (_u, digest), (item, article_id) in pending.items()])


def _settle_for_run(session, items: list[ArticleItem], outcomes: list[SaveOutcome], run_id: int) -> None:
    """The run's item counters and the retry ledger, in the batch's own transaction."""
    counts = Counter(outcome.status for outcome in outcomes)
    column = {status: getattr(CrawlRun, f"items_{status}") for status in counts}
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id)
                    .values({column[status]: column[status] + count for status, count in counts.items()}))
    by_outlet: dict[str, list[str]] = {}
    for item in items:
        by_outlet.setdefault(item.outlet, []).append(item.canonical_url)
    for slug, urls in by_outlet.items():
        session.execute(delete(RetryLedgerEntry).where(RetryLedgerEntry.outlet_slug == slug,
                                                       RetryLedgerEntry.url.in_(urls)))
