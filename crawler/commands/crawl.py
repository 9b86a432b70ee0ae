"""gupress crawl [OUTLET ...]: migrate if needed, crawl, print a summary per outlet."""

from __future__ import annotations

from crawler.archive import prepare_archive
from crawler.cliargs import positive_int
from crawler.config import GupressConfig, UsageError
from crawler.runner import print_summaries, project_settings, run_crawls, spider_names


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "crawl", help="crawl outlets into the archive (all outlets when none is named)",
        description="Crawl outlets' list pages newest first and archive their articles. Exits 1 when an "
                    "outlet could not be reached or its crawl failed, 2 on a configuration or database error. "
                    "An outlet that another crawl (daemon, backfill, another `gupress crawl`) is crawling right "
                    "now is skipped with the status 'skipped_locked' and a message naming the holder; that alone "
                    "exits 0, because the outlet IS being crawled.")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET", help="outlet slugs (see `gupress outlets` / `scrapy list`)")
    parser.add_argument("--mode", default="incremental", choices=["incremental", "full"],
                        help="incremental (default) stops at already-archived pages; full walks --max-pages")
    parser.add_argument("--max-pages", type=positive_int,
                        help="list pages per entry point, 1 or more (default GUPRESS_MAX_LIST_PAGES or 5)")
    parser.add_argument("--trigger", default="manual", help="recorded in crawl_runs.trigger (the daemon passes 'schedule')")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="Scrapy's INFO log (-v) or DEBUG log (-vv); by default only warnings, errors and "
                             "the summary are printed")
    parser.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="log level (overrides -v; default WARNING)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=0")
    parser.set_defaults(func=run)


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"-s expects NAME=VALUE, got {pair!r}")
        overrides[name.strip()] = value
    return overrides


def log_level(args) -> str:
    return args.log_level or ("WARNING", "INFO", "DEBUG")[min(args.verbose, 2)]


def run(args) -> int:
    config = GupressConfig.from_env()
    overrides = {"LOG_LEVEL": log_level(args), "GUPRESS_TRIGGER": args.trigger, "GUPRESS_CRAWL_MODE": args.mode}
    overrides.update(parse_overrides(args.set))
    settings = project_settings(overrides)
    known = spider_names(settings)
    outlets = args.outlets or known
    unknown = [o for o in outlets if o not in known]
    if unknown:
        raise UsageError(f"unknown outlet(s): {', '.join(unknown)}; known: {', '.join(known)}")
    prepare_archive(settings.get("GUPRESS_DATABASE_URL") or config.database_url).dispose()  # fail before crawling
    kwargs = {"mode": args.mode}
    if args.max_pages:
        kwargs["max_pages"] = args.max_pages
    summaries = run_crawls(outlets, settings, kwargs)
    print_summaries(summaries, config.log_json)
    return 0 if all(s.ok or s.skipped for s in summaries) else 1
