"""Datasette metadata for a gupress archive (``gupress serve``): table and column descriptions
(from ``storage/schema_docs.py``), facets, full-text search on ``articles`` and canned queries
for the questions researchers ask most. SQLite only: Datasette reads SQLite files."""

from __future__ import annotations

from typing import Any

from storage.schema_docs import TABLES, UNMODELLED, VIEWS

#: The snippet starts 40 characters before the first word of the query (whole text if absent).
_SNIPPET = "substr(a.body, max(instr(a.body, trim(substr(:q || ' ', 1, instr(:q || ' ', ' ')))) - 40, 1), 160)"

QUERIES: dict[str, dict[str, Any]] = {
    "korean_search": {
        "title": "Korean search with snippets",
        "description": "Articles containing every word of q as a substring of title or body (청년 finds 청년들을 "
                       "and 서울청년), best first. One-character words match only where they stand alone.",
        "sql": f"""SELECT a.id AS article_id, o.slug AS outlet,
       strftime('%Y-%m-%d %H:%M', a.published_at, '+9 hours') AS published_kst, a.title,
       {_SNIPPET} AS snippet
  FROM article_fts
  JOIN articles a ON a.id = article_fts.rowid
  JOIN outlets o ON o.id = a.outlet_id
 WHERE article_fts MATCH gupress_match(:q)
 ORDER BY bm25(article_fts, 5.0, 1.0)
 LIMIT 100""",
    },
    "releases_per_district_month": {
        "title": "Releases per district per month",
        "description": "Articles and distinct releases (an article with the copies of it in other outlets counts "
                       "once) per primary district and KST month.",
        "sql": """SELECT month, district_code, city, district_name, count(*) AS articles,
       count(DISTINCT coalesce(cluster_id, article_id)) AS releases
  FROM article_facets
 WHERE district_code IS NOT NULL
 GROUP BY month, district_code, city, district_name
 ORDER BY month DESC, releases DESC, district_code""",
    },
    "outlets_carrying_a_release": {
        "title": "Outlets carrying one release",
        "description": "Every article of one cluster (the same press release in several outlets): give an article "
                       "id and see all outlets that carried its release.",
        "sql": """SELECT a.id AS article_id, o.slug AS outlet, o.name AS outlet_name,
       strftime('%Y-%m-%d %H:%M', a.published_at, '+9 hours') AS published_kst, a.title, a.canonical_url
  FROM articles a JOIN outlets o ON o.id = a.outlet_id
 WHERE a.cluster_id = (SELECT coalesce(cluster_id, id) FROM articles WHERE id = :article_id)
    OR a.id = :article_id
 ORDER BY a.published_at, a.id""",
    },
    "edits_after_publication": {
        "title": "Edits after publication",
        "description": "Every version of every article that changed after it was first archived, oldest first.",
        "sql": """SELECT r.article_id, o.slug AS outlet, r.revision_no, r.fetched_at, r.title,
       length(r.body) AS body_chars, r.content_hash
  FROM article_revisions r
  JOIN articles a ON a.id = r.article_id
  JOIN outlets o ON o.id = a.outlet_id
 WHERE a.revision_count > 1
 ORDER BY r.article_id, r.revision_no""",
    },
}

#: Per-table settings beyond descriptions.
EXTRA: dict[str, dict[str, Any]] = {
    "articles": {"fts_table": "article_fts", "fts_pk": "id", "facets": ["outlet_id", "is_roundup"],
                 "sort_desc": "published_at"},
    "article_overview": {"fts_table": "article_fts", "fts_pk": "article_id", "facets": ["outlet"],
                         "sort_desc": "published_kst"},
    "article_facets": {"facets": ["outlet", "district_name", "month"], "sort_desc": "published_at"},
    "article_district_names": {"facets": ["outlet", "district_name", "role"]},
    "segment_overview": {"facets": ["district_name", "outlet"]},
    "outlets": {"label_column": "name"},
    "districts": {"label_column": "name", "facets": ["city"]},
    "raw_pages": {"hidden": True},
    "article_signatures": {"hidden": True},
    "article_lsh_buckets": {"hidden": True},
}


def build_metadata(database: str) -> dict[str, Any]:
    """Metadata for the archive Datasette serves under the name ``database`` (the file's stem)."""
    tables = {}
    for name, docs in {**TABLES, **UNMODELLED, **VIEWS}.items():
        tables[name] = {"description": docs[""], "columns": {c: text for c, text in docs.items() if c},
                        **EXTRA.get(name, {})}
    return {
        "title": "gupress: Korean district press releases",
        "description": "Articles about Seoul's 자치구 as republished by news outlets. Search Korean words of any "
                       "length with the search box on articles (or ?_search=청년); see the canned queries below.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }
