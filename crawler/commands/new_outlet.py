"""gupress new-outlet SLUG --family F --home URL: everything a new outlet needs, from templates.

Belongs here: the checks on the arguments and the writing of one outlet's files from
``crawler/templates/new_outlet/``. Adding an outlet edits nothing else: spiders are found by
Scrapy's loader, fixtures, expectations and evidence notes by the tests' globbing, and the
README's outlet table is generated (``gupress outlets --markdown``). The expectations are
written as ``FILL IN`` placeholders so the outlet's tests fail until a person has read the
pages; the placeholder pages say in their header that they must be replaced.
"""

from __future__ import annotations

import argparse
import html
import json
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from crawler import expectations_file
from crawler.config import UsageError

REPO = Path(__file__).resolve().parents[2]
SLUG = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
REGIONS = ("서울", "부산", "대구", "인천", "광주", "대전", "울산")
#: The article number the placeholder pages use (three digits at least: the generic URL rule wants them).
PLACEHOLDER_ID = "100001"
ARTICLE_FILE, LIST_FILE = expectations_file.PLACEHOLDERS["article"], expectations_file.PLACEHOLDERS["list"]


@dataclass(frozen=True)
class Family:
    base_module: str
    base_class: str
    label: str
    summary: str
    article_path: str
    list_path: str
    extra_lines: str = ""


FAMILIES = {
    "ndsoft": Family("spiders.cms.ndsoft", "NdSoftSpider", "A (ND Soft)",
                     "an ND Soft site, ``/news/articleView.html?idxno=`` (family A).",
                     "/news/articleView.html?idxno={id}", "/news/articleList.html?view_type=sm"),
    "articlehtml": Family("spiders.cms.articlehtml", "ArticleHtmlSpider", "B (article.html?no=)",
                          "a site on the ``/news/article.html?no=`` CMS (family B).",
                          "/news/article.html?no={id}", "/news/article_list_all.html"),
    "mailsend": Family("spiders.cms.mailsend", "MailSendSpider", "C (기사 메일전송)",
                       "a site on the 기사 메일전송 CMS, ``/news/view.php?idx=`` (family C).",
                       "/news/view.php?idx={id}", "/news/list.php?vg=photo",
                       '    # Newer family-C sites serve articles as /article/{id}: then set article_path = "/article/{id}".\n'),
    "generic": Family("spiders.cms.generic", "GenericSpider", "unknown (generic spider)",
                      "CMS not known yet; the generic spider reads the page's metadata and main text.",
                      "/news/articleView.html?idxno={id}", "/",
                      "    # Once pages are captured, narrow what counts as an article and a list link, e.g.\n"
                      '    # article_url_pattern = re.compile(r"/news/articleView\\.html\\?idxno=(?P<id>\\d+)")\n'
                      '    # list_css = "ul.news-list a::attr(href)"\n'),
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new-outlet", help="write a new outlet's spider, fixtures, expectations and evidence note from templates",
        description="Write spiders/SLUG.py, tests/fixtures/SLUG/ (site.json, a placeholder list and article page, "
                    "expected.toml with every value FILL IN) and docs/outlets/SLUG.md. Nothing else needs editing; "
                    "the outlet's tests fail until a person has captured real pages and read the expected fields "
                    "off them.")
    parser.add_argument("slug", help="outlet slug: lowercase letters, digits, _ (a Python identifier, e.g. siminilbo)")
    parser.add_argument("--family", required=True, choices=sorted(FAMILIES),
                        help="CMS family base spider (generic: CMS unknown, metadata + main-text extraction)")
    parser.add_argument("--home", required=True, metavar="URL", help="the outlet's home page, http(s)://host/")
    parser.add_argument("--name", help="outlet name as printed in its masthead (default: the host)")
    parser.add_argument("--region", default="서울",
                        help=f"city an unprefixed district name means: {', '.join(REGIONS)} or none (default 서울)")
    parser.add_argument("--dry-run", action="store_true", help="list the files that would be written; write nothing")
    parser.add_argument("--root", type=Path, default=REPO, help=argparse.SUPPRESS)  # tests: another checkout
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class NewOutlet:
    slug: str
    family: str
    home_url: str
    outlet_name: str
    region: str | None

    @property
    def host(self) -> str:
        return urlsplit(self.home_url).hostname or ""

    @property
    def domain(self) -> str:
        """The host without ``www.``/``m.``: every host of the outlet ends with it."""
        return re.sub(r"^(?:www|m|mobile)\.", "", self.host)

    @property
    def article_url(self) -> str:
        return urljoin(self.home_url, FAMILIES[self.family].article_path.format(id=PLACEHOLDER_ID))

    @property
    def entry_point(self) -> str:
        return urljoin(self.home_url, FAMILIES[self.family].list_path)

    def files(self, root: Path) -> dict[Path, str]:
        """Every file of the outlet, path -> text."""
        family = FAMILIES[self.family]
        values = {
            "slug": self.slug, "outlet_name": self.outlet_name, "host": self.host, "home_url": self.home_url,
            "domain": self.domain, "entry_point": self.entry_point, "article_url": self.article_url,
            "article_path": urlsplit(self.article_url).path + ("?" + urlsplit(self.article_url).query
                                                               if urlsplit(self.article_url).query else ""),
            "family": self.family, "family_label": family.label, "family_summary": family.summary,
            "base_module": family.base_module, "base_class": family.base_class,
            "class_name": "".join(part.capitalize() for part in self.slug.split("_")) + "Spider",
            "region_literal": f"\"{self.region}\"" if self.region else "None", "extra_lines": family.extra_lines,
            "region_text": self.region or "none (a national outlet: district names need their city)",
        }
        fixtures = root / "tests" / "fixtures" / self.slug
        html_values = {k: html.escape(v) if isinstance(v, str) else v for k, v in values.items()}
        return {
            root / "spiders" / f"{self.slug}.py": _render("spider.py.tmpl", values).rstrip("\n") + "\n",
            fixtures / "site.json": self._manifest(),
            fixtures / LIST_FILE: _render(f"pages/{self.family}-list.html.tmpl", {**html_values, "kind": "list"}),
            fixtures / ARTICLE_FILE: _render(f"pages/{self.family}-article.html.tmpl",
                                             {**html_values, "kind": "article"}),
            fixtures / "expected.toml": expectations_file.new_file(self.slug, ARTICLE_FILE, LIST_FILE),
            root / "docs" / "outlets" / f"{self.slug}.md": _render("note.md.tmpl", values),
        }

    def _manifest(self) -> str:
        hosts = sorted({self.host, self.domain, f"www.{self.domain}"})
        manifest = {"outlet": self.slug, "hosts": hosts,
                    "pages": [{"url": self.entry_point, "file": LIST_FILE, "kind": "list"},
                              {"url": self.article_url, "file": ARTICLE_FILE}],
                    "entry_points": [self.entry_point]}
        return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def _render(name: str, values: dict) -> str:
    return expectations_file.render(name, values)


