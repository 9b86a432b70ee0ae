"""gupress serve [DB]: browse and search a SQLite archive in Datasette, with the bundled metadata
(descriptions, facets, canned queries) and the gupress plugin (Korean ``?_search=``)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from crawler.config import UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="browse and search the archive in Datasette (SQLite archives)",
        description="Run Datasette on the archive (default: the SQLite file of GUPRESS_DATABASE_URL) with "
                    "gupress's metadata and plugin: table and column descriptions, facets, canned queries and "
                    "Korean search of any length. Datasette opens the file read-only.")
    parser.add_argument("database", nargs="?", type=Path, metavar="DB", help="SQLite archive file")
    parser.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.set_defaults(func=run)


def archive_file(database: Path | None) -> Path:
    from crawler.config import GupressConfig, sqlite_path

    if database is None:
        url = GupressConfig.from_env().database_url
        database = sqlite_path(url)
        if database is None:
            raise UsageError("Datasette reads SQLite files only; for PostgreSQL use psql, or "
                             "gupress export to a file")
    if not database.is_file():
        raise UsageError(f"no archive at {database}; run gupress demo, crawl or migrate first")
    return database


def datasette_command(database: Path, *, host: str, port: int) -> list[str]:
    """The ``datasette serve`` command line, with the metadata written to a file beside it in the
    temporary directory (one per archive name, rewritten on every start)."""
    from storage.datasette_metadata import build_metadata

    metadata = Path(tempfile.gettempdir()) / f"gupress-datasette-{os.getuid()}-{database.stem}.json"
    metadata.write_text(json.dumps(build_metadata(database.stem), ensure_ascii=False, indent=1), encoding="utf-8")
    return [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(metadata),
            "--host", host, "--port", str(port)]


def run(args) -> int:
    command = datasette_command(archive_file(args.database), host=args.host, port=args.port)
    print(f"gupress: serving {command[4]} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    sys.stderr.flush()
    os.execv(command[0], command)  # Datasette replaces this process: signals reach it directly
    return 0  # not reached
