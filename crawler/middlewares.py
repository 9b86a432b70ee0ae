"""Downloader middlewares: retries with exponential backoff, redirect loops that end in an error.

Scrapy's own RetryMiddleware re-queues a failed request at once; a small newsroom's server
that answered 503 or 429 deserves a pause first. The pause grows 1×, 2×, 4× … the base
(``GUPRESS_RETRY_BACKOFF_BASE`` seconds, capped by ``GUPRESS_RETRY_BACKOFF_MAX``) and a
``Retry-After`` header, when the server sends one, is honoured up to the cap.
"""

from __future__ import annotations

import asyncio
import logging

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware

log = logging.getLogger(__name__)


def backoff_delay(attempt: int, *, base: float, cap: float, retry_after: str | None = None) -> float:
    delay = base * (2 ** max(attempt - 1, 0))
    if retry_after and retry_after.strip().isdigit():
        delay = max(delay, float(retry_after.strip()))
    return min(delay, cap)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("GUPRESS_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("GUPRESS_RETRY_BACKOFF_MAX", 60.0)

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
