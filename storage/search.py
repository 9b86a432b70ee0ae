"""Korean full-text search and near-duplicate clusters: the SQL behind ``gupress search``
and ``cluster_overview``. The text functions are in ``storage/textindex.py``."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, or_, select, text, update

from storage.models import Article, ArticleDistrict, ArticleMinhashBand, Outlet
from storage.textindex import (
    SAME_RELEASE_CONTAINMENT,
    bands,
    containment,
    minhash,
    query_phrases,
    search_document,
    shingles,
)

if TYPE_CHECKING:
    from storage.db import Database


def index_article(session, article: Article) -> None:
    """Refresh the article's search row and LSH buckets, and (re)assign its cluster."""
    _index_text(session, article)
    _assign_cluster(session, article)


def _index_text(session, article: Article) -> None:
    title, body = search_document(article.title), search_document(article.body)
    if session.bind.dialect.name == "sqlite":
        session.execute(text("DELETE FROM article_fts WHERE rowid = :id"), {"id": article.id})
        session.execute(text("INSERT INTO article_fts (rowid, title, body) VALUES (:id, :title, :body)"),
                        {"id": article.id, "title": title, "body": body})
    else:
        session.execute(text(
            "INSERT INTO article_fts (article_id, grams) VALUES (:id, setweight(to_tsvector('simple', :title), 'A') "
            "|| to_tsvector('simple', :body)) ON CONFLICT (article_id) DO UPDATE SET grams = EXCLUDED.grams"),
            {"id": article.id, "title": title, "body": body})


#: The same release is carried within days; comparing only articles this close in time keeps
#: the candidate set small however large the archive grows.
CLUSTER_WINDOW = timedelta(days=7)


def _assign_cluster(session, article: Article) -> None:
    session.execute(delete(ArticleMinhashBand).where(ArticleMinhashBand.article_id == article.id))
    signature = minhash(article.body)
    if signature is None:
        return
    buckets = bands(signature)
    session.add_all(ArticleMinhashBand(band=b, bucket=k, article_id=article.id) for b, k in buckets)
    matches = _same_release(session, article, buckets)
    if not matches:
        return
    clusters = {cluster or other for other, cluster in matches} | {article.cluster_id or article.id}
    members = [other for other, _c in matches] + [article.id]
    in_cluster = or_(Article.id.in_(members), Article.cluster_id.in_(clusters))
    target = cluster_representative(session.execute(select(Article.id, Article.published_at).where(in_cluster)).all()
                                    + [(article.id, article.published_at)])
    session.execute(update(Article).where(in_cluster).values(cluster_id=target))
    article.cluster_id = target


def cluster_representative(members) -> int:
    """The id that names a cluster: its earliest-published article, the lowest id among equals.

    Depending only on the members (never on which was stored first) is what makes
    ``cluster_overview.first_title`` and the demo print the same thing whatever the crawl order.
    """
    return min(members, key=lambda member: (member[1], member[0]))[0]


def _same_release(session, article: Article, buckets) -> list[tuple[int, int | None]]:
    """(article id, cluster id) of articles published within the window that share an LSH
    bucket with this one and contain, or are contained in, its text."""
    in_bucket = or_(*(and_(ArticleMinhashBand.band == b, ArticleMinhashBand.bucket == k) for b, k in buckets))
    rows = session.execute(
        select(Article.id, Article.body, Article.cluster_id)
        .where(Article.id.in_(select(ArticleMinhashBand.article_id).where(in_bucket)), Article.id != article.id,
               Article.published_at.between(article.published_at - CLUSTER_WINDOW,
                                            article.published_at + CLUSTER_WINDOW)))
    own = shingles(article.body)
    return [(other, cluster) for other, body, cluster in rows
            if containment(own, shingles(body)) >= SAME_RELEASE_CONTAINMENT]


#: A query is a few words typed by a person; 40,000 pasted characters would become thousands
#: of bigram phrases ANDed together. Longer queries are refused with these limits named.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10


class QueryError(ValueError):
    """A search query that cannot be run; the message names the limit."""


