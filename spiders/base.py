"""The outlet spider skeleton every outlet shares: entry points → list pages (newest first)
→ article pages → one ``ArticleItem``.

A subclass supplies data (name, outlet name, domains, default entry points) and four small
site-specific pieces: ``article_id`` / ``canonical_url`` (URL rules), ``article_links`` and
``next_list_page`` (list markup), and ``extract_article`` (article markup). Everything
about politeness, modes and bookkeeping lives here or in the pipelines.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.http import Response

from crawler.items import ArticleItem
from storage.types import utcnow

log = logging.getLogger(__name__)


class OutletSpider(Spider):
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
                 entry_points: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = list(self.domains)
        self.mode = mode
        self._max_pages_arg = int(max_pages) if max_pages else None
        self._entry_points_arg = [u.strip() for u in entry_points.split(",")] if entry_points else None

    # --- configuration ---------------------------------------------------------------

    @classmethod
    def owns_url(cls, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in cls.domains)

    def entry_points(self) -> list[str]:
        if self._entry_points_arg:
            return self._entry_points_arg
        configured = self._setting("GUPRESS_ENTRY_POINTS", {}) or {}
        return list(configured.get(self.name) or self.default_entry_points)

    @property
    def max_list_pages(self) -> int:
        return self._max_pages_arg or int(self._setting("GUPRESS_MAX_LIST_PAGES", 5))

    def _setting(self, name: str, default: Any) -> Any:
        settings = getattr(self, "settings", None)
        return settings.get(name, default) if settings is not None else default

    # --- crawling --------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for url in self.entry_points():
            yield self.list_request(url, page=1, entry=url)

    def list_request(self, url: str, *, page: int, entry: str) -> Request:
        return Request(url, callback=self.parse_list, errback=self.on_request_error,
                       cb_kwargs={"page": page, "entry": entry}, meta={"gupress_kind": "list"})

    def article_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_article, errback=self.on_request_error,
                       meta={"gupress_kind": "article"})

    def parse_list(self, response: Response, page: int = 1, entry: str | None = None) -> Iterable[Request]:
        urls = self.unique_article_urls(response)
        if not urls:
            log.warning("%s: no article links on list page %s", self.name, response.url)
            self._stat("gupress/list_pages_empty")
        for url in urls:
            yield self.article_request(url)
        if urls and page < self.max_list_pages:
            next_url = self.next_list_page(response, page)
            if next_url:
                yield self.list_request(next_url, page=page + 1, entry=entry or response.url)

    def unique_article_urls(self, response: Response) -> list[str]:
        """Canonical article URLs on a list page, in page order, each once."""
        seen: dict[str, None] = {}
        for href in self.article_links(response):
            canonical = self.canonical_url(response.urljoin(href))
            if canonical:
                seen.setdefault(canonical, None)
        return list(seen)

    def parse_article(self, response: Response) -> Iterable[ArticleItem]:
        item = self.new_item(response)
        self.extract_article(response, item)
        yield item

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

    def on_request_error(self, failure) -> None:
        request = failure.request
        kind = request.meta.get("gupress_kind", "page")
        log.error("%s: could not fetch %s %s: %s", self.name, kind, request.url, failure.getErrorMessage())
        self._stat("gupress/errors")
        self._stat(f"gupress/errors/{kind}")
        if kind == "list":
            self._stat("gupress/unreachable_entry_points")

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
