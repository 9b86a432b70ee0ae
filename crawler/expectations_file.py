"""Writing ``tests/fixtures/<outlet>/expected.toml`` blocks: the ``FILL IN`` entries a person completes.

Belongs here: the text of new entries (from ``crawler/templates/new_outlet/``) and pointing an entry at
another page. ``gupress new-outlet`` writes the first file; ``gupress capture`` adds an entry per captured
page, or, when the outlet still has ``gupress new-outlet``'s placeholder page of that kind, takes its
place. Values are never filled in here: they are read off the page by a person (tests/outlet_expectations.py).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

TEMPLATES = Path(__file__).resolve().parent / "templates" / "new_outlet"
FILE_NAME = "expected.toml"
PLACEHOLDERS = {"article": "article-placeholder.html", "list": "list-placeholder.html"}


def render(name: str, values: dict) -> str:
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)


def block(kind: str, file: str) -> str:
    """A ``[[article]]`` or ``[[list]]`` entry for ``file`` with every value ``FILL IN``."""
    return render(f"expected-{kind}.toml.tmpl", {"article_file": file, "list_file": file})


def new_file(slug: str, article_file: str, list_file: str) -> str:
    return render("expected.toml.tmpl", {"slug": slug, "article_block": block("article", article_file),
                                         "list_block": block("list", list_file)})


def add_page(folder: Path, kind: str, file: str) -> str:
    """Make ``expected.toml`` in ``folder`` describe ``file``; returns what was done, for the user."""
    path = folder / FILE_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else (
        f"# {folder.name}: the fields a person read off each fixture page (format: tests/outlet_expectations.py).\n")
    placeholder = f'file = "{PLACEHOLDERS[kind]}"'
    if f'file = "{file}"' in text:
        return f"{path} already has an entry for {file}: check it against the page"
    if placeholder in text:
        path.write_text(text.replace(placeholder, f'file = "{file}"'), encoding="utf-8")
        return f"{path}: the {kind} entry now describes {file} (was the placeholder); fill in its FILL IN values"
    path.write_text(text.rstrip("\n") + "\n\n" + block(kind, file), encoding="utf-8")
    return f"{path}: added a FILL IN {kind} entry for {file}; read the page and fill it in"
