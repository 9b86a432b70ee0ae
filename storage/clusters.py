"""Near-duplicate clusters and the search index, a batch of articles at a time.

Why batches: the store writes group commits (``storage/article_store.py``), and a full rebuild
after an upgrade walks the archive 200 articles at a time; both pay one candidate query, one
signature query and a handful of executemany statements per batch instead of per article.

Why it stays fast as the archive grows: an article's signature is computed once and stored
(``article_signatures``); its LSH buckets carry the publication day, so the candidate look-up
reads only the index range of the cluster window (``article_lsh_buckets`` primary key
(bucket, day, article_id)); candidates are screened by their stored signatures and only the
survivors' bodies are read to confirm containment exactly (the quality rule is unchanged).

Clusters are the connected components of the "same release" relation, named by
``cluster_representative``; a batch finds every pair it touches first and merges afterwards,
which gives the same components as storing the articles one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import bindparam, delete, insert, or_, select, text, update

from storage.models import Article, ArticleLshBucket, ArticleSignature
from storage.textindex import (
    SAME_RELEASE_CONTAINMENT,
    TextIndex,
    bands,
    containment,
    estimated_containment,
    shingles,
    text_index,
)

#: The same release is carried within days; comparing only articles this close in time keeps
#: the candidate set small however large the archive grows.
CLUSTER_WINDOW = timedelta(days=7)
#: Candidates whose signatures put containment below this are not read back: with 128 values
#: a pair truly at the 0.5 threshold estimates this low about once in a thousand.
SCREEN_CONTAINMENT = 0.25
_DAY_SECONDS = 86400


@dataclass
class IndexedArticle:
    """What indexing needs of an article (an ORM row or the store's freshly inserted row)."""

    id: int
    title: str
    body: str
    published_at: datetime
    cluster_id: int | None = None
    #: Computed ahead (crawler/pipelines/text_workers.py); used only if it belongs to title and body.
    text: TextIndex | None = None


def _text_of(article) -> TextIndex:
    """The article's TextIndex: the one computed ahead when it belongs to these texts, else now."""
    ahead = article.text if isinstance(article, IndexedArticle) else None
    if ahead is not None and ahead.belongs_to(article.title, article.body):
        return ahead
    return text_index(article.title, article.body)


def day_number(moment: datetime) -> int:
    return int(moment.timestamp() // _DAY_SECONDS)


def cluster_representative(members) -> int:
    """The id that names a cluster: its earliest-published article, the lowest id among equals.

    Depending only on the members (never on which was stored first) is what makes
    ``cluster_overview.first_title`` and the demo print the same thing whatever the crawl order.
    """
    return min(members, key=lambda member: (member[1], member[0]))[0]


def index_articles(session, articles: Sequence[IndexedArticle], *, replace: bool = True) -> dict[int, int | None]:
    """Search rows, signatures, buckets and clusters of these articles; returns id → cluster id.
    ``replace=False`` when none of them can have rows yet (freshly inserted)."""
    if not articles:
        return {}
    ids = [a.id for a in articles]
    if replace:
        _delete_rows(session, ids)
    texts = {a.id: _text_of(a) for a in articles}
    _insert_search_rows(session, articles, texts)
    hashes = {article_id: text.hashes for article_id, text in texts.items()}
    signatures = {article_id: text.signature for article_id, text in texts.items()}
    one_clustering_writer_at_a_time(session)
    _insert_signatures(session, articles, hashes, signatures)
    pairs = _same_release_pairs(session, articles, hashes, signatures)
    return _merge(session, articles, pairs)


#: Key of the PostgreSQL advisory lock that serialises clustering ("gupress" in ASCII).
CLUSTER_LOCK_KEY = 0x67757072657373


def one_clustering_writer_at_a_time(session) -> None:
    """Two writers (two crawls, or two outlets' writer threads in one process) each storing one
    copy of a release, each looking for the other before either committed, would both miss it:
    PostgreSQL's READ COMMITTED shows neither the other's rows. A transaction-level advisory lock,
    held until commit, makes the bucket insert and look-up one writer at a time; the shingles and
    signatures are computed before it. SQLite's BEGIN IMMEDIATE already serialises writers."""
    if session.bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLUSTER_LOCK_KEY})


def _delete_rows(session, ids: list[int]) -> None:
    session.execute(delete(ArticleLshBucket).where(ArticleLshBucket.article_id.in_(ids)))
    session.execute(delete(ArticleSignature).where(ArticleSignature.article_id.in_(ids)))
    if session.bind.dialect.name == "sqlite":
        session.execute(text("DELETE FROM article_fts WHERE rowid = :id"), [{"id": i} for i in ids])


def _insert_search_rows(session, articles: Sequence[IndexedArticle], texts: dict[int, TextIndex]) -> None:
    rows = [{"id": a.id, "title": texts[a.id].title_grams, "body": texts[a.id].body_grams} for a in articles]
    if session.bind.dialect.name == "sqlite":
        session.execute(text("INSERT INTO article_fts (rowid, title, body) VALUES (:id, :title, :body)"), rows)
    else:
        session.execute(text(
            "INSERT INTO article_fts (article_id, grams) VALUES (:id, setweight(to_tsvector('simple', :title), 'A') "
            "|| to_tsvector('simple', :body)) ON CONFLICT (article_id) DO UPDATE SET grams = EXCLUDED.grams"), rows)


