"""crawl state: outlet_state, crawl_leases, backfill_cursors, crawl_run_stats, index on rejected_items.url

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def UTC() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outlet_state",
        sa.Column("outlet_slug", sa.String(length=64), nullable=False),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_status", sa.String(length=32), nullable=True),
        sa.Column("last_run_at", UTC(), nullable=True),
        sa.Column("last_success_at", UTC(), nullable=True),
        sa.Column("last_new_article_at", UTC(), nullable=True),
        sa.Column("updated_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("outlet_slug", name=op.f("pk_outlet_state")),
    )
    op.create_table(
        "crawl_leases",
        sa.Column("outlet_slug", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("acquired_at", UTC(), nullable=False),
        sa.Column("expires_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("outlet_slug", name=op.f("pk_crawl_leases")),
    )
    op.create_table(
        "backfill_cursors",
        sa.Column("outlet_slug", sa.String(length=64), nullable=False),
        sa.Column("entry_point", sa.String(length=1000), nullable=False),
        sa.Column("window", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("page_url", sa.String(length=1000), nullable=False),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC(), nullable=False),
        sa.Column("updated_at", UTC(), nullable=False),
        sa.Column("completed_at", UTC(), nullable=True),
        sa.PrimaryKeyConstraint("outlet_slug", "entry_point", name=op.f("pk_backfill_cursors")),
    )
    op.create_table(
        "crawl_run_stats",
        sa.Column("crawl_run_id", sa.Integer(), nullable=False),
        sa.Column("list_pages", sa.Integer(), nullable=False),
        sa.Column("links_found", sa.Integer(), nullable=False),
        sa.Column("links_skipped", sa.Integer(), nullable=False),
        sa.Column("revisits", sa.Integer(), nullable=False),
        sa.Column("not_modified", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("items_outside_window", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["crawl_run_id"], ["crawl_runs.id"],
                                name=op.f("fk_crawl_run_stats_crawl_run_id_crawl_runs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("crawl_run_id", name=op.f("pk_crawl_run_stats")),
    )
    with op.batch_alter_table("rejected_items", schema=None) as batch_op:
        batch_op.create_index("ix_rejected_items_url", ["url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rejected_items", schema=None) as batch_op:
        batch_op.drop_index("ix_rejected_items_url")
    op.drop_table("crawl_run_stats")
    op.drop_table("backfill_cursors")
    op.drop_table("crawl_leases")
    op.drop_table("outlet_state")
