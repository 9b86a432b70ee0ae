"""The archive's schema. Every change here ships with an Alembic revision in ``migrations/``.

History is never overwritten: ``articles`` holds the latest version of each article and
``article_revisions`` every distinct version ever fetched; ``raw_pages`` keeps the bytes so a
better parser can re-parse the past.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), date: Date()}


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    home_url: Mapped[str | None] = mapped_column(String(500))
    cms_family: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("outlet_id", "outlet_article_id", name="uq_articles_outlet_article"),
        Index("ix_articles_published_at", "published_at"),
        Index("ix_articles_content_hash", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), index=True)
    canonical_url: Mapped[str] = mapped_column(String(1000), unique=True)
    outlet_article_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(200))
    reporter: Mapped[str | None] = mapped_column(String(100))
    reporter_title: Mapped[str | None] = mapped_column(String(100))
    reporter_email: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]
    body: Mapped[str] = mapped_column(Text)
    source_note: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    is_roundup: Mapped[bool] = mapped_column(Boolean, default=False)
    extraction: Mapped[dict[str, Any]] = mapped_column(default=dict)
    revision_count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_checked_at: Mapped[datetime | None]
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: crawler.districts.TAGGER_VERSION that produced this article's districts/segments (NULL: older)
    tagger_version: Mapped[str | None] = mapped_column(String(32))

    outlet: Mapped[Outlet] = relationship()
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article", order_by="ArticleRevision.revision_no", cascade="all, delete-orphan"
    )


class ArticleRevision(Base):
    __tablename__ = "article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "revision_no", name="uq_article_revisions_article_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision_no: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    reporter: Mapped[str | None] = mapped_column(String(100))
    published_at: Mapped[datetime]
    updated_at: Mapped[datetime | None]
    body: Mapped[str] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="revisions")


class RawPage(Base):
    __tablename__ = "raw_pages"
    __table_args__ = (UniqueConstraint("url", "sha256", name="uq_raw_pages_url_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    http_status: Mapped[int | None] = mapped_column(Integer)
    encoding: Mapped[str | None] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    body_zlib: Mapped[bytes] = mapped_column(LargeBinary)


class RejectedItem(Base):
    __tablename__ = "rejected_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True)
    outlet_slug: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(1000))
    reason: Mapped[str] = mapped_column(Text)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_outlet_started", "outlet_slug", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_slug: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(32), default="incremental")
    trigger: Mapped[str] = mapped_column(String(32), default="manual")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(32), default="running")
    exit_reason: Mapped[str | None] = mapped_column(String(200))
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    responses_304: Mapped[int] = mapped_column(Integer, default=0)
    items_new: Mapped[int] = mapped_column(Integer, default=0)
    items_revised: Mapped[int] = mapped_column(Integer, default=0)
    items_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    items_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    items_rejected: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    fallback_counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    pid: Mapped[int | None] = mapped_column(Integer)
    hostname: Mapped[str | None] = mapped_column(String(200))


class District(Base):
    """Mirror of the gazetteer (``crawler/districts``) so SQL can join names and cities."""

    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(50))
    city_en: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    source: Mapped[str | None] = mapped_column(Text)


class ArticleDistrict(Base):
    __tablename__ = "article_districts"
    __table_args__ = (Index("ix_article_districts_code_role", "district_code", "role"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    mention_count: Mapped[int] = mapped_column(Integer, default=1)


class ArticleSegment(Base):
    __tablename__ = "article_segments"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    text: Mapped[str] = mapped_column(Text)


class ArticleSignature(Base):
    """An article body's MinHash signature (storage/textindex.py), computed once when the body
    is stored: candidates are screened by comparing signatures, never by re-reading bodies."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)   # 128 little-endian uint32
    shingle_count: Mapped[int] = mapped_column(Integer)


class ArticleLshBucket(Base):
    """LSH buckets of an article's signature with its publication day: articles sharing a bucket
    within the cluster window are candidates for being the same press release. The primary key
    (bucket, day, article_id) is the index that bounds a look-up to the window's days."""

    __tablename__ = "article_lsh_buckets"

    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)      # days since 1970-01-01 (UTC)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


# =====================================================================================
# Crawl state (issue 5: incremental recrawls, the daemon, resumable backfill).
# Owned by the ops side; repository functions for these live in ``storage/state.py``.
# =====================================================================================


class OutletState(Base):
    """Per-outlet facts the daemon and ``gupress status`` read without scanning ``crawl_runs``."""

    __tablename__ = "outlet_state"

    outlet_slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_id: Mapped[int | None] = mapped_column(Integer)
    last_run_status: Mapped[str | None] = mapped_column(String(32))
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_new_article_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlLease(Base):
    """Who may crawl an outlet right now. One row per outlet being crawled; a lease whose
    ``expires_at`` has passed belongs to a crawl that died and may be taken over."""

    __tablename__ = "crawl_leases"

    outlet_slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    run_id: Mapped[int | None] = mapped_column(Integer)
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class BackfillCursor(Base):
    """Where a backfill of one entry point stopped: the list page to resume from."""

    __tablename__ = "backfill_cursors"

    outlet_slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_point: Mapped[str] = mapped_column(String(1000), primary_key=True)
    window: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer, default=1)
    page_url: Mapped[str] = mapped_column(String(1000))
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]


class CrawlRunStats(Base):
    """Crawl-control counters of a run (what the list walk saw and skipped), kept beside
    ``crawl_runs`` so health checks can compare a run with the outlet's own history."""

    __tablename__ = "crawl_run_stats"

    crawl_run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), primary_key=True)
    list_pages: Mapped[int] = mapped_column(Integer, default=0)
    links_found: Mapped[int] = mapped_column(Integer, default=0)
    links_skipped: Mapped[int] = mapped_column(Integer, default=0)
    revisits: Mapped[int] = mapped_column(Integer, default=0)
    not_modified: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    items_outside_window: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(200))


#: Incremental crawls look up rejected URLs (so a page that never parses is not refetched
#: on every run); without an index that lookup would grow with the archive.
Index("ix_rejected_items_url", RejectedItem.__table__.c.url)


class RetryLedgerEntry(Base):
    """An article URL whose fetch or store failed (issue 8): retried by the next runs of its
    outlet whatever their list walk does, with exponential backoff, until it is stored or
    rejected (the row is then deleted) or ``attempts`` reaches the give-up limit
    (``gave_up_at`` set, ``next_try_at`` NULL). Repository functions: ``storage/retry_ledger.py``."""

    __tablename__ = "retry_ledger"
    __table_args__ = (
        UniqueConstraint("outlet_slug", "url", name="uq_retry_ledger_outlet_url"),
        Index("ix_retry_ledger_outlet_next_try", "outlet_slug", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_slug: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(1000))
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_try_at: Mapped[datetime | None]
    gave_up_at: Mapped[datetime | None]
    last_run_id: Mapped[int | None] = mapped_column(Integer)
