"""A local stand-in for an outlet: serves saved pages on 127.0.0.1 like the real site would.

Used by ``gupress demo`` and by every end-to-end test, through ``GUPRESS_HOST_MAP``. A site
is a folder with ``site.json`` (the real URL of each saved page) and the pages themselves.
Pages can be added, edited or made to fail while the server runs, which is how tests publish
"new" and "edited" articles, and it answers conditional GETs (ETag / Last-Modified) the way
a well-behaved CMS does.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_ROBOTS = b"User-agent: *\nAllow: /\n"


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    modified: float = field(default_factory=time.time)
    headers: dict[str, str] = field(default_factory=dict)
    #: Faults to serve before the page itself, one per request: (status, headers) pairs.
    faults: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    #: Seconds to wait before answering (a hanging server).
    delay: float = 0.0
    #: Promise the whole body (Content-Length) but send only this many bytes, then close the
    #: connection: with a FIN, or with a TCP reset when ``reset`` (a server dying mid-body).
    cut_at: int | None = None
    reset: bool = False
    #: Send no Content-Length: the body ends when the connection closes (HTTP/1.0 style).
    no_length: bool = False
    #: A gate the next request waits at until the test releases it (see ``ReplaySite.hold``).
    gate: "Hold | None" = None

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class Hold:
    """One response held until the test releases it: makes "while the crawl is waiting for this
    page" a fact the test can wait for (``arrived``), instead of a race against a sleep.

    Only the first request is held (later ones, e.g. from another crawl, are served at once),
    and a forgotten release still ends: that request waits at most ``limit`` seconds.
    """

    def __init__(self, limit: float = 120.0) -> None:
        self.arrived = threading.Event()
        self.released = threading.Event()
        self.limit = limit
        self._lock = threading.Lock()

    def wait_arrived(self, timeout: float) -> None:
        if not self.arrived.wait(timeout):
            raise AssertionError(f"no request reached the held page within {timeout}s")

    def release(self) -> None:
        self.released.set()

    def pass_through(self) -> None:
        """Called by the server thread: announce the request, then wait for the release."""
        with self._lock:
            first = not self.arrived.is_set()
            self.arrived.set()
        if first:
            self.released.wait(self.limit)


def route_key(url: str) -> str:
    """Pages are keyed by path and query: every host of one outlet shares one server."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@dataclass
class SiteManifest:
    outlet: str
    hosts: list[str]
    pages: list[dict]
    entry_points: list[str]
    folder: Path

    @classmethod
    def load(cls, folder: Path) -> "SiteManifest":
        data = json.loads((folder / "site.json").read_text(encoding="utf-8"))
        return cls(outlet=data["outlet"], hosts=data["hosts"], pages=data["pages"],
                   entry_points=data.get("entry_points", []), folder=folder)


class ReplaySite:
    """A thread-served site; use as a context manager or call ``start()``/``stop()``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @classmethod
    def from_folder(cls, folder: Path, **kwargs) -> tuple["ReplaySite", SiteManifest]:
        manifest = SiteManifest.load(folder)
        site = cls(**kwargs)
        for entry in manifest.pages:
            raw = (folder / entry["file"]).read_bytes()
            site.put(entry["url"], raw, content_type=entry.get("content_type", "text/html; charset=utf-8"))
        return site, manifest

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    def host_map_for(self, hosts: list[str]) -> str:
        return ",".join(f"{h}={self.address}" for h in hosts)

    def put(self, url: str, body: bytes | str, *, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> None:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self.pages[route_key(url)] = Page(raw, content_type, status, time.time(), dict(headers or {}))

    def fail(self, url: str, *statuses: int, headers: dict[str, str] | None = None) -> None:
        """Answer the next requests for ``url`` with these statuses, then serve the page again."""
        with self._lock:
            self.pages[route_key(url)].faults.extend((status, dict(headers or {})) for status in statuses)

    def hang(self, url: str, seconds: float) -> None:
        with self._lock:
            self.pages[route_key(url)].delay = seconds

    def cut_off(self, url: str, at: int, *, reset: bool = False) -> None:
        """Serve only the first ``at`` bytes of ``url``'s body under the full Content-Length,
        then close (``reset``: abort with RST), on every request until ``cut_off(url, None)``."""
        with self._lock:
            page = self.pages[route_key(url)]
            page.cut_at, page.reset = at, reset

    def stream_without_length(self, url: str) -> None:
        """Serve ``url`` with no Content-Length, ending the body by closing the connection."""
        with self._lock:
            self.pages[route_key(url)].no_length = True

    def hold(self, url: str, *, limit: float = 120.0) -> Hold:
        """Hold the next request for ``url`` until ``.release()`` of the returned gate, then serve it."""
        gate = Hold(limit)
        with self._lock:
            self.pages[route_key(url)].gate = gate
        return gate

    def redirect_loop(self, url: str) -> None:
        """``url`` redirects to itself forever (a misconfigured CMS)."""
        path = route_key(url)
        self.put(url, b"", status=302, headers={"Location": path})

    def remove(self, url: str) -> None:
        with self._lock:
            self.pages.pop(route_key(url), None)

    def requested(self, path_prefix: str = "") -> list[str]:
        with self._lock:
            return [path for _method, path, _h in self.requests if path.startswith(path_prefix)]

    def start(self) -> "ReplaySite":
        self._thread = threading.Thread(target=self._server.serve_forever, name="replay-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "ReplaySite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _handler_class(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site._lock:
                    site.requests.append(("GET", self.path, headers))
                    page = site.pages.get(self.path)
                    fault = page.faults.pop(0) if page is not None and page.faults else None
                if page is None and self.path == "/robots.txt":
                    page = Page(DEFAULT_ROBOTS, "text/plain")
                if page is None:
                    return self._send(404, b"<html><body>404 Not Found</body></html>", "text/html; charset=utf-8")
                if fault is not None:
                    status, extra = fault
                    return self._send(status, b"<html><body>fault</body></html>", "text/html", Page(b"", headers=extra))
                if page.delay:
                    time.sleep(page.delay)
                if page.gate is not None:
                    page.gate.pass_through()
                if page.status == 200 and _not_modified(page, headers):
                    return self._send(304, b"", page.content_type, page)
                if page.cut_at is not None or page.no_length:
                    return self._send_cut(page)
                self._send(page.status, page.body, page.content_type, page)

            def _send_cut(self, page: Page) -> None:
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if page.no_length:
                    self.send_header("Connection", "close")
                else:
                    self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                try:
                    self.wfile.write(page.body[: page.cut_at] if page.cut_at is not None else page.body)
                    self.wfile.flush()
                    if page.reset:  # SO_LINGER 0: close() sends RST instead of FIN
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _send(self, status: int, body: bytes, content_type: str, page: Page | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if page is not None and status in (200, 304):
                    self.send_header("ETag", page.etag)
                    self.send_header("Last-Modified", formatdate(page.modified, usegmt=True))
                for name, value in (page.headers.items() if page else ()):
                    self.send_header(name, value)
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):  # the client gave up (a hang test)
                        pass

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        return Handler


def _not_modified(page: Page, headers: dict[str, str]) -> bool:
    if "if-none-match" in headers:
        return page.etag in [t.strip() for t in headers["if-none-match"].split(",")]
    if "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"]).timestamp()
        except (TypeError, ValueError):
            return False
        return int(page.modified) <= since
    return False
