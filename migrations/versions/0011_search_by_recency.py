"""search by recency on PostgreSQL: the bigram GIN index also holds the article id, and one
function call finds a search's newest matches

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Why (issue 10, search p95 < 50 ms at a million articles): the GIN index over ``grams`` alone
knows which rows hold a bigram, not how recent they are, and its row estimates for bigrams are
far off (25 estimated, 30,000 found for 박람 & 람회), so "the newest matches among the newest
16,000 ids" visited every matching row of the whole table (8,700 heap pages, 45 ms) and then
threw most away; ANDed with the primary key's range instead, the index still read every
posting of every bigram (80 ms for 서울 at a million rows). With ``btree_gin`` the same GIN index
holds the article id as a second key (``ID_KEY``): ``article_id::bigint > newest - N AND grams @@ q``
is answered inside the index, which skips through long posting lists, and only the window's
matches are read (1.4 ms for 서울). Searches without an id bound (``gupress_match``, exports) use
the index as before.

``gupress_search_candidates`` runs the widening windows of storage/search.py server-side: one
round trip instead of one per window plus the settings and the titles (each round trip cost
2-12 ms on a loaded machine). ``btree_gin`` ships with PostgreSQL's contrib and is a trusted
extension (a database owner may create it); where it is missing the old index is kept and the
function still works, only slower.

SQLite: nothing (FTS5 already walks its doclists newest id first).
Building the index takes about as long as the original one did (minutes at a million articles),
holding writes to ``article_fts`` meanwhile; no derived data changes.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The id as the GIN index holds it: cast, so that only this index can answer the window bound. On
#: the bare column the planner, knowing a word is common, preferred the primary key's range with
#: the word as a filter, which reads (detoasts) the tsvector of every row in the window: 19 ms
#: instead of 1.4 ms for 서울 in the newest 2,000 of a million, and far worse in a wider window.
ID_KEY = "(article_id::bigint)"

#: storage/search.py passes its constants (so tests can shrink them); see _postgresql_candidates.
SEARCH_CANDIDATES = r"""
CREATE OR REPLACE FUNCTION gupress_search_candidates(grams tsquery, phrases tsquery, wanted integer,
                                                     first_window integer, outlet text, district text)
RETURNS TABLE (id integer, title text, published_at timestamptz)
LANGUAGE plpgsql STABLE
-- no parallel workers: starting them costs more than the few milliseconds a window takes
SET max_parallel_workers_per_gather = 0
AS $fn$
DECLARE
    top integer;
    width bigint := greatest(first_window, 1);
    floor_id bigint;
    found integer[];
    checks text[] := '{}';
    newest text;
BEGIN
    SELECT max(f.article_id) INTO top FROM article_fts f;
    IF top IS NULL OR wanted < 1 THEN
        RETURN;
    END IF;
    -- The window's rows holding every bigram come from the index alone (exact, nothing detoasted),
    -- newest first; the filters and then the phrase are checked on those rows only, in that order,
    -- until `wanted` pass (OFFSET 0 keeps the checks above the sort, not on every row of the window;
    -- IS TRUE keeps each EXISTS a per-row test, which a semi-join would not be, nor keep the order).
    IF outlet IS NOT NULL THEN
        checks := checks || 'EXISTS (SELECT 1 FROM articles a JOIN outlets o ON o.id = a.outlet_id'
                            ' WHERE a.id = s.article_id AND o.slug = $4) IS TRUE'::text;
    END IF;
    IF district IS NOT NULL THEN
        checks := checks || 'EXISTS (SELECT 1 FROM article_districts d WHERE d.article_id = s.article_id'
                            ' AND d.district_code = $5) IS TRUE'::text;
    END IF;
    IF phrases IS NOT NULL THEN  -- last (CASE fixes the order): detoasting costs more than an index probe
        checks := ARRAY[CASE WHEN cardinality(checks) = 0 THEN 's.grams @@ $2'
                        ELSE 'CASE WHEN ' || array_to_string(checks, ' AND ') || ' THEN s.grams @@ $2 END' END];
    END IF;
    newest := 'SELECT array_agg(c.article_id) FROM (SELECT s.article_id FROM (SELECT f.article_id, f.grams'
              ' FROM article_fts f WHERE f.grams @@ $1 %s ORDER BY f.article_id DESC OFFSET 0) s'
              || CASE WHEN cardinality(checks) > 0 THEN ' WHERE ' || array_to_string(checks, ' AND ') ELSE '' END
              || ' ORDER BY s.article_id DESC LIMIT $6) c';
    LOOP
        floor_id := greatest(top - width, 0);
        -- no id bound at all for the last window: a bound of 0 would make the index enumerate every id
        EXECUTE format(newest, CASE WHEN floor_id > 0 THEN 'AND f.article_id::bigint > $3' ELSE '' END)
            INTO found USING grams, phrases, floor_id, outlet, district, wanted;
        EXIT WHEN coalesce(cardinality(found), 0) >= wanted OR floor_id = 0;
        -- widen to where `wanted` matches should be at the density seen so far (twice that, to
        -- rarely need a third try); none at all: straight to the whole archive
        width := CASE WHEN found IS NULL THEN top ELSE least(top, 2 * width * wanted / cardinality(found)) END;
    END LOOP;
    RETURN QUERY SELECT a.id, a.title, a.published_at FROM articles a WHERE a.id = ANY(found);
END
$fn$"""


def _has_btree_gin() -> bool:
    bind = op.get_bind()
    return bool(bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin'").scalar())


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    if _has_btree_gin():
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        op.execute("DROP INDEX IF EXISTS ix_article_fts_grams")
        op.execute(f"CREATE INDEX ix_article_fts_grams ON article_fts USING gin ({ID_KEY}, grams)")
        # statistics for the new key expression, which the window bound is estimated from (a sample
        # of the table: seconds at a million articles)
        op.execute("ANALYZE article_fts")
    op.execute(SEARCH_CANDIDATES)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS gupress_search_candidates(tsquery, tsquery, integer, integer, text, text)")
    op.execute("DROP INDEX IF EXISTS ix_article_fts_grams")
    op.execute("CREATE INDEX ix_article_fts_grams ON article_fts USING gin (grams)")
