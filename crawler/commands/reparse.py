"""gupress reparse: run today's spiders and pipelines over every stored raw page.

The archive keeps the bytes of every page it fetched (``raw_pages``), including pages that
were rejected. After a parser fix, ``reparse`` turns them into new articles or new revisions
without fetching anything; unchanged output is a no-op.
"""

from __future__ import annotations

import zlib
from collections import Counter

from crawler.archive import open_archive
from crawler.offline import parse_saved_page, process
from crawler.pagecheck import saved_page_problem
from crawler.pipelines.validate import validation_errors
from crawler.runner import project_settings, spider_for_url
from storage import repository


def register(subparsers) -> None:
    parser = subparsers.add_parser("reparse", help="re-parse stored raw pages with the current spiders (no fetching)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlet", help="only pages of this outlet")
    parser.add_argument("--dry-run", action="store_true", help="count what would change, write nothing")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_archive() as db:
        run_id = None if args.dry_run else repository.start_crawl_run(db, outlet_slug=args.outlet or "*",
                                                                       mode="reparse", trigger="manual")
        counts = reparse_all(db, outlet=args.outlet, run_id=run_id, dry_run=args.dry_run)
        if run_id is not None:
            repository.finish_crawl_run(db, run_id, status="finished", exit_reason="reparse",
                                        counters={f"items_{k}": v for k, v in counts.items()
                                                  if k in {"new", "revised", "unchanged", "rejected"}})
    print(" ".join(f"{k}={counts[k]}" for k in ("new", "revised", "unchanged", "rejected", "skipped")))
    return 0


def reparse_all(db, *, outlet: str | None, run_id: int | None, dry_run: bool) -> Counter[str]:
    """Walk the newest raw page of every URL in batches; count each page's outcome."""
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    counts: Counter[str] = Counter()
    spiders: dict[type, object] = {}
    after = 0
    while pages := repository.latest_raw_pages(db, after_id=after):
        after = pages[-1].id
        for page in pages:
            cls = spider_for_url(page.url, settings)
            if cls is None or (outlet and cls.name != outlet):
                counts["skipped"] += 1
                continue
            body = zlib.decompress(page.body_zlib)
            if saved_page_problem(body):  # a kept PDF or truncated page stays rejected
                counts["rejected"] += 1
                continue
            for item in parse_saved_page(spiders.setdefault(cls, cls()), page.url, body):
                if saved_page_problem(body, item):
                    counts["rejected"] += 1
                    continue
                item.fetched_at, item.raw_html = page.fetched_at, body
                counts[_reparse_one(db, item, dry_run=dry_run)] += 1
    return counts


def _reparse_one(db, item, *, dry_run: bool) -> str:
    process(item)
    if validation_errors(item):
        return "rejected"
    if dry_run:
        existing = repository.get_article(db, item.canonical_url)
        if existing is None:
            return "new"
        return "unchanged" if existing.content_hash == item.content_hash else "revised"
    return repository.save_article(db, item).status
