"""gupress backfill --outlet X [--since DATE] [--until DATE]: walk an outlet's list pages
deep, through the same pipelines as every crawl, resumably.

The walk goes one list page at a time; when a page is parsed its position is stored
(``backfill_cursors``), and the next page is requested only once the page's articles are
done. An interrupted backfill (Ctrl-C, SIGTERM, even SIGKILL) therefore resumes at the page
it was on, skipping the articles already stored, and a finished one is not walked again
unless ``--restart`` is given. Articles already archived are never fetched twice, so a
second run adds nothing.
"""

from __future__ import annotations

import logging
import sys
import time

from scrapy import signals
from twisted.internet import task

from crawler.cliargs import check_window, positive_int
from crawler.commands.crawl import parse_overrides
from crawler.config import from_settings
from crawler.logging_setup import say

log = logging.getLogger(__name__)

PROGRESS_EXTENSION = "crawler.commands.backfill.BackfillProgress"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backfill", help="walk an outlet's archive pages deep (resumable, idempotent)",
        description=__doc__.split("\n\n")[1] + " Exit codes: 0 done (or already complete), 1 failed or "
                    "another crawl holds the outlet's lease, 2 bad arguments or database, 130 interrupted "
                    "(run the same command again to resume).")
    parser.add_argument("--outlet", help="outlet slug (see `scrapy list`)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="keep articles published on or after this KST day; "
                                                               "the walk stops below it")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="keep articles published on or before this KST day")
    parser.add_argument("--max-pages", type=positive_int, help="list pages per entry point (default: no cap)")
    parser.add_argument("--restart", action="store_true", help="forget the stored cursor (or the queued job) and "
                                                                "walk from page 1")
    parser.add_argument("--queue", metavar="URL", help="seed a shared queue in Redis (redis://host:6379/0) for "
                                                       "`gupress worker` processes instead of crawling here")
    parser.add_argument("--status", metavar="OUTLET", help="progress of the shared backfill of OUTLET (with --queue "
                                                           "or GUPRESS_QUEUE_URL): pages, articles, rate, workers, ETA")
    parser.add_argument("--forget", metavar="OUTLET", help="drop the shared backfill job of OUTLET from Redis (queue, "
                                                           "dupefilter, progress): after it is done, or to abandon it")
    parser.add_argument("--log-level", default=None, choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="default WARNING on a terminal (the progress bar shows progress), INFO otherwise")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.status or args.forget or args.queue:
        from crawler.commands.backfill_queue import run_queued

        return run_queued(args)
    if not args.outlet:
        print("gupress: backfill needs --outlet SLUG (or --status SLUG)", file=sys.stderr)
        return 2
    from crawler.archive import open_archive
    from crawler.config import json_logs_requested
    from crawler.runner import print_summaries, project_settings, run_crawls
    from storage import state

    window = date_window(args)
    if window is None:
        return 2
    tty = sys.stderr.isatty()
    overrides = {"LOG_LEVEL": args.log_level or ("WARNING" if tty else "INFO"), "GUPRESS_TRIGGER": "backfill",
                 "GUPRESS_CRAWL_MODE": "backfill", "GUPRESS_PROGRESS_BAR": tty}
    overrides.update(parse_overrides(args.set))
    settings = project_settings(overrides)
    settings.set("EXTENSIONS", {**settings.getdict("EXTENSIONS"), PROGRESS_EXTENSION: 200}, priority="cmdline")
    if not known_outlet(args.outlet, settings):
        return 2
    with open_archive(settings.get("GUPRESS_DATABASE_URL")) as db:
        if args.restart:
            state.reset_cursors(db, outlet_slug=args.outlet)
    kwargs = {"mode": "backfill", "since": args.since, "until": args.until}
    if args.max_pages:
        kwargs["max_pages"] = args.max_pages
    summary = run_crawls([args.outlet], settings, kwargs)[0]
    print_summaries([summary], json_logs_requested())
    return _exit_code(summary, window.label)


def known_outlet(outlet: str, settings) -> bool:
    """Whether a spider is called ``outlet``; if not, says so with the known names (the caller exits 2)."""
    from crawler.runner import spider_names

    names = spider_names(settings)
    if outlet not in names:
        say(f"gupress: unknown outlet {outlet!r}; known: {', '.join(names)}", level="ERROR")
    return outlet in names


def date_window(args):
    """The --since/--until window, or None after saying why it is unusable (the caller exits 2)."""
    from spiders.crawl_control import DateWindow

    try:
        window = DateWindow.parse(args.since, args.until)
    except ValueError as exc:
        say(f"gupress: --since/--until must be YYYY-MM-DD: {exc}", level="ERROR")
        return None
    check_window(window.since, window.until)
    return window


def _exit_code(summary, window: str) -> int:
    if summary.status == "interrupted":
        say(f"backfill of {summary.outlet} ({window}) interrupted; stored work is kept. "
            "Run the same command again to resume.", stream=sys.stdout, level="WARNING")
        return 130
    if summary.skipped:
        say(f"backfill of {summary.outlet} not started: {summary.exit_reason}", stream=sys.stdout)
        return 1
    return 0 if summary.ok else 1


class BackfillProgress:
    """Progress of a backfill: a tqdm bar on a terminal (stderr), a plain log line every
    ``GUPRESS_PROGRESS_INTERVAL`` seconds otherwise (and a last one at the end)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.started = time.monotonic()
        self.bar = None
        self.interval = from_settings(crawler.settings, "GUPRESS_PROGRESS_INTERVAL")
        self._ticker: task.LoopingCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.update, signal=signals.response_received)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self, spider) -> None:
        if self.crawler.settings.getbool("GUPRESS_PROGRESS_BAR"):
            from tqdm import tqdm

            self.bar = tqdm(total=spider.max_list_pages, unit="page", desc=f"backfill {spider.name}",
                            file=sys.stderr)
        else:
            self._ticker = task.LoopingCall(self.log_line, spider)
            self._ticker.start(self.interval, now=False)

    def figures(self) -> dict[str, float]:
        stats = self.crawler.stats.get_stats()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        pages = stats.get("gupress/list_pages", 0)
        articles = sum(stats.get(f"gupress/items_{k}", 0) for k in ("new", "revised", "unchanged", "rejected"))
        return {"pages": pages, "articles": articles, "new": stats.get("gupress/items_new", 0),
                "skipped": stats.get("gupress/links_skipped", 0), "rate": articles / elapsed, "elapsed": elapsed}

    def update(self, response=None, request=None, spider=None) -> None:
        if self.bar is None:
            return
        figures = self.figures()
        self.bar.n = figures["pages"]
        self.bar.set_postfix(articles=figures["articles"], new=figures["new"], skipped=figures["skipped"],
                             refresh=False)
        self.bar.refresh()

    def log_line(self, spider) -> None:
        f = self.figures()
        cap = spider.max_list_pages
        eta = ""
        if cap and f["pages"]:
            eta = f", ETA {max(0.0, (cap - f['pages']) * f['elapsed'] / f['pages']):.0f}s"
        log.info("backfill %s: %d list pages, %d articles (%d new, %d already archived), %.1f articles/s%s",
                 spider.name, f["pages"], f["articles"], f["new"], f["skipped"], f["rate"], eta)

    def closed(self, spider, reason) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        if self.bar is not None:
            self.update()  # the last items were stored after the last response
            self.bar.close()
        self.log_line(spider)
