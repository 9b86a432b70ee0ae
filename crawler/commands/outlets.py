"""gupress outlets: every outlet spider with its CMS family, domains and entry points."""

from __future__ import annotations

import json
import sys
import unicodedata

from crawler.runner import project_settings, spider_class, spider_names


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "outlets", help="list outlets with CMS family, domains and entry points",
        description="List every outlet spider: slug, outlet name, CMS family (A ND Soft, B article.html, "
                    "C 기사 메일전송, - one-off), default region, domains and the entry points a crawl starts "
                    "from (GUPRESS_ENTRY_POINTS overrides are applied and marked).")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    parser.set_defaults(func=run)


def outlet_rows() -> list[dict]:
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    overrides = settings.get("GUPRESS_ENTRY_POINTS") or {}
    rows = []
    for name in spider_names(settings):
        cls = spider_class(name, settings)
        rows.append({
            "outlet": name,
            "name": cls.outlet_name,
            "family": getattr(cls, "cms_family", None),
            "region": getattr(cls, "outlet_region", None),
            "domains": list(getattr(cls, "domains", ())),
            "entry_points": list(overrides.get(name) or getattr(cls, "default_entry_points", ())),
            "entry_points_overridden": name in overrides,
        })
    return rows


def _pad(text: str, width: int) -> str:
    """Left-justify for a terminal: Hangul takes two columns."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - columns)


def format_table(rows: list[dict]) -> str:
    lines = [_pad("outlet", 15) + _pad("name", 16) + _pad("family", 8) + _pad("region", 8) + "domains"]
    for row in rows:
        lines.append(_pad(row["outlet"], 15) + _pad(row["name"], 16) + _pad(row["family"] or "-", 8)
                     + _pad(row["region"] or "-", 8) + ", ".join(row["domains"]))
        marker = " (GUPRESS_ENTRY_POINTS)" if row["entry_points_overridden"] else ""
        for url in row["entry_points"]:
            lines.append(f"{'':<15}entry{marker}: {url}")
    return "\n".join(lines)


def run(args) -> int:
    rows = outlet_rows()
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_table(rows))
    return 0