def _insert_signatures(session, articles, hashes, signatures) -> None:
    signature_rows, bucket_rows = [], []
    for article in articles:
        signature = signatures[article.id]
        if signature is None:
            continue
        signature_rows.append({"article_id": article.id, "signature": signature.astype("<u4").tobytes(),
                               "shingle_count": len(hashes[article.id])})
        day = day_number(article.published_at)
        bucket_rows.extend({"bucket": b, "day": day, "article_id": article.id} for b in set(bands(signature)))
    if signature_rows:
        session.execute(insert(ArticleSignature.__table__), signature_rows)
        session.execute(insert(ArticleLshBucket.__table__), bucket_rows)


def _candidates(session, articles, signatures) -> dict[int, set[int]]:
    """Article id → ids sharing one of its buckets within the window's days (one query)."""
    wanted: dict[int, list[int]] = {}
    for article in articles:
        if signatures[article.id] is not None:
            for bucket in bands(signatures[article.id]):
                wanted.setdefault(bucket, []).append(article.id)
    if not wanted:
        return {}
    days = [day_number(a.published_at) for a in articles if signatures[a.id] is not None]
    reach = CLUSTER_WINDOW.days + 1
    rows = session.execute(select(ArticleLshBucket.bucket, ArticleLshBucket.day, ArticleLshBucket.article_id)
                           .where(ArticleLshBucket.bucket.in_(bindparam("buckets", expanding=True)),
                                  ArticleLshBucket.day.between(min(days) - reach, max(days) + reach)),
                           {"buckets": list(wanted)})
    own_day = {a.id: day_number(a.published_at) for a in articles}
    found: dict[int, set[int]] = {}
    for bucket, day, other in rows:
        for article_id in wanted[bucket]:
            if other != article_id and abs(day - own_day[article_id]) <= reach:
                found.setdefault(article_id, set()).add(other)
    return found


def _same_release_pairs(session, articles, hashes, signatures) -> list[tuple[int, int]]:
    """Pairs (article, other) within the window that contain, or are contained in, each other."""
    found = _candidates(session, articles, signatures)
    others = sorted(set().union(*found.values())) if found else []
    if not others:
        return []
    stored = {row[0]: row for row in session.execute(
        select(ArticleSignature.article_id, ArticleSignature.signature, ArticleSignature.shingle_count,
               Article.published_at).join(Article, Article.id == ArticleSignature.article_id)
        .where(ArticleSignature.article_id.in_(bindparam("ids", expanding=True))), {"ids": others})}
    screened: list[tuple[int, int]] = []
    by_id = {a.id: a for a in articles}
    for article_id, candidates in found.items():
        own, size = signatures[article_id], len(hashes[article_id])
        moment = by_id[article_id].published_at
        for other in candidates:
            row = stored.get(other)
            if row is None or abs(row[3] - moment) > CLUSTER_WINDOW:
                continue
            theirs = np.frombuffer(row[1], dtype="<u4")
            if estimated_containment(own, size, theirs, row[2]) >= SCREEN_CONTAINMENT:
                screened.append((article_id, other))
    return _confirmed(session, screened, hashes)


def _confirmed(session, screened: list[tuple[int, int]], hashes) -> list[tuple[int, int]]:
    """Exact containment of the screened pairs; bodies outside the batch are read once."""
    missing = sorted({other for _a, other in screened if other not in hashes})
    if missing:
        bodies = session.execute(select(Article.id, Article.body).where(
            Article.id.in_(bindparam("ids", expanding=True))), {"ids": missing})
        hashes = {**hashes, **{article_id: shingles(body) for article_id, body in bodies}}
    return [(a, b) for a, b in screened if containment(hashes[a], hashes[b]) >= SAME_RELEASE_CONTAINMENT]


def _merge(session, articles, pairs: Iterable[tuple[int, int]]) -> dict[int, int | None]:
    """Union the pairs into components; each component (with the clusters its members already
    belong to) gets its representative as cluster id."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs:
        parent[root(first)] = root(second)
    assigned = {a.id: a.cluster_id for a in articles}
    components: dict[int, set[int]] = {}
    for node in list(parent):
        components.setdefault(root(node), set()).add(node)
    for members in components.values():
        target = _merge_component(session, members, articles)
        assigned.update({m: target for m in members if m in assigned})
    for article in articles:
        article.cluster_id = assigned[article.id]
    return assigned


def _merge_component(session, members: set[int], articles) -> int:
    own_clusters = {a.cluster_id for a in articles if a.id in members and a.cluster_id}
    clusters = set(session.scalars(select(Article.cluster_id).where(Article.id.in_(members),
                                                                    Article.cluster_id.is_not(None))))
    clusters |= own_clusters | members
    in_cluster = or_(Article.id.in_(members), Article.cluster_id.in_(clusters))
    target = cluster_representative(session.execute(select(Article.id, Article.published_at).where(in_cluster)).all())
    session.execute(update(Article).where(in_cluster).values(cluster_id=target))
    return target
