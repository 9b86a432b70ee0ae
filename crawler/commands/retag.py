"""gupress retag: re-derive the districts and segments of stored articles with the current tagger.

After a tagger change (``crawler.districts.TAGGER_VERSION`` bumped), ``retag`` runs the tagger over
the stored title, subtitle, body and date of every article tagged by another version (or every
article with ``--all``) and rewrites only the articles whose result changed.  Nothing is fetched or
re-parsed (``gupress reparse`` does that, and tags on the way).
"""

from __future__ import annotations

from datetime import date, datetime, time

from crawler.archive import open_archive, terminal_progress
from crawler.districts import TAGGER_VERSION, tag_fields
from crawler.korean import KST
from storage.retag import apply_tags, count_to_retag, texts_to_retag


def register(subparsers) -> None:
    parser = subparsers.add_parser("retag", help="re-derive stored articles' districts with the current tagger",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("--outlet", help="only articles of this outlet")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="only articles published on or after this day (KST)")
    parser.add_argument("--all", action="store_true", dest="everything",
                        help="every selected article, also those already tagged by this version")
    parser.set_defaults(func=run)


def run(args) -> int:
    since = datetime.combine(args.since, time(0), tzinfo=KST) if args.since else None
    with open_archive(create=False) as db:
        counts = retag_all(db, outlet=args.outlet, since=since, everything=args.everything)
    print(f"tagger {TAGGER_VERSION}: examined {counts['examined']}, changed {counts['changed']}, "
          f"unchanged {counts['unchanged']}")
    return 0


def retag_all(db, *, outlet: str | None = None, since: datetime | None = None, everything: bool = False,
              version: str = TAGGER_VERSION, progress=terminal_progress) -> dict[str, int]:
    """Retag the selection in id-ordered batches; returns examined/changed/unchanged counts.

    ``progress`` is the shared progress factory (``crawler.archive.terminal_progress``: a tqdm bar on a
    terminal, otherwise a line on stderr every few seconds and one at the end).
    """
    selection = {"version": version, "outlet": outlet, "since": since, "everything": everything}
    total = count_to_retag(db, **selection)
    report = progress("re-tagging districts", total)
    counts = {"examined": 0, "changed": 0, "unchanged": 0}
    after = 0
    while batch := texts_to_retag(db, after_id=after, **selection):
        after = batch[-1].id
        for text in batch:
            fields = tag_fields(title=text.title, subtitle=text.subtitle, body=text.body,
                                published_at=text.published_at, outlet_region=text.outlet_region)
            changed = apply_tags(db, text.id, fields, version=version)
            counts["examined"] += 1
            counts["changed" if changed else "unchanged"] += 1
            report(counts["examined"])
    report(None)
    return counts
