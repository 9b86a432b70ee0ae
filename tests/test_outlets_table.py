"""README.md's outlet table is generated from the spiders (`gupress outlets --readme`), never edited by
hand: adding an outlet changes the table by running the command, and this test fails until it is run."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from crawler.commands import outlets
from crawler.runner import spider_names
from tests.support import REPO, gupress


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| `")]


def test_readme_outlet_table_is_the_generated_one():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    generated = outlets.format_markdown(outlets.outlet_rows(with_overrides=False))
    assert outlets.with_table(readme, generated) == readme, \
        "README.md's outlet table differs from the spiders': run `gupress outlets --readme`"


def test_one_row_per_spider_with_name_family_home_region_and_evidence_note():
    rows = _table_rows(outlets.format_markdown(outlets.outlet_rows(with_overrides=False)))
    assert [row.split("`")[1] for row in rows] == spider_names()
    tvseoul = next(row for row in rows if row.startswith("| `tvseoul` |"))
    assert tvseoul == ("| `tvseoul` | TV서울 | B (article.html) | 서울 | http://www.tvseoul.kr/ "
                       "| `/news/section_list_all.html?sec_no=67` | [docs/outlets/tvseoul.md](docs/outlets/tvseoul.md) |")
    krnews21 = next(row for row in rows if row.startswith("| `krnews21` |"))
    assert "| – (national) |" in krnews21 and "| C (기사 메일전송) |" in krnews21


def test_entry_point_overrides_do_not_reach_the_readme_table():
    env_rows = gupress("outlets", "--markdown", env={"GUPRESS_ENTRY_POINTS": '{"tvseoul": ["http://www.tvseoul.kr/x"]}',
                                                     "PATH": "/usr/bin:/bin"})
    assert env_rows.returncode == 0, env_rows.stderr
    assert "`/news/section_list_all.html?sec_no=67`" in env_rows.stdout and "/x`" not in env_rows.stdout


def test_check_fails_on_a_stale_table_and_readme_rewrites_it(tmp_path, monkeypatch, capsys):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stale = "\n".join(line for line in readme.splitlines() if not line.startswith("| `ybstv` |")) + "\n"
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(outlets, "README", copy)
    check = SimpleNamespace(json=False, markdown=False, readme=True, check=True)
    assert outlets.run(check) == 1 and "is stale" in capsys.readouterr().err
    assert outlets.run(SimpleNamespace(json=False, markdown=False, readme=True, check=False)) == 0
    assert copy.read_text(encoding="utf-8") == readme
    assert outlets.run(check) == 0


def test_readme_without_markers_is_an_error():
    with pytest.raises(ValueError, match="markers"):
        outlets.with_table("# README\n| slug |\n", "| slug |\n")
