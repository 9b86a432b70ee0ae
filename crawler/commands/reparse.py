"""gupress reparse: run today's spiders and pipelines over every stored raw page.

The archive keeps the bytes of every page it fetched (``raw_pages``), including pages that
were rejected. After a parser fix, ``reparse`` turns them into new articles or new revisions
without fetching anything. Unchanged content keeps its row and revision, but its district
tags and segments are re-derived with today's tagger (``retagged`` counts those that changed),
so a tagger fix or tags lost in a downgrade are repaired too.
"""

from __future__ import annotations

import zlib
from collections import Counter

from crawler.archive import open_archive
from crawler.cliargs import check_outlets
from crawler.offline import parse_saved_page, process
from crawler.pagecheck import saved_page_problem
from crawler.pipelines.validate import validation_errors
from crawler.runner import project_settings, spider_for_url, spider_names
from storage import repository
from storage.derived import retag_article


def register(subparsers) -> None:
    parser = subparsers.add_parser("reparse", help="re-parse stored raw pages with the current spiders (no fetching)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlet", help="only pages of this outlet")
    parser.add_argument("--dry-run", action="store_true", help="count what would change, write nothing")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.outlet:
        check_outlets([args.outlet], spider_names(), "--outlet")
    with open_archive(create=False) as db:
        run_id = None if args.dry_run else repository.start_crawl_run(db, outlet_slug=args.outlet or "*",
                                                                       mode="reparse", trigger="manual")
        counts = reparse_all(db, outlet=args.outlet, run_id=run_id, dry_run=args.dry_run)
        if run_id is not None:
            repository.finish_crawl_run(db, run_id, status="finished", exit_reason="reparse",
                                        counters={f"items_{k}": v for k, v in counts.items()
                                                  if k in {"new", "revised", "unchanged", "rejected"}})
    print(" ".join(f"{k}={counts[k]}" for k in ("new", "revised", "unchanged", "retagged", "rejected", "skipped")))
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
                outcome, retagged = _reparse_one(db, item, dry_run=dry_run)
                counts[outcome] += 1
                counts["retagged"] += retagged
    return counts


def _reparse_one(db, item, *, dry_run: bool) -> tuple[str, bool]:
    """(outcome, whether an unchanged article's district tags were re-derived differently)."""
    process(item)
    if validation_errors(item):
        return "rejected", False
    if dry_run:
        existing = repository.get_article(db, item.canonical_url)
        if existing is None:
            return "new", False
        if existing.content_hash != item.content_hash:
            return "revised", False
        return "unchanged", retag_article(db, existing.id, item, dry_run=True)
    outcome = repository.save_article(db, item)
    if outcome.status != "unchanged":
        return outcome.status, False  # a new row or revision was tagged as it was stored
    return "unchanged", retag_article(db, outcome.article_id, item)
