"""The bundled sample outlets, served on 127.0.0.1: what ``gupress demo`` crawls and ``gupress
sample-sites`` serves for a daemon to try.

Each outlet's folder under ``tests/fixtures/`` has ``site.json`` (the pages the tests and golden files
own) and may have ``demo.json``: extra pages and entry points only the demo serves, and ``edits`` that
replace a page before the demo's second pass (so the demo archive holds an article with two revisions
without touching a page a test reads).
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from crawler.replay import ReplaySite

SAMPLE_SITES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


@dataclass
class SampleSite:
    outlet: str
    site: ReplaySite
    hosts: list[str]
    entry_points: list[str]
    folder: Path
    edits: list[dict] = field(default_factory=list)

    def apply_edits(self) -> int:
        """Serve the edited pages from now on; returns how many pages changed."""
        for edit in self.edits:
            self.site.put(edit["url"], (self.folder / edit["file"]).read_bytes())
        return len(self.edits)


def sample_folders(names: list[str]) -> list[Path]:
    return [SAMPLE_SITES / n for n in names if (SAMPLE_SITES / n / "site.json").is_file()]


def serve(stack: ExitStack, folders: list[Path]) -> list[SampleSite]:
    """Start one local server per outlet (closed with ``stack``), demo pages included."""
    served = []
    for folder in folders:
        site, manifest = ReplaySite.from_folder(folder)
        extra = _demo_manifest(folder)
        for page in extra.get("pages", []):
            site.put(page["url"], (folder / page["file"]).read_bytes(),
                     content_type=page.get("content_type", "text/html; charset=utf-8"))
        stack.enter_context(site)
        served.append(SampleSite(manifest.outlet, site, manifest.hosts,
                                 manifest.entry_points + extra.get("entry_points", []), folder,
                                 extra.get("edits", [])))
    return served


def host_map(sites: list[SampleSite]) -> dict[str, str]:
    return {host: s.site.address for s in sites for host in s.hosts}


def host_map_text(sites: list[SampleSite]) -> str:
    """The ``GUPRESS_HOST_MAP`` value (``host=address:port,…``)."""
    return ",".join(f"{host}={address}" for host, address in host_map(sites).items())


def entry_points(sites: list[SampleSite]) -> dict[str, list[str]]:
    return {s.outlet: s.entry_points for s in sites}


def _demo_manifest(folder: Path) -> dict:
    path = folder / "demo.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
