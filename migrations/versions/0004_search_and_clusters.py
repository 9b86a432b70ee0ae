"""search and clusters: Korean bigram full-text index, MinHash LSH buckets, cluster_overview view

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

The full-text index is dialect-specific: an FTS5 table on SQLite (rowid = article id), a
tsvector column with a GIN index on PostgreSQL. Both hold the same bigram text
(storage/textindex.py) and are filled by the store, or by `gupress reindex` for older rows.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AGG = {"sqlite": "group_concat(DISTINCT o.slug)", "postgresql": "string_agg(DISTINCT o.slug, ',')"}

CLUSTER_VIEW = """
    SELECT a.cluster_id, count(*) AS articles, count(DISTINCT a.outlet_id) AS outlets, {outlets} AS outlet_slugs,
           min(a.published_at) AS first_published_at, max(a.published_at) AS last_published_at,
           (SELECT f.title FROM articles f WHERE f.id = a.cluster_id) AS first_title
      FROM articles a JOIN outlets o ON o.id = a.outlet_id
     WHERE a.cluster_id IS NOT NULL
     GROUP BY a.cluster_id"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "article_minhash_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_minhash_bands_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id", name=op.f("pk_article_minhash_bands")),
    )
    with op.batch_alter_table("article_minhash_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_minhash_bands_article_id"), ["article_id"], unique=False)
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')")
    else:
        op.execute("CREATE TABLE article_fts (article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "
                   "grams tsvector NOT NULL)")
        op.execute("CREATE INDEX ix_article_fts_grams ON article_fts USING gin (grams)")
    op.execute("CREATE VIEW cluster_overview AS " + CLUSTER_VIEW.format(outlets=_AGG.get(dialect, _AGG["postgresql"])))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS cluster_overview")
    op.execute("DROP TABLE IF EXISTS article_fts")
    with op.batch_alter_table("article_minhash_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_minhash_bands_article_id"))
    op.drop_table("article_minhash_bands")
