"""retry ledger: article URLs whose fetch or store failed, retried by later runs with backoff

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def UTC() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "retry_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_slug", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", UTC(), nullable=False),
        sa.Column("last_failed_at", UTC(), nullable=False),
        sa.Column("next_try_at", UTC(), nullable=True),
        sa.Column("gave_up_at", UTC(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retry_ledger")),
        sa.UniqueConstraint("outlet_slug", "url", name="uq_retry_ledger_outlet_url"),
    )
    with op.batch_alter_table("retry_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_retry_ledger_outlet_next_try", ["outlet_slug", "next_try_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("retry_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_retry_ledger_outlet_next_try")
    op.drop_table("retry_ledger")
