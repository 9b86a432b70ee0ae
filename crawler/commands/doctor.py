"""gupress doctor [OUTLET ...]: probe each outlet's robots.txt and entry points live.

Meant for a machine with internet (never part of the test suite against real sites). Each
entry point's page is handed to the outlet spider's own ``unique_article_urls``, so "12
links" means the crawl would follow 12 articles from it; 0 means the list markup changed
or the URL is wrong. ``GUPRESS_HOST_MAP`` is honoured, which is how the tests point it at
a local replay site.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx
from scrapy.http import HtmlResponse

from crawler.hostmap import mapped_url
from crawler.runner import project_settings, spider_class, spider_names


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "doctor", help="probe outlets' robots.txt and entry points (needs internet)",
        description=__doc__.split("\n\n")[1].replace("\n", " ") + " Exits 1 when an entry point fails or "
                    "yields no article links.")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET", help="outlet slugs (default: all)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.set_defaults(func=run)


@dataclass
class Probe:
    outlet: str
    url: str
    kind: str  # robots | entry
    status: int | None = None
    latency_ms: int | None = None
    article_links: int | None = None
    robots_allowed: bool | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        if self.kind == "robots":
            return self.error is None
        return self.status == 200 and bool(self.article_links) and self.robots_allowed is not False


class Fetcher:
    """httpx GETs that go to the host-mapped address while keeping the real Host header."""

    def __init__(self, host_map: dict[str, str], user_agent: str, timeout: float) -> None:
        self.host_map = host_map
        self.client = httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent})

    def get(self, url: str) -> tuple[httpx.Response, int]:
        target = mapped_url(url, self.host_map) if self.host_map else None
        headers = {"Host": urlsplit(url).netloc} if target else {}
        started = time.perf_counter()
        response = self.client.get(target or url, headers=headers)
        return response, int((time.perf_counter() - started) * 1000)

    def close(self) -> None:
        self.client.close()


def probe_robots(fetcher: Fetcher, outlet: str, entry_points: list[str]) -> tuple[Probe, dict[str, RobotFileParser]]:
    """robots.txt of each entry point's host (one probe reported: the first host's)."""
    parsers: dict[str, RobotFileParser] = {}
    first: Probe | None = None
    for url in entry_points:
        parts = urlsplit(url)
        if parts.netloc in parsers:
            continue
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        probe = Probe(outlet, robots_url, "robots")
        parser = RobotFileParser(robots_url)
        try:
            response, probe.latency_ms = fetcher.get(robots_url)
            probe.status = response.status_code
            parser.parse(response.text.splitlines() if response.status_code == 200 else [])
        except httpx.HTTPError as exc:
            probe.error = f"{type(exc).__name__}: {exc}"
            parser.parse([])
        parsers[parts.netloc] = parser
        first = first or probe
    return first or Probe(outlet, "-", "robots", error="no entry points"), parsers


def probe_entry(fetcher: Fetcher, spider, url: str, robots: RobotFileParser | None, user_agent: str) -> Probe:
    probe = Probe(spider.name, url, "entry")
    probe.robots_allowed = robots.can_fetch(user_agent, url) if robots is not None else None
    try:
        response, probe.latency_ms = fetcher.get(url)
    except httpx.HTTPError as exc:
        probe.error = f"{type(exc).__name__}: {exc}"
        return probe
    probe.status = response.status_code
    page = HtmlResponse(url=url, body=response.content, status=response.status_code,
                        headers={k: v for k, v in response.headers.items() if k.lower() == "content-type"})
    probe.article_links = len(spider.unique_article_urls(page))
    return probe


def probe_outlet(fetcher: Fetcher, name: str, settings, user_agent: str) -> list[Probe]:
    spider = spider_class(name, settings)()
    spider.settings = settings  # entry_points() reads GUPRESS_ENTRY_POINTS from here
    entry_points = spider.entry_points()
    robots_probe, parsers = probe_robots(fetcher, name, entry_points)
    probes = [robots_probe]
    for url in entry_points:
        probes.append(probe_entry(fetcher, spider, url, parsers.get(urlsplit(url).netloc), user_agent))
    return probes


def format_probe(probe: Probe) -> str:
    status = str(probe.status) if probe.status is not None else "---"
    latency = f"{probe.latency_ms} ms" if probe.latency_ms is not None else "-"
    verdict = "ok" if probe.ok else "FAIL"
    detail = probe.error or ""
    if probe.kind == "entry" and not probe.error:
        detail = f"{probe.article_links} article links"
        if probe.robots_allowed is False:
            detail += ", disallowed by robots.txt"
    return f"  {verdict:<5}{probe.kind:<7}{status:<5}{latency:>9}  {probe.url}  {detail}"


def run(args) -> int:
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    known = spider_names(settings)
    outlets = args.outlets or known
    unknown = [o for o in outlets if o not in known]
    if unknown:
        print(f"gupress: unknown outlet(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    user_agent = settings.get("USER_AGENT")
    fetcher = Fetcher(dict(settings.getdict("GUPRESS_HOST_MAP")), user_agent, args.timeout)
    try:
        probes = [p for name in outlets for p in probe_outlet(fetcher, name, settings, user_agent)]
    finally:
        fetcher.close()
    if args.json:
        json.dump([asdict(p) | {"ok": p.ok} for p in probes], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for name in outlets:
            print(name)
            for probe in (p for p in probes if p.outlet == name):
                print(format_probe(probe))
    return 0 if all(p.ok for p in probes) else 1
