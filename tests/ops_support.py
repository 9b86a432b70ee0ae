"""Helpers for the ops tests: a synthetic Asia Economy of any size on 127.0.0.1 (list pages
newest first, articles built from the saved article template), crawl/daemon subprocesses
and quick archive queries."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crawler.korean import KST
from crawler.replay import ReplaySite, SiteManifest
from storage import repository
from storage.db import Database
from tests.support import FAST, REPO, crawl_env, fixture_path, gupress

HOSTS = ["www.asiae.co.kr", "view.asiae.co.kr", "cm.asiae.co.kr"]
ENTRY = "https://www.asiae.co.kr/list/society-all"
TEMPLATE_ID = "2026011907322546715"
TEMPLATE_TITLE = "강서구, '적극행정 우수사례' 선정·포상"


@dataclass
class FakeArticle:
    number: int
    published: datetime
    body_word: str = "선정하고"

    @property
    def article_id(self) -> str:
        return self.published.strftime("%Y%m%d%H%M%S") + f"{self.number:05d}"

    @property
    def url(self) -> str:
        return f"https://www.asiae.co.kr/article/{self.article_id}"

    @property
    def title(self) -> str:
        return f"{TEMPLATE_TITLE} ({self.number}호)"

    def html(self) -> str:
        page = fixture_path("asiae", "article-current.html").read_text(encoding="utf-8")
        stamp = self.published.astimezone(KST)
        page = page.replace(TEMPLATE_ID, self.article_id).replace(TEMPLATE_TITLE, self.title)
        page = page.replace("입력2026.01.19 07:32", "입력" + stamp.strftime("%Y.%m.%d %H:%M"))
        page = page.replace("수정2026.01.19 08:05", "")
        page = page.replace("2026-01-19T07:32:25+09:00", stamp.isoformat())
        return page.replace("5건을 선정하고", f"5건을 {self.body_word}")


@dataclass
class SyntheticOutlet:
    """An asiae-shaped site whose articles can be published and edited while it serves."""

    site: ReplaySite
    articles: list[FakeArticle] = field(default_factory=list)  # newest first
    per_page: int = 10

    @classmethod
    def build(cls, count: int, *, per_page: int = 10, newest: datetime | None = None) -> "SyntheticOutlet":
        newest = newest or datetime(2026, 1, 19, 7, 32, tzinfo=KST)
        outlet = cls(ReplaySite(), per_page=per_page)
        outlet.articles = [FakeArticle(count - i, newest - timedelta(hours=i)) for i in range(count)]
        for article in outlet.articles:
            outlet.site.put(article.url, article.html())
        outlet.render_lists()
        return outlet

    @property
    def manifest(self) -> SiteManifest:
        return SiteManifest(outlet="asiae", hosts=HOSTS, pages=[], entry_points=[ENTRY], folder=REPO)

    @property
    def pair(self) -> tuple[ReplaySite, SiteManifest]:
        return self.site, self.manifest

    def publish(self, published: datetime | None = None) -> FakeArticle:
        number = max((a.number for a in self.articles), default=0) + 1
        article = FakeArticle(number, published or (self.articles[0].published + timedelta(minutes=5)))
        self.articles.insert(0, article)
        self.site.put(article.url, article.html())
        self.render_lists()
        return article

    def edit(self, article: FakeArticle, word: str) -> None:
        article.body_word = word
        self.site.put(article.url, article.html())

    def list_url(self, page: int) -> str:
        return ENTRY if page == 1 else f"{ENTRY}/{page}"

    def render_lists(self) -> None:
        chunks = [self.articles[i:i + self.per_page] for i in range(0, len(self.articles), self.per_page)]
        for page, chunk in enumerate(chunks, start=1):
            links = "".join(f'<div class="article"><div class="txt_box"><h3><a href="{a.url}">{a.title}</a></h3>'
                            f'<p class="date">{a.published.astimezone(KST):%Y.%m.%d %H:%M}</p></div></div>'
                            for a in chunk)
            nav = f'<a class="next" href="/list/society-all/{page + 1}">다음</a>' if page < len(chunks) else ""
            self.site.put(self.list_url(page), f'<html><body><div class="cont_listarea"><div class="cont_list">'
                                               f'{links}</div><div class="pagination"><strong>{page}</strong>{nav}'
                                               f'</div></div></body></html>')

    def __enter__(self) -> "SyntheticOutlet":
        self.site.start()
        return self

    def __exit__(self, *exc) -> None:
        self.site.stop()


def crawl(env: dict[str, str], *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    result = gupress("crawl", "asiae", *FAST, *args, env=env, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result


def ops_env(database_url: str, outlet: SyntheticOutlet | tuple, **extra: str) -> dict[str, str]:
    pair = outlet.pair if isinstance(outlet, SyntheticOutlet) else outlet
    return crawl_env(database_url, [pair], **extra)


def latest_run(database_url: str):
    db = Database(database_url)
    try:
        return repository.recent_crawl_runs(db, outlet_slug="asiae", limit=1)[0]
    finally:
        db.dispose()


def counts(database_url: str) -> dict[str, int]:
    db = Database(database_url)
    try:
        return repository.archive_counts(db)
    finally:
        db.dispose()


def query(database_url: str, sql: str) -> list[tuple]:
    db = Database(database_url)
    try:
        return repository.run_sql(db, sql)[1]
    finally:
        db.dispose()


class DrainedProcess(subprocess.Popen):
    """A child whose combined output a thread reads as it comes.

    A pipe nobody reads fills at 64 KiB and then blocks every writer. A daemon's crawls inherit its
    stdout, so a crawl logging database errors through an outage could fill it. The daemon's next log
    line, taken while holding the leader lock, would then hang it, and the drill would see no leader.
    """

    def __init__(self, args: list[str], **kwargs) -> None:
        super().__init__(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        for line in self.stdout:
            self._lines.append(line)

    def output(self, wait: float = 0.0) -> str:
        """What it printed so far; with ``wait``, up to that long for every writer (its children too)
        to close the pipe first."""
        self._reader.join(wait)
        return "".join(self._lines)

    def communicate(self, input=None, timeout=None) -> tuple[str, None]:
        """As Popen's: its exit and the end of its output (raises TimeoutExpired past ``timeout``)."""
        self.wait(timeout)
        self._reader.join(timeout)
        if self._reader.is_alive():
            raise subprocess.TimeoutExpired(self.args, timeout)
        return "".join(self._lines), None


def spawn(*args: str, env: dict[str, str], **kwargs) -> DrainedProcess:
    """A `python -m crawler.cli ...` (or any module via ``-m``) child with captured output."""
    return DrainedProcess([sys.executable, *args], cwd=REPO, env=env, **kwargs)


def wait_until(predicate, *, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


def pythonpath_env(env: dict[str, str]) -> dict[str, str]:
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def metrics(db: Database, outlets: tuple[str, ...] = ("asiae",)) -> str:
    """The /metrics page of a status server over ``db``, as an operator's scraper would fetch it."""
    from crawler.daemon.status_server import DaemonView, StatusServer

    server = StatusServer(DaemonView(db, outlets=list(outlets)), port=0).start()
    try:
        with urllib.request.urlopen(f"http://{server.address}/metrics", timeout=10) as response:
            return response.read().decode()
    finally:
        server.stop()
