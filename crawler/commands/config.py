"""gupress config: the effective configuration (every GUPRESS_* setting, secrets masked, whether
it came from the environment or its declared default), and the documents generated from the
declaration in crawler/config.py: the README's configuration table and deploy/gupress.env.example."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.commands.generated import write_or_check


def register(subparsers) -> None:
    parser = subparsers.add_parser("config", help="print the effective GUPRESS_* configuration (secrets masked)",
                                   description=__doc__)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--json", action="store_true", help="one JSON object: name → {value, source}")
    what.add_argument("--markdown", action="store_true", help="print the README's configuration table")
    what.add_argument("--readme", nargs="?", type=Path, const=True, metavar="FILE",
                      help="rewrite the configuration table in README.md (or FILE)")
    what.add_argument("--env-example", nargs="?", type=Path, const=True, metavar="FILE",
                      help="write deploy/gupress.env.example (or FILE)")
    parser.add_argument("--check", action="store_true",
                        help="with --readme/--env-example: write nothing; exit 1 when the file is stale")
    parser.set_defaults(func=run)


def run(args) -> int:
    from crawler import configdocs
    from crawler.config import GupressConfig, UsageError

    if args.check and args.readme is None and args.env_example is None:
        raise UsageError("--check goes with --readme or --env-example")
    if args.markdown:
        sys.stdout.write(configdocs.render_markdown())
        return 0
    if args.readme is not None:
        path = configdocs.README if args.readme is True else args.readme
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        try:
            wanted = configdocs.readme_with_table(current)
        except ValueError as exc:
            raise UsageError(f"{path}: {exc}") from None
        return write_or_check(path, current, wanted, check=args.check, command="gupress config --readme")
    if args.env_example is not None:
        path = configdocs.ENV_EXAMPLE if args.env_example is True else args.env_example
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        return write_or_check(path, current, configdocs.render_env_example(), check=args.check,
                              command="gupress config --env-example")
    config = GupressConfig.from_env()
    if args.json:
        rows = configdocs.effective(config)
        print(json.dumps({r["name"]: {"value": r["value"], "source": r["source"]} for r in rows}, ensure_ascii=False))
    else:
        sys.stdout.write(configdocs.render_effective(config))
    return 0
