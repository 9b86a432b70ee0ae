"""Datasette plugin shipped with gupress (entry point ``datasette: gupress``): Korean search on
any connection Datasette opens to a gupress archive.

- ``gupress_match(query)``: the same SQL function gupress registers on its own connections, so
  canned queries and hand-written SQL can search the bigram index.
- ``escape_fts(query)``: Datasette wraps ``?_search=`` in ``escape_fts(:search)`` before
  ``MATCH`` (datasette/filters.py, ``search_filters``). Its version quotes whole words, which the
  bigram index never contains ('청년들을' is indexed as 청년 년들 들을), so 청년 would find
  nothing. On a gupress archive (one with ``article_fts``) this plugin replaces it with
  ``gupress_match``; ``trylast`` makes it run after Datasette's own ``sql_functions`` plugin, so
  the replacement is the one that stays. Other databases keep Datasette's function.
"""

from __future__ import annotations

from datasette import hookimpl

from storage.textindex import fts5_match


def escape_fts_bigrams(query: str | None) -> str:
    """Datasette's ``?_search=`` text as the bigram MATCH expression; a query with no letters
    or digits matches nothing (an empty MATCH would be an FTS5 syntax error)."""
    return fts5_match(query) or '""'


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("gupress_match", 1, fts5_match, deterministic=True)
    cursor = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'article_fts'")
    is_archive = cursor.fetchall()[0][0] > 0
    cursor.close()  # SQLite refuses to redefine a function while a statement is pending
    if is_archive:
        conn.create_function("escape_fts", 1, escape_fts_bigrams, deterministic=True)