def check_query(query: str) -> str:
    """``query`` unchanged when it is usable, else QueryError (nothing is searched)."""
    if not query.strip():
        raise QueryError("the search query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the search query is {len(query):,} characters long; the limit is "
                         f"{MAX_QUERY_CHARS} characters and {MAX_QUERY_WORDS} words")
    if len(query.split()) > MAX_QUERY_WORDS:
        raise QueryError(f"the search query has {len(query.split())} words; the limit is {MAX_QUERY_WORDS} words "
                         f"and {MAX_QUERY_CHARS} characters")
    return query


#: Matches a search considers: the most recently archived ones (highest article ids, which is
#: newest published in an archive crawled as news appears). Bounding them is what keeps a common
#: word (지원, 서울, 구청장: hundreds of thousands of matches at a million articles) as fast as a
#: rare one; the price is that older matches beyond this many are never shown (README, "Search at
#: a million articles").
CANDIDATES = 200


def search_articles(db: Database, query: str, *, limit: int = 20, district: str | None = None,
                    outlet: str | None = None) -> list[dict[str, Any]]:
    """Articles matching every word of ``query`` as a substring of title or body: those with every
    word in the title first, newest published first within each group.

    Words of two or more characters use the bigram index, and only the CANDIDATES most recently
    archived matches are ordered (nothing ranks every match); a one-character word cannot be
    looked up there, so such a query scans the articles table newest first instead (correct, slower).
    """
    words = query.split()
    if not words:
        return []
    check_query(query)
    phrases = query_phrases(query)
    use_index = all(len(word) >= 2 for word in words) and len(phrases) == len(words)
    statement = select(Article.id, Outlet.slug, Article.published_at, Article.title, Article.body,
                       Article.cluster_id).join(Outlet)
    with db.session() as session:
        if use_index:
            chosen = _title_hits_then_newest(_candidates(session, phrases, district, outlet), phrases)
            rows = session.execute(statement.where(Article.id.in_(chosen[:limit]))).all() if chosen else []
            rows.sort(key=lambda row: chosen.index(row[0]))
        else:
            if district:
                statement = statement.where(Article.id.in_(select(ArticleDistrict.article_id)
                                                           .where(ArticleDistrict.district_code == district)))
            if outlet:
                statement = statement.where(Outlet.slug == outlet)
            contains = [(Article.title + " " + Article.body).contains(word, autoescape=True) for word in words]
            rows = session.execute(statement.where(*contains).order_by(Article.published_at.desc()).limit(limit)).all()
        return [_result(row, words) for row in rows[:limit]]


def _candidates(session, phrases: list[list[str]], district: str | None, outlet: str | None) -> list[tuple]:
    """(id, title, published_at) of the CANDIDATES highest-id matches (filters applied). SQLite's FTS5
    walks its doclists newest id first and stops there; PostgreSQL works in windows of newest ids.
    Either way the work is bounded by the candidates, not by how many articles match.
    ``published_at`` is as stored (text on SQLite): it is only compared."""
    sqlite = session.bind.dialect.name == "sqlite"
    article = "f.rowid" if sqlite else "f.article_id"
    filters = ""
    if outlet:
        filters += (f" AND EXISTS (SELECT 1 FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                    f"WHERE a.id = {article} AND o.slug = :outlet)")
    if district:
        filters += (f" AND EXISTS (SELECT 1 FROM article_districts d WHERE d.article_id = {article} "
                    f"AND d.district_code = :district)")
    params = {"cap": CANDIDATES, "outlet": outlet, "district": district}
    if sqlite:
        params["q"] = " AND ".join('"' + " ".join(p) + '"' for p in phrases)
        return session.execute(text(
            f"SELECT a.id, a.title, a.published_at FROM (SELECT f.rowid AS id FROM article_fts f "
            f"WHERE f.article_fts MATCH :q{filters} ORDER BY id DESC LIMIT :cap) c JOIN articles a ON a.id = c.id"),
            params).all()
    return _postgresql_candidates(session, phrases, filters, params)


#: Widths of the newest-id windows PostgreSQL searches in turn (the last is everything).
PG_WINDOWS = (2_000, 16_000, 128_000)


