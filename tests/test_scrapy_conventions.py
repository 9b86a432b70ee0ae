"""Scrapy's own commands on gupress (issue 11, point 9), run for real against a loopback site
(GUPRESS_HOST_MAP): `scrapy crawl X -O out.jsonl` writes the `gupress parse` contract, `scrapy parse URL`
finds the spider that owns URL, and every spider declares `allowed_domains` on its class."""

from __future__ import annotations

import json
import subprocess
import sys

from scrapy import Request
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.spider import spidercls_for_request

from crawler.items import CONTRACT_FIELDS
from crawler.runner import project_settings, spider_names
from tests.support import REPO, crawl_env, fixture_path, site_for

ARTICLE_URL = "https://www.sisanews.kr/news/articleView.html?idxno=38162"


def _scrapy(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=180)


def test_scrapy_crawl_feed_is_the_parse_contract(tmp_path):
    site, manifest = site_for("sisanews")
    with site:
        env = crawl_env(f"sqlite:///{tmp_path / 'archive.db'}", [(site, manifest)])
        out = tmp_path / "out.jsonl"
        result = _scrapy("crawl", "sisanews", "-O", str(out), "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING",
                         env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    [article] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert list(article) == [*CONTRACT_FIELDS, "validation_errors"]
    # the reviewed golden file of the same page (what `gupress parse` prints for it)
    [golden] = json.loads(fixture_path("sisanews", "article-38162.expected.json").read_text(encoding="utf-8"))
    differing = {key for key in golden if key != "fetched_url" and article[key] != golden[key]}
    assert differing == set()
    assert article["fetched_url"].startswith(ARTICLE_URL)  # as listed in the feed (tracking parameter kept)


def test_scrapy_parse_finds_the_owning_spider(tmp_path):
    site, manifest = site_for("sisanews")
    with site:
        env = crawl_env(f"sqlite:///{tmp_path / 'archive.db'}", [(site, manifest)])
        result = _scrapy("parse", ARTICLE_URL, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Unable to find spider" not in result.stderr + result.stdout
    assert "Scraped Items" in result.stdout and "'title': '양천구, 신정동 ‘안양천 생태 놀이터’ 개장'" in result.stdout


def test_every_spider_declares_allowed_domains_on_its_class():
    settings = project_settings()
    loader = SpiderLoader.from_settings(settings)
    for name in spider_names(settings):
        cls = loader.load(name)
        assert cls.allowed_domains and cls.allowed_domains == list(cls.domains), name
        home = f"https://{cls.domains[0]}/"
        assert spidercls_for_request(loader, Request(home)) is cls, name
