"""gupress search QUERY: Korean full-text search over the archive (bigram index)."""

from __future__ import annotations

import json

from crawler.archive import open_archive
from crawler.korean import KST
from storage.search import search_articles


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search", help="full-text search of archived articles (Korean substrings, any length)",
        description="Find articles whose title or body contain every word of QUERY as a substring "
                    "('청년' finds 청년들을 and 서울청년). Best matches first.")
    parser.add_argument("query", nargs="+", help="words; all must occur")
    parser.add_argument("--district", metavar="CODE", help="only articles tagged with this district code, e.g. 11380")
    parser.add_argument("--outlet", metavar="SLUG", help="only this outlet")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_archive() as db:
        results = search_articles(db, " ".join(args.query), limit=args.limit, district=args.district,
                                  outlet=args.outlet)
    for result in results:
        published = result["published_at"].astimezone(KST).strftime("%Y-%m-%d %H:%M")
        if args.json:
            print(json.dumps({**result, "published_at": result["published_at"].astimezone(KST).isoformat()},
                             ensure_ascii=False))
        else:
            print(f"{published}  {result['outlet']:<14} #{result['article_id']:<6} {result['title']}\n"
                  f"    {result['snippet']}")
    if not results and not args.json:
        print("no matching articles")
    return 0
