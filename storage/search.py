"""Korean full-text search and near-duplicate clusters: the SQL behind ``gupress search``
and ``cluster_overview``. The text functions are in ``storage/textindex.py``."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text

from storage.clusters import CLUSTER_WINDOW, cluster_representative, index_articles
from storage.models import Article, ArticleDistrict, ArticleSegment, Outlet
from storage.textindex import query_phrases, search_document

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
    With ``district``, a roundup counts only when every word occurs in that district's own
    segment (its other districts' news is not news of this district); the snippet comes from it.
    """
    words = query.split()
    if not words:
        return []
    check_query(query)
    phrases = query_phrases(query)
    use_index = all(len(word) >= 2 for word in words) and len(phrases) == len(words)
    statement = select(Article.id, Outlet.slug, Article.published_at, Article.title, Article.body,
                       Article.cluster_id, Article.is_roundup).join(Outlet)
    with db.session() as session:
        if use_index:
            chosen = _title_hits_then_newest(_candidates(session, phrases, district, outlet), phrases)
            wanted = chosen if district else chosen[:limit]  # roundups outside the district's segment drop out
            order = {article_id: position for position, article_id in enumerate(chosen)}
            rows = session.execute(statement.where(Article.id.in_(wanted))).all() if wanted else []
            rows.sort(key=lambda row: order[row[0]])
        else:
            if district:
                statement = statement.where(Article.id.in_(select(ArticleDistrict.article_id)
                                                           .where(ArticleDistrict.district_code == district)))
            if outlet:
                statement = statement.where(Outlet.slug == outlet)
            contains = [(Article.title + " " + Article.body).contains(word, autoescape=True) for word in words]
            scan_cap = 1000 if district else limit  # roundups outside the district's segment are dropped below
            rows = session.execute(statement.where(*contains).order_by(Article.published_at.desc())
                                   .limit(scan_cap)).all()
        segments = _district_segments(session, [row[0] for row in rows if row[6]], district) if district else {}
    results = []
    for row in rows:
        if district and row[6]:
            text_of_district = "\n\n".join(segments.get(row[0], []))
            if not all(word in text_of_district for word in words):
                continue
            row = (*row[:4], text_of_district, *row[5:])
        results.append(_result(row, words))
        if len(results) == limit:
            break
    return results


def _district_segments(session, article_ids: list[int], district: str) -> dict[int, list[str]]:
    """Roundup id → the texts of its segments about ``district``, in page order."""
    found: dict[int, list[str]] = {}
    if article_ids:
        rows = session.execute(select(ArticleSegment.article_id, ArticleSegment.text)
                               .where(ArticleSegment.article_id.in_(article_ids),
                                      ArticleSegment.district_code == district)
                               .order_by(ArticleSegment.article_id, ArticleSegment.seq))
        for article_id, segment_text in rows:
            found.setdefault(article_id, []).append(segment_text)
    return found


def _candidates(session, phrases: list[list[str]], district: str | None, outlet: str | None) -> list[tuple]:
    """(id, title, published_at) of the CANDIDATES highest-id matches (filters applied). SQLite's FTS5
    walks its doclists newest id first and stops there; PostgreSQL works in windows of newest ids.
    Either way the work is bounded by the candidates, not by how many articles match.
    ``published_at`` is as stored (text on SQLite): it is only compared."""
    params = {"cap": CANDIDATES, "outlet": outlet, "district": district}
    if session.bind.dialect.name != "sqlite":
        return _postgresql_candidates(session, phrases, params)
    filters = ""
    if outlet:
        filters += (" AND EXISTS (SELECT 1 FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                    "WHERE a.id = f.rowid AND o.slug = :outlet)")
    if district:
        filters += (" AND EXISTS (SELECT 1 FROM article_districts d WHERE d.article_id = f.rowid "
                    "AND d.district_code = :district)")
    params["q"] = " AND ".join('"' + " ".join(p) + '"' for p in phrases)
    return session.execute(text(
        f"SELECT a.id, a.title, a.published_at FROM (SELECT f.rowid AS id FROM article_fts f "
        f"WHERE f.article_fts MATCH :q{filters} ORDER BY id DESC LIMIT :cap) c JOIN articles a ON a.id = c.id"),
        params).all()


#: Width of the first newest-id window PostgreSQL searches (later ones follow the density found).
PG_FIRST_WINDOW = 2_000


def _postgresql_candidates(session, phrases: list[list[str]], params: dict) -> list[tuple]:
    """The same rows as on SQLite, found by ``gupress_search_candidates`` (migration 0011) in one
    round trip.

    A GIN index knows which rows hold every bigram but not where, so a phrase is confirmed by
    reading the row's tsvector; ranking every match that way made a 3-syllable word cost seconds.
    The function asks the index (which also holds the article id) for the matches among the
    newest N ids, holding every bigram, newest first, and checks the filters and the phrase only
    on those until CANDIDATES pass; N starts at PG_FIRST_WINDOW and grows with the density it
    finds (a word with no match there goes straight to the whole archive).
    """
    exact = all(len(p) == 1 for p in phrases)  # one bigram per word: the index alone is exact
    return session.execute(text(
        "SELECT id, title, published_at FROM gupress_search_candidates(to_tsquery('simple', :grams), "
        "to_tsquery('simple', :q), :cap, :first_window, :outlet, :district)"),
        {**params, "grams": " & ".join(gram for phrase in phrases for gram in phrase),
         "q": None if exact else " & ".join("(" + " <-> ".join(p) + ")" for p in phrases),
         "first_window": PG_FIRST_WINDOW}).all()


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
    article_id, outlet, published_at, title, body, cluster_id = row[:6]
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
