"""`gupress outlets`, `gupress doctor` and `gupress capture`, run as the CLI against local
replay sites on 127.0.0.1 through GUPRESS_HOST_MAP."""

from __future__ import annotations

import json
import tomllib

import pytest

from crawler.runner import spider_names
from tests.outlet_expectations import unfilled
from tests.support import crawl_env, gupress, site_for

KET_SEARCH_URL = ("http://www.ket.kr/news/view.php?idx=16859&sm=w_total&stx=%EB%8B%98%EB%B9%84"
                  "&stx2=&w_section1=&sdate=&edate=")


@pytest.fixture
def sites():
    started = [site_for(name) for name in ("tvseoul", "sijung", "ket")]
    for site, _manifest in started:
        site.start()
    yield {manifest.outlet: (site, manifest) for site, manifest in started}
    for site, _manifest in started:
        site.stop()


def _env(sites, tmp_path, **extra):
    return crawl_env(f"sqlite:///{tmp_path / 'unused.db'}", list(sites.values()), **extra)


class TestOutlets:
    def test_every_spider_with_family_domains_and_entry_points(self):
        result = gupress("outlets", "--json")
        assert result.returncode == 0, result.stderr
        rows = {row["outlet"]: row for row in json.loads(result.stdout)}
        assert list(rows) == spider_names()
        assert {rows[n]["family"] for n in ("sijung", "slnews", "sisanews")} == {"A"}
        assert {rows[n]["family"] for n in ("tvseoul", "sdmsinmun", "ybstv")} == {"B"}
        assert {rows[n]["family"] for n in ("ket", "krnews21", "news21tongsin", "fmtv")} == {"C"}
        assert rows["herald"]["family"] is None and rows["krnews21"]["region"] is None
        assert rows["tvseoul"]["domains"] == ["tvseoul.kr"]
        assert rows["tvseoul"]["entry_points"] == ["http://www.tvseoul.kr/news/section_list_all.html?sec_no=67"]

    def test_table_marks_configured_entry_points(self, sites, tmp_path):
        env = _env(sites, tmp_path)
        result = gupress("outlets", env=env)
        assert result.returncode == 0, result.stderr
        sijung_lines = result.stdout.split("sijung", 1)[1].split("sisanews", 1)[0]
        assert "entry (GUPRESS_ENTRY_POINTS): https://www.sijung.co.kr/rss/allArticle.xml" in sijung_lines
        assert "시정일보" in result.stdout and "ket.kr" in result.stdout


class TestDoctor:
    def test_reports_robots_status_latency_and_link_counts(self, sites, tmp_path):
        result = gupress("doctor", "tvseoul", "sijung", "ket", "--json", env=_env(sites, tmp_path))
        assert result.returncode == 0, result.stdout + result.stderr
        probes = json.loads(result.stdout)
        entries = {p["url"]: p for p in probes if p["kind"] == "entry"}
        assert entries["http://www.tvseoul.kr/news/section_list_all.html?sec_no=67"]["article_links"] == 1
        assert entries["https://www.sijung.co.kr/rss/allArticle.xml"]["article_links"] == 2
        assert entries["http://www.ket.kr/news/list.php?vg=photo"]["article_links"] == 1
        assert all(p["status"] == 200 and p["latency_ms"] is not None and p["ok"] for p in probes)
        assert sorted(p["url"] for p in probes if p["kind"] == "robots") == [
            "http://www.ket.kr/robots.txt", "http://www.tvseoul.kr/robots.txt", "https://www.sijung.co.kr/robots.txt"]
        assert all(sites[o][0].requested("/robots.txt") for o in ("tvseoul", "sijung", "ket"))

    def test_broken_entry_point_and_robots_disallow_fail(self, sites, tmp_path):
        tvseoul_site = sites["tvseoul"][0]
        tvseoul_site.put("http://www.tvseoul.kr/robots.txt", b"User-agent: *\nDisallow: /news/\n", content_type="text/plain")
        entry_points = json.dumps({"sijung": ["https://www.sijung.co.kr/news/articleList.html?page=9"],
                                   "tvseoul": ["http://www.tvseoul.kr/news/section_list_all.html?sec_no=67"]})
        result = gupress("doctor", "sijung", "tvseoul", env=_env(sites, tmp_path, GUPRESS_ENTRY_POINTS=entry_points))
        assert result.returncode == 1
        assert "FAIL entry  404" in result.stdout
        assert "disallowed by robots.txt" in result.stdout

    def test_unknown_outlet(self):
        assert gupress("doctor", "nosuchoutlet").returncode == 2


