#!/usr/bin/env python3
"""What a no-change recrawl costs at several archive sizes.

For each size N a synthetic Asia Economy with N articles (10 per list page) is served on
127.0.0.1 and archived by a first ``gupress crawl --max-pages`` that walks every page; then
a second, incremental ``gupress crawl`` runs while nothing on the site changed. Printed per
size: requests of that recrawl (robots.txt included), list pages and articles among them,
its wall time, and the rows it stored. The incremental walk stops at the first list page
whose articles are all archived and not due, and a list page costs one indexed archive
query, so the requests must stay flat as N grows and the time nearly so.

Usage: .venv/bin/python benchmarks/recrawl_cost.py [SIZE ...]   (default 50 200 800)
       GUPRESS_BENCH_DATABASE_URL=postgresql+psycopg://... to use a PostgreSQL database
       (it must be empty; the benchmark does not drop anything).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.ops_support import SyntheticOutlet, counts, latest_run, ops_env  # noqa: E402
from tests.support import FAST, gupress  # noqa: E402


def measure(size: int, database_url: str) -> dict[str, float]:
    with SyntheticOutlet.build(size) as outlet:
        env = ops_env(database_url, outlet)
        started = time.monotonic()
        first = gupress("crawl", "asiae", *FAST, "--max-pages", str(size // 10 + 2),
                        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "--log-level", "WARNING", env=env, timeout=1800)
        build_seconds = time.monotonic() - started
        if first.returncode != 0 or counts(database_url)["articles"] != size:
            raise SystemExit(f"first crawl of {size} articles failed:\n{first.stdout}\n{first.stderr[-2000:]}")
        outlet.site.requests.clear()
        started = time.monotonic()
        second = gupress("crawl", "asiae", *FAST, "--log-level", "WARNING", env=env, timeout=600)
        seconds = time.monotonic() - started
        if second.returncode != 0:
            raise SystemExit(f"recrawl failed:\n{second.stderr[-2000:]}")
        paths = outlet.site.requested()
        run = latest_run(database_url)
    return {"size": size, "build_s": build_seconds, "requests": len(paths),
            "list": sum(p.startswith("/list") for p in paths), "articles": sum(p.startswith("/article") for p in paths),
            "seconds": seconds, "stored": run.items_new + run.items_revised}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[50, 200, 800], metavar="SIZE",
                        help="archive sizes to measure (default: 50 200 800)")
    sizes = parser.parse_args(argv).sizes
    print(f"{'archive':>8} {'build s':>8} {'requests':>9} {'list':>5} {'article':>8} {'recrawl s':>10} {'stored':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            url = os.environ.get("GUPRESS_BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench-{size}.db"
            r = measure(size, url)
            print(f"{r['size']:>8} {r['build_s']:>8.1f} {r['requests']:>9} {r['list']:>5} {r['articles']:>8} "
                  f"{r['seconds']:>10.2f} {r['stored']:>7}", flush=True)
            if os.environ.get("GUPRESS_BENCH_DATABASE_URL"):
                break  # one database, one size
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
