"""research SQL: gupress_match() for Korean search in plain SQL, the article_facets view, and the
schema's descriptions as PostgreSQL comments

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

``gupress_match(query)`` turns what a person types into the bigram index's match expression
(storage/textindex.py): on PostgreSQL a PL/pgSQL function created here, giving ``to_tsquery``
text; on SQLite the same function is registered by every connection gupress opens
(storage/db.py) and by the Datasette plugin (storage/datasette_plugin.py), giving FTS5 MATCH
text. The descriptions of every table, view and column (storage/schema_docs.py) become
``COMMENT ON`` here, so ``\\d+`` in psql explains the archive. Every statement is idempotent
(CREATE OR REPLACE, COMMENT ON), so re-running the upgrade changes nothing.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: storage.textindex.WORD and HANGUL_OR_HANJA, in PostgreSQL's regular-expression syntax.
_WORD = r"[0-9A-Za-z]+|[\uac00-\ud7a3]+|[\u3131-\u318e]+|[\u4e00-\u9fff]+"
_HANGUL_OR_HANJA = r"^[\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff]"

MATCH_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION gupress_match(query text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
    phrases text[] := '{{}}';
    tokens text[];
    word text;
    piece text;
    i integer;
BEGIN
    FOREACH word IN ARRAY regexp_split_to_array(btrim(normalize(query, NFC)), '\\s+') LOOP
        tokens := '{{}}';
        FOR piece IN SELECT m[1] FROM regexp_matches(word, '({_WORD})', 'g') AS m LOOP
            IF piece ~ '{_HANGUL_OR_HANJA}' AND char_length(piece) > 1 THEN
                FOR i IN 1 .. char_length(piece) - 1 LOOP
                    tokens := tokens || substr(piece, i, 2);
                END LOOP;
            ELSIF piece ~ '{_HANGUL_OR_HANJA}' THEN
                tokens := tokens || piece;
            ELSE
                tokens := tokens || lower(piece);
            END IF;
        END LOOP;
        IF cardinality(tokens) > 0 THEN
            phrases := phrases || ('(' || array_to_string(tokens, ' <-> ') || ')');
        END IF;
    END LOOP;
    RETURN array_to_string(phrases, ' & ');
END
$fn$"""

TSQUERY_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION gupress_tsquery(query text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT to_tsquery('simple', gupress_match(query)) $fn$"""


_MONTH = {"sqlite": "strftime('%Y-%m', {col}, '+9 hours')",
          "postgresql": "to_char({col} AT TIME ZONE 'Asia/Seoul', 'YYYY-MM')"}

#: One row per (article, primary district), for browsing by facets (Datasette: outlet, district,
#: month); an article with no primary district has one row with NULL district columns.
ARTICLE_FACETS = """
    SELECT a.id AS article_id, o.slug AS outlet, ad.district_code, d.name AS district_name, d.city,
           {month} AS month, a.published_at, a.title, a.cluster_id, a.is_roundup, a.revision_count
      FROM articles a
      JOIN outlets o ON o.id = a.outlet_id
      LEFT JOIN article_districts ad ON ad.article_id = a.id AND ad.role = 'primary'
      LEFT JOIN districts d ON d.code = ad.district_code"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    month = _MONTH.get(dialect, _MONTH["postgresql"]).format(col="a.published_at")
    op.execute("DROP VIEW IF EXISTS article_facets")
    op.execute("CREATE VIEW article_facets AS " + ARTICLE_FACETS.format(month=month))
    if dialect != "postgresql":
        return
    op.execute(MATCH_FUNCTION_SQL)
    op.execute(TSQUERY_FUNCTION_SQL)
    from storage.schema_docs import postgres_comments

    for statement in postgres_comments(op.get_bind()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from storage.schema_docs import postgres_comments

        for statement in postgres_comments(op.get_bind(), clear=True):
            op.execute(statement)
    op.execute("DROP VIEW IF EXISTS article_facets")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS gupress_tsquery(text)")
        op.execute("DROP FUNCTION IF EXISTS gupress_match(text)")
