"""tagger version: which district-tagger rules produced an article's districts and segments

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

``articles.tagger_version`` is NULL for rows tagged before versions were recorded; ``gupress retag``
re-derives the districts of every article whose version differs from ``crawler.districts.TAGGER_VERSION``.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD/DROP COLUMN (SQLite >= 3.35 has both): no table rebuild under the views and FTS table
    with op.batch_alter_table("articles", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("tagger_version", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", recreate="never") as batch_op:
        batch_op.drop_column("tagger_version")
