"""Repository functions for the archive's core rows: outlets, crawl runs, rejections, single
articles and their raw pages, and the districts mirror. Sibling modules hold the rest of the SQL
(the batch store path in ``article_store``, crawl state in ``state``, the fleet in ``fleet``,
search, export, history …); nothing outside ``storage/`` reads or writes the archive.

Keyword-only arguments, one transaction per call, and outcomes returned as values so the
caller (a pipeline, a command, the scheduler) never needs a session of its own.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import zlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from storage.models import (
    Article,
    ArticleDistrict,
    ArticleRevision,
    ArticleSegment,
    CrawlRun,
    District,
    Outlet,
    RawPage,
    RejectedItem,
)
from storage.article_store import SaveOutcome, save_articles
from storage.tagging import tagger_or_installed
from storage.types import utcnow

if TYPE_CHECKING:
    from storage.db import Database
    from storage.tagging import DistrictTagger

#: A crawled article as the crawler hands it over (``crawler.items.ArticleItem``).
ArticleItem = Any

log = logging.getLogger(__name__)

RUN_COUNTERS = (
    "pages_fetched",
    "responses_304",
    "items_new",
    "items_revised",
    "items_unchanged",
    "items_duplicate",
    "items_rejected",
    "errors",
)


# --- outlets -------------------------------------------------------------------------


def ensure_outlet(db: Database, *, slug: str, name: str, home_url: str | None = None,
                  cms_family: str | None = None, region: str | None = None) -> int:
    """Insert or refresh an outlet row; returns its id."""
    with db.session() as session:
        return _ensure_outlet(session, slug=slug, name=name, home_url=home_url,
                              cms_family=cms_family, region=region).id


def _ensure_outlet(session, *, slug, name, home_url=None, cms_family=None, region=None) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.slug == slug))
    if outlet is None:
        outlet = Outlet(slug=slug, name=name or slug, home_url=home_url, cms_family=cms_family, region=region)
        session.add(outlet)
        session.flush()
        return outlet
    for attr, value in (("name", name), ("home_url", home_url), ("cms_family", cms_family), ("region", region)):
        if value and getattr(outlet, attr) != value:
            setattr(outlet, attr, value)
    return outlet


# --- crawl runs ----------------------------------------------------------------------


def start_crawl_run(db: Database, *, outlet_slug: str, mode: str = "incremental", trigger: str = "manual",
                    daemon_id: str | None = None) -> int:
    with db.session() as session:
        run = CrawlRun(outlet_slug=outlet_slug, mode=mode, trigger=trigger, status="running",
                       pid=os.getpid(), hostname=socket.gethostname(), daemon_id=daemon_id, fallback_counts={},
                       **{name: 0 for name in RUN_COUNTERS})
        session.add(run)
        session.flush()
        return run.id


def finish_crawl_run(db: Database, run_id: int, *, status: str, exit_reason: str | None,
                     counters: dict[str, int], fallback_counts: dict[str, Any] | None = None) -> None:
    with db.session() as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            raise LookupError(f"crawl run {run_id} does not exist")
        run.status, run.exit_reason, run.finished_at = status, exit_reason, utcnow()
        for name in RUN_COUNTERS:
            if name in counters:
                setattr(run, name, int(counters[name]))
        if fallback_counts is not None:
            run.fallback_counts = fallback_counts


def get_crawl_run(db: Database, run_id: int) -> CrawlRun | None:
    with db.session() as session:
        return session.get(CrawlRun, run_id)


def recent_crawl_runs(db: Database, *, outlet_slug: str | None = None, limit: int = 20) -> list[CrawlRun]:
    with db.session() as session:
        query = select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)
        if outlet_slug:
            query = query.where(CrawlRun.outlet_slug == outlet_slug)
        return list(session.scalars(query))


# --- rejections ----------------------------------------------------------------------


def record_rejection(db: Database, *, outlet_slug: str, url: str, reason: str,
                     fields: dict[str, Any] | None = None, run_id: int | None = None,
                     item: ArticleItem | None = None) -> int:
    """Record why a page was not archived; with ``item``, keep its bytes too, so that a fixed
    parser can recover it later (``gupress reparse``)."""
    with db.session() as session:
        row = RejectedItem(crawl_run_id=run_id, outlet_slug=outlet_slug, url=url, reason=reason,
                           fields=fields or {})
        session.add(row)
        if item is not None:
            _store_raw_page(session, item, None)
        session.flush()
        return row.id


# --- articles ------------------------------------------------------------------------


def save_article(db: Database, item: ArticleItem, *, run_id: int | None = None,
                 tagger: DistrictTagger | None = None) -> SaveOutcome:
    """Store one normalized article in one transaction: new row, new revision, or no-op.

    A batch of one through ``storage.article_store.save_articles`` (the crawl's store path
    batches many); a concurrent insert of the same URL is retried once as an update. With
    ``run_id`` the same transaction counts the outcome on the run's row and settles the URL's
    retry-ledger entry: a killed run's counters match what it stored.
    """
    outcome = save_articles(db, [item], run_id=run_id, tagger=tagger)[0]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _replace_districts(session, article_id: int, item: ArticleItem, tagger: DistrictTagger | None = None) -> None:
    """Write the item's districts and segments, stamped with the tagger version that derived them."""
    session.get(Article, article_id).tagger_version = tagger_or_installed(tagger).version
    session.execute(delete(ArticleDistrict).where(ArticleDistrict.article_id == article_id))
    session.execute(delete(ArticleSegment).where(ArticleSegment.article_id == article_id))
    for tag in item.districts:
        session.add(ArticleDistrict(article_id=article_id, district_code=tag["code"], role=tag["role"],
                                    mention_count=int(tag.get("mention_count") or 1)))
    ordered = sorted(item.segments, key=lambda segment: segment.get("order", 0))
    for seq, segment in enumerate(ordered, start=1):
        session.add(ArticleSegment(article_id=article_id, seq=seq, district_code=segment["district_code"],
                                   text=segment["text"]))


