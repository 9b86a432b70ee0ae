"""What changed between the stored versions of an article: the SQL behind ``gupress history``.

Every distinct version an outlet served is a row of ``article_revisions`` (with the district tags
the tagger gave that text); a researcher asking "what did the district change after publishing?"
wants a diff of two of them, not two bodies to compare by eye.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from storage.models import Article, ArticleRevision, Outlet

if TYPE_CHECKING:
    from storage.db import Database


@dataclass(frozen=True)
class Version:
    revision_no: int
    fetched_at: datetime
    published_at: datetime
    updated_at: datetime | None
    content_hash: str
    title: str
    subtitle: str | None
    reporter: str | None
    body: str
    districts: list[dict[str, Any]] | None

    def text(self) -> list[str]:
        """The version as the lines a diff compares: title, subtitle, reporter, body paragraphs."""
        head = [f"title: {self.title}"]
        if self.subtitle:
            head.append(f"subtitle: {self.subtitle}")
        if self.reporter:
            head.append(f"reporter: {self.reporter}")
        head.append(f"districts: {district_summary(self.districts)}")
        return head + [""] + [line for line in self.body.split("\n")]


@dataclass(frozen=True)
class History:
    article_id: int
    outlet: str
    canonical_url: str
    versions: list[Version]

    def version(self, revision_no: int) -> Version | None:
        return next((v for v in self.versions if v.revision_no == revision_no), None)


def district_summary(districts: list[dict[str, Any]] | None) -> str:
    """``11380 primary, 11545 mentioned``; ``-`` for none, ``unknown`` for a revision never tagged."""
    if districts is None:
        return "unknown"
    return ", ".join(f"{d['code']} {d['role']}" for d in districts) or "-"


def find_article_id(db: Database, ref: str, canonical: str | None = None) -> int | None:
    """The article named by an id, its canonical URL or (``canonical``) the canonical form of a variant URL."""
    with db.session() as session:
        if ref.isdigit():
            return session.scalar(select(Article.id).where(Article.id == int(ref)))
        urls = [u for u in (ref, canonical) if u]
        return session.scalar(select(Article.id).where(Article.canonical_url.in_(urls)).limit(1))


def article_history(db: Database, article_id: int) -> History | None:
    with db.session() as session:
        row = session.execute(select(Article.id, Outlet.slug, Article.canonical_url).join(Outlet)
                              .where(Article.id == article_id)).first()
        if row is None:
            return None
        revisions = session.scalars(select(ArticleRevision).where(ArticleRevision.article_id == article_id)
                                    .order_by(ArticleRevision.revision_no))
        versions = [Version(r.revision_no, r.fetched_at, r.published_at, r.updated_at, r.content_hash, r.title,
                            r.subtitle, r.reporter, r.body, r.districts) for r in revisions]
        return History(row[0], row[1], row[2], versions)


def unified_diff(old: Version, new: Version, *, context: int = 2) -> list[str]:
    """A unified diff of two versions, one line per title/subtitle/reporter/districts line and paragraph."""
    return list(difflib.unified_diff(old.text(), new.text(), fromfile=f"revision {old.revision_no}",
                                     tofile=f"revision {new.revision_no}", n=context, lineterm=""))
