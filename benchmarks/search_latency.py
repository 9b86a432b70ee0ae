"""Korean full-text search latency and index size on a synthetic archive.

    .venv/bin/python benchmarks/search_latency.py [--articles 5000] [--database-url URL]

Fills a fresh database (default: a temporary SQLite file) with synthetic district press
releases through the real store path (storage.repository.save_article, which also indexes
and clusters), then times `search_articles` for 1-, 2-, 3- and 4-character queries and
prints the figures: insert rate, median/95th-percentile query time, index size (SQLite).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.items import ArticleItem  # noqa: E402
from crawler.korean import KST  # noqa: E402
from crawler.pipelines.dedup import content_hash  # noqa: E402
from storage import repository  # noqa: E402
from storage.db import Database, migrate  # noqa: E402
from storage.search import search_articles  # noqa: E402

DISTRICTS = ["은평구", "강서구", "광진구", "성북구", "금천구", "강남구", "영등포구", "동작구", "관악구", "노원구"]
TOPICS = ["청년 일자리 박람회", "어르신 돌봄 서비스", "1인가구 주거 상담", "침수 취약 가구 물막이판", "적극행정 우수사례",
          "지방자치단체 혁신평가", "공공디자인 공모전", "태교 교실", "한파 안심 콜", "스마트 횡단보도"]
WORDS = ("주민 구청 지원 운영 사업 계획 참여 확대 추진 센터 프로그램 정책 행정 안전 복지 교육 문화 환경 교통 "
         "개최 선정 협약 대상 신청 접수 홈페이지 관계자 말했다 밝혔다 예정 올해 지역 시설 개선").split()


def synthetic_item(n: int, rng: random.Random) -> ArticleItem:
    district, topic = rng.choice(DISTRICTS), rng.choice(TOPICS)
    sentences = [f"{district}가 {topic} 사업을 추진한다고 밝혔다."]
    sentences += [" ".join(rng.choices(WORDS, k=14)) + "." for _ in range(12)]
    item = ArticleItem(outlet="bench", url=f"https://bench.example/{n}", canonical_url=f"https://bench.example/{n}",
                       outlet_article_id=str(n), title=f"{district}, {topic} 추진 #{n}",
                       published_at=datetime(2026, 1, 1, tzinfo=KST) + timedelta(minutes=n),
                       body="\n\n".join(sentences))
    item.content_hash = content_hash(item)
    return item


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(1000 * (time.perf_counter() - started))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    db = Database(url)
    migrate(db)
    rng = random.Random(7)
    started = time.perf_counter()
    for n in range(args.articles):
        repository.save_article(db, synthetic_item(n, rng))
    insert_seconds = time.perf_counter() - started
    print(f"stored {args.articles} articles in {insert_seconds:.1f}s ({args.articles / insert_seconds:.0f}/s, "
          f"incl. bigram index + MinHash) on {db.dialect}")
    for query in ("구", "청년", "물막이", "혁신평가", "청년 박람회"):
        hits = len(search_articles(db, query, limit=20))
        times = timed(lambda q=query: search_articles(db, q, limit=20), repeat=15)
        print(f"query {query!r:<14} median {statistics.median(times):7.1f} ms  p95 "
              f"{sorted(times)[int(0.95 * len(times)) - 1]:7.1f} ms  ({hits} shown)")
    if db.dialect == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        print(f"database file {path.stat().st_size / 1e6:.1f} MB")
    db.dispose()


if __name__ == "__main__":
    main()
