"""Re-deriving stored articles' districts and segments after a tagger change (``gupress retag``).

The tagger's rules live in ``crawler.districts``; this module only reads the stored text the tagger
needs and writes back results that differ.  An article whose recomputed districts, segments and
roundup flag equal the stored ones keeps its rows untouched; only its ``tagger_version`` is stamped
so the next run skips it.  Rows are written through the store's own ``_replace_districts`` (the same
code path as a crawl, ``gupress reparse`` and a revision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select, update

from storage.models import Article, ArticleDistrict, ArticleSegment, Outlet
from storage.repository import _replace_districts

if TYPE_CHECKING:
    from storage.db import Database


@dataclass(frozen=True)
class StoredText:
    """What the tagger reads of one stored article."""

    id: int
    title: str
    subtitle: str | None
    body: str
    published_at: datetime
    outlet_region: str | None


@dataclass
class _Tags:
    """The shape ``_replace_districts`` reads (an ArticleItem's district fields)."""

    districts: list[dict[str, Any]] = field(default_factory=list)
    segments: list[dict[str, Any]] = field(default_factory=list)


def _selection(*, version: str, outlet: str | None, since: datetime | None, everything: bool):
    query = select(Article.id).join(Outlet, Outlet.id == Article.outlet_id)
    if outlet:
        query = query.where(Outlet.slug == outlet)
    if since:
        query = query.where(Article.published_at >= since)
    if not everything:
        query = query.where(or_(Article.tagger_version.is_(None), Article.tagger_version != version))
    return query


def count_to_retag(db: Database, *, version: str, outlet: str | None = None, since: datetime | None = None,
                   everything: bool = False) -> int:
    with db.session() as session:
        query = _selection(version=version, outlet=outlet, since=since, everything=everything)
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def texts_to_retag(db: Database, *, version: str, outlet: str | None = None, since: datetime | None = None,
                   everything: bool = False, after_id: int = 0, limit: int = 200) -> list[StoredText]:
    """The next batch (id order, after ``after_id``) of articles whose tags the current version should redo."""
    ids = _selection(version=version, outlet=outlet, since=since, everything=everything)
    query = (select(Article.id, Article.title, Article.subtitle, Article.body, Article.published_at, Outlet.region)
             .join(Outlet, Outlet.id == Article.outlet_id)
             .where(Article.id.in_(ids.where(Article.id > after_id).order_by(Article.id).limit(limit)))
             .order_by(Article.id))
    with db.session() as session:
        return [StoredText(*row) for row in session.execute(query)]


def _stored(session, article_id: int) -> tuple[set, list, bool]:
    districts = {(row.district_code, row.role, row.mention_count)
                 for row in session.scalars(select(ArticleDistrict).where(ArticleDistrict.article_id == article_id))}
    segments = [(row.district_code, row.text) for row in session.scalars(
        select(ArticleSegment).where(ArticleSegment.article_id == article_id).order_by(ArticleSegment.seq))]
    return districts, segments, bool(session.get(Article, article_id).is_roundup)


def apply_tags(db: Database, article_id: int, fields: dict[str, Any], *, version: str) -> bool:
    """Store recomputed tags when they differ; returns whether anything but the version changed."""
    new_districts = {(d["code"], d["role"], int(d.get("mention_count") or 1)) for d in fields["districts"]}
    ordered = sorted(fields["segments"], key=lambda segment: segment.get("order", 0))
    new_segments = [(s["district_code"], s["text"]) for s in ordered]
    with db.session() as session:
        if _stored(session, article_id) == (new_districts, new_segments, bool(fields["is_roundup"])):
            session.execute(update(Article).where(Article.id == article_id).values(tagger_version=version))
            return False
        _replace_districts(session, article_id, _Tags(fields["districts"], fields["segments"]))
        article = session.get(Article, article_id)
        article.is_roundup = bool(fields["is_roundup"])
        article.tagger_version = version
        return True
