"""Downloader middlewares: retries with exponential backoff, redirect loops that end in an error,
pages re-read in their real charset, and article responses that are not archivable pages
(binary, truncated, empty, oversized, undecodable) turned into rejections with a reason.

Scrapy's own RetryMiddleware re-queues a failed request at once; a small newsroom's server
that answered 503 or 429 deserves a pause first. The pause grows 1×, 2×, 4× … the base
(``GUPRESS_RETRY_BACKOFF_BASE`` seconds, capped by ``GUPRESS_RETRY_BACKOFF_MAX``) and a
``Retry-After`` header, when the server sends one, is honoured up to the cap.
"""

from __future__ import annotations

import asyncio
import logging

from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, ResponseDataLossError
from scrapy.http import HtmlResponse, Response

from crawler.config import from_settings
from crawler.korean.text import decode_page
from crawler.pagecheck import DESCRIPTION_KEY, REJECT_KEY, not_html_reason, page_description, truncation_reason

log = logging.getLogger(__name__)


def backoff_delay(attempt: int, *, base: float, cap: float, retry_after: str | None = None) -> float:
    delay = base * (2 ** max(attempt - 1, 0))
    if retry_after and retry_after.strip().isdigit():
        delay = max(delay, float(retry_after.strip()))
    return min(delay, cap)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = from_settings(settings, "GUPRESS_RETRY_BACKOFF_BASE")
        self.cap = from_settings(settings, "GUPRESS_RETRY_BACKOFF_MAX")

    async def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if result is not response:
            retry_after = response.headers.get("Retry-After")
            await self._pause(result, retry_after.decode("latin-1") if retry_after else None)
        return result

    async def process_exception(self, request, exception, spider=None):
        result = super().process_exception(request, exception)
        if result is not None:
            await self._pause(result, None)
        return result

    async def _pause(self, retry_request, retry_after: str | None) -> None:
        attempt = retry_request.meta.get("retry_times", 1)
        delay = backoff_delay(attempt, base=self.base, cap=self.cap, retry_after=retry_after)
        if delay > 0:
            log.debug("backing off %.1fs before retry %s of %s", delay, attempt, retry_request.url)
            await asyncio.sleep(delay)


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Redirect loops end in a recorded error, not silence.

    A page that redirects to a URL already on its own redirect chain (itself, or A → B → A)
    would be dropped by Scrapy's duplicate filter without a word, and its article silently never
    archived. Following the loop instead lets REDIRECT_MAX_TIMES end it with IgnoreRequest,
    which reaches the spider's errback and is counted as an error of the run.
    """

    def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if isinstance(result, Request) and result.url in result.meta.get("redirect_urls", []):
            result = result.replace(dont_filter=True)
        return result


# --- pages that are not what they claim -----------------------------------------------

ARTICLE_KINDS = {"article", "revisit"}


def _is_article(request) -> bool:
    return request.meta.get("gupress_kind") in ARTICLE_KINDS


def _mark_rejected(request, response, reason: str) -> Response:
    """Hand the page to the spider marked as rejected (``parse_article`` records it): a
    rejection is a row with a reason, not an error of the run and never a traceback."""
    request.meta[REJECT_KEY] = reason
    return response


class CappedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """A gzip bomb (small compressed, huge decompressed) is stopped by Scrapy at
    DOWNLOAD_MAXSIZE of *decompressed* bytes (measured on 2.19); for an article page we then
    record a rejection keeping the small compressed bytes instead of a bare IgnoreRequest."""

    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if not _is_article(request):
                raise
            limit = request.meta.get("download_maxsize", self._max_size)
            return _mark_rejected(request, response, f"too large: decompressed body exceeds DOWNLOAD_MAXSIZE "
                                                     f"({limit} bytes; {len(response.body)} bytes compressed)"
                                  if "DOWNLOAD_MAXSIZE" in str(exc) else f"undecodable: {exc}"[:200])


class PageCheckMiddleware:
    """Every HTML response is re-read with the charset its bytes really are in
    (``crawler.korean.decode_page``), so spiders and selectors see Hangul, not mojibake, and
    ``raw_pages.encoding`` records what was used. Article responses that are not an
    archivable page are retried when the fault may be passing (truncated, empty) and
    otherwise handed to the spider marked rejected with a reason (``crawler.pagecheck``).
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.base = from_settings(settings, "GUPRESS_RETRY_BACKOFF_BASE")
        self.cap = from_settings(settings, "GUPRESS_RETRY_BACKOFF_MAX")
        self.maxsize = settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if not _is_article(request):
            if "dataloss" in response.flags:  # a list page cut short: try again, then fail as before
                retry = get_retry_request(request, spider=self.crawler.spider, reason="truncated")
                if retry is None:
                    raise ResponseDataLossError(f"{response.url}: {truncation_reason(response.body, flags=['dataloss'])}")
                await _pause(retry, self.base, self.cap)
                return retry
            return self._decoded(request, response) if isinstance(response, HtmlResponse) else response
        if REJECT_KEY in request.meta or response.status != 200:
            return response
        content_type = _header(response, "Content-Type")
        reason = not_html_reason(content_type, response.body)
        if reason:
            return _mark_rejected(request, response, reason)
        reason = truncation_reason(response.body, flags=response.flags,
                                   content_length=_header(response, "Content-Length"))
        if reason:
            retry = get_retry_request(request, spider=self.crawler.spider, reason="truncated")
            if retry is not None:
                await _pause(retry, self.base, self.cap)
                return retry
            return _mark_rejected(request, response, reason)
        decoded = self._decoded(request, response)
        if decoded is None:
            return _mark_rejected(request, response, request.meta.pop("gupress_undecodable"))
        return decoded

    def _decoded(self, request, response):
        """The response as an HtmlResponse in the right encoding (None: undecodable)."""
        page = decode_page(response.body, _header(response, "Content-Type"))
        if page.problem:
            request.meta["gupress_undecodable"] = page.problem
            return None if _is_article(request) else response
        if page.declared != page.encoding:
            log.info("%s declared %s but is %s; decoded as %s", response.url, page.declared, page.encoding,
                     page.encoding)
            self.crawler.stats.inc_value("gupress/charset_relabelled")
        request.meta[DESCRIPTION_KEY] = page_description(page.text)
        return response.replace(cls=HtmlResponse, encoding=page.encoding)

    def process_exception(self, request, exception, spider=None):
        """A page above DOWNLOAD_MAXSIZE (cancelled by Scrapy before it fills memory) is a
        rejection of that article with the reason; other failures stay errors."""
        if not _is_article(request) or not _is_size_cancel(exception):
            return None
        limit = request.meta.get("download_maxsize", self.maxsize)
        reason = f"too large: larger than DOWNLOAD_MAXSIZE ({limit} bytes)"
        return _mark_rejected(request, Response(request.url, status=200, request=request), reason)


def _is_size_cancel(exception) -> bool:
    """Scrapy 2.19's HTTP/1.1 handler cancels a body in flight only for DOWNLOAD_MAXSIZE: at once
    when Content-Length exceeds it ("Expected to receive … larger than download max size"), or
    once the bytes so far do (a CancelledError, wrapped as an empty DownloadCancelledError:
    measured with a 50 MB stream, cancelled after 21.0 MB). A timeout is DownloadTimeoutError."""
    from twisted.internet.defer import CancelledError

    return isinstance(exception, (DownloadCancelledError, CancelledError))


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


async def _pause(retry_request, base: float, cap: float) -> None:
    delay = backoff_delay(retry_request.meta.get("retry_times", 1), base=base, cap=cap)
    if delay > 0:
        await asyncio.sleep(delay)
