"""Bad input from a user: one line on stderr, exit 2, no traceback, and nothing created or
changed. Read-only commands (search, status) never create or migrate an archive, and work on
an archive file nobody may write. Every case runs the real `gupress` CLI as a subprocess."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage import repository
from storage.db import Database, current_revision, migrate
from tests.conftest import PG_ADMIN_URL, _pg_unavailable
from tests.support import REPO, gupress
from tests.test_storage import make_item

PASSWORD = "s3cret-pw"
#: A word of make_item()'s title ("강서구, 적극행정 우수사례 선정").
WORD = "적극행정"


def tree(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under root with its size, mtime and content hash (directories by name)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_file():
            out[rel] = (path.stat().st_size, path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            out[rel] = (0, 0, "dir")
    return out


def env_for(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}
    return {**env, "GUPRESS_DATABASE_URL": url, **extra}


def gupress_in(folder: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`gupress` run from ``folder``, so a relative path it wrongly created would land there."""
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=folder, capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(REPO)}, timeout=180)


def assert_one_line_exit_2(result: subprocess.CompletedProcess, *must_contain: str) -> str:
    lines = result.stderr.splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and PASSWORD not in result.stderr + result.stdout
    for part in must_contain:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "somefile").write_text("not a directory")
    return tmp_path


# --- GUPRESS_DATABASE_URL ------------------------------------------------------------

BAD_URLS = [
    ("sqlite//x", "not a valid database URL"),
    ("postgres://", "unknown database 'postgres'"),
    (f"mysql+nosuch://u:{PASSWORD}@127.0.0.1/db", "unknown database 'mysql+nosuch'"),
    (f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:99999/db", "port 99999 is not between 1 and 65535"),
    (f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:abc/db", "a port must be a number"),
]


#: Each bad URL with one command (the check is shared; writing and read-only commands take turns).
COMMANDS = [["migrate"], ["search", WORD], ["status"], ["reparse"], ["backfill", "--outlet", "asiae"]]


@pytest.mark.parametrize("url, problem, command", [(*case, cmd) for case, cmd in zip(BAD_URLS, COMMANDS)])
def test_malformed_database_url_is_one_line(workdir, url, problem, command):
    before = tree(workdir)
    result = gupress_in(workdir, *command, env=env_for(url))
    assert_one_line_exit_2(result, "GUPRESS_DATABASE_URL", problem)
    assert tree(workdir) == before


@pytest.mark.parametrize("url, problem", [BAD_URLS[0], BAD_URLS[3]])
def test_crawl_with_a_malformed_database_url_is_one_line(workdir, url, problem):
    command = ["crawl", "asiae"]
    before = tree(workdir)
    result = gupress_in(workdir, *command, env=env_for(url))
    assert_one_line_exit_2(result, "GUPRESS_DATABASE_URL", problem)
    assert tree(workdir) == before


def test_mistyped_postgresql_database_is_one_line_and_not_created():
    """A database name that does not exist on a real server: nothing is created there."""
    name = f"gupress_typo_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        _pg_unavailable(str(exc).splitlines()[0])
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgres@", f"postgres:{PASSWORD}@")
    for command in (["migrate"], ["status"], ["search", WORD]):
        result = gupress(*command, env=env_for(f"{base}/{name}"))
        assert_one_line_exit_2(result, name, "***")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}).scalar() == 0
    admin.dispose()


# --- SQLite locations ----------------------------------------------------------------

@pytest.mark.parametrize("command", [["migrate"], ["crawl", "asiae"], ["backfill", "--outlet", "asiae"]])
def test_sqlite_path_under_a_regular_file(workdir, command):
    before = tree(workdir)
    result = gupress(*command, env=env_for(f"sqlite:///{workdir / 'somefile' / 'x.db'}"))
    assert_one_line_exit_2(result, "somefile is a file, not a directory")
    assert tree(workdir) == before


@pytest.mark.parametrize("where", ["/proc/gupress-test.db", "/proc/gupress-test/x.db"])
def test_sqlite_path_where_nobody_can_write(where):
    """/proc refuses new files even to root (a chmod'ed directory would not stop root)."""
    result = gupress("migrate", env=env_for(f"sqlite:///{where}"))
    assert_one_line_exit_2(result, "cannot create the archive at " + where)
    assert not os.path.exists(where)


@pytest.fixture
def immutable_dir(tmp_path):
    """A directory even root cannot create files in: `chattr +i` (ext4/xfs); without root,
    a chmod 555 directory does the same."""
    path = tmp_path / "readonly"
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        yield path
        path.chmod(0o755)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i unsupported here ({made.stderr.strip()}); /proc covers the case")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("name", ["x.db", "sub/x.db"])
