"""Derived tables: what the archive computes from its articles rather than fetches.

District tags and roundup segments come from the district tagger, the search index, MinHash
buckets and cluster ids from ``storage/search.py``. An upgrade that adds one of these tables
leaves it empty for the articles already archived, and ``reparse`` skips unchanged content, so
without this module they would stay empty for good. ``storage.db.migrate`` calls
:func:`complete_derived_tables` after every upgrade to head: the revisions it crossed decide
which steps run (:data:`REBUILD_AFTER`, a plain mapping, so a revision that adds no derived
data needs no entry), and a cheap check rebuilds the index of any article it lacks.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from types import SimpleNamespace

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from storage.models import Article, ArticleDistrict, ArticleLshBucket, ArticleSegment, ArticleSignature, Outlet

log = logging.getLogger(__name__)

DISTRICTS = "districts"
SEARCH = "search"
REVISION_DISTRICTS = "revision_districts"
#: Revision → derived data an upgrade across it must rebuild for every archived article.
#: 0002 added article_districts/article_segments, 0004 the search index, MinHash buckets and clusters,
#: 0007 stored signatures and day-bounded LSH buckets (a new hash family: every cluster is recomputed).
#: 0009 the district tags of each revision (article_revisions.districts).
REBUILD_AFTER: dict[str, tuple[str, ...]] = {"0002": (DISTRICTS,), "0004": (SEARCH,), "0007": (SEARCH,),
                                             "0009": (REVISION_DISTRICTS,)}
#: Order in which steps run (tags first: nothing else depends on them, but it reads naturally).
STEP_ORDER = (DISTRICTS, SEARCH, REVISION_DISTRICTS)
BATCH = 200

#: ``progress(label, total)`` returns a callable taking the count done so far and, at the end, None.
ProgressFactory = Callable[[str, int], Callable[[int | None], None]]


def steps_for(crossed: Iterable[str]) -> list[str]:
    """The rebuild steps an upgrade across these revisions needs, in run order."""
    wanted = {step for revision in crossed for step in REBUILD_AFTER.get(revision, ())}
    return [step for step in STEP_ORDER if step in wanted]


def log_progress(label: str, total: int, every: float = 5.0) -> Callable[[int | None], None]:
    """Default progress: a log line at most every ``every`` seconds and one at the end."""
    last = [time.monotonic()]

    def report(done: int | None) -> None:
        now = time.monotonic()
        if done is None:
            log.info("%s: done (%d articles)", label, total)
        elif now - last[0] >= every:
            last[0] = now
            log.info("%s: %d/%d articles", label, done, total)

    return report


def complete_derived_tables(connection, *, crossed: list[str],
                            progress: ProgressFactory | None = None) -> dict[str, int]:
    """Rebuild what the crossed revisions left empty, and index articles the search index
    lacks. Runs on the migration's connection and transaction; returns articles per step."""
    progress = progress or log_progress
    done: dict[str, int] = {}
    with Session(bind=connection) as session:  # joins the migration's transaction
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        if not total:
            return done
        steps = steps_for(crossed)
        if DISTRICTS in steps:
            _sync_gazetteer(session)
            done[DISTRICTS] = _retag(session, total, progress("re-deriving district tags and segments", total))
        if SEARCH in steps:
            done[SEARCH] = _reindex(session, None, progress("rebuilding search index and clusters", total))
        if REVISION_DISTRICTS in steps:
            done[REVISION_DISTRICTS] = tag_untagged_revisions(session)
        if SEARCH not in steps:
            missing = unindexed_article_ids(session)
            if missing:
                log.warning("%d article(s) missing from the search index; indexing them", len(missing))
                done[SEARCH] = _reindex(session, missing, progress("indexing articles missing from search",
                                                                   len(missing)))
        session.flush()
    return done


def rebuild(db, steps: Iterable[str], *, progress: ProgressFactory | None = None) -> dict[str, int]:
    """Rebuild the named derived tables of every article in one transaction (``gupress reindex``)."""
    progress = progress or log_progress
    done: dict[str, int] = {}
    with db.engine.begin() as connection, Session(bind=connection) as session:
        total = session.scalar(select(func.count()).select_from(Article)) or 0
        if DISTRICTS in steps:
            done[DISTRICTS] = _retag(session, total, progress("re-deriving district tags and segments", total))
        if SEARCH in steps:
            done[SEARCH] = _reindex(session, None, progress("rebuilding search index and clusters", total))
        session.flush()
    return done


def unindexed_article_ids(session) -> list[int]:
    """Articles without a search row (one anti-join; cheap enough to run on every migrate)."""
    if session.bind.dialect.name == "sqlite":
        sql = "SELECT id FROM articles WHERE id NOT IN (SELECT rowid FROM article_fts) ORDER BY id"
    else:
        sql = ("SELECT a.id FROM articles a WHERE NOT EXISTS "
               "(SELECT 1 FROM article_fts f WHERE f.article_id = a.id) ORDER BY a.id")
    return list(session.scalars(text(sql)))


