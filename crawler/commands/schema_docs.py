"""gupress schema-docs: render docs/schema.md from the schema's descriptions (storage/schema_docs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def register(subparsers) -> None:
    parser = subparsers.add_parser("schema-docs", help="write docs/schema.md (tables, views, columns described)",
                                   description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT, help=f"where to write (default {DEFAULT})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is stale")
    parser.set_defaults(func=run)


def run(args) -> int:
    from storage.schema_docs import render_markdown

    text = render_markdown()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"gupress: {args.output} is stale; run gupress schema-docs", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0
