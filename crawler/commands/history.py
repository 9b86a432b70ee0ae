"""gupress history ARTICLE_ID|URL [--diff A B]: the stored versions of an article and what changed."""

from __future__ import annotations

from crawler.archive import open_archive
from crawler.config import UsageError
from crawler.korean import KST
from storage.history import article_history, district_summary, find_article_id, unified_diff


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "history", help="versions of an article and a unified diff between two of them",
        description="List every stored version of an article (revision number, when it was fetched, its date, "
                    "district tags and title), then a unified diff of title, subtitle, reporter, district tags "
                    "and body between two versions (default: the last two). Read-only, like search.")
    parser.add_argument("article", metavar="ARTICLE_ID|URL", help="article id (articles.id) or its URL")
    parser.add_argument("--diff", nargs=2, type=int, metavar=("A", "B"),
                        help="compare revision A with revision B (revision_no, 1 = first seen)")
    parser.set_defaults(func=run)


def run(args) -> int:
    with open_archive(read_only=True) as db:
        article_id = find_article_id(db, args.article, _canonical(args.article))
        history = article_history(db, article_id) if article_id is not None else None
    if history is None:
        raise UsageError(f"no archived article {args.article!r} (give articles.id or its URL)")
    print(f"article {history.article_id}  {history.outlet}  {history.canonical_url}")
    print(f"{'rev':>3}  {'fetched (KST)':<16}  {'published (KST)':<16}  {'districts':<28}  title")
    for v in history.versions:
        print(f"{v.revision_no:>3}  {_kst(v.fetched_at)}  {_kst(v.published_at)}  "
              f"{district_summary(v.districts):<28}  {v.title}")
    pair = args.diff or ([v.revision_no for v in history.versions[-2:]] if len(history.versions) > 1 else None)
    if pair is None:
        print("\none version: unchanged since it was first archived")
        return 0
    old, new = (history.version(n) for n in pair)
    if old is None or new is None:
        known = ", ".join(str(v.revision_no) for v in history.versions)
        raise UsageError(f"--diff {pair[0]} {pair[1]}: this article has revisions {known}")
    lines = unified_diff(old, new)
    print()
    print("\n".join(lines) if lines else f"revisions {old.revision_no} and {new.revision_no} have the same text")
    return 0


def _kst(moment) -> str:
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M") if moment else "-".ljust(16)


def _canonical(ref: str) -> str | None:
    """The canonical form of a URL (host variants, AMP, tracking parameters), as the archive stores it."""
    if ref.isdigit():
        return None
    from crawler.runner import spider_for_url

    cls = spider_for_url(ref)
    return cls().canonical_url(ref) if cls is not None else None