def _postgresql_candidates(session, phrases: list[list[str]], filters: str, params: dict) -> list[tuple]:
    """The same rows as on SQLite, searched in widening windows of the newest ids.

    A GIN index knows which rows hold every bigram but not where, so PostgreSQL confirms a phrase
    by reading the row's tsvector from TOAST, 20-50 µs a row here; walking ids newest first reads it
    for every row passed over. Ranking every match made a 3-syllable word cost seconds. So the index
    alone (every bigram present, no positions: exact, nothing read from TOAST) picks the newest rows
    of a window, and only those are checked for the phrase; a common word fills the first window,
    a rare one costs a few index lookups more.
    """
    # Plans chosen for this query's own words (psycopg prepares a statement run five times, and a
    # generic plan cannot tell 지원 from 물막이), never a walk that reads every row's tsvector.
    top = session.execute(text("SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
                               "set_config('enable_indexscan', 'off', true), "
                               "(SELECT max(article_id) FROM article_fts)")).one()[2] or 0
    params["grams"] = " & ".join(gram for phrase in phrases for gram in phrase)
    params["q"] = " & ".join("(" + " <-> ".join(p) + ")" for p in phrases)
    # The newest rows of a window that hold every bigram (index only), each with whether it holds
    # the phrases (read for those rows only, one primary-key lookup each; not needed for one bigram).
    exact = all(len(p) == 1 for p in phrases)
    has_phrases = "true" if exact else ("(SELECT g.grams @@ to_tsquery('simple', :q) FROM article_fts g "
                                        "WHERE g.article_id = p.article_id)")
    newest_with_grams = text(
        f"WITH pool AS MATERIALIZED (SELECT f.article_id FROM article_fts f "
        f"WHERE f.grams @@ to_tsquery('simple', :grams) AND f.article_id > :floor AND f.article_id < :below{filters} "
        f"ORDER BY f.article_id DESC LIMIT :pool) "
        f"SELECT p.article_id, {has_phrases} FROM pool p")
    pool, below, found = CANDIDATES if exact else 2 * CANDIDATES, top + 1, []
    for floor in [top - width for width in PG_WINDOWS if width < top] + [0]:
        while len(found) < CANDIDATES:  # the newest rows of this window first, then older ones
            rows = session.execute(newest_with_grams, {**params, "floor": floor, "below": below, "pool": pool}).all()
            found += [article_id for article_id, holds_phrases in rows if holds_phrases]
            below = rows[-1][0] if len(rows) == pool else floor + 1
            if len(rows) < pool:
                break
        if len(found) >= CANDIDATES:
            break
    found = sorted(found, reverse=True)[:CANDIDATES]
    return session.execute(text("SELECT id, title, published_at FROM articles WHERE id = ANY(:ids)"),
                           {"ids": found}).all() if found else []


def _title_hits_then_newest(rows: list[tuple], phrases: list[list[str]]) -> list[int]:
    """Candidate ids in result order: every word in the title first, then newest published."""
    hits = {row[0] for row in rows if _in_title(row[1], phrases)}
    rows = sorted(rows, key=lambda row: (row[0] in hits, row[2], row[0]), reverse=True)
    return [row[0] for row in rows]


def _in_title(title: str, phrases: list[list[str]]) -> bool:
    """Whether every phrase is in the title's bigram text, as the index would say. Each bigram is
    a substring of the normalised title, so a plain substring test rejects most titles first
    (tokenising 200 titles per search cost more than the index lookup)."""
    plain = unicodedata.normalize("NFC", title).lower()
    if not all(gram in plain for phrase in phrases for gram in phrase):
        return False
    grams = f" {search_document(title)} "
    return all(f" {' '.join(phrase)} " in grams for phrase in phrases)


def _result(row, words: list[str]) -> dict[str, Any]:
    article_id, outlet, published_at, title, body, cluster_id = row
    position = min((body.find(w) for w in words if w in body), default=0)
    start = max(position - 40, 0)
    return {"article_id": article_id, "outlet": outlet, "published_at": published_at, "title": title,
            "cluster_id": cluster_id, "snippet": body[start:start + 120].replace("\n", " ")}


def reindex_all(db: Database, *, batch: int = 200, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild search rows, LSH buckets and clusters of every article (after an upgrade)."""
    done, last_id = 0, 0
    while True:
        with db.session() as session:
            articles = list(session.scalars(select(Article).where(Article.id > last_id)
                                            .order_by(Article.id).limit(batch)))
            for article in articles:
                index_article(session, article)
        if not articles:
            return done
        done += len(articles)
        last_id = articles[-1].id
        if progress:
            progress(done)
