"""gupress search QUERY: Korean full-text search over the archive (bigram index)."""

from __future__ import annotations

import json

from crawler.archive import open_archive
from crawler.cliargs import check_district_code, check_outlets, positive_int
from crawler.config import UsageError
from crawler.korean import KST
from storage.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS, QueryError, check_query, search_articles


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search", help="full-text search of archived articles (Korean substrings, any length)",
        description="Find articles whose title or body contain every word of QUERY as a substring "
                    "('청년' finds 청년들을 and 서울청년). Of the 200 most recently archived matches, those with every "
                    "word in the title come first, then the newest. Read-only: the archive must exist "
                    "at the current schema revision; it is never created or migrated.")
    parser.add_argument("query", nargs="+", help=f"words; all must occur (at most {MAX_QUERY_WORDS} words, "
                                                  f"{MAX_QUERY_CHARS} characters)")
    parser.add_argument("--district", metavar="CODE", help="only articles tagged with this district code, e.g. 11380")
    parser.add_argument("--outlet", metavar="SLUG", help="only this outlet")
    parser.add_argument("--limit", type=positive_int, default=20, help="most results shown (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    parser.set_defaults(func=run)


def run(args) -> int:
    query = " ".join(args.query)
    try:
        check_query(query)
    except QueryError as exc:
        raise UsageError(str(exc)) from None
    check_district_code(args.district)
    with open_archive(read_only=True) as db:
        if args.outlet:
            check_outlets([args.outlet], _known_outlets(db), "--outlet")
        results = search_articles(db, query, limit=args.limit, district=args.district, outlet=args.outlet)
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


def _known_outlets(db) -> set[str]:
    from crawler.runner import spider_names
    from storage import state

    return set(spider_names()) | set(state.outlet_slugs(db))
