"""Distributed backfill throughput: 1 worker against 3 workers on one loopback site, PostgreSQL.

    .venv/bin/python -m benchmarks --only backfill_workers

Two conditions, because they answer different questions: pages served at once (the
workers' CPU is the limit: on a 2-core box three workers cannot be three times faster), and
pages served after 200 ms each (a slow or distant site: waiting is the limit, and workers
add parallel connections). Politeness towards one real outlet caps the second case: the
README's sizing section works that out.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

from benchmarks.figure import Figure

#: Six worker processes and two PostgreSQL archives: full runs only.
IN_QUICK = False

REDIS_URL = "redis://127.0.0.1:6379/0"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def run(quick: bool) -> list[Figure]:
    size = 60 if quick else 240
    figures = []
    for latency in (0.0, 0.2):
        one = _articles_per_second(size, workers=1, latency=latency)
        three = _articles_per_second(size, workers=3, latency=latency)
        label = "pages served at once" if not latency else f"pages served after {latency * 1000:.0f} ms"
        figures.append(Figure(f"distributed backfill, 3 workers ({label})", three, "articles/s",
                              reference="same backfill, 1 worker", reference_value=one, target="(sizing)",
                              archive_size=size))
    return figures


def _articles_per_second(size: int, *, workers: int, latency: float) -> float:
    from tests.ops_support import SyntheticOutlet, ops_env
    from tests.support import FAST

    database, url = _fresh_database()
    prefix = f"gupress-bench-{uuid.uuid4().hex[:8]}"
    try:
        with SyntheticOutlet.build(size, per_page=20) as outlet:
            if latency:
                for article in outlet.articles:
                    outlet.site.hang(article.url, latency)
            env = ops_env(url, outlet, GUPRESS_QUEUE_PREFIX=prefix, GUPRESS_WORKER_HEARTBEAT_TTL="3")
            _cli(env, "migrate")
            _cli(env, "backfill", "--outlet", "asiae", "--queue", REDIS_URL)
            started = time.perf_counter()
            processes = [subprocess.Popen([sys.executable, "-m", "crawler.cli", "worker", "--queue", REDIS_URL,
                                           "--log-level", "WARNING", *FAST], env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL) for _ in range(workers)]
            for process in processes:
                if process.wait(timeout=900) != 0:
                    raise RuntimeError("a benchmark worker failed")
            return size / (time.perf_counter() - started)
    finally:
        _drop(database)
        _forget(prefix)


def _cli(env, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "crawler.cli", *args], env=env, check=True, capture_output=True)


def _fresh_database() -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    name = f"gupress_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return name, PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def _drop(name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _forget(prefix: str) -> None:
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    names = list(server.scan_iter(match=f"{prefix}:*"))
    if names:
        server.delete(*names)


if __name__ == "__main__":
    for figure in run(quick="--quick" in sys.argv):
        print(f"{figure.name}: {figure.value:.1f} {figure.unit}; reference {figure.reference_value:.1f}; "
              f"ratio {figure.ratio:.2f}")
