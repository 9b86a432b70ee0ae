"""Per-outlet expectations read off each fixture page by a person: ``tests/fixtures/<outlet>/expected.toml``.

A golden file that the parser writes for itself is not a check, so a new outlet's expectations are a small
TOML file a person fills in by reading the page (title, KST date, reporter, first and last body sentence,
the districts the article is about). ``gupress new-outlet`` writes it with every value set to a
``FILL IN`` placeholder; a placeholder fails its test with the instruction, never passes.

Format::

    [[article]]
    file = "article-1234.html"            # a page listed in site.json (kind "article")
    canonical_url = "https://…"
    article_id = "1234"
    title = "…"
    published_at = "2025-03-04T10:20:00+09:00"
    reporter = "…"
    body_starts = "…"                     # the first words of the body as the page shows them
    body_ends = "…"                       # the last words
    primary_districts = ["11380"]         # 5-digit codes (crawler/districts/gazetteer.csv); [] for none
    # optional: subtitle, category, reporter_title, reporter_email, updated_at, source_note,
    #           paragraphs (int), not_in_body (list), layers (table field -> layer)

    [[list]]
    file = "list-1.html"                  # a page listed in site.json (kind "list")
    article_urls = ["https://…"]          # canonical article URLs, in page order
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from tests.fleet_support import ArticleCase
from tests.support import FIXTURES

EXPECTATIONS_FILE = "expected.toml"
PLACEHOLDER = "FILL IN"
_CASE_FIELDS = {f.name for f in fields(ArticleCase)}


@dataclass(frozen=True)
class OutletArticle:
    case: ArticleCase
    primary_districts: tuple[str, ...] | None

    def __str__(self) -> str:
        return str(self.case)


@dataclass(frozen=True)
class OutletList:
    outlet: str
    file: str
    article_urls: tuple[str, ...] | None

    def __str__(self) -> str:
        return f"{self.outlet}/{self.file}"


def expectations_path(outlet: str, root: Path = FIXTURES) -> Path:
    return root / outlet / EXPECTATIONS_FILE


def outlets_with_expectations(root: Path = FIXTURES) -> list[str]:
    return sorted(p.parent.name for p in root.glob(f"*/{EXPECTATIONS_FILE}"))


def _placeholders(value, where: str) -> list[str]:
    if isinstance(value, str):
        return [where] if PLACEHOLDER in value else []
    if isinstance(value, list):
        return [hit for i, v in enumerate(value) for hit in _placeholders(v, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in _placeholders(v, f"{where}.{k}")]
    return []


def unfilled(entry: dict) -> list[str]:
    """Keys of an entry still holding the ``FILL IN`` placeholder."""
    return [hit for key, value in entry.items() for hit in _placeholders(value, key)]


def require_filled(entry: dict, outlet: str) -> None:
    missing = unfilled(entry)
    if missing:
        pytest.fail(f"{outlet}/{entry.get('file')}: fill in {', '.join(missing)} in "
                    f"tests/fixtures/{outlet}/{EXPECTATIONS_FILE} by reading the page in a browser "
                    f"(never by copying the parser's output)")


def load(outlet: str, root: Path = FIXTURES) -> tuple[list[dict], list[dict]]:
    data = tomllib.loads(expectations_path(outlet, root).read_text(encoding="utf-8"))
    unknown = set(data) - {"article", "list"}
    assert not unknown, f"{outlet}/{EXPECTATIONS_FILE}: unknown sections {sorted(unknown)}"
    return data.get("article", []), data.get("list", [])


def article_expectation(outlet: str, entry: dict) -> OutletArticle:
    """The entry as an :class:`ArticleCase` (placeholders must be gone: checked by the caller)."""
    extra = set(entry) - _CASE_FIELDS - {"primary_districts"}
    assert not extra, f"{outlet}/{entry.get('file')}: unknown keys {sorted(extra)}"
    values = {k: v for k, v in entry.items() if k in _CASE_FIELDS}
    values["not_in_body"] = tuple(values.get("not_in_body", ()))
    values.setdefault("layers", {})
    districts = entry.get("primary_districts")
    return OutletArticle(ArticleCase(outlet=outlet, **values),
                         tuple(districts) if isinstance(districts, list) else None)


def all_entries(kind: str, root: Path = FIXTURES) -> list[tuple[str, dict]]:
    index = 0 if kind == "article" else 1
    return [(outlet, entry) for outlet in outlets_with_expectations(root) for entry in load(outlet, root)[index]]
