"""``gupress`` command line. Each subcommand is a module in ``crawler/commands/`` with a
``register(subparsers)`` function, so adding a command never edits this file."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import crawler.commands
from crawler import __version__
from crawler.config import ConfigError, UsageError
from crawler.logging_setup import say
from crawler.runner import DatabaseUnavailable
from crawler.terminal import install_on_stdout
from storage.db import ArchiveError


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit 2 (argparse would print the usage too);
    ``--help`` still shows the usage. Subcommand parsers inherit the class."""

    def error(self, message: str):
        say(f"{self.prog}: {message} (see {self.prog} --help)", level="ERROR")
        self.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="gupress",
        description="Crawl Korean district (자치구) press releases from news outlets into a versioned SQL archive.",
        epilog="Configuration comes from GUPRESS_* environment variables; see README.md.",
    )
    parser.add_argument("--version", action="version", version=f"gupress {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_info in sorted(pkgutil.iter_modules(crawler.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"crawler.commands.{module_info.name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    install_on_stdout()  # archive text printed by any command: no escape sequences from pages
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        say(f"gupress: configuration error: {exc}", level="ERROR")
        return 2
    except (DatabaseUnavailable, ArchiveError, UsageError) as exc:
        say(f"gupress: {exc}", level="ERROR")
        return 2
    except KeyboardInterrupt:
        say("gupress: interrupted", level="WARNING")
        return 130


if __name__ == "__main__":
    sys.exit(main())
