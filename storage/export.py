"""Rows for ``gupress export``: articles, roundup segments, revisions or clusters, filtered,
streamed from the database in batches so memory does not grow with the archive.

PostgreSQL streams through a server-side cursor (``stream_results``); SQLite's cursor steps
through the result as it is fetched. Either way one batch of rows is in memory at a time,
and the writers (``crawler/exporters.py``) write each batch before the next is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, select, text

from storage.models import Article, ArticleDistrict, ArticleRevision, ArticleSegment, District, Outlet
from storage.textindex import fts5_match, tsquery_text
from storage.types import KST

TABLES = ("articles", "segments", "revisions", "clusters")
BATCH = 1000
#: Lists (districts, outlets) travel through SQL as one string joined by this separator.
LIST_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class ExportFilter:
    """What to export: KST days (inclusive), an outlet slug, a district code, a search query."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    district: str | None = None
    query: str | None = None


#: Column name → kind ("int", "text", "bool", "timestamp", "list"), per table, in output order.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "int", "outlet": "text", "canonical_url": "text", "outlet_article_id": "text",
        "title": "text", "subtitle": "text", "category": "text", "reporter": "text", "reporter_email": "text",
        "published_at": "timestamp", "updated_at": "timestamp", "is_roundup": "bool", "revision_count": "int",
        "cluster_id": "int", "primary_districts": "list", "mentioned_districts": "list",
        "first_seen_at": "timestamp", "last_changed_at": "timestamp", "body": "text",
    },
    "segments": {
        "article_id": "int", "seq": "int", "district_code": "text", "district_name": "text", "outlet": "text",
        "published_at": "timestamp", "title": "text", "text": "text",
    },
    "revisions": {
        "article_id": "int", "revision_no": "int", "outlet": "text", "fetched_at": "timestamp",
        "content_hash": "text", "title": "text", "subtitle": "text", "reporter": "text",
        "published_at": "timestamp", "updated_at": "timestamp", "body": "text",
    },
    "clusters": {
        "cluster_id": "int", "articles": "int", "outlets": "list", "first_published_at": "timestamp",
        "last_published_at": "timestamp", "first_title": "text",
    },
}


def _string_agg(dialect: str, column):
    if dialect == "sqlite":
        return func.group_concat(column, LIST_SEPARATOR)
    return func.string_agg(column, literal_column(f"'{LIST_SEPARATOR}'"))


def _districts(dialect: str, role: str):
    return (select(_string_agg(dialect, ArticleDistrict.district_code))
            .where(ArticleDistrict.article_id == Article.id, ArticleDistrict.role == role)
            .scalar_subquery())


def _article_filters(dialect: str, where: ExportFilter) -> list:
    """Conditions on ``articles`` (and ``outlets``) shared by every table."""
    conditions = []
    if where.since:
        conditions.append(Article.published_at >= datetime.combine(where.since, time(0), KST))
    if where.until:
        conditions.append(Article.published_at < datetime.combine(where.until + timedelta(days=1), time(0), KST))
    if where.outlet:
        conditions.append(Outlet.slug == where.outlet)
    if where.district:
        conditions.append(Article.id.in_(select(ArticleDistrict.article_id)
                                         .where(ArticleDistrict.district_code == where.district)))
    if where.query:
        conditions.append(_matches(dialect, where.query))
    return conditions


def _matches(dialect: str, query: str):
    """Every word of ``query`` as a substring of title or body: the bigram index for words of two
    or more characters, a scan for one-character words (which the index cannot look up)."""
    words = query.split()
    if any(len(word) < 2 for word in words) or not fts5_match(query):
        return and_(*((Article.title + " " + Article.body).contains(word, autoescape=True) for word in words))
    if dialect == "sqlite":
        ids = text("SELECT rowid FROM article_fts WHERE article_fts MATCH :match").bindparams(match=fts5_match(query))
    else:
        ids = text("SELECT article_id FROM article_fts WHERE grams @@ to_tsquery('simple', :match)").bindparams(
            match=tsquery_text(query))
    return Article.id.in_(ids.columns(literal_column("id")))


