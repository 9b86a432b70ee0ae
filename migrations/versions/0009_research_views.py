"""research views: article_overview with cluster and KST day/month, cluster_overview with districts and a
deterministic representative, district tags kept with each revision

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

``article_revisions.districts`` (JSON list of ``{code, role, mention_count}``) keeps the tags the tagger
gave that version of the text; revisions stored before this revision get theirs from today's tagger
(storage/derived.py, step ``revision_districts``). The views are dropped and recreated whole: a view
cannot gain a column in place on SQLite.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KST = {
    "sqlite": "strftime('{fmt}', {col}, '+9 hours')",
    "postgresql": "to_char({col} AT TIME ZONE 'Asia/Seoul', '{fmt}')",
}
_FORMATS = {
    "sqlite": {"iso": "%Y-%m-%dT%H:%M:%S+09:00", "day": "%Y-%m-%d", "month": "%Y-%m"},
    "postgresql": {"iso": 'YYYY-MM-DD"T"HH24:MI:SS"+09:00"', "day": "YYYY-MM-DD", "month": "YYYY-MM"},
}


def _kst(dialect: str, col: str, fmt: str) -> str:
    dialect = dialect if dialect in _KST else "postgresql"
    return _KST[dialect].format(col=col, fmt=_FORMATS[dialect][fmt])


def _sorted_distinct(dialect: str, expr: str, source: str, sep: str = ", ") -> str:
    """A scalar subquery: the distinct values of ``expr`` over ``source`` (FROM … WHERE …), sorted and
    joined, so the same archive always prints the same string whatever the insertion order."""
    if dialect == "sqlite":
        return f"(SELECT group_concat(v, '{sep}') FROM (SELECT DISTINCT {expr} AS v {source} ORDER BY 1))"
    return f"(SELECT string_agg(DISTINCT {expr}, '{sep}' ORDER BY {expr}) {source})"


def _article_overview(dialect: str) -> str:
    primary = _sorted_distinct(dialect, "d.city || ' ' || d.name",
                               "FROM article_districts ad JOIN districts d ON d.code = ad.district_code "
                               "WHERE ad.article_id = a.id AND ad.role = 'primary'")
    return f"""
        SELECT a.id AS article_id, o.slug AS outlet, o.name AS outlet_name, a.canonical_url,
               a.outlet_article_id, a.title, a.subtitle, a.reporter, a.reporter_email,
               {_kst(dialect, "a.published_at", "iso")} AS published_kst,
               {_kst(dialect, "a.published_at", "day")} AS published_date_kst,
               {_kst(dialect, "a.published_at", "month")} AS published_month_kst,
               a.published_at, a.updated_at, a.cluster_id,
               a.is_roundup, a.revision_count, a.first_seen_at, a.last_changed_at,
               {primary} AS primary_districts,
               a.body
          FROM articles a JOIN outlets o ON o.id = a.outlet_id"""


def _cluster_overview(dialect: str) -> str:
    members = "FROM articles m {join} WHERE m.cluster_id = c.cluster_id"
    slugs = _sorted_distinct(dialect, "o.slug", members.format(join="JOIN outlets o ON o.id = m.outlet_id"), ",")
    in_districts = members.format(join="JOIN article_districts ad ON ad.article_id = m.id AND ad.role = 'primary' "
                                       "JOIN districts d ON d.code = ad.district_code")
    names = _sorted_distinct(dialect, "d.city || ' ' || d.name", in_districts)
    codes = _sorted_distinct(dialect, "d.code", in_districts, ",")
    representative = ("(SELECT r.{col} FROM articles r WHERE r.cluster_id = c.cluster_id "
                      "ORDER BY r.published_at, r.id LIMIT 1)")
    return f"""
        SELECT c.cluster_id, c.articles, c.outlets, {slugs} AS outlet_slugs,
               {names} AS districts, {codes} AS district_codes,
               c.first_published_at, {_kst(dialect, "c.first_published_at", "iso")} AS first_published_kst,
               c.last_published_at,
               {representative.format(col="id")} AS representative_id,
               {representative.format(col="title")} AS representative_title,
               {representative.format(col="title")} AS first_title
          FROM (SELECT a.cluster_id, count(*) AS articles, count(DISTINCT a.outlet_id) AS outlets,
                       min(a.published_at) AS first_published_at, max(a.published_at) AS last_published_at
                  FROM articles a WHERE a.cluster_id IS NOT NULL GROUP BY a.cluster_id) c"""


# The views as revisions 0002 and 0004 created them, restored by downgrade.
_OLD_AGG = {"sqlite": "group_concat({expr}, ', ')", "postgresql": "string_agg({expr}, ', ' ORDER BY {expr})"}
_OLD_SLUGS = {"sqlite": "group_concat(DISTINCT o.slug)", "postgresql": "string_agg(DISTINCT o.slug, ',')"}


def _old_views(dialect: str) -> dict[str, str]:
    agg = _OLD_AGG.get(dialect, _OLD_AGG["postgresql"]).format(expr="d.city || ' ' || d.name")
    return {
        "article_overview": f"""
            SELECT a.id AS article_id, o.slug AS outlet, o.name AS outlet_name, a.canonical_url,
                   a.outlet_article_id, a.title, a.subtitle, a.reporter, a.reporter_email,
                   {_kst(dialect, "a.published_at", "iso")} AS published_kst, a.published_at, a.updated_at,
                   a.is_roundup, a.revision_count, a.first_seen_at, a.last_changed_at,
                   (SELECT {agg} FROM article_districts ad JOIN districts d ON d.code = ad.district_code
                     WHERE ad.article_id = a.id AND ad.role = 'primary') AS primary_districts,
                   a.body
              FROM articles a JOIN outlets o ON o.id = a.outlet_id""",
        "cluster_overview": f"""
            SELECT a.cluster_id, count(*) AS articles, count(DISTINCT a.outlet_id) AS outlets,
                   {_OLD_SLUGS.get(dialect, _OLD_SLUGS["postgresql"])} AS outlet_slugs,
                   min(a.published_at) AS first_published_at, max(a.published_at) AS last_published_at,
                   (SELECT f.title FROM articles f WHERE f.id = a.cluster_id) AS first_title
              FROM articles a JOIN outlets o ON o.id = a.outlet_id
             WHERE a.cluster_id IS NOT NULL
             GROUP BY a.cluster_id""",
    }


def _replace_views(views: dict[str, str]) -> None:
    for name, body in views.items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {body}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # plain ADD COLUMN: no table rebuild under the views
    with op.batch_alter_table("article_revisions", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("districts", sa.JSON(), nullable=True))
    _replace_views({"article_overview": _article_overview(dialect), "cluster_overview": _cluster_overview(dialect)})


def downgrade() -> None:
    _replace_views(_old_views(op.get_bind().dialect.name))
    with op.batch_alter_table("article_revisions", recreate="never") as batch_op:
        batch_op.drop_column("districts")
