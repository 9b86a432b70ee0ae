"""gupress parse URL --html FILE: parse a saved page offline and print the JSON contract."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.offline import parse_file, saved_headers
from crawler.pipelines.validate import validation_errors
from crawler.runner import project_settings, spider_class, spider_for_url, spider_names


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "parse", help="parse a saved article page offline and print JSON",
        description="Parse FILE as the page at URL with the spider that owns URL (or --outlet), run the "
                    "normalization and district pipelines, and print a JSON array of article objects on stdout.")
    parser.add_argument("url", help="the page's real URL (decides the spider and the canonical URL)")
    parser.add_argument("--html", required=True, type=Path, metavar="FILE", help="the saved page (bytes, any charset)")
    parser.add_argument("--outlet", help="force this outlet's spider")
    parser.add_argument("--content-type", metavar="VALUE",
                        help="the page's Content-Type header, e.g. 'text/html; charset=euc-kr' "
                             "(default: FILE's .headers.json from `gupress capture`, else <meta> detection)")
    parser.set_defaults(func=run)


def run(args) -> int:
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    if args.outlet:
        if args.outlet not in spider_names(settings):
            print(f"gupress: unknown outlet {args.outlet!r}", file=sys.stderr)
            return 2
        cls = spider_class(args.outlet, settings)
    else:
        cls = spider_for_url(args.url, settings)
        if cls is None:
            print(f"gupress: no outlet owns {args.url}; pass --outlet", file=sys.stderr)
            return 2
    if not args.html.is_file():
        print(f"gupress: {args.html} is not a file", file=sys.stderr)
        return 2
    content_type = getattr(args, "content_type", None)
    headers = {"Content-Type": content_type} if content_type else saved_headers(args.html)
    items = parse_file(cls(), args.url, args.html, headers)
    out = []
    for item in items:
        obj = item.to_contract()
        obj["validation_errors"] = validation_errors(item)
        out.append(obj)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