def statement(table: str, dialect: str, where: ExportFilter) -> Select:
    """The SELECT for one export table; its column labels are ``COLUMNS[table]``."""
    conditions = _article_filters(dialect, where)
    if table == "articles":
        return (select(Article.id.label("article_id"), Outlet.slug.label("outlet"), Article.canonical_url,
                       Article.outlet_article_id, Article.title, Article.subtitle, Article.category, Article.reporter,
                       Article.reporter_email, Article.published_at, Article.updated_at, Article.is_roundup,
                       Article.revision_count, Article.cluster_id,
                       _districts(dialect, "primary").label("primary_districts"),
                       _districts(dialect, "mentioned").label("mentioned_districts"),
                       Article.first_seen_at, Article.last_changed_at, Article.body)
                .join(Outlet, Outlet.id == Article.outlet_id).where(*conditions).order_by(Article.id))
    if table == "segments":
        if where.district:  # a roundup's other districts' segments are not about this district
            conditions.append(ArticleSegment.district_code == where.district)
        return (select(ArticleSegment.article_id, ArticleSegment.seq, ArticleSegment.district_code,
                       District.name.label("district_name"), Outlet.slug.label("outlet"), Article.published_at,
                       Article.title, ArticleSegment.text)
                .join(Article, Article.id == ArticleSegment.article_id).join(Outlet, Outlet.id == Article.outlet_id)
                .join(District, District.code == ArticleSegment.district_code)
                .where(*conditions).order_by(ArticleSegment.article_id, ArticleSegment.seq))
    if table == "revisions":
        return (select(ArticleRevision.article_id, ArticleRevision.revision_no, Outlet.slug.label("outlet"),
                       ArticleRevision.fetched_at, ArticleRevision.content_hash, ArticleRevision.title,
                       ArticleRevision.subtitle, ArticleRevision.reporter, ArticleRevision.published_at,
                       ArticleRevision.updated_at, ArticleRevision.body)
                .join(Article, Article.id == ArticleRevision.article_id).join(Outlet, Outlet.id == Article.outlet_id)
                .where(*conditions).order_by(ArticleRevision.article_id, ArticleRevision.revision_no))
    if table == "clusters":
        members = (select(Article.cluster_id, Article.id, Article.published_at, Outlet.slug)
                   .join(Outlet, Outlet.id == Article.outlet_id)
                   .where(Article.cluster_id.is_not(None), *conditions).subquery("a2"))
        first_title = (select(Article.title).where(Article.id == members.c.cluster_id)
                       .correlate(members).scalar_subquery())
        outlets = select(members.c.slug, members.c.cluster_id).distinct().subquery("o2")
        outlet_list = (select(_string_agg(dialect, outlets.c.slug)).where(outlets.c.cluster_id == members.c.cluster_id)
                       .correlate(members).scalar_subquery())
        return (select(members.c.cluster_id, func.count().label("articles"), outlet_list.label("outlets"),
                       func.min(members.c.published_at).label("first_published_at"),
                       func.max(members.c.published_at).label("last_published_at"), first_title.label("first_title"))
                .group_by(members.c.cluster_id).order_by(members.c.cluster_id))
    raise ValueError(f"unknown export table {table!r}; one of {', '.join(TABLES)}")


def count_rows(db, table: str, where: ExportFilter) -> int:
    with db.engine.connect() as connection:
        inner = statement(table, db.dialect, where).order_by(None).subquery()
        return connection.scalar(select(func.count()).select_from(inner)) or 0


def stream_batches(db, table: str, where: ExportFilter, *, batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Rows as dicts (lists split, datetimes timezone-aware UTC), ``batch`` at a time."""
    kinds = COLUMNS[table]
    lists = [name for name, kind in kinds.items() if kind == "list"]
    #: aggregates (min/max) bypass the column type: naive or text on SQLite
    untyped_times = [name for name, kind in kinds.items() if kind == "timestamp"] if table == "clusters" else []
    with db.engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=batch).execute(
            statement(table, db.dialect, where))
        for partition in result.mappings().partitions():
            rows = [dict(mapping) for mapping in partition]
            for row in rows:
                for name in lists:
                    row[name] = sorted(row[name].split(LIST_SEPARATOR)) if row[name] else []
                for name in untyped_times:
                    row[name] = _aware(row[name])
            yield rows


def _aware(value):
    """Every exported timestamp is timezone-aware UTC, aggregated ones included."""
    from datetime import timezone

    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
