"""Route requests for an outlet's host to another address, invisibly to everything above.

``GUPRESS_HOST_MAP="www.asiae.co.kr=127.0.0.1:8081"`` makes a request for
``https://www.asiae.co.kr/article/…`` go to ``http://127.0.0.1:8081/article/…`` with a
``Host: www.asiae.co.kr`` header, and the response comes back carrying the real URL. That is
how the demo, the end-to-end tests and a staging mirror are crawled without a test-only
branch in any spider.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response


def mapped_url(url: str, host_map: dict[str, str]) -> str | None:
    """The URL to really fetch, or None when the host is not mapped."""
    parts = urlsplit(url)
    target = host_map.get((parts.hostname or "").lower())
    if target is None:
        return None
    return urlunsplit(("http", target, parts.path or "/", parts.query, ""))


class HostMapDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self._host_map: dict[str, str] = dict(crawler.settings.getdict("GUPRESS_HOST_MAP"))

    async def download_request(self, request: Request) -> Response:
        target = mapped_url(request.url, self._host_map) if self._host_map else None
        if target is None:
            return await super().download_request(request)
        headers = request.headers.copy()
        headers["Host"] = urlsplit(request.url).netloc
        response = await super().download_request(request.replace(url=target, headers=headers))
        return response.replace(url=request.url)
