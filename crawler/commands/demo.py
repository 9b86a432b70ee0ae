"""gupress demo: crawl the bundled sample sites on 127.0.0.1 into a fresh archive (SQLite or PostgreSQL).

No internet needed: each outlet's sample pages (``tests/fixtures/<outlet>/site.json`` and ``demo.json``;
hand-written after the markup ../shared/outlets.md describes, not captured from the outlets) are served
locally and reached through the host map, so the real spiders, pipelines and storage run on them exactly
as they would against a site. A second pass recrawls an outlet after it edited an article, so the archive
also shows revisions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from crawler.archive import open_archive
from crawler.config import UsageError, check_database_url, redact_url, sqlite_path
from crawler.runner import format_summaries, prepare_database, project_settings, run_crawls, spider_names
from crawler.samplesites import SAMPLE_SITES, entry_points, host_map, host_map_text, sample_folders, serve
from storage import repository

DEFAULT_DEMO_FILE = Path("gupress-demo.db")
EXAMPLE_QUERY = """SELECT outlet, substr(published_kst, 1, 16) AS published, primary_districts, title
FROM article_overview ORDER BY published_kst DESC LIMIT 10"""
CLUSTER_QUERY = """SELECT outlet_slugs, first_title FROM cluster_overview WHERE outlets > 1
ORDER BY first_published_at, cluster_id"""
REVISED_QUERY = """SELECT article_id, outlet, revision_count, title FROM article_overview WHERE revision_count > 1"""
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR", "GUPRESS_RETRY_BACKOFF_BASE": 0.1}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="crawl local sample sites into a fresh archive, SQLite or PostgreSQL (no internet)",
        description=__doc__.split("\n\n")[0] + " Target: --database-url, else --database, else "
                    "GUPRESS_DATABASE_URL when set, else ./gupress-demo.db. A SQLite file named by --database (or "
                    "the default) is recreated; any other target must hold no articles yet.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--database", type=Path, help="SQLite file to (re)create (default: ./gupress-demo.db)")
    target.add_argument("--database-url", metavar="URL",
                        help="archive URL, e.g. postgresql+psycopg://user@127.0.0.1:5432/demo (must be empty)")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET", help="limit the demo to these outlets")
    parser.set_defaults(func=run)


def demo_target(args) -> tuple[str, bool]:
    """(archive URL, whether the demo may recreate it): only a file the user named for the demo is deleted."""
    if args.database_url:
        return check_database_url(args.database_url), False
    if args.database is None and os.environ.get("GUPRESS_DATABASE_URL"):
        return check_database_url(os.environ["GUPRESS_DATABASE_URL"]), False
    path = (args.database or DEFAULT_DEMO_FILE).resolve()
    return f"sqlite:///{path}", True


def run(args) -> int:
    folders = sample_folders(args.outlets or spider_names())
    if not folders:
        print(f"gupress: no sample sites found under {SAMPLE_SITES} (the demo runs from a source checkout)",
              file=sys.stderr)
        return 2
    url, recreate = demo_target(args)
    if recreate:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path(url)}{suffix}").unlink(missing_ok=True)
    _require_empty(url)  # also fails before serving and crawling when the database is unreachable
    with ExitStack() as stack:
        sites = serve(stack, folders)
        settings = project_settings({"GUPRESS_DATABASE_URL": url, "GUPRESS_HOST_MAP": host_map(sites),
                                     "GUPRESS_ENTRY_POINTS": entry_points(sites), "GUPRESS_TRIGGER": "demo", **FAST})
        print(f"Serving {len(sites)} sample site(s) on 127.0.0.1; crawling into {redact_url(url)} ...")
        summaries = run_crawls([s.outlet for s in sites], settings, {"mode": "full"})
        print(format_summaries(summaries))
        edited = [s for s in sites if s.apply_edits()]
        if edited:
            print(f"\nSecond pass: {', '.join(s.outlet for s in edited)} edited an article; recrawling ...")
            second = _recrawl([s.outlet for s in edited], url, sites)
    print_next_steps(url, print_example(url))
    return 0 if all(s.ok for s in summaries) and (not edited or second == 0) else 1


def _require_empty(url: str) -> None:
    db = prepare_database(url)
    try:
        articles = repository.archive_counts(db)["articles"]
    finally:
        db.dispose()
    if articles:
        raise UsageError(f"the archive at {redact_url(url)} already holds {articles} articles; the demo needs an "
                         "empty database (create one, or give --database FILE for a fresh SQLite file)")


def _recrawl(outlets: list[str], url: str, sites) -> int:
    """A second crawl in a child process (Twisted's reactor runs once per process), as the daemon does."""
    env = {**os.environ, "GUPRESS_DATABASE_URL": url, "GUPRESS_HOST_MAP": host_map_text(sites),
           "GUPRESS_ENTRY_POINTS": json.dumps(entry_points(sites)), "GUPRESS_TRIGGER": "demo"}
    command = [sys.executable, "-m", "crawler.cli", "crawl", *outlets, "--mode", "full"]
    for name, value in FAST.items():
        command += ["-s", f"{name}={value}"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    print(result.stdout.rstrip())
    if result.returncode:
        print(result.stderr.rstrip(), file=sys.stderr)
    return result.returncode


def print_example(url: str) -> int | None:
    """Print counts and example queries; returns the id of an edited article (for `history`), if any."""
    with open_archive(url, read_only=True) as db:
        counts = repository.archive_counts(db)
        print(f"\nArchive: {counts['articles']} articles, {counts['article_revisions']} revisions, "
              f"{counts['article_districts']} district tags, {counts['article_segments']} roundup segments, "
              f"{counts['rejected_items']} rejected pages.")
        path = sqlite_path(url)
        print(f"\nExample queries ({f'sqlite3 {path}' if path else 'psql'}):")
        for query in (EXAMPLE_QUERY, CLUSTER_QUERY, REVISED_QUERY):
            print("\n" + query + ";\n")
            columns, rows = repository.run_sql(db, query)
            print(" | ".join(columns))
            for row in rows:
                print(" | ".join("" if v is None else str(v) for v in row))
        return rows[0][0] if rows else None


def print_next_steps(url: str, edited_article: int | None) -> None:
    shown = redact_url(url)
    where = f"GUPRESS_DATABASE_URL='{shown}'"
    print(f"\nPoint gupress at this archive{' (your password in place of ***)' if shown != url else ''}:")
    history = [f"history {edited_article}"] if edited_article else []
    for command in ("search 청년 --district 11380", "status", *history, "serve"):
        print(f"  {where} gupress {command}")
