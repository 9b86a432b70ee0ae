"""districts: gazetteer mirror, article_districts, article_segments, researcher views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The views differ only in how they aggregate strings and shift UTC to KST, which
# SQLite and PostgreSQL spell differently.
_AGG = {"sqlite": "group_concat({expr}, ', ')", "postgresql": "string_agg({expr}, ', ' ORDER BY {expr})"}
_KST = {
    "sqlite": "strftime('%Y-%m-%dT%H:%M:%S+09:00', {col}, '+9 hours')",
    "postgresql": "to_char({col} AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+09:00\"')",
}


def _views(dialect: str) -> dict[str, str]:
    agg = _AGG.get(dialect, _AGG["postgresql"])
    kst = _KST.get(dialect, _KST["postgresql"])
    primary_names = agg.format(expr="d.city || ' ' || d.name")
    return {
        "article_overview": f"""
            SELECT a.id AS article_id, o.slug AS outlet, o.name AS outlet_name, a.canonical_url,
                   a.outlet_article_id, a.title, a.subtitle, a.reporter, a.reporter_email,
                   {kst.format(col="a.published_at")} AS published_kst, a.published_at, a.updated_at,
                   a.is_roundup, a.revision_count, a.first_seen_at, a.last_changed_at,
                   (SELECT {primary_names} FROM article_districts ad JOIN districts d ON d.code = ad.district_code
                     WHERE ad.article_id = a.id AND ad.role = 'primary') AS primary_districts,
                   a.body
              FROM articles a JOIN outlets o ON o.id = a.outlet_id""",
        "article_district_names": f"""
            SELECT ad.article_id, ad.district_code, d.name AS district_name, d.city, d.name_en AS district_name_en,
                   ad.role, ad.mention_count, a.title, {kst.format(col="a.published_at")} AS published_kst,
                   a.published_at, o.slug AS outlet
              FROM article_districts ad
              JOIN districts d ON d.code = ad.district_code
              JOIN articles a ON a.id = ad.article_id
              JOIN outlets o ON o.id = a.outlet_id""",
        "segment_overview": f"""
            SELECT s.article_id, s.seq, s.district_code, d.name AS district_name, d.city, a.title,
                   {kst.format(col="a.published_at")} AS published_kst, a.published_at, o.slug AS outlet, s.text
              FROM article_segments s
              JOIN districts d ON d.code = s.district_code
              JOIN articles a ON a.id = s.article_id
              JOIN outlets o ON o.id = a.outlet_id""",
    }


def upgrade() -> None:
    op.create_table(
        "districts",
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=50), nullable=False),
        sa.Column("city_en", sa.String(length=100), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_districts")),
    )
    op.create_table(
        "article_districts",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=5), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_districts_article_id_articles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["district_code"], ["districts.code"], name=op.f("fk_article_districts_district_code_districts")),
        sa.PrimaryKeyConstraint("article_id", "district_code", name=op.f("pk_article_districts")),
    )
    with op.batch_alter_table("article_districts", schema=None) as batch_op:
        batch_op.create_index("ix_article_districts_code_role", ["district_code", "role"], unique=False)
    op.create_table(
        "article_segments",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=5), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_segments_article_id_articles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["district_code"], ["districts.code"], name=op.f("fk_article_segments_district_code_districts")),
        sa.PrimaryKeyConstraint("article_id", "seq", name=op.f("pk_article_segments")),
    )
    with op.batch_alter_table("article_segments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_segments_district_code"), ["district_code"], unique=False)
    for name, body in _views(op.get_bind().dialect.name).items():
        op.execute(f"CREATE VIEW {name} AS {body}")


def downgrade() -> None:
    for name in _views(op.get_bind().dialect.name):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("article_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_segments_district_code"))
    op.drop_table("article_segments")
    with op.batch_alter_table("article_districts", schema=None) as batch_op:
        batch_op.drop_index("ix_article_districts_code_role")
    op.drop_table("article_districts")
    op.drop_table("districts")
