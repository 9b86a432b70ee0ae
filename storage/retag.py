"""Re-deriving stored articles' districts and segments after a tagger change (``gupress retag``).

The tagger's rules live in ``crawler.districts``; this module selects the articles whose
``tagger_version`` differs (by outlet and publication day) and writes back results that differ,
through ``storage.derived.retag_article`` — the same comparison and writer that ``gupress reparse``
uses (and ``gupress migrate``/``reindex --districts`` rebuild through the same ``_replace_districts``).
An article whose recomputed districts, segments and roundup flag equal the stored ones keeps its
rows untouched; only its ``tagger_version`` is stamped so the next run skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select, update

from storage.derived import retag_article
from storage.models import Article, Outlet

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


def apply_tags(db: Database, article_id: int, fields: dict[str, Any], *, version: str) -> bool:
    """Store recomputed tags when they differ (``storage.derived.retag_article``, the comparison ``reparse``
    uses) and stamp the version either way; returns whether the tags changed."""
    changed = retag_article(db, article_id, SimpleNamespace(**fields))
    with db.session() as session:
        session.execute(update(Article).where(Article.id == article_id).values(tagger_version=version))
    return changed
