"""gupress demo: crawl a bundled sample site on 127.0.0.1 into a fresh SQLite file.

No internet needed: each outlet's sample pages (``tests/fixtures/<outlet>/site.json``;
hand-written after the markup ../shared/outlets.md describes, not captured from the outlets)
are served locally and reached through the host map, so the real spiders, pipelines and
storage run on them exactly as they would against a site.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

from crawler.archive import open_archive
from crawler.replay import ReplaySite
from crawler.runner import (
    format_summaries,
    prepare_database,
    project_settings,
    run_crawls,
    spider_names,
)
from storage import repository

SAMPLE_SITES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"

EXAMPLE_QUERY = """SELECT outlet, substr(published_kst, 1, 16) AS published, primary_districts, title
FROM article_overview ORDER BY published_kst DESC LIMIT 10"""
CLUSTER_QUERY = """SELECT outlet_slugs, first_title FROM cluster_overview WHERE outlets > 1
ORDER BY first_published_at, cluster_id"""


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="crawl a local sample site into a fresh SQLite file (no internet)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, default=Path("gupress-demo.db"),
                        help="SQLite file to (re)create (default: ./gupress-demo.db)")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET", help="limit the demo to these outlets")
    parser.set_defaults(func=run)


def sample_sites(names: list[str]) -> list[Path]:
    return [SAMPLE_SITES / n for n in names if (SAMPLE_SITES / n / "site.json").is_file()]


def run(args) -> int:
    folders = sample_sites(args.outlets or spider_names())
    if not folders:
        print(f"gupress: no sample sites found under {SAMPLE_SITES} (the demo runs from a source checkout)",
              file=sys.stderr)
        return 2
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{args.database.resolve()}"
    with ExitStack() as stack:
        host_map, entry_points = {}, {}
        for folder in folders:
            site, manifest = ReplaySite.from_folder(folder)
            stack.enter_context(site)
            host_map.update({host: site.address for host in manifest.hosts})
            entry_points[manifest.outlet] = manifest.entry_points
        prepare_database(url).dispose()  # fail before serving and crawling
        settings = project_settings({
            "GUPRESS_DATABASE_URL": url, "GUPRESS_HOST_MAP": host_map, "GUPRESS_ENTRY_POINTS": entry_points,
            "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR",
            "GUPRESS_RETRY_BACKOFF_BASE": 0.1, "GUPRESS_TRIGGER": "demo",
        })
        print(f"Serving {len(folders)} sample site(s) on 127.0.0.1; crawling into {args.database} ...")
        summaries = run_crawls([f.name for f in folders], settings, {"mode": "full"})
    print(format_summaries(summaries))
    print_example(url)
    return 0 if all(s.ok for s in summaries) else 1


def print_example(url: str) -> None:
    with open_archive(url) as db:
        counts = repository.archive_counts(db)
        print(f"\nArchive: {counts['articles']} articles, {counts['article_districts']} district tags, "
              f"{counts['article_segments']} roundup segments, {counts['rejected_items']} rejected pages.")
        print(f"\nExample queries (sqlite3 {url.removeprefix('sqlite:///')}):")
        for query in (EXAMPLE_QUERY, CLUSTER_QUERY):
            print("\n" + query + ";\n")
            columns, rows = repository.run_sql(db, query)
            print(" | ".join(columns))
            for row in rows:
                print(" | ".join("" if v is None else str(v) for v in row))
