"""Crawl figure: an end-to-end ``gupress crawl`` of a generated loopback outlet, against
``scrapy bench`` run in the same suite run on the same machine.

The outlet is a family-A (ND Soft) site of N ~115 KB articles, 20 per list page
(benchmarks/pages.py), served on 127.0.0.1 by crawler/replay.py in this process; the crawl
is the real thing in its own process: Scrapy engine, host map, page checks, spider, every
pipeline and the SQLite store, with politeness relaxed to Scrapy's defaults (no delay, no
AutoThrottle, 16 requests at a time, 8 per host). Measured from Scrapy's own stats
(responses / elapsed seconds), so interpreter start-up and migrations are not counted.

Also measured: the same crawl with the store pipeline removed (what the store costs), and a
bare Scrapy spider that only follows the same links on the same loopback site (what the
server and the engine alone allow for pages of this size). ``scrapy bench`` serves small
generated pages from its own server; it is the issue's reference, the bare follower the fair one.
In a full run, a separate crawl of 200 articles runs under cProfile (its rate is not reported:
the profiler slows it) and the note says where its time goes.
"""

from __future__ import annotations

import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.figure import Figure
from benchmarks.pages import GeneratedSite
from crawler.replay import route_key
from tests.support import REPO, crawl_env

FAMILY = "ndsoft"
RELAXED = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"]
FOLLOWER = Path(__file__).with_name("follow_spider.py")


@dataclass
class Run:
    responses: int
    seconds: float
    items: int

    @property
    def rate(self) -> float:
        return self.responses / self.seconds if self.seconds else 0.0


def scrapy_stats(log: str) -> Run:
    """Responses, elapsed seconds and items from the stats Scrapy dumps when a spider closes."""
    def stat(name: str) -> float:
        match = re.search(rf"'{re.escape(name)}': ([\d.]+)", log)
        return float(match.group(1)) if match else 0.0
    if "elapsed_time_seconds" not in log:
        raise RuntimeError("no Scrapy stats in the crawl's log:\n" + log[-3000:])
    return Run(int(stat("response_received_count")), stat("elapsed_time_seconds"), int(stat("item_scraped_count")))


def gupress_crawl(site: GeneratedSite, folder: Path, *, store: bool, profile: Path | None = None) -> Run:
    database = folder / f"crawl-{'store' if store else 'nostore'}{'-prof' if profile else ''}.db"
    env = crawl_env(f"sqlite:///{database}", [(site.site, site.manifest)])
    command = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []), "-m", "crawler.cli",
               "crawl", site.family.outlet, "--mode", "full", "--max-pages", str(site.list_pages + 1),
               "-v", *RELAXED]  # -v: Scrapy's INFO log, whose closing stats are read here
    if not store:
        command += ["-s", "ITEM_PIPELINES=" + json.dumps(pipelines_without_store())]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    run = scrapy_stats(result.stderr)
    if result.returncode != 0 or run.items < site.count:
        raise RuntimeError(f"crawl got {run.items} of {site.count} articles (exit {result.returncode}):\n"
                           f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return run


def pipelines_without_store() -> dict[str, int]:
    """The project's pipeline chain minus the store (normalize, districts, validate, dedup stay)."""
    from crawler import settings

    return {path: order for path, order in settings.ITEM_PIPELINES.items() if not path.endswith(".StorePipeline")}


def bare_follower(site: GeneratedSite, folder: Path) -> Run:
    """A Scrapy spider that fetches the same pages and only follows links (no parsing, no store)."""
    known = folder / "paths.json"
    lists = [route_key(site.family.list_url(page)) for page in range(1, site.list_pages + 1)]
    known.write_text(json.dumps({"pages": sorted(site.site.pages), "lists": lists}), encoding="utf-8")
    start = f"http://{site.site.address}{route_key(site.family.list_url(1))}"
    command = [sys.executable, "-m", "scrapy", "runspider", str(FOLLOWER), "-a", f"start={start}",
               "-a", f"paths={known}", *RELAXED, "-s", "LOG_LEVEL=INFO", "-s", "TELNETCONSOLE_ENABLED=False"]
    result = subprocess.run(command, cwd=folder, env=_plain_env(), capture_output=True, text=True, timeout=900)
    return scrapy_stats(result.stderr)


def scrapy_bench(seconds: int, folder: Path) -> Run:
    """``scrapy bench`` outside the project (Scrapy's defaults, its own local server)."""
    command = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"]
    result = subprocess.run(command, cwd=folder, env=_plain_env(), capture_output=True, text=True, timeout=300)
    return scrapy_stats(result.stderr)


def _plain_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("GUPRESS_", "SCRAPY_"))}


