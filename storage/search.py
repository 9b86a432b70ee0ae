"""Korean full-text search and near-duplicate clusters: the SQL behind ``gupress search``
and ``cluster_overview``. The text functions are in ``storage/textindex.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text

from storage.clusters import CLUSTER_WINDOW, cluster_representative, index_articles
from storage.models import Article, ArticleDistrict, Outlet
from storage.textindex import query_phrases

if TYPE_CHECKING:
    from storage.db import Database


def index_article(session, article: Article) -> None:
    """Refresh the article's search row, signature and LSH buckets, and (re)assign its cluster."""
    index_articles(session, [article])


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


def search_articles(db: Database, query: str, *, limit: int = 20, district: str | None = None,
                    outlet: str | None = None) -> list[dict[str, Any]]:
    """Articles matching every word of ``query`` as a substring of title or body, best first.

    Words of two or more characters use the bigram index; a one-character word cannot be
    looked up there, so such a query scans the articles table instead (correct, slower).
    """
    words = query.split()
    if not words:
        return []
    check_query(query)
    phrases = query_phrases(query)
    use_index = all(len(word) >= 2 for word in words) and len(phrases) == len(words)
    statement = select(Article.id, Outlet.slug, Article.published_at, Article.title, Article.body,
                       Article.cluster_id).join(Outlet)
    if district:
        statement = statement.where(Article.id.in_(select(ArticleDistrict.article_id)
                                                   .where(ArticleDistrict.district_code == district)))
    if outlet:
        statement = statement.where(Outlet.slug == outlet)
    with db.session() as session:
        if use_index:
            ranked = _ranked_ids(session, phrases)
            rank = {article_id: i for i, article_id in enumerate(ranked)}
            rows = session.execute(statement.where(Article.id.in_(ranked))).all() if ranked else []
            rows.sort(key=lambda row: rank[row[0]])
        else:
            contains = [(Article.title + " " + Article.body).contains(word, autoescape=True) for word in words]
            rows = session.execute(statement.where(*contains).order_by(Article.published_at.desc()).limit(limit)).all()
        return [_result(row, words) for row in rows[:limit]]


def _ranked_ids(session, phrases: list[list[str]], cap: int = 1000) -> list[int]:
    if session.bind.dialect.name == "sqlite":
        match = " AND ".join('"' + " ".join(p) + '"' for p in phrases)
        sql = "SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY bm25(article_fts, 5.0, 1.0) LIMIT :cap"
    else:
        match = " & ".join("(" + " <-> ".join(p) + ")" for p in phrases)
        sql = ("SELECT article_id FROM article_fts WHERE grams @@ to_tsquery('simple', :q) "
               "ORDER BY ts_rank(grams, to_tsquery('simple', :q)) DESC LIMIT :cap")
    return list(session.scalars(text(sql), {"q": match, "cap": cap}))


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
            index_articles(session, articles)
        if not articles:
            return done
        done += len(articles)
        last_id = articles[-1].id
        if progress:
            progress(done)


__all__ = ["CLUSTER_WINDOW", "cluster_representative", "index_article", "index_articles", "search_articles"]
