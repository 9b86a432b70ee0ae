"""signatures and day-bounded LSH buckets: near-duplicate look-ups that stay flat as the archive grows

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

``article_signatures`` keeps each body's 128-value MinHash signature (computed once, when the body
is stored); ``article_lsh_buckets`` replaces ``article_minhash_bands`` with one row per (bucket, day,
article), so the candidate query reads only the index range of the cluster window. The new hash
family makes old buckets meaningless: both tables start empty here and ``storage.derived``
(REBUILD_AFTER["0007"]) rebuilds the search index, signatures, buckets and clusters of every
article in the same migrate transaction.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _drop_minhash_bands()
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("shingle_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_signatures_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_signatures")),
    )
    op.create_table(
        "article_lsh_buckets",
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_lsh_buckets_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bucket", "day", "article_id", name=op.f("pk_article_lsh_buckets")),
    )
    op.create_index(op.f("ix_article_lsh_buckets_article_id"), "article_lsh_buckets", ["article_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_article_lsh_buckets_article_id"), table_name="article_lsh_buckets")
    op.drop_table("article_lsh_buckets")
    op.drop_table("article_signatures")
    op.create_table(  # as 0004 made it; empty (0006's code refills it with `gupress reindex`)
        "article_minhash_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_minhash_bands_article_id_articles"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id", name=op.f("pk_article_minhash_bands")),
    )
    op.create_index(op.f("ix_article_minhash_bands_article_id"), "article_minhash_bands", ["article_id"], unique=False)


def _drop_minhash_bands() -> None:
    op.drop_index(op.f("ix_article_minhash_bands_article_id"), table_name="article_minhash_bands")
    op.drop_table("article_minhash_bands")