def _batches(session, ids: list[int] | None):
    """Articles in id order, ``BATCH`` at a time (all of them, or those in ``ids``), the
    session flushed and emptied between batches so memory stays flat."""
    last = 0
    while True:
        query = select(Article).order_by(Article.id).limit(BATCH)
        if ids is None:
            query = query.where(Article.id > last)
        else:
            chunk, ids = ids[:BATCH], ids[BATCH:]
            query = query.where(Article.id.in_(chunk))
        articles = list(session.scalars(query))
        if not articles:
            return
        yield articles
        last = articles[-1].id
        session.flush()
        session.expunge_all()


def _retag(session, total: int, report) -> int:
    regions = dict(session.execute(select(Outlet.id, Outlet.region)).all())
    count = 0
    for articles in _batches(session, None):
        for article in articles:
            analysis = analyse(article, regions.get(article.outlet_id))
            _write_tags(session, article, analysis)
        count += len(articles)
        report(count)
    report(None)
    return count


def _reindex(session, ids: list[int] | None, report) -> int:
    """Search rows, MinHash buckets and clusters; a full rebuild starts from nothing so that
    cluster ids come out the same as when the articles were stored one by one."""
    from storage.clusters import index_articles

    if ids is None:
        session.execute(update(Article).values(cluster_id=None))
        session.execute(delete(ArticleLshBucket))
        session.execute(delete(ArticleSignature))
        session.execute(text("DELETE FROM article_fts"))
    count = 0
    for articles in _batches(session, ids):
        index_articles(session, articles, replace=ids is not None)
        count += len(articles)
        report(count)
    report(None)
    return count


def analyse(article: Article, outlet_region: str | None):
    """The district analysis the districts pipeline would make of this stored article."""
    from storage.tagging import tagger_or_installed
    from storage.types import KST

    return tagger_or_installed(None).analyze(title=article.title, subtitle=article.subtitle, body=article.body,
                   published_at=article.published_at.astimezone(KST) if article.published_at else None,
                   outlet_region=outlet_region)


def _write_tags(session, article: Article, analysis) -> None:
    from storage.repository import _replace_districts

    tags = SimpleNamespace(districts=[asdict(tag) for tag in analysis.districts],
                           segments=[asdict(segment) for segment in analysis.segments])
    _replace_districts(session, article.id, tags)
    article.is_roundup = analysis.is_roundup


def _sync_gazetteer(session) -> None:
    """District rows must exist before tags reference them (a downgrade dropped the table)."""
    from storage.repository import sync_districts

    sync_districts(_JoinedArchive(session))
    session.flush()


class _JoinedArchive:
    """Lets a repository function that opens ``db.session()`` run inside our transaction."""

    def __init__(self, session) -> None:
        self._session = session

    def session(self):
        from contextlib import nullcontext

        return nullcontext(self._session)


def tag_untagged_revisions(session) -> int:
    """Give every revision stored without district tags (before revision 0009) the tags today's
    tagger derives from that revision's own text; returns how many were tagged."""
    from storage.models import ArticleRevision
    from storage.article_store import revision_districts

    regions = dict(session.execute(select(Article.id, Outlet.region).join(Outlet)).all())
    count, last = 0, 0
    while True:
        revisions = list(session.scalars(select(ArticleRevision).where(ArticleRevision.id > last,
                                                                      ArticleRevision.districts.is_(None))
                                         .order_by(ArticleRevision.id).limit(BATCH)))
        if not revisions:
            return count
        for revision in revisions:
            analysis = analyse(revision, regions.get(revision.article_id))
            revision.districts = revision_districts([asdict(tag) for tag in analysis.districts])
        count += len(revisions)
        last = revisions[-1].id
        session.flush()
        session.expunge_all()


# --- one article, for `gupress reparse` ------------------------------------------------


def tag_rows(session, article_id: int) -> tuple[set, list]:
    districts = {(d.district_code, d.role, d.mention_count) for d in
                 session.scalars(select(ArticleDistrict).where(ArticleDistrict.article_id == article_id))}
    segments = [(s.district_code, s.text) for s in
                session.scalars(select(ArticleSegment).where(ArticleSegment.article_id == article_id)
                                .order_by(ArticleSegment.seq))]
    return districts, segments


def retag_article(db, article_id: int, item, *, dry_run: bool = False) -> bool:
    """Replace an article's district tags and segments by the item's (today's tagger) when
    they differ; True when they did. ``reparse`` calls it for content that did not change."""
    wanted_districts = {(t["code"], t["role"], int(t.get("mention_count") or 1)) for t in item.districts}
    wanted_segments = [(s["district_code"], s["text"]) for s in sorted(item.segments, key=lambda s: s.get("order", 0))]
    from storage.repository import _replace_districts

    with db.session() as session:
        article = session.get(Article, article_id)
        differs = (tag_rows(session, article_id) != (wanted_districts, wanted_segments)
                   or bool(article.is_roundup) != bool(item.is_roundup))
        if differs and not dry_run:
            _replace_districts(session, article_id, item)
            article.is_roundup = bool(item.is_roundup)
    return differs