def check(args) -> NewOutlet:
    """The arguments as a :class:`NewOutlet`, or a :class:`UsageError` saying what is wrong."""
    from crawler.runner import spider_names

    slug, root = args.slug, args.root
    if not SLUG.match(slug) or keyword.iskeyword(slug):
        raise UsageError(f"invalid slug {slug!r}: use 2-40 lowercase letters, digits and _, starting with a letter "
                         f"(it names the spider module spiders/{slug}.py)")
    if args.family not in FAMILIES:
        raise UsageError(f"unknown family {args.family!r}: one of {', '.join(sorted(FAMILIES))}")
    home = urlsplit(args.home)
    if home.scheme not in ("http", "https") or not home.hostname or "." not in home.hostname or " " in args.home:
        raise UsageError(f"bad --home URL {args.home!r}: give the outlet's home page as http(s)://host/")
    region = None if args.region.lower() in ("none", "") else args.region
    if region is not None and region not in REGIONS:
        raise UsageError(f"unknown --region {args.region!r}: one of {', '.join(REGIONS)} or none")
    taken = [p for p in (root / "spiders" / f"{slug}.py", root / "spiders" / slug, root / "tests" / "fixtures" / slug,
                         root / "docs" / "outlets" / f"{slug}.md") if p.exists()]
    if root == REPO and slug in spider_names():
        taken.insert(0, Path(f"spider {slug!r}"))
    if taken:
        raise UsageError(f"outlet {slug!r} already exists ({', '.join(str(p) for p in taken)}); pick another slug")
    home_url = f"{home.scheme}://{home.netloc}{home.path or '/'}"
    return NewOutlet(slug, args.family, home_url, args.name or home.hostname, region)


def run(args) -> int:
    outlet = check(args)
    files = outlet.files(args.root)
    for path in files:
        print(f"{'would write' if args.dry_run else 'wrote'} {path.relative_to(args.root)}")
    if args.dry_run:
        return 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(NEXT_STEPS.format(slug=outlet.slug, article=outlet.article_url, entry=outlet.entry_point))
    return 0


NEXT_STEPS = """
Next steps (the outlet's tests fail until they are done):
  1. gupress doctor {slug}                      # is the entry point right? how many article links does it give?
  2. gupress capture LIST_URL --outlet {slug}     # a real list page replaces list-placeholder.html
     gupress capture ARTICLE_URL --outlet {slug}  # a real article replaces article-placeholder.html
     (no internet: hand-model both pages on the real markup and say so in their header comment)
  3. Read each page in a browser and replace every FILL IN in tests/fixtures/{slug}/expected.toml
     (title, KST date, reporter, first and last body words, districts); write docs/outlets/{slug}.md.
  4. .venv/bin/python -m pytest -q tests/test_outlet_expectations.py tests/test_golden_sweep.py -k {slug}
     A failing field means the spider or the family selectors need work (spiders/{slug}.py), not the expectation.
  Placeholder URLs written: {entry} and {article}"""
