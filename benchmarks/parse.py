"""Parse figure: spider parse + normalize + districts, pages per second on one core, against
two references measured on the same generated pages in the same run:

1. ``trafilatura.extract`` (a general main-text extractor; what the ``generic`` layer costs);
2. bare parsel: build a Selector and read title, date and body with the family's selectors,
   nothing else (no metadata, no normalization, no districts): the floor of any selector spider.

Pages are ~115 KB generated pages (benchmarks/pages.py) of the four families whose spider reads
the body with selectors, in equal shares. 헤럴드경제's body comes from the generic layer (it
*is* trafilatura plus our work), so it is reported on its own row against trafilatura.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from parsel import Selector

from benchmarks.figure import Figure
from benchmarks.pages import FAMILIES, SELECTOR_FAMILIES, article_pages
from crawler.offline import parse_saved_page, process
from crawler.runner import project_settings, spider_class

#: (title, date, body) selectors per family, the ones its spider tries first.
BARE_SELECTORS = {
    "ndsoft": ("h3.heading", "ul.infomation li", "#article-view-content-div > p"),
    "articlehtml": ("div.art_top h2", "ul.art_info li", "#news_body_area > p"),
    "mailsend": ("div.viewTitle h3", "ul.viewInfo li", "div#viewContent > p"),
    "asiae": (".area_title h1", ".date_box p", ".article p[data-alda-marking]"),
    "herald": ("h1", ".article_date span", ".article_body p"),
}

Pages = list[tuple[str, str, bytes]]  # (family, url, body)
Runner = Callable[[Pages], int]


def generated(families: tuple[str, ...], per_family: int, start: int = 1) -> Pages:
    return [(family, url, body) for family in families for url, body in article_pages(family, per_family, start)]


def ours(families: tuple[str, ...]) -> Runner:
    settings = project_settings({"LOG_LEVEL": "ERROR"})
    spiders = {f: spider_class(FAMILIES[f].outlet, settings)() for f in families}

    def run(pages: Pages) -> int:
        items = 0
        for family, url, body in pages:
            for item in parse_saved_page(spiders[family], url, body):
                process(item)
                items += 1
        return items
    return run


def trafilatura_extract(families: tuple[str, ...]) -> Runner:
    import trafilatura

    def run(pages: Pages) -> int:
        return sum(bool(trafilatura.extract(body, url=url)) for _family, url, body in pages)
    return run


def bare_parsel(families: tuple[str, ...]) -> Runner:
    def run(pages: Pages) -> int:
        found = 0
        for family, _url, body in pages:
            title_css, date_css, body_css = BARE_SELECTORS[family]
            page = Selector(text=body.decode("utf-8"))
            title = page.css(title_css + " ::text").get()
            date = page.css(date_css + " ::text").getall()
            text = "\n".join(page.css(body_css + " ::text").getall())
            found += bool(title and date and text)
        return found
    return run


def rates(makers: list[Callable[[tuple[str, ...]], Runner]], families: tuple[str, ...], per_family: int,
          passes: int) -> list[float]:
    """Pages per second of each runner: CPU time of this process (the box is shared, and wall
    time would count other processes' turns), best of ``passes``. Every pass reads pages not
    seen before (as a crawl does: no cache may flatter a figure), after a warm-up pass on
    others (imports, gazetteer, compiled selectors); the runners take turns on each set of pages
    so that a busy spell on the machine hits them alike."""
    runs = [make(families) for make in makers]
    page_sets = [generated(families, per_family, start=1 + k * per_family) for k in range(passes + 1)]
    for run_once in runs:
        run_once(page_sets[0])
    best = [float("inf")] * len(runs)
    for pages in page_sets[1:]:
        for index, run_once in enumerate(runs):
            started = time.process_time()
            produced = run_once(pages)
            best[index] = min(best[index], time.process_time() - started)
            if produced < len(pages):
                raise RuntimeError(f"{makers[index].__name__}: {produced} results for {len(pages)} pages")
    return [len(page_sets[1]) / seconds for seconds in best]


def run(quick: bool) -> list[Figure]:
    per_family, passes = (2, 2) if quick else (25, 5)
    value, trafilatura_rate, parsel_rate = rates([ours, trafilatura_extract, bare_parsel], SELECTOR_FAMILIES,
                                                 per_family, passes)
    herald_ours, herald_trafilatura = rates([ours, trafilatura_extract], ("herald",), per_family, passes)
    count = per_family * len(SELECTOR_FAMILIES)
    kb = sum(len(p[2]) for p in generated(SELECTOR_FAMILIES, 1)) / len(SELECTOR_FAMILIES) / 1000
    name = "parse+normalize+districts, 4 CMS families, 1 core"
    note = f"best of {passes} passes over {count} new generated pages each ({kb:.0f} KB on average), CPU time"
    return [
        Figure(name, value, "pages/s", "trafilatura.extract", trafilatura_rate, ">= 10x", note=note),
        Figure(name, value, "pages/s", "bare parsel title+date+body", parsel_rate, ">= 0.4x", note=note),
        Figure("parse+normalize+districts, herald (generic layer)", herald_ours, "pages/s", "trafilatura.extract",
               herald_trafilatura, note=f"{per_family} pages a pass; its body is trafilatura's, so < 1x is expected"),
    ]
