"""How the structured ``GUPRESS_*`` values are read from text and checked: host maps, entry-point
JSON, database and queue URLs, and a pydantic error as one line. The declaration in ``crawler.config`` calls these from its
validators; each failure is a ``ConfigError`` whose message names the variable and never repeats a
password."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from storage.urls import redact_url

#: Backends the archive's migrations and SQL are written for.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
DATABASE_URL_EXAMPLES = "sqlite:///gupress.db or postgresql+psycopg://user:pass@host:5432/db"


class ConfigError(ValueError):
    """A GUPRESS_* variable has a value we cannot use; the message says which and why."""


class UsageError(ValueError):
    """A command-line argument cannot be used; the CLI prints the message as one line, exit 2."""


def parse_host_map(spec: str | None) -> dict[str, str]:
    """Parse ``host=addr:port,host2=addr:port`` into a dict.

    The host map lets a crawl of ``www.asiae.co.kr`` be answered by a local replay or a
    staging mirror while the spider, canonical URLs and the archive keep the real host.
    """
    mapping: dict[str, str] = {}
    for raw in (spec or "").split(","):
        entry = raw.strip()
        if not entry:
            continue
        host, sep, target = entry.partition("=")
        host, target = host.strip().lower(), target.strip()
        if not sep or not host or not target:
            raise ConfigError(f"GUPRESS_HOST_MAP entry {entry!r} is not of the form host=address:port")
        if "://" in target:
            target = urlsplit(target).netloc
        mapping[host] = target
    return mapping


def parse_entry_points(spec: str | None) -> dict[str, list[str]]:
    """``GUPRESS_ENTRY_POINTS`` is JSON: ``{"asiae": ["https://…/list/…"]}``; it replaces a spider's defaults."""
    if not spec:
        return {}
    try:
        data = json.loads(spec)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"GUPRESS_ENTRY_POINTS is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(u, str) for u in v) for v in data.values()
    ):
        raise ConfigError('GUPRESS_ENTRY_POINTS must look like {"outlet": ["url", ...]}')
    return data


def check_database_url(url: str) -> str:
    """``url`` unchanged when it names a database gupress can use, else ConfigError.

    Checked before anything is opened, so a typo costs one line and exit 2 instead of a
    traceback, and creates no file; the password never appears in the message.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # ValueError: a non-numeric port ('host:abc'); the URL may hold a password, so it is not repeated
        raise ConfigError("GUPRESS_DATABASE_URL is not a valid database URL (expected e.g. "
                          f"{DATABASE_URL_EXAMPLES}; a port must be a number)") from None
    shown = redact_url(url)
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ConfigError(f"GUPRESS_DATABASE_URL {shown}: unknown database {parsed.drivername!r}; "
                          f"use {DATABASE_URL_EXAMPLES}")
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise ConfigError(f"GUPRESS_DATABASE_URL {shown}: database driver {parsed.drivername!r} is not "
                          f"installed; use {DATABASE_URL_EXAMPLES}") from None
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise ConfigError(f"GUPRESS_DATABASE_URL {shown}: port {parsed.port} is not between 1 and 65535")
    return url


def check_queue_url(url: str) -> str:
    """A Redis URL for the shared backfill queue (``redis://host:6379/0``), else ConfigError."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise ConfigError(f"queue URL {redact_url(url)} is not a Redis URL (expected e.g. redis://127.0.0.1:6379/0)")
    try:
        parts.port
    except ValueError:
        raise ConfigError(f"queue URL {redact_url(url)}: port is not a number between 1 and 65535") from None
    return url


def check_queue_prefix(prefix: str) -> str:
    """Key prefix in Redis: letters, digits, '-', '_', '.' (scrapy-redis %-formats its keys)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", prefix):
        raise ConfigError(f"GUPRESS_QUEUE_PREFIX {prefix!r}: use 1-64 letters, digits, '-', '_' or '.'")
    return prefix


_TYPE_WORDS = {"int_parsing": "a whole number", "int_from_float": "a whole number", "int_type": "a whole number",
               "float_parsing": "a number", "float_type": "a number", "finite_number": "a finite number",
               "bool_parsing": "true or false", "bool_type": "true or false"}
_LIMIT_WORDS = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}


def explain(error: dict[str, Any], spec: dict[str, Any] | None) -> str:
    """A pydantic error as the one line the CLI prints: the variable, what it must be, what it was
    (unless it is a secret). ``spec``: the variable's declaration (``crawler.config.declared``)."""
    if error["type"] == "value_error":  # our own checks, whose messages already name the variable
        return str(error["ctx"]["error"])
    name = str(error["loc"][0]) if error["loc"] else "configuration"
    extra = spec or {}
    unit = f" {extra['unit']}" if extra.get("unit") else ""
    was = "" if extra.get("secret") else f", not {error['input']!r}"
    if error["type"] in _TYPE_WORDS:
        words = _TYPE_WORDS[error["type"]]
        if unit and words.startswith("a ") and "number" in words:
            words += f" of{unit}"
        return f"{name} must be {words}{was}"
    if error["type"] in _LIMIT_WORDS:
        words, key = _LIMIT_WORDS[error["type"]]
        return f"{name} must be {words} {error['ctx'][key]:g}{unit}{was}"
    return f"{name}: {error['msg']}{was}"