def test_sqlite_path_in_a_read_only_directory(immutable_dir, name):
    before = tree(immutable_dir.parent)
    result = gupress("migrate", env=env_for(f"sqlite:///{immutable_dir / name}"))
    assert_one_line_exit_2(result, f"cannot create the archive at {immutable_dir / name}")
    assert tree(immutable_dir.parent) == before


# --- arguments -----------------------------------------------------------------------

@pytest.fixture
def archive(tmp_path):
    """A migrated SQLite archive holding one article (make_item: 강서구 적극행정)."""
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    db = Database(url)
    migrate(db)
    repository.save_article(db, make_item())
    db.dispose()
    return url, tmp_path


ARGUMENT_CASES = [
    (["backfill", "--outlet", "asiae", "--since", "2025-06-01", "--until", "2025-01-01"],
     "--since 2025-06-01 is after --until 2025-01-01"),
    (["backfill", "--outlet", "asiae", "--since", "2025-13-01"], "YYYY-MM-DD"),
    (["backfill", "--outlet", "asiae", "--until", "last week"], "YYYY-MM-DD"),
    (["backfill", "--outlet", "nosuch"], "unknown outlet 'nosuch'"),
    (["backfill", "--outlet", "asiae", "--max-pages", "-3"], "'-3' must be 1 or more"),
    (["crawl", "asiae", "--max-pages", "0"], "'0' must be 1 or more"),
    (["crawl", "asiae", "--max-pages", "many"], "'many' is not a whole number"),
    (["crawl", "nosuch"], "unknown outlet(s): nosuch"),
    (["crawl", "asiae", "-s", "DOWNLOAD_DELAY"], "-s expects NAME=VALUE"),
    (["crawl", "--mode", "sideways"], "invalid choice: 'sideways'"),
    (["search", WORD, "--district", "99999"], "no district has this code"),
    (["search", WORD, "--district", "은평구"], "is not a 5-digit district code"),
    (["search", WORD, "--outlet", "nosuch"], "unknown --outlet 'nosuch'"),
    (["search", WORD, "--limit", "-1"], "'-1' must be 1 or more"),
    (["search", "가" * 40_000], "40,000 characters long; the limit is 200 characters"),
    (["search", *["청년"] * 11], "11 words; the limit is 10 words"),
    (["search", "  "], "the search query is empty"),
    (["status", "nosuch"], "unknown outlet 'nosuch'"),
    (["reparse", "--outlet", "nosuch"], "unknown --outlet 'nosuch'"),
    (["migrate", "--bogus"], "unrecognized arguments: --bogus"),
]


@pytest.mark.parametrize("argv, problem", ARGUMENT_CASES,
                         ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else None)
def test_bad_arguments_are_one_line_and_change_nothing(archive, argv, problem):
    url, folder = archive
    before = tree(folder)
    assert_one_line_exit_2(gupress(*argv, env=env_for(url)), problem)
    assert tree(folder) == before


def test_search_at_the_limit_still_runs(archive):
    """The cap refuses only what is over it: 10 words, 200 characters, is a query."""
    url, _folder = archive
    query = " ".join([WORD] + ["강서구"] * 9)
    assert len(query.split()) == 10 and len(query) <= 200
    result = gupress("search", *query.split(), env=env_for(url))
    assert result.returncode == 0, result.stderr
    assert WORD in result.stdout


# --- read-only commands --------------------------------------------------------------

@pytest.mark.parametrize("command", [["search", WORD], ["status"], ["status", "--json"], ["reindex"], ["reparse"]])
def test_commands_on_a_mistyped_path_create_nothing(tmp_path, command):
    missing = tmp_path / "typo" / "archvie.db"
    result = gupress(*command, env=env_for(f"sqlite:///{missing}"))
    assert_one_line_exit_2(result, f"no archive at {missing}; run gupress migrate or crawl first")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["eval-districts", "eval-clusters"])
def test_missing_input_file_is_one_line(command):
    assert_one_line_exit_2(gupress(command, "/nonexistent/cases.jsonl"), "/nonexistent/cases.jsonl is not a file")


@pytest.mark.parametrize("command", [["outlets"], ["eval-districts"],
                                     ["parse", "https://www.asiae.co.kr/article/2026011907322546715", "--html",
                                      "tests/fixtures/asiae/article-current.html"]])
def test_commands_that_need_no_archive_create_none(tmp_path, command):
    result = gupress(*command, env=env_for(f"sqlite:///{tmp_path / 'archive.db'}"))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert list(tmp_path.iterdir()) == []


