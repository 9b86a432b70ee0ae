"""Many synthetic articles fast: Core ``executemany`` inserts, bypassing the store (no search
index, no clusters), for tests that need volume rather than realistic text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, select

from storage.models import Article, ArticleDistrict, Outlet

CHUNK = 5000
BODY = "구는 청년 1인가구를 위한 주거 상담을 매주 화요일 구청에서 연다. 전월세 계약과 보증금 보호 방법을 안내한다. " * 2


def insert_articles(db, count: int, *, start: datetime, step: timedelta = timedelta(minutes=1),
                    outlet: str = "bulk", district: str = "11380", first_no: int = 0) -> None:
    """``count`` articles of one outlet, published ``step`` apart from ``start``, each tagged with
    ``district`` as primary. Numbered from ``first_no`` (URLs and outlet ids stay unique)."""
    with db.session() as session:
        outlet_id = session.scalar(select(Outlet.id).where(Outlet.slug == outlet))
        if outlet_id is None:
            outlet_id = session.scalar(insert(Outlet).values(slug=outlet, name=outlet).returning(Outlet.id))
    now = datetime.now(timezone.utc)
    for offset in range(0, count, CHUNK):
        numbers = range(first_no + offset, first_no + min(offset + CHUNK, count))
        rows = [{"outlet_id": outlet_id, "canonical_url": f"https://{outlet}.example/{n}", "outlet_article_id": str(n),
                 "title": f"은평구 소식 {n}", "published_at": start + step * (n - first_no), "body": f"{n}번 {BODY}",
                 "content_hash": f"{n:064d}", "is_roundup": False, "extraction": {}, "revision_count": 1,
                 "first_seen_at": now, "last_seen_at": now, "last_changed_at": now} for n in numbers]
        with db.session() as session:
            ids = session.scalars(insert(Article).returning(Article.id), rows).all()
            session.execute(insert(ArticleDistrict), [{"article_id": i, "district_code": district, "role": "primary",
                                                       "mention_count": 1} for i in ids])
