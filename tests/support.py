"""Test helpers: saved pages → Scrapy responses → items, local outlet sites, crawl subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawler.items import ArticleItem
from crawler.offline import parse_saved_page, process, saved_response
from crawler.replay import ReplaySite, SiteManifest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def fixture_path(outlet: str, name: str) -> Path:
    return FIXTURES / outlet / name


def fixture_response(outlet: str, name: str, url: str):
    return saved_response(url, fixture_path(outlet, name).read_bytes())


def parse_fixture(spider, outlet: str, name: str, url: str, *, clean: bool = True) -> list[ArticleItem]:
    """Items of one saved article page, run through the pure pipelines unless clean=False."""
    items = parse_saved_page(spider, url, fixture_path(outlet, name).read_bytes())
    return [process(item) for item in items] if clean else items


def site_for(outlet: str) -> tuple[ReplaySite, SiteManifest]:
    return ReplaySite.from_folder(FIXTURES / outlet)


def crawl_env(database_url: str, sites: list[tuple[ReplaySite, SiteManifest]], **extra: str) -> dict[str, str]:
    """Environment of a `gupress crawl` subprocess pointed at local sites."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}
    env["GUPRESS_DATABASE_URL"] = database_url
    env["GUPRESS_HOST_MAP"] = ",".join(site.host_map_for(manifest.hosts) for site, manifest in sites)
    env["GUPRESS_ENTRY_POINTS"] = json.dumps({manifest.outlet: manifest.entry_points for _s, manifest in sites})
    env.update(extra)
    return env


FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "GUPRESS_RETRY_BACKOFF_BASE=0.05"]


def gupress(*args: str, env: dict[str, str] | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)
