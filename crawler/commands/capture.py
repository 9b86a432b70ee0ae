"""gupress capture URL [--outlet SLUG]: save a live page as a test fixture.

The page's bytes go to ``tests/fixtures/<outlet>/<name>.html`` untouched (whatever the
charset), its status and headers to ``<name>.headers.json``, and an entry to the outlet's
``site.json`` (created when missing), so the replay site serves it. The outlet's ``expected.toml``
gets a ``FILL IN`` entry for the page, for a person to complete by reading it (the parser's output
is never written as an expectation); a placeholder page of the same kind left by ``gupress
new-outlet`` is replaced. ``GUPRESS_HOST_MAP`` is honoured (the tests capture from 127.0.0.1).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from crawler import expectations_file
from crawler.commands.doctor import Fetcher
from crawler.runner import project_settings, spider_class, spider_for_url, spider_names

DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "capture", help="save a live page (bytes + headers) as a test fixture of its outlet",
        description=__doc__.split("\n\n")[1].replace("\n", " "))
    parser.add_argument("url", help="the page to fetch (article or list page)")
    parser.add_argument("--outlet", help="outlet slug (default: the spider that owns URL)")
    parser.add_argument("--name", help="file name without extension (default: article-<id> or list-<n>)")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, metavar="DIR",
                        help="fixtures root (default: tests/fixtures of this checkout)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")
    parser.set_defaults(func=run)


def _spider(args, settings):
    if args.outlet:
        if args.outlet not in spider_names(settings):
            raise LookupError(f"unknown outlet {args.outlet!r}")
        return spider_class(args.outlet, settings)()
    cls = spider_for_url(args.url, settings)
    if cls is None:
        raise LookupError(f"no outlet owns {args.url}; pass --outlet")
    return cls()


def _load_manifest(folder: Path, spider) -> dict:
    path = folder / "site.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"outlet": spider.name, "hosts": [], "pages": [], "entry_points": []}


def _free_name(folder: Path, stem: str) -> str:
    if not (folder / f"{stem}.html").exists():
        return stem
    n = 2
    while (folder / f"{stem}-{n}.html").exists():
        n += 1
    return f"{stem}-{n}"


def _default_name(folder: Path, spider, url: str) -> str:
    article_id = spider.article_id(url)
    if article_id:
        return _free_name(folder, f"article-{article_id}")
    n = 1
    while (folder / f"list-{n}.html").exists():
        n += 1
    return f"list-{n}"


def save(args, spider, response: httpx.Response) -> tuple[list[Path], str]:
    """Write the page, its headers, its site.json entry and its expected.toml entry; returns the paths
    written and what was done to expected.toml."""
    folder = args.fixtures / spider.name
    folder.mkdir(parents=True, exist_ok=True)
    name = args.name or _default_name(folder, spider, args.url)
    html_path, headers_path = folder / f"{name}.html", folder / f"{name}.headers.json"
    html_path.write_bytes(response.content)
    _write_json(headers_path, {"url": args.url, "status": response.status_code, "headers": dict(response.headers),
                               "captured_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    content_type = response.headers.get("content-type", "text/html")
    canonical = spider.canonical_url(args.url)
    kind = "article" if canonical else "list"
    _add_to_manifest(folder, spider, args.url, canonical, html_path.name, content_type)
    done = expectations_file.add_page(folder, kind, html_path.name)
    return [html_path, headers_path, folder / "site.json", folder / expectations_file.FILE_NAME], done


def _add_to_manifest(folder: Path, spider, url: str, canonical: str | None, file: str, content_type: str) -> None:
    """An article is served under its canonical URL (what the crawl requests), with the URL it
    was captured from kept as ``variant_url``; a list page becomes an entry point of a new site."""
    manifest = _load_manifest(folder, spider)
    entry = {"url": canonical or url, "file": file, "content_type": content_type}
    if canonical is None:
        entry["kind"] = "list"
        if not manifest["entry_points"]:
            manifest["entry_points"].append(url)
    elif url != canonical:
        entry["variant_url"] = url
    placeholder = expectations_file.PLACEHOLDERS[entry.get("kind", "article")]
    replaced = next((p for p in manifest["pages"] if p["file"] == placeholder), None)
    if replaced is not None:  # gupress new-outlet's stand-in for a real page of this kind
        (folder / placeholder).unlink(missing_ok=True)
        manifest["entry_points"] = [url if e == replaced["url"] else e for e in manifest["entry_points"]]
    manifest["pages"] = [p for p in manifest["pages"] if p["file"] not in (file, placeholder)] + [entry]
    for host in (urlsplit(url).hostname, urlsplit(entry["url"]).hostname):
        if host and host not in manifest["hosts"]:
            manifest["hosts"].append(host)
    _write_json(folder / "site.json", manifest)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def run(args) -> int:
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    try:
        spider = _spider(args, settings)
    except LookupError as exc:
        print(f"gupress: {exc}", file=sys.stderr)
        return 2
    fetcher = Fetcher(dict(settings.getdict("GUPRESS_HOST_MAP")), settings.get("USER_AGENT"), args.timeout)
    try:
        response, _latency = fetcher.get(args.url)
    except httpx.HTTPError as exc:
        print(f"gupress: could not fetch {args.url}: {exc}", file=sys.stderr)
        return 1
    finally:
        fetcher.close()
    if response.status_code != 200:
        print(f"gupress: {args.url} answered HTTP {response.status_code}; nothing saved", file=sys.stderr)
        return 1
    paths, done = save(args, spider, response)
    for path in paths:
        print(f"wrote {path}")
    print(done)
    print(f"tests/test_outlet_expectations.py fails on {spider.name} until every FILL IN is replaced by what the "
          f"page shows")
    return 0
