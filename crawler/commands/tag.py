"""gupress tag: tag your own texts with districts (JSON Lines in, JSON Lines out).

A stable contract for researchers (README "District tables and tagging"): one input object per line
(``id``, ``title``, ``subtitle``, ``body``, ``published_at`` ISO 8601, optional ``outlet`` slug or
``region`` such as 서울), one output line per input line in the same order, with ``id``,
``districts`` and ``segments`` shaped as in ``gupress parse``.  A line that cannot be tagged gets
``{"line": N, "id": …, "error": "…"}`` and the run goes on.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable, TextIO

from crawler.districts import tag_fields
from crawler.korean import KST

REGIONS = ("서울", "부산", "대구", "인천", "광주", "대전", "울산")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "tag", help="tag JSON Lines texts with districts (file or stdin) and print JSON Lines",
        description="Read JSON Lines objects {id, title, subtitle, body, published_at, [outlet | region]} from "
                    "FILE (or stdin with '-' or no argument) and print one JSON line per input: {id, districts, "
                    "segments, is_roundup}, or {line, id, error} for a line that cannot be tagged.")
    parser.add_argument("file", nargs="?", default="-", help="JSON Lines input (default: stdin)")
    parser.set_defaults(func=run)


def _published(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("published_at must be an ISO 8601 string")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KST)


@cache
def _outlet_regions() -> dict[str, str | None]:
    """Outlet slug -> the home city its spider declares (``outlet_region``)."""
    from crawler.runner import project_settings, spider_class, spider_names

    settings = project_settings({"LOG_LEVEL": "ERROR"})
    return {name: getattr(spider_class(name, settings), "outlet_region", None) for name in spider_names(settings)}


def _region(obj: dict[str, Any], outlet_regions: Callable[[], dict[str, str | None]]) -> str | None:
    region, outlet = obj.get("region"), obj.get("outlet")
    if region not in (None, "") and region not in REGIONS:
        raise ValueError(f"region must be one of {', '.join(REGIONS)}")
    if region:
        return region
    if outlet not in (None, ""):
        regions = outlet_regions()
        if outlet not in regions:
            raise ValueError(f"unknown outlet {outlet!r}")
        return regions[outlet]
    return None


def tag_object(obj: Any, outlet_regions: Callable[[], dict[str, str | None]] = _outlet_regions) -> dict[str, Any]:
    """The output object for one parsed input object; raises ValueError for a malformed one."""
    if not isinstance(obj, dict):
        raise ValueError("each line must be a JSON object")
    for name in ("title", "subtitle", "body"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise ValueError(f"{name} must be a string")
    if not (obj.get("title") or obj.get("body")):
        raise ValueError("title or body is required")
    fields = tag_fields(
        title=obj.get("title"), subtitle=obj.get("subtitle"), body=obj.get("body"),
        published_at=_published(obj.get("published_at")), outlet_region=_region(obj, outlet_regions),
    )
    return {"id": obj.get("id"), **fields}


def tag_lines(lines: Iterable[str], out: TextIO,
              outlet_regions: Callable[[], dict[str, str | None]] = _outlet_regions) -> tuple[int, int]:
    """Tag every non-blank line; returns (tagged, failed)."""
    tagged = failed = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        obj: Any = None
        try:
            obj = json.loads(line)
            result = tag_object(obj, outlet_regions)
            tagged += 1
        except (ValueError, TypeError) as error:  # json.JSONDecodeError is a ValueError
            result = {"line": number, "id": obj.get("id") if isinstance(obj, dict) else None, "error": str(error)}
            failed += 1
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return tagged, failed


def run(args) -> int:
    if args.file == "-":
        tagged, failed = tag_lines(sys.stdin, sys.stdout)
    else:
        path = Path(args.file)
        if not path.is_file():
            print(f"gupress: {path} is not a file", file=sys.stderr)
            return 2
        with path.open(encoding="utf-8") as handle:
            tagged, failed = tag_lines(handle, sys.stdout)
    print(f"gupress tag: {tagged} tagged, {failed} with errors", file=sys.stderr)
    return 0