def _store_raw_page(session, item: ArticleItem, article_id: int | None) -> None:
    if not item.raw_html:
        return
    digest = hashlib.sha256(item.raw_html).hexdigest()
    existing = session.scalar(select(RawPage).where(RawPage.url == item.url, RawPage.sha256 == digest))
    if existing is not None:
        if existing.article_id is None and article_id is not None:
            existing.article_id = article_id  # a once-rejected page that now parses
        return
    session.add(RawPage(url=item.url, article_id=article_id, http_status=item.http_status,
                        encoding=item.encoding, sha256=digest, body_zlib=zlib.compress(item.raw_html, 6),
                        fetched_at=item.fetched_at or utcnow()))


def latest_raw_pages(db: Database, *, after_id: int = 0, limit: int = 100) -> list[RawPage]:
    """The newest stored body of each URL, in id order from ``after_id`` (for ``gupress reparse``)."""
    newest = select(func.max(RawPage.id)).group_by(RawPage.url).scalar_subquery()
    with db.session() as session:
        return list(session.scalars(select(RawPage).where(RawPage.id.in_(newest), RawPage.id > after_id)
                                    .order_by(RawPage.id).limit(limit)))


def get_article(db: Database, canonical_url: str) -> Article | None:
    with db.session() as session:
        return session.scalar(select(Article).where(Article.canonical_url == canonical_url))


def article_revisions(db: Database, article_id: int) -> list[ArticleRevision]:
    with db.session() as session:
        return list(session.scalars(select(ArticleRevision).where(ArticleRevision.article_id == article_id)
                                    .order_by(ArticleRevision.revision_no)))


def archive_counts(db: Database) -> dict[str, int]:
    """Row counts per table, for summaries and tests."""
    with db.session() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Outlet, Article, ArticleRevision, RawPage, RejectedItem, CrawlRun,
                              ArticleDistrict, ArticleSegment, District)}


def run_sql(db: Database, sql: str) -> tuple[list[str], list[tuple]]:
    """Run a read-only query given by a human (``gupress demo`` prints one); returns columns and rows."""
    from sqlalchemy import text

    with db.session() as session:
        result = session.execute(text(sql))
        return list(result.keys()), [tuple(row) for row in result]


# --- districts -----------------------------------------------------------------------


def sync_districts(db: Database, tagger: DistrictTagger | None = None) -> int:
    """Mirror the tagger's gazetteer into ``districts`` (insert new codes, refresh changed ones)."""
    records = tagger_or_installed(tagger).gazetteer()
    with db.session() as session:
        existing = {d.code: d for d in session.scalars(select(District))}
        for record in records:
            row = existing.get(record.code) or District(code=record.code)
            row.name, row.name_en, row.city, row.city_en = record.name, record.name_en, record.city, record.city_en
            row.valid_from, row.valid_until, row.source = record.valid_from, record.valid_until, record.source
            session.add(row)
    return len(records)
