"""Build ``pairs.jsonl`` from the hand-collected article excerpts (a local file, not in the repository).

The labels come from the groups below, written by reading the articles: every pair of articles of
one *release* is a ``rewrite`` (same=True); every cross-release pair inside a *topic* group is a
``same-topic`` negative; inside a *template* group a ``template`` negative; a roundup against each
article of the releases it summarises is a ``roundup`` negative. Kinds are assigned in that order,
so a pair keeps the first kind that claims it.

The bodies are written through a one-off character substitution (see README.md) whose key is drawn
here and thrown away: the file keeps every equality between characters, which is all that shingling
sees, without holding a readable copy of third-party articles.

Usage (once, by the person who collected the excerpts)::

    python tests/cluster_eval/build_pairs.py EXCERPTS.txt [...] > tests/cluster_eval/pairs.jsonl
"""

from __future__ import annotations

import itertools
import json
import random
import secrets
import string
import sys
from datetime import datetime

from crawler.districts import tag_fields
from crawler.korean import KST

TOPICS = {
    "jn-market": ["jn25", "jn26", "jn20"],
    "jn-budget": ["jnb26", "jnb23", "jnb21", "jnb18"],
    "gs-market": ["gs24c", "gs26", "gs25", "gs25c", "gs24s"],
    "gd-market": ["gd24c", "gd24s", "gd25s", "gd25c", "gd14"],
    "gc-award": ["gc25", "gc18"],
    "gn-education": ["gn26", "gn23", "gn20", "gn19"],
    "ydp-safe-walk": ["ydp25", "ydp24"],
    "guro-active-admin": ["ac-guro25", "ac-guro23"],
    "seol-2026-markets": ["jn26", "gs26"],
    "seol-2025-markets": ["jn25", "gd25s", "gs25"],
    "chuseok-2024-markets": ["gd24c", "gs24c", "db24"],
    "chuseok-2025-markets": ["gd25c", "gs25c"],
    "senior-centre-bells": ["sb25", "guro23bell"],
}
TEMPLATES = {
    "coupon-evaluation": ["cp-dobong", "cp-geumcheon", "cp-gwanak", "cp-seongdong", "cp-daegudong",
                          "cp-eunpyeong", "cp-guro", "db-voucher"],
    "dong-donation": ["dn-gupo-a", "dn-gupo-b", "dn-gunsan", "dn-pttimes", "dn-jcnet", "dn-dobong1"],
    "district-donation": ["dn-db-sanggong", "dn-gj-sanggong", "dn-db-warm", "dn-gd-jeogeum", "dn-gd-yna",
                          "dn-dobong1"],
    "active-admin-cases": ["ac-gwanak", "ac-gwangjin", "ac-guro25", "ac-guro23", "ac-daeguseo"],
}
ROUNDUPS = {
    "rd-donga": ["ydp25", "sb25"],
    "rd-cnb": ["ydp25", "cp-dobong", "dn-db-sanggong"],
    "rd-seouland": ["jnb26", "gn26"],
}
NOTES = {
    "gs24c-maeil": "a copy site dates this 2025-09-13; the text (13일(금), 3일째) is the 2024-09-13 release",
}
DEV_SHARE = 0.6


def parse(paths: list[str]) -> list[dict]:
    articles, current = [], None
    for path in paths:
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("=== "):
                key, url, outlet, date, release, title = [part.strip() for part in line[4:].split(" | ")]
                current = {"key": key, "url": url, "outlet": outlet, "release": release, "title": title,
                           "published": None if date == "null" else date.rstrip("~"),
                           "date_inferred": date.endswith("~"), "lines": []}
                articles.append(current)
            elif current is not None and line.strip():
                current["lines"].append(line.strip())
    for article in articles:
        article["body"] = "\n\n".join(article.pop("lines"))
    return articles


def substitution() -> dict[str, str]:
    """A random bijection inside each character class the shingler distinguishes."""
    rng = random.Random(secrets.randbits(128))
    table: dict[str, str] = {}
    for alphabet in ([chr(c) for c in range(0xAC00, 0xD7A4)], list(string.digits),
                     list(string.ascii_lowercase), [chr(c) for c in range(0x3131, 0x318F)]):
        shuffled = alphabet[:]
        rng.shuffle(shuffled)
        table.update(zip(alphabet, shuffled))
    for lower in string.ascii_lowercase:
        table[lower.upper()] = table[lower].upper()
    return table


def side(article: dict, table: dict[str, str]) -> dict:
    published = article["published"]
    fields = tag_fields(title=article["title"], subtitle=None, body=article["body"],
                        published_at=datetime.fromisoformat(published).replace(hour=12, tzinfo=KST)
                        if published else None, outlet_region=None)
    return {"url": article["url"], "outlet": article["outlet"], "title": article["title"],
            "published": published, "date_inferred": article["date_inferred"],
            "body": "".join(table.get(ch, ch) for ch in article["body"]),
            "districts": [d["code"] for d in fields["districts"] if d["role"] == "primary"],
            "is_roundup": fields["is_roundup"]}


def labelled_pairs(articles: list[dict]) -> list[tuple[dict, dict, str, bool, str]]:
    by_release: dict[str, list[dict]] = {}
    for article in articles:
        by_release.setdefault(article["release"], []).append(article)
    out, seen = [], set()

    def add(a, b, kind, same, group):
        key = frozenset((a["url"], b["url"]))
        if a["url"] != b["url"] and key not in seen:
            seen.add(key)
            out.append((a, b, kind, same, group))

    for release, members in by_release.items():
        for a, b in itertools.combinations(members, 2):
            add(a, b, "rewrite", True, release)
    for kind, groups in (("same-topic", TOPICS), ("template", TEMPLATES)):
        for group, releases in groups.items():
            for r1, r2 in itertools.combinations(releases, 2):
                for a in by_release[r1]:
                    for b in by_release[r2]:
                        add(a, b, kind, False, group)
    for roundup, releases in ROUNDUPS.items():
        for summary in by_release[roundup]:
            for release in releases:
                for item in by_release[release]:
                    add(summary, item, "roundup", False, f"{roundup}:{release}")
    return out


def assign_splits(pairs) -> dict[tuple[str, str], str]:
    """Whole groups go to one split, about 60 % of each kind's pairs in dev: largest groups first,
    each to the split furthest below its share (a roundup's group is the roundup and one release)."""
    split: dict[tuple[str, str], str] = {}
    for kind in ("rewrite", "same-topic", "template", "roundup"):
        sizes: dict[str, int] = {}
        for _a, _b, k, _s, group in pairs:
            if k == kind:
                sizes[group] = sizes.get(group, 0) + 1
        total = sum(sizes.values())
        room = {"dev": DEV_SHARE * total, "test": (1 - DEV_SHARE) * total}
        for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
            chosen = max(("dev", "test"), key=lambda name: room[name])
            split[(kind, group)] = chosen
            room[chosen] -= sizes[group]
    return split


def main(paths: list[str]) -> None:
    articles = parse(paths)
    table = substitution()
    sides = {a["key"]: side(a, table) for a in articles}
    pairs = labelled_pairs(articles)
    splits = assign_splits(pairs)
    for a, b, kind, same, group in pairs:
        record = {"id": f"{a['key']}~{b['key']}", "kind": kind, "same": same, "group": group,
                  "split": splits[(kind, group)], "a": sides[a["key"]], "b": sides[b["key"]]}
        note = "; ".join(NOTES[k] for k in (a["key"], b["key"]) if k in NOTES)
        if note:
            record["note"] = note
        print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
