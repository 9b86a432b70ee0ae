"""Parse throughput: saved article pages per second through spider + normalize + districts.

    .venv/bin/python benchmarks/parse_throughput.py [--rounds 20]

Prints one line per outlet (pages/s, ms/page) and the overall figure. The crawl itself is
bounded by politeness (one request per second per site), so parsing must stay far below
1000 ms/page; this shows by how much.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.offline import parse_saved_page, process  # noqa: E402
from crawler.runner import project_settings, spider_class  # noqa: E402


def article_pages(folder: Path) -> list[tuple[str, bytes]]:
    manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    return [(p["url"], (folder / p["file"]).read_bytes()) for p in manifest["pages"] if p.get("kind") != "list"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    total_pages, total_seconds = 0, 0.0
    for folder in sorted((REPO / "tests" / "fixtures").iterdir()):
        if not (folder / "site.json").is_file():
            continue
        spider = spider_class(folder.name, settings)()
        pages = article_pages(folder)
        started = time.perf_counter()
        for _ in range(args.rounds):
            for url, body in pages:
                for item in parse_saved_page(spider, url, body):
                    process(item)
        seconds = time.perf_counter() - started
        count = len(pages) * args.rounds
        total_pages, total_seconds = total_pages + count, total_seconds + seconds
        print(f"{folder.name:<16} {count / seconds:8.1f} pages/s {1000 * seconds / count:8.2f} ms/page ({count} pages)")
    print(f"{'all':<16} {total_pages / total_seconds:8.1f} pages/s {1000 * total_seconds / total_pages:8.2f} ms/page")


if __name__ == "__main__":
    main()
