"""Realistic articles for the store and cluster benchmarks, and throwaway databases to put them in.

Bodies are 2–4k characters of real district press-release Korean: sentences of the seed texts
(../shared/seeds, the test fixtures' expected bodies) shuffled per article, with one in five
articles a rewrite of an earlier one (another outlet's byline, a trimmed ending), so that the
near-duplicate path does real work. Each carries one or two district tags and, like a crawl, the
page bytes (a real fixture page with the body in it, ~8–12 KB).
"""

from __future__ import annotations

import json
import random
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from crawler.config import development_setting
from crawler.items import ArticleItem
from crawler.korean import KST
from crawler.pipelines.dedup import content_hash

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
PG_ADMIN_URL = development_setting("GUPRESS_BENCH_PG_ADMIN_URL")
#: Seoul districts (codes of crawler/districts/gazetteer.csv).
DISTRICT_CODES = ["11110", "11140", "11170", "11200", "11215", "11230", "11260", "11290", "11305", "11320",
                  "11350", "11380", "11410", "11440", "11470", "11500", "11530", "11545", "11560", "11590"]
REWRITE_SHARE = 0.2


def _sentences() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    for path in sorted((REPO / "tests" / "fixtures").glob("*/*.expected.json")):
        try:
            texts.append(json.loads(path.read_text(encoding="utf-8")).get("body") or "")
        except (ValueError, AttributeError):
            continue
    found = [s.strip() for text in texts for s in re.split(r"(?<=[.다])\s+", text) if len(s.strip()) >= 25]
    return sorted(set(found))


SENTENCES = _sentences()
VOCABULARY = sorted({word for sentence in SENTENCES for word in sentence.split() if len(word) >= 2})
#: Share of a sentence's words swapped for others of the corpus: unrelated articles then share
#: phrases and boilerplate, as real releases do, but few 5-character shingles.
WORD_SWAP = 0.4
PAGE = (REPO / "tests" / "fixtures" / "herald" / "article-10683244.html").read_bytes()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY) if rng.random() < WORD_SWAP else word for word in rng.choice(SENTENCES).split()]
    return re.sub(r"\d+", lambda _m: str(rng.randint(1, 2026)), " ".join(words))


def _body(rng: random.Random) -> str:
    out: list[str] = []
    target = rng.randint(2000, 4000)
    while sum(len(s) for s in out) < target:
        out.append(_sentence(rng))
    return "\n\n".join(out)


def article_items(count: int, *, seed: int = 7, start: int = 0, outlet: str = "bench",
                  days: float = 365.0) -> list[ArticleItem]:
    """``count`` items numbered from ``start``, published over ``days`` days from 2025-01-01."""
    rng = random.Random(seed * 1_000_003 + start)
    items: list[ArticleItem] = []
    step = timedelta(days=days) / max(count + start, 1)
    for n in range(start, start + count):
        if items and rng.random() < REWRITE_SHARE:
            original = rng.choice(items[-50:])
            body = "[벤치뉴스=기자] " + original.body[: int(len(original.body) * rng.uniform(0.6, 0.95))]
        else:
            body = _body(rng)
        codes = rng.sample(DISTRICT_CODES, rng.choice((1, 1, 2)))
        item = ArticleItem(outlet=outlet, outlet_name="벤치마크", url=f"https://{outlet}.example/{n}",
                           canonical_url=f"https://{outlet}.example/{n}", outlet_article_id=str(n),
                           title=body[:40].replace("\n", " "), reporter="기자",
                           published_at=datetime(2025, 1, 1, tzinfo=KST) + step * n, body=body,
                           districts=[{"code": code, "role": "primary" if i == 0 else "mentioned", "mention_count": 2}
                                      for i, code in enumerate(codes)],
                           raw_html=PAGE.replace(b"</body>", body.encode() + b"</body>"), http_status=200,
                           encoding="utf-8")
        item.content_hash = content_hash(item)
        items.append(item)
    return items


@contextmanager
def throwaway_database(backend: str, folder: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"
        return
    from sqlalchemy import create_engine, text

    name = f"gupress_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