class TestCapture:
    def test_article_page_saved_with_headers_manifest_and_a_fill_in_expectation(self, sites, tmp_path):
        fixtures = tmp_path / "fixtures"
        original = site_for("ket")[1].folder / "article-16859.html"
        sites["ket"][0].put(KET_SEARCH_URL, original.read_bytes(), content_type="text/html; charset=euc-kr")
        result = gupress("capture", KET_SEARCH_URL, "--fixtures", str(fixtures), env=_env(sites, tmp_path))
        assert result.returncode == 0, result.stderr
        folder = fixtures / "ket"
        assert (folder / "article-16859.html").read_bytes() == original.read_bytes()  # bytes untouched (EUC-KR)
        headers = json.loads((folder / "article-16859.headers.json").read_text(encoding="utf-8"))
        assert headers["status"] == 200 and headers["headers"]["content-type"] == "text/html; charset=euc-kr"
        manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
        assert manifest["outlet"] == "ket" and "www.ket.kr" in manifest["hosts"]
        assert manifest["pages"] == [{"url": "http://www.ket.kr/news/view.php?idx=16859", "file": "article-16859.html",
                                      "content_type": "text/html; charset=euc-kr", "variant_url": KET_SEARCH_URL}]
        [entry] = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))["article"]
        assert entry["file"] == "article-16859.html" and unfilled(entry)[:3] == ["canonical_url", "article_id", "title"]
        assert "강서구" not in (folder / "expected.toml").read_text(encoding="utf-8")  # nothing from the parser
        assert not list(folder.glob("*.expected.json"))

    def test_captured_pages_replace_new_outlets_placeholders(self, sites, tmp_path):
        """After `gupress new-outlet`, a captured list page takes the placeholder list page's place (file,
        site.json entry and entry point, expected.toml entry), and a second one is added beside it."""
        from crawler.commands.new_outlet import NewOutlet

        fixtures = tmp_path / "fixtures"
        folder = fixtures / "tvseoul"
        folder.mkdir(parents=True)
        written = NewOutlet("tvseoul", "articlehtml", "http://www.tvseoul.kr/", "TV서울", "서울").files(tmp_path)
        for path, text in written.items():
            if path.parent.name == "tvseoul":
                (folder / path.name).write_text(text, encoding="utf-8")
        url = "http://www.tvseoul.kr/news/section_list_all.html?sec_no=67"
        result = gupress("capture", url, "--outlet", "tvseoul", "--fixtures", str(fixtures), env=_env(sites, tmp_path))
        assert result.returncode == 0, result.stderr
        assert "now describes list-1.html (was the placeholder)" in result.stdout
        manifest = json.loads((folder / "site.json").read_text(encoding="utf-8"))
        assert [p["file"] for p in manifest["pages"]] == ["article-placeholder.html", "list-1.html"]
        assert manifest["entry_points"] == [url]
        assert not (folder / "list-placeholder.html").exists()
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        assert [e["file"] for e in expected["list"]] == ["list-1.html"]
        assert [e["file"] for e in expected["article"]] == ["article-placeholder.html"]
        assert unfilled(expected["list"][0]) == ["article_urls[0]"]
        page_two = "http://www.tvseoul.kr/news/section_list_all.html?sec_no=67&page=2"
        sites["tvseoul"][0].put(page_two, (site_for("tvseoul")[1].folder / "list-2.html").read_bytes())
        result = gupress("capture", page_two, "--outlet", "tvseoul", "--fixtures", str(fixtures),
                         env=_env(sites, tmp_path))
        assert result.returncode == 0 and "added a FILL IN list entry for list-2.html" in result.stdout
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        assert [e["file"] for e in expected["list"]] == ["list-1.html", "list-2.html"]

    def test_missing_page_saves_nothing(self, sites, tmp_path):
        fixtures = tmp_path / "fixtures"
        result = gupress("capture", "http://www.ket.kr/news/view.php?idx=99999", "--fixtures", str(fixtures),
                         env=_env(sites, tmp_path))
        assert result.returncode == 1 and "HTTP 404" in result.stderr
        assert not fixtures.exists()

    def test_url_no_outlet_owns(self):
        result = gupress("capture", "https://example.com/news/1")
        assert result.returncode == 2 and "no outlet owns" in result.stderr

