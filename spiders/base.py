"""The outlet spider skeleton every outlet shares: entry points → list pages (newest first)
→ article pages → one ``ArticleItem``.

A subclass supplies data (name, outlet name, domains, default entry points) and four small
site-specific pieces: ``article_id`` / ``canonical_url`` (URL rules), ``article_links`` and
``next_list_page`` (list markup), and ``extract_article`` (article markup). Everything
about politeness, modes and bookkeeping lives here or in the pipelines.

Modes (``-a mode=…``): ``incremental`` (default) skips archived articles that are not due for
a revisit (``spiders/crawl_control.RevisitPolicy``), re-checks due ones with a conditional
GET, and stops walking after the first list page with nothing to fetch; ``full`` fetches
every article on up to ``max_pages`` list pages; ``backfill`` walks deep, one list page at a
time, saving a resumable cursor per page (``since``/``until`` bound the dates kept).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.http import Response
from scrapy.settings import Settings

from crawler import pagecheck
from crawler.config import from_settings
from crawler.items import ArticleItem
from spiders.crawl_control import (
    BackfillWalk,
    DateWindow,
    PageInProgress,
    RevisitPolicy,
    failure_reason,
    is_robots_refusal,
)
from spiders.ledger import RetryLedgerMixin
from storage import retry_ledger, state
from storage.state import KnownUrl
from storage.types import utcnow

log = logging.getLogger(__name__)


class OutletSpider(RetryLedgerMixin, Spider):
    #: Outlet's display name (stored in ``outlets.name``).
    outlet_name: ClassVar[str] = ""
    #: City whose districts the outlet covers by default; disambiguates an unprefixed 강서구.
    outlet_region: ClassVar[str | None] = "서울"
    #: CMS family letter from ../shared/outlets.md §7 (A, B, C) or None for a one-off site.
    cms_family: ClassVar[str | None] = None
    home_url: ClassVar[str] = ""
    #: Hosts this outlet serves articles from (www., m., cm., view. …); used to own URLs.
    domains: ClassVar[tuple[str, ...]] = ()
    #: List/section/RSS URLs walked newest first. Overridable without code: GUPRESS_ENTRY_POINTS.
    default_entry_points: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, mode: str = "incremental", max_pages: str | int | None = None,
                 entry_points: str | None = None, since: str | None = None, until: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = list(self.domains)
        self.mode = mode
        self._max_pages_arg = int(max_pages) if max_pages else None
        self._entry_points_arg = [u.strip() for u in entry_points.split(",")] if entry_points else None
        self.window = DateWindow.parse(since, until)
        self.backfill = BackfillWalk(self.window)
        self._settled_pages: dict[str, int] = {}
        self._revisiting: set[str] = set()
        #: Ledger URLs requested at the start of this run (failed before, due again).
        self._retrying: set[str] = set()
        #: The previous run ended before finishing its walk: walk every page up to the cap.
        self.walk_every_page = False
        #: (URL, error) of list pages that could not be fetched, for the run's exit reason.
        self.unreachable: list[tuple[str, str]] = []
        #: Distributed mode: article URL -> (entry point, list page) it was found on.
        self._page_of: dict[str, tuple[str, int]] = {}

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_request_dropped, signal=signals.request_dropped)
        for done in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._on_item_done, signal=done)
        return spider

    # --- configuration ---------------------------------------------------------------

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """``allowed_domains`` on the class, not only the instance: ``scrapy parse URL`` picks the spider
        that owns URL by reading it before any spider is made."""
        super().__init_subclass__(**kwargs)
        cls.allowed_domains = list(cls.domains)

    def parse(self, response: Response, **kwargs: Any) -> Iterable[ArticleItem | Request]:
        """Scrapy's default callback (``scrapy parse URL`` without ``-c``): an article page is parsed as an
        article, anything else as a list page. Crawls never use it: their requests name their callback."""
        if self.canonical_url(response.url) is not None:
            yield from self.parse_article(response)
        else:
            yield from self.parse_list(response)

    @classmethod
    def owns_url(cls, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in cls.domains)

    def entry_points(self) -> list[str]:
        if self._entry_points_arg:
            return self._entry_points_arg
        configured = self._setting("GUPRESS_ENTRY_POINTS") or {}
        return list(configured.get(self.name) or self.default_entry_points)

    @property
    def max_list_pages(self) -> int | None:
        """Page cap per entry point; a backfill walks until the archive ends unless given one."""
        if self._max_pages_arg:
            return self._max_pages_arg
        if self.mode in ("backfill", "distributed"):
            return None
        return self._setting("GUPRESS_MAX_LIST_PAGES")

    @property
    def revisit_policy(self) -> RevisitPolicy:
        settings = getattr(self, "settings", None)
        return RevisitPolicy.from_settings(settings) if settings is not None else RevisitPolicy()

    def _setting(self, name: str) -> Any:
        """A ``GUPRESS_*`` setting through its one declaration (``crawler/config.py``): the run's value,
        or the declared default when the spider parses offline, without a crawler's settings."""
        settings = getattr(self, "settings", None)
        return from_settings(settings if settings is not None else Settings(), name)

    @property
    def _db(self):
        """The run's archive handle (None when parsing offline, outside a crawl)."""
        recorder = getattr(getattr(self, "crawler", None), "gupress_run", None)
        return recorder.db if recorder is not None else None

    # --- crawling --------------------------------------------------------------------

    @property
    def distributed_worker(self):
        """The shared-queue worker of ``gupress worker`` (None in every other mode)."""
        return getattr(getattr(self, "crawler", None), "gupress_worker", None)

    async def start(self) -> AsyncIterator[Request]:
        if self.mode == "distributed":
            return  # `gupress backfill --queue` seeded the shared queue; requests come from there
            yield
        for url in self.entry_points():
            if self.mode == "backfill":
                request = self._resume_request(url)
                if request is not None:
                    yield request
                continue
            yield self.list_request(url, page=1, entry=url)
        if self.mode == "incremental":
            self.walk_every_page = self._previous_walk_cut_short()
            for request in self.due_revisits():
                yield request
        for request in self.due_retries():
            yield request

    def due_revisits(self) -> list[Request]:
        """Conditional GETs for recent articles due for a revisit, wherever they are listed
        now: the list walk stops early, so an article that sank to page 4 is reached here."""
        if self._db is None:
            return []
        policy, now = self.revisit_policy, utcnow()
        limit = self._setting("GUPRESS_REVISIT_MAX_PER_RUN")
        candidates = state.recent_articles(self._db, outlet_slug=self.name, since=now - policy.horizon, limit=limit)
        due = [c for c in candidates if policy.is_due(published_at=c.published_at, first_seen_at=c.first_seen_at,
                                                      last_checked_at=c.last_checked_at, now=now)]
        self._revisiting.update(c.url for c in due)
        self._stat("gupress/revisits", len(due))
        return [self.revisit_request(c) for c in due]

    def list_request(self, url: str, *, page: int, entry: str) -> Request:
        return Request(url, callback=self.parse_list, errback=self.on_request_error,
                       cb_kwargs={"page": page, "entry": entry},
                       meta={"gupress_kind": "list", "gupress_entry": entry})

    def article_request(self, url: str, entry: str | None = None) -> Request:
        return Request(url, callback=self.parse_article, errback=self.on_request_error,
                       meta={"gupress_kind": "article", "gupress_entry": entry, "gupress_canonical": url})

    def revisit_request(self, known: KnownUrl, entry: str | None = None) -> Request:
        """A conditional GET for an archived article: 304 means 'checked, unchanged'."""
        headers = {}
        if known.etag:
            headers["If-None-Match"] = known.etag
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        request = self.article_request(known.url, entry)
        request.meta.update({"gupress_kind": "revisit", "handle_httpstatus_list": [304]})
        return request.replace(headers=headers)

    def parse_list(self, response: Response, page: int = 1, entry: str | None = None) -> Iterable[Request]:
        entry = entry or response.url
        urls = self.unique_article_urls(response)
        self._stat("gupress/list_pages")
        self._stat("gupress/links_found", len(urls))
        if not urls:
            log.warning("%s: no article links on list page %s", self.name, response.url)
            self._stat("gupress/list_pages_empty")
        wanted = self.articles_to_fetch(urls, entry)
        next_url = self.next_list_page(response, page) if urls and self._below_page_cap(page) else None
        if self.mode == "distributed":
            yield from self._distributed_list_page(page, entry, urls, next_url)
            return
        if self.mode == "backfill":
            yield from self._backfill_list_page(response, page, entry, urls, wanted, next_url)
            return
        yield from wanted
        if next_url and self._keep_walking(entry, urls, wanted):
            yield self.list_request(next_url, page=page + 1, entry=entry)

    def articles_to_fetch(self, urls: list[str], entry: str | None) -> list[Request]:
        """New URLs, plus archived ones due for a revisit (conditional GET); everything in
        ``full`` mode. One archive query per list page, whatever the archive's size."""
        if self.mode == "full" or self._db is None or not urls:
            return [self.article_request(u, entry) for u in urls]
        try:
            known = state.known_urls(self._db, urls)
            waiting = retry_ledger.held_back(self._db, outlet_slug=self.name, urls=urls)
        except Exception as exc:  # database away: fetch them all; failed stores go to the ledger
            log.warning("%s: archive lookup for list page failed (%s); fetching all %d article(s)", self.name,
                        str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__, len(urls))
            self._stat("gupress/list_lookups_failed")
            return [self.article_request(u, entry) for u in urls if u not in self._retrying]
        policy, now = self.revisit_policy, utcnow()
        requests = []
        for url in urls:
            seen = known.get(url)
            if seen is not None and seen.published_at is not None:
                self.note_published(url, seen.published_at)
            if url in self._revisiting or url in self._retrying:
                continue  # already being re-checked by the revisit sweep or retried from the ledger
            if seen is None and url in waiting:
                continue  # failed before; the retry ledger says not yet (or never)
            if seen is None:
                requests.append(self.article_request(url, entry))
            elif policy.is_due(published_at=seen.published_at, first_seen_at=seen.first_seen_at,
                               last_checked_at=seen.last_checked_at, now=now):
                self._stat("gupress/revisits")
                requests.append(self.revisit_request(seen, entry) if seen.kind == "archived"
                                else self.article_request(url, entry))
        self._stat("gupress/links_skipped", len(urls) - len(requests))
        return requests

    def _below_page_cap(self, page: int) -> bool:
        cap = self.max_list_pages
        return cap is None or page < cap

    def _keep_walking(self, entry: str, urls: list[str], wanted: list[Request]) -> bool:
        """Incremental walks stop after the first list page whose articles are all archived
        and not due (plus GUPRESS_INCREMENTAL_OVERLAP more); other modes walk to the cap."""
        if self.mode != "incremental" or self.walk_every_page:
            return True
        if urls and not wanted:
            self._settled_pages[entry] = self._settled_pages.get(entry, 0) + 1
        overlap = self._setting("GUPRESS_INCREMENTAL_OVERLAP")
        return self._settled_pages.get(entry, 0) <= overlap

    # --- distributed backfill: every page at once, the window shared through Redis -----

    def _distributed_list_page(self, page: int, entry: str, urls: list[str],
                               next_url: str | None) -> Iterable[Request]:
        """Articles go to the shared queue ahead of the next list page (higher priority), so
        workers reach a page's dates before walking far past ``--since``."""
        self._page_of.update({url: (entry, page) for url in urls})  # for archived ones' dates, just below
        wanted = self.articles_to_fetch(urls, entry)
        for url in urls:
            self._page_of.pop(url, None)
        for request in wanted:
            request.meta["gupress_page"] = page
            yield request.replace(priority=1)
        if next_url and self.distributed_worker.walk_past(entry, page):
            yield self.list_request(next_url, page=page + 1, entry=entry)

    # --- backfill: one list page at a time, cursor saved per page ----------------------

    def _resume_request(self, entry: str) -> Request | None:
        cursor = state.get_cursor(self._db, outlet_slug=self.name, entry_point=entry) if self._db else None
        if cursor is None or cursor.window != self.window.label:
            return self.list_request(entry, page=1, entry=entry)
        if cursor.completed_at is not None:
            log.info("%s: backfill of %s (%s) already complete; use --restart to walk it again",
                     self.name, entry, self.window.label)
            self._stat("gupress/backfill_entries_complete")
            return None
        log.info("%s: resuming backfill of %s at list page %s", self.name, entry, cursor.page)
        return self.list_request(cursor.page_url, page=cursor.page, entry=entry)

    def _backfill_list_page(self, response: Response, page: int, entry: str, urls: list[str],
                            wanted: list[Request], next_url: str | None) -> Iterable[Request]:
        previous = self.backfill.finished.get(entry)
        if previous is not None and self.backfill.past_window(previous):
            # the previous page's last dates arrived after it was settled: stop here
            self._complete_backfill(entry, previous.page)
            return
        if self._db is not None:
            state.save_cursor(self._db, outlet_slug=self.name, entry_point=entry, window=self.window.label,
                              page=page, page_url=response.url)
        waiting = {r.meta["gupress_canonical"] for r in wanted}
        in_progress = PageInProgress(entry, page, next_url, urls, waiting)
        yield from wanted
        if waiting:
            self.backfill.begin(in_progress)
        else:
            yield from self._after_backfill_page(in_progress)

    def _after_backfill_page(self, page: PageInProgress) -> Iterable[Request]:
        self._stat("gupress/backfill_pages_done")
        self.backfill.finished[page.entry] = page
        if page.next_url and not self.backfill.past_window(page):
            yield self.list_request(page.next_url, page=page.page + 1, entry=page.entry)
            return
        self._complete_backfill(page.entry, page.page)

    def _complete_backfill(self, entry: str, pages: int) -> None:
        if self._db is not None:
            state.complete_cursor(self._db, outlet_slug=self.name, entry_point=entry, pages_done=pages)
        log.info("%s: backfill of %s complete after %s list page(s)", self.name, entry, pages)

    def _article_settled(self, request: Request) -> Iterable[Request]:
        if self.mode != "backfill":
            return
        done = self.backfill.settle(request.meta.get("gupress_entry"), request.meta.get("gupress_canonical", ""))
        if done is not None:
            yield from self._after_backfill_page(done)

    def _on_item_done(self, item: Any, response: Response | None = None, **_: Any) -> None:
        """The pipelines are done with an article's item: stored (its batch committed), dropped
        (outside the window, a duplicate, rejected) or failed (owed to the retry ledger). Only now
        is the article settled for the backfill walk: settling it when the callback returned let
        the next list page, and so the cursor past this one, be saved while the item still sat
        in the store's group-commit queue; a SIGKILL then lost it for good, since the resumed
        walk starts at the cursor."""
        if response is None or response.request is None:
            return
        for follow_up in self._article_settled(response.request):
            self.crawler.engine.crawl(follow_up)

    def _on_request_dropped(self, request: Request, spider=None) -> None:
        """The dupefilter dropped an article request (its URL was already requested this run,
        e.g. it failed on the previous list page): no callback will come, so settle it here
        or the backfill would end silently at this page."""
        for follow_up in self._article_settled(request):
            self.crawler.engine.crawl(follow_up)

    def note_published(self, canonical_url: str, published_at) -> None:
        """Called by the window pipeline: lets a backfill stop below ``--since``."""
        self.backfill.note_published(canonical_url, published_at)
        found_on = self._page_of.pop(canonical_url, None)
        if found_on and self.mode == "distributed" and self.window.before_start(published_at):
            self.distributed_worker.note_below_window(*found_on)

    def unique_article_urls(self, response: Response) -> list[str]:
        """Canonical article URLs on a list page, in page order, each once."""
        seen: dict[str, None] = {}
        for href in self.article_links(response):
            canonical = self.canonical_url(response.urljoin(href))
            if canonical:
                seen.setdefault(canonical, None)
        return list(seen)

    def parse_article(self, response: Response) -> Iterable[ArticleItem | Request]:
        if response.status == 304:
            self._not_modified(response)
        elif pagecheck.rejection(response):
            pagecheck.reject_page(self, response, pagecheck.rejection(response))
        else:
            if self.mode == "distributed" and "gupress_page" in response.meta:
                self._page_of[response.meta["gupress_canonical"]] = (response.meta["gupress_entry"],
                                                                     response.meta["gupress_page"])
            item = self.new_item(response)
            self.extract_article(response, item)
            outcome = pagecheck.vetted(self, response, item)  # the item, a retry, or None (rejected)
            if outcome is not None:
                yield outcome
                return  # an item settles when the pipelines are done with it (_on_item_done), a retry when it answers
        yield from self._article_settled(response.request)

    def _not_modified(self, response: Response) -> None:
        """A revisit answered 304: count it as a check without re-parsing anything."""
        self._stat("gupress/not_modified")
        canonical = response.meta.get("gupress_canonical") or self.canonical_url(response.url)
        if self._db is not None and canonical:
            state.mark_checked(self._db, canonical_url=canonical)

    def new_item(self, response: Response) -> ArticleItem:
        canonical = self.canonical_url(response.url) or response.url
        item = ArticleItem(outlet=self.name, url=response.url, outlet_name=self.outlet_name,
                           outlet_region=self.outlet_region, canonical_url=canonical,
                           outlet_article_id=self.article_id(response.url), fetched_at=utcnow(),
                           http_status=response.status, encoding=getattr(response, "encoding", None),
                           raw_html=response.body)
        if item.outlet_article_id:
            item.extraction["outlet_article_id"] = "url"
        item.etag = _header(response, "ETag")
        item.last_modified = _header(response, "Last-Modified")
        return item

    def on_request_error(self, failure) -> Iterable[Request]:
        yield from self._request_failed(failure)
        if self.distributed_worker is not None:  # settled: recorded as unreachable or owed to the ledger
            self.distributed_worker.ack(failure.request)

    def _request_failed(self, failure) -> Iterable[Request]:
        """After Scrapy's own retries. A robots.txt refusal is the site's wish, not an error;
        an HTTP error on a list page makes it unreachable like a refused connection; a
        failed article fetch is owed to the retry ledger (a failed revisit is not: the
        article is archived and its revisit schedule tries again)."""
        request = failure.request
        kind = request.meta.get("gupress_kind", "page")
        reason = failure_reason(failure)
        if is_robots_refusal(failure):
            log.info("%s: %s %s is disallowed by robots.txt; not fetched", self.name, kind, request.url)
            self._stat("gupress/robots_disallowed")
            if kind == "list":
                self._stat("gupress/unreachable_entry_points")
                self.unreachable.append((request.url, reason))
            else:
                yield from self._article_settled(request)
            return
        log.error("%s: could not fetch %s %s: %s", self.name, kind, request.url, reason)
        self._stat("gupress/errors")
        self._stat(f"gupress/errors/{kind}")
        if kind == "list":
            self._stat("gupress/unreachable_entry_points")
            self.unreachable.append((request.url, reason))
            return
        if kind == "article":
            self._owe_to_ledger(request, reason)
        yield from self._article_settled(request)

    def _stat(self, key: str, count: int = 1) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(key, count)

    # --- what a subclass provides ----------------------------------------------------

    def article_id(self, url: str) -> str | None:
        raise NotImplementedError

    def canonical_url(self, url: str) -> str | None:
        """The one URL of the article at ``url``, or None when ``url`` is not an article."""
        raise NotImplementedError

    def article_links(self, response: Response) -> Iterable[str]:
        raise NotImplementedError

    def next_list_page(self, response: Response, page: int) -> str | None:
        raise NotImplementedError

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        raise NotImplementedError


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