#: Where a crawl's time goes: (label, file, function) whose cumulative time the note reports.
PROFILE_PARTS = (("store pipeline", "crawler/pipelines/store.py", "process_item"),
                 ("spider parse", "spiders/base.py", "parse_article"),
                 ("normalize", "crawler/pipelines/normalize.py", "process_item"),
                 ("districts", "crawler/pipelines/districts.py", "process_item"),
                 ("dedup", "crawler/pipelines/dedup.py", "process_item"))


def where_time_goes(profile: Path) -> str:
    """Shares of the crawl's time on the main thread (``run_crawls``: the reactor's run, start-up
    excluded). The store writes on its own thread (crawler/pipelines/batching.py), which cProfile
    does not see: what the store costs the crawl is the gap between the crawl rows with and
    without it, and its own profile is the store benchmark's business."""
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]

    def cumulative(path: str, function: str) -> float:
        return sum(v[3] for (file, _line, func), v in stats.items() if file.endswith(path) and func == function)
    total = cumulative("crawler/runner.py", "run_crawls") or 1.0
    parts = {label: cumulative(path, function) for label, path, function in PROFILE_PARTS}
    rest = total - sum(parts.values())
    shares = [f"{label} {100 * seconds / total:.0f}%" for label, seconds in parts.items()]
    return (f"main-thread profile of a 200-article crawl: {', '.join(shares)}, "
            f"engine/downloads/waiting for the writer {100 * rest / total:.0f}%")


def run(quick: bool) -> list[Figure]:
    articles = 100 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp, GeneratedSite(FAMILY, articles) as site:
        folder = Path(tmp)
        seconds = 4 if quick else 10
        # the box is shared and its load drifts: scrapy bench runs before and after the crawls,
        # and each crawl is compared with their mean
        bench_before, load_before = scrapy_bench(seconds, folder), os.getloadavg()[0]
        with_store = gupress_crawl(site, folder, store=True)
        without_store = gupress_crawl(site, folder, store=False)
        follower = bare_follower(site, folder)
        bench_after, load_after = scrapy_bench(seconds, folder), os.getloadavg()[0]
        profile = "" if quick else "; " + where_time_goes(_profiled(folder))
    bench = (bench_before.rate + bench_after.rate) / 2
    note = (f"{articles} articles + {site.list_pages} list pages of ~115 KB; scrapy bench {bench_before.rate:.1f} "
            f"before, {bench_after.rate:.1f} after (load average {load_before:.1f}, {load_after:.1f}){profile}")
    name = "loopback crawl, politeness relaxed"
    return [
        Figure(f"{name}, SQLite store", with_store.rate, "requests/s", "scrapy bench", bench, ">= 0.5x",
               archive_size=articles, note=note),
        Figure(f"{name}, store pipeline removed", without_store.rate, "requests/s", "scrapy bench", bench,
               ">= 0.5x", archive_size=articles),
        Figure(f"{name}, SQLite store", with_store.rate, "requests/s", "bare link-follower, same site",
               follower.rate, archive_size=articles),
    ]


def _profiled(folder: Path) -> Path:
    profile = folder / "crawl.prof"
    with GeneratedSite(FAMILY, 200) as small:
        gupress_crawl(small, folder, store=True, profile=profile)
    return profile
