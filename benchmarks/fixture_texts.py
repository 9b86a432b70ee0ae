"""The Korean article texts of the outlets' fixture pages, as their spiders parse them: the prose the
benchmarks build their synthetic pages and archives from.

The benchmarks once read these texts from the golden ``*.expected.json`` files beside the pages; the
pages' expectations now live in ``expected.toml`` (a person's reading, not the parser's output), so the
texts come from parsing the pages themselves: the same titles and bodies, page order as before.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


@lru_cache(maxsize=1)
def fixture_articles() -> tuple[tuple[str, str], ...]:
    """(title, body) of every article page listed in an outlet's ``site.json``, by outlet and file name."""
    from crawler.offline import parse_saved_page, process
    from crawler.runner import spider_class, spider_names

    out = []
    for outlet in spider_names():
        manifest_path = FIXTURES / outlet / "site.json"
        if not manifest_path.is_file():
            continue
        spider = spider_class(outlet)()
        pages = json.loads(manifest_path.read_text(encoding="utf-8"))["pages"]
        for page in sorted((p for p in pages if p.get("kind", "article") == "article"), key=lambda p: p["file"]):
            headers = {"Content-Type": page["content_type"]} if page.get("content_type") else None
            body = (FIXTURES / outlet / page["file"]).read_bytes()
            for item in parse_saved_page(spider, page.get("variant_url") or page["url"], body, headers):
                item = process(item)
                out.append((item.title or "", item.body or ""))
    return tuple(out)
