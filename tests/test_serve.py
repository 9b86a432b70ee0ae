"""gupress serve without a browser: what it refuses, the Datasette command and metadata it builds,
and the plugin's functions on a plain sqlite3 connection."""

from __future__ import annotations

import json
import sqlite3

from crawler.commands.serve import datasette_command
from storage import datasette_plugin
from storage.datasette_metadata import build_metadata
from storage.schema_docs import TABLES, VIEWS
from tests.support import gupress


def test_postgresql_and_missing_files_are_refused_in_one_line(tmp_path):
    pg = gupress("serve", env={"GUPRESS_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1:5432/x", "PATH": ""})
    assert pg.returncode == 2 and "SQLite files only" in pg.stderr and len(pg.stderr.splitlines()) == 1
    missing = gupress("serve", str(tmp_path / "nope.db"))
    assert missing.returncode == 2 and "no archive at" in missing.stderr


def test_metadata_describes_every_table_and_configures_search(tmp_path):
    archive = tmp_path / "press.db"
    archive.touch()
    command = datasette_command(archive, host="127.0.0.1", port=9)
    metadata = json.loads(open(command[command.index("--metadata") + 1], encoding="utf-8").read())
    tables = metadata["databases"]["press"]["tables"]
    assert set(TABLES) | set(VIEWS) <= set(tables)
    assert tables["articles"]["fts_table"] == "article_fts" and tables["articles"]["fts_pk"] == "id"
    assert tables["articles"]["columns"]["cluster_id"].startswith("Id of the cluster")
    assert tables["article_facets"]["facets"] == ["outlet", "district_name", "month"]
    assert set(metadata["databases"]["press"]["queries"]) == {
        "korean_search", "releases_per_district_month", "outlets_carrying_a_release", "edits_after_publication"}
    assert build_metadata("x")["databases"].keys() == {"x"}


def test_plugin_replaces_escape_fts_only_on_gupress_archives():
    gupress_db, other = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    gupress_db.execute("CREATE VIRTUAL TABLE article_fts USING fts5(title, body)")
    gupress_db.execute("INSERT INTO article_fts (rowid, title, body) VALUES (7, '서울 울청 청년 년센 센터', '')")
    gupress_db.commit()  # as Datasette's read-only connections are: no open write transaction
    for conn in (gupress_db, other):
        conn.create_function("escape_fts", 1, lambda q: "datasette's")
        datasette_plugin.prepare_connection(conn)
    assert gupress_db.execute("SELECT escape_fts('서울청년센터')").fetchone() == ('"서울 울청 청년 년센 센터"',)
    assert other.execute("SELECT escape_fts('x')").fetchone() == ("datasette's",)
    assert other.execute("SELECT gupress_match('청년 센터')").fetchone() == ('"청년" AND "센터"',)
    search = "SELECT rowid FROM article_fts WHERE article_fts MATCH escape_fts(?)"
    assert gupress_db.execute(search, ["청년센터"]).fetchall() == [(7,)]
    assert gupress_db.execute(search, ["센터청년"]).fetchall() == []
    assert gupress_db.execute(search, ["!!"]).fetchall() == []