def test_read_only_commands_never_migrate_an_older_archive(database_url):
    db = Database(database_url)
    migrate(db, "0003")
    assert current_revision(db) == "0003"
    for command in (["search", WORD], ["status"]):
        result = gupress(*command, env=env_for(database_url))
        assert_one_line_exit_2(result, "schema revision 0003", "run gupress migrate first")
    assert current_revision(db) == "0003"
    db.dispose()


@pytest.fixture(params=["chmod 444", "chattr +i"])
def read_only_archive(request, archive):
    """An archive file that cannot be written: mode 444 (root ignores it, so gupress must not
    even try) or immutable (writes fail even for root)."""
    url, folder = archive
    path = folder / "archive.db"
    path.chmod(0o444)
    if request.param == "chattr +i":
        if os.geteuid() != 0:
            pytest.skip("chattr +i needs root; the chmod 444 case covers non-root")
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"chattr +i unsupported here ({made.stderr.strip()}); the chmod 444 case covers it")
    try:
        yield url, folder
    finally:
        if request.param == "chattr +i":
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def test_read_only_archive_file_works_for_search_and_status(read_only_archive):
    url, folder = read_only_archive
    before = tree(folder)
    found = gupress("search", WORD, env=env_for(url))
    assert found.returncode == 0, found.stderr
    assert "강서구, 적극행정 우수사례 선정" in found.stdout
    status = gupress("status", "asiae", env=env_for(url))
    assert status.returncode in (0, 1), status.stderr  # 1: asiae has never been crawled (never_run)
    assert status.stdout.splitlines()[2].startswith("asiae") and "never_run" in status.stdout
    assert tree(folder) == before, "same bytes, same mtime, no -wal/-shm beside it"


def test_read_only_database_refuses_writes(database_url):
    """The read-only engine itself: a write fails on both backends (SQLite mode=ro, PostgreSQL
    default_transaction_read_only), so search and status cannot change an archive by mistake."""
    from sqlalchemy.exc import DBAPIError

    db = Database(database_url)
    migrate(db)
    db.dispose()
    reader = Database(database_url, read_only=True)
    with pytest.raises(DBAPIError, match="(?i)read.?only"):
        with reader.session() as session:
            session.execute(text("DELETE FROM districts"))
    reader.dispose()
    check = Database(database_url)
    assert repository.archive_counts(check)["districts"] > 0
    check.dispose()


def test_read_only_archive_sees_what_a_live_writer_just_committed(tmp_path):
    """A reader that may not write the file while the daemon (another user) writes it: its
    latest commits are still in the -wal file, so the reader must not open it `immutable`."""
    path = tmp_path / "archive.db"
    writer = Database(f"sqlite:///{path}")
    holder = writer.engine.connect()  # an open connection keeps the WAL from being checkpointed away
    holder.execute(text("SELECT 1"))
    try:
        migrate(writer)
        repository.save_article(writer, make_item())
        assert path.with_name("archive.db-wal").stat().st_size > 0
        path.chmod(0o444)
        found = gupress("search", WORD, env=env_for(f"sqlite:///{path}"))
        assert found.returncode == 0, found.stderr
        assert "강서구, 적극행정 우수사례 선정" in found.stdout
    finally:
        path.chmod(0o644)
        holder.close()
        writer.dispose()


@pytest.mark.parametrize("command", [["migrate"], ["crawl", "asiae"], ["status"]])
def test_an_archive_newer_than_this_gupress_is_one_line(archive, command):
    """An older install meeting an archive a newer one upgraded: Alembic would print a traceback."""
    url, folder = archive
    newer = Database(url)
    with newer.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    newer.dispose()
    before = tree(folder)
    assert_one_line_exit_2(gupress(*command, env=env_for(url)), "schema revision 0099, newer than this gupress",
                           "upgrade gupress")
    assert tree(folder) == before


@pytest.mark.parametrize("command", [["migrate"], ["search", WORD]])
def test_a_file_that_is_not_an_archive_is_left_alone(tmp_path, command):
    (tmp_path / "notes.db").write_text("not a database")
    (tmp_path / "folder.db").mkdir()
    before = tree(tmp_path)
    assert_one_line_exit_2(gupress(*command, env=env_for(f"sqlite:///{tmp_path / 'notes.db'}")),
                           "file is not a database")
    problem = "it is a directory" if command == ["migrate"] else "no archive at"
    assert_one_line_exit_2(gupress(*command, env=env_for(f"sqlite:///{tmp_path / 'folder.db'}")), problem)
    assert tree(tmp_path) == before
