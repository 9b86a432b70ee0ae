"""Near-duplicate cost per stored article as the archive grows (issue 10: 1M within 1.5× of 10k).

    .venv/bin/python -m benchmarks.clusters [--quick] [--sizes 10000,100000]

An archive grows in time, not in density: a few hundred district releases a day, for years.
The archive builder (bulk path: plain executemany, no store logic) fills ``articles``,
``article_signatures`` and ``article_lsh_buckets`` with N articles at a constant number per
day, so 10k and 100k archives differ in how many days they cover. Bodies and their real
signatures come from a pool of generated releases larger than the window holds, so an
article's window contains no copy of itself. Then the same new articles, published on the
archive's last days (a fifth of them rewrites of archived ones, which must join their
clusters), go through the real store path; the figure is milliseconds per stored article,
against the same at the smallest size. (The builder leaves the search index of archived
rows empty, and bodies older than ``RECENT_DAYS`` a placeholder: neither is read by the
cluster path.)
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.figure import Figure
from crawler.korean import KST
from crawler.pipelines.dedup import content_hash
from benchmarks.store_corpus import article_items, throwaway_database
from storage import repository
from storage.article_store import save_articles
from storage.clusters import day_number
from storage.db import Database, migrate
from storage.models import Article, ArticleLshBucket, ArticleSignature
from storage.textindex import bands, shingles, signature_of

START = datetime(2020, 1, 1, 9, 0, tzinfo=KST)
BULK_ROWS = 5000
#: Archived bodies older than this are a placeholder: the cluster path reads bodies only of
#: candidates inside the ±7-day window (their signatures and buckets are all real), and 1M real
#: bodies would be 3 GB to write for nothing.
RECENT_DAYS = 10


def pool(size: int) -> list[tuple[str, bytes, int, list[int]]]:
    """(body, signature bytes, shingle count, buckets) of ``size`` generated releases."""
    out = []
    for item in article_items(size, seed=11, outlet="pool"):
        hashes = shingles(item.body)
        signature = signature_of(hashes)
        if signature is not None:
            out.append((item.body, signature.astype("<u4").tobytes(), len(hashes), sorted(set(bands(signature)))))
    return out


def build_archive(db: Database, size: int, per_day: int, bodies) -> datetime:
    """``size`` articles, ``per_day`` a day, through plain executemany; returns the last moment."""
    outlet_id = repository.ensure_outlet(db, slug="archive", name="archive")
    step = timedelta(days=1) / per_day
    recent = size - RECENT_DAYS * per_day
    for start in range(0, size, BULK_ROWS):
        numbers = range(start, min(start + BULK_ROWS, size))
        with db.session() as session:
            rows = [{"id": n + 1, "outlet_id": outlet_id, "canonical_url": f"https://archive.example/{n}",
                     "title": f"보도자료 {n}", "body": bodies[n % len(bodies)][0] if n >= recent else "(본문 생략)",
                     "content_hash": f"{n:064d}",
                     "published_at": START + step * n, "revision_count": 1} for n in numbers]
            session.execute(insert(Article.__table__), rows)
            session.execute(insert(ArticleSignature.__table__), [
                {"article_id": n + 1, "signature": bodies[n % len(bodies)][1],
                 "shingle_count": bodies[n % len(bodies)][2]} for n in numbers])
            session.execute(insert(ArticleLshBucket.__table__), [
                {"bucket": b, "day": day_number(START + step * n), "article_id": n + 1}
                for n in numbers for b in bodies[n % len(bodies)][3]])
    if db.dialect == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("SELECT setval('articles_id_seq', :n)"), {"n": size})
            connection.execute(text("ANALYZE"))
    return START + step * (size - 1)


def new_articles(count: int, last: datetime, per_day: int, bodies, size: int) -> list:
    """Fresh releases on the archive's last two days; a fifth rewrite an archived one of the window."""
    rng = random.Random(5)
    items = article_items(count, seed=23, outlet="fresh")
    recent = [bodies[n % len(bodies)][0] for n in range(max(size - 5 * per_day, 0), size)]
    for number, item in enumerate(items):
        item.published_at = last - timedelta(days=2) * rng.random()
        if number % 5 == 0 and recent:
            original = rng.choice(recent)
            item.body = "[새뉴스=기자] " + original[: int(len(original) * 0.8)]
        item.content_hash = content_hash(item)
    return items


def per_article_ms(backend: str, folder: Path, size: int, per_day: int, bodies, count: int) -> tuple[float, int]:
    with throwaway_database(backend, folder) as url:
        db = Database(url)
        migrate(db)
        last = build_archive(db, size, per_day, bodies)
        items = new_articles(count, last, per_day, bodies, size)
        started = time.perf_counter()
        for start in range(0, len(items), 50):
            save_articles(db, items[start:start + 50])
        elapsed = time.perf_counter() - started
        with db.session() as session:
            joined = session.scalar(text("SELECT count(*) FROM articles WHERE cluster_id IS NOT NULL AND id > :n"),
                                    {"n": size})
        db.dispose()
    return 1000 * elapsed / count, joined


def run(quick: bool = False, sizes: tuple[int, ...] | None = None, backend: str = "sqlite") -> list[Figure]:
    sizes = sizes or ((10_000, 30_000) if quick else (10_000, 100_000))
    per_day = 100 if quick else 300
    count = 100 if quick else 400
    bodies = pool(per_day * 20)
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        measured = [(size, *per_article_ms(backend, Path(folder), size, per_day, bodies, count)) for size in sizes]
    base_size, base_ms, _joined = measured[0]
    for size, ms, joined in measured[1:]:
        figures.append(Figure(name=f"near-dup store cost per article, {backend}", value=ms, unit="ms/article",
                              reference=f"same at {base_size:,} archived", reference_value=base_ms,
                              target="cost within 1.5x (ratio >= 0.67)", archive_size=size, higher_is_better=False,
                              note=f"{per_day}/day; {joined}/{count} new articles clustered"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", help="comma-separated archive sizes, smallest first")
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else None
    for figure in run(args.quick, sizes, args.backend):
        print(f"{figure.name:<44} {figure.value:7.2f} {figure.unit} at {figure.archive_size:,}; "
              f"{figure.reference}: {figure.reference_value:.2f}  ratio {figure.ratio:.2f}  ({figure.note})")


if __name__ == "__main__":
    main()
