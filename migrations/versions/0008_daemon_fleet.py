"""daemon fleet: daemons (heartbeats), crawl_dispatch (due outlets claimed by one daemon),
crawl_runs.daemon_id (which daemon ran a crawl)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Several ``gupress daemon`` processes on one PostgreSQL share the scheduled crawls: the
leader marks an outlet due in ``crawl_dispatch``, one daemon claims it, and ``daemons``
holds each daemon's heartbeat so the others can take back the claims of a dead one.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def UTC() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "daemons",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("hostname", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC(), nullable=False),
        sa.Column("heartbeat_at", UTC(), nullable=False),
        sa.Column("stopped_at", UTC(), nullable=True),
        sa.Column("concurrency", sa.Integer(), nullable=False),
        sa.Column("running", sa.Integer(), nullable=False),
        sa.Column("leader", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daemons")),
    )
    op.create_table(
        "crawl_dispatch",
        sa.Column("outlet_slug", sa.String(length=64), nullable=False),
        sa.Column("due_at", UTC(), nullable=True),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", UTC(), nullable=True),
        sa.PrimaryKeyConstraint("outlet_slug", name=op.f("pk_crawl_dispatch")),
    )
    # plain ADD/DROP COLUMN (SQLite >= 3.35 has both): no table rebuild under the views
    with op.batch_alter_table("crawl_runs", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("daemon_id", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs", recreate="never") as batch_op:
        batch_op.drop_column("daemon_id")
    op.drop_table("crawl_dispatch")
    op.drop_table("daemons")
