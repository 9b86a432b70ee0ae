"""Environment → configuration, read in one place.

Everything tunable comes from ``GUPRESS_*`` environment variables so that ops can
configure a daemon with an environment file (see ``deploy/``) and tests can point
a crawl at 127.0.0.1 without any test-only branch in spider code.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

DEFAULT_DATABASE_URL = "sqlite:///gupress.db"
DEFAULT_CONTACT_URL = "https://github.com/gupress/gupress"


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


def redact_url(url: str) -> str:
    """A database URL safe for logs: the password is replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported by whoever uses it
        return "<unparsable database URL>"


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


@dataclass(frozen=True)
class GupressConfig:
    database_url: str = DEFAULT_DATABASE_URL
    host_map: dict[str, str] = field(default_factory=dict)
    entry_points: dict[str, list[str]] = field(default_factory=dict)
    contact_url: str = DEFAULT_CONTACT_URL
    user_agent: str | None = None
    max_list_pages: int = 5
    raw_pages: bool = True
    log_json: bool = False
    incremental_overlap: int = 0
    revisit_fraction: float = 0.25
    revisit_min_seconds: float = 900
    revisit_max_seconds: float = 7 * 86400
    revisit_horizon_days: float = 30
    revisit_max_per_run: int = 200
    lease_ttl: float = 300
    retry_ledger_base_seconds: float = 900
    retry_ledger_max_seconds: float = 86400
    retry_ledger_max_attempts: int = 8
    retry_ledger_max_per_run: int = 500
    run_progress_seconds: float = 5
    queue_url: str | None = None
    queue_prefix: str = "gupress"
    worker_heartbeat_ttl: float = 15
    #: Group commit of the store path: a batch is committed at this many items, or when its
    #: oldest item has waited ``store_batch_seconds`` (1 item = one transaction per article).
    store_batch: int = 50
    store_batch_seconds: float = 0.5
    #: Processes computing the store's search texts, shingles and signatures ahead of the writer
    #: thread (crawler/pipelines/text_workers.py); 0 computes them on the writer thread.
    store_text_workers: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "GupressConfig":
        env = os.environ if environ is None else environ
        return cls(
            database_url=check_database_url(env.get("GUPRESS_DATABASE_URL") or DEFAULT_DATABASE_URL),
            host_map=parse_host_map(env.get("GUPRESS_HOST_MAP")),
            entry_points=parse_entry_points(env.get("GUPRESS_ENTRY_POINTS")),
            contact_url=env.get("GUPRESS_CONTACT_URL") or DEFAULT_CONTACT_URL,
            user_agent=env.get("GUPRESS_USER_AGENT") or None,
            max_list_pages=_int(env, "GUPRESS_MAX_LIST_PAGES", 5),
            raw_pages=_bool(env, "GUPRESS_RAW_PAGES", True),
            log_json=_bool(env, "GUPRESS_LOG_JSON", False),
            incremental_overlap=_int(env, "GUPRESS_INCREMENTAL_OVERLAP", 0),
            revisit_fraction=_float(env, "GUPRESS_REVISIT_FRACTION", 0.25),
            revisit_min_seconds=_float(env, "GUPRESS_REVISIT_MIN_SECONDS", 900),
            revisit_max_seconds=_float(env, "GUPRESS_REVISIT_MAX_SECONDS", 7 * 86400),
            revisit_horizon_days=_float(env, "GUPRESS_REVISIT_HORIZON_DAYS", 30),
            revisit_max_per_run=_int(env, "GUPRESS_REVISIT_MAX_PER_RUN", 200),
            lease_ttl=_float(env, "GUPRESS_LEASE_TTL", 300),
            retry_ledger_base_seconds=_float(env, "GUPRESS_RETRY_LEDGER_BASE_SECONDS", 900),
            retry_ledger_max_seconds=_float(env, "GUPRESS_RETRY_LEDGER_MAX_SECONDS", 86400),
            retry_ledger_max_attempts=_int(env, "GUPRESS_RETRY_LEDGER_MAX_ATTEMPTS", 8),
            retry_ledger_max_per_run=_int(env, "GUPRESS_RETRY_LEDGER_MAX_PER_RUN", 500),
            run_progress_seconds=_float(env, "GUPRESS_RUN_PROGRESS_SECONDS", 5),
            queue_url=check_queue_url(env.get("GUPRESS_QUEUE_URL")) if env.get("GUPRESS_QUEUE_URL") else None,
            queue_prefix=check_queue_prefix(env.get("GUPRESS_QUEUE_PREFIX") or "gupress"),
            worker_heartbeat_ttl=_float(env, "GUPRESS_WORKER_HEARTBEAT_TTL", 15),
            store_batch=max(_int(env, "GUPRESS_STORE_BATCH", 50), 1),
            store_batch_seconds=_float(env, "GUPRESS_STORE_BATCH_SECONDS", 0.5),
            store_text_workers=max(_int(env, "GUPRESS_STORE_TEXT_WORKERS", 1), 0),
        )

    def effective_user_agent(self) -> str:
        from crawler import __version__

        return self.user_agent or f"gupress/{__version__} (+{self.contact_url})"


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



#: Set by a ``gupress daemon`` in each crawl child's environment (its fleet id), so the
#: child's ``crawl_runs`` row says which daemon ran it. Not an operator setting.
DAEMON_ID_ENV = "GUPRESS_DAEMON_ID"


@dataclass(frozen=True)
class FleetSettings:
    """How a ``gupress daemon`` shares scheduled crawls with other daemons on one database.

    ``concurrency`` (GUPRESS_DAEMON_CONCURRENCY): crawls this daemon runs at once. A crawl is
    a Scrapy process (~100 MB, one core while parsing); 4 keeps a 2-core machine busy without
    starving it. ``heartbeat`` (GUPRESS_DAEMON_HEARTBEAT): seconds between a daemon's
    heartbeats, which are also its polls for due outlets. ``dead_after``
    (GUPRESS_DAEMON_DEAD_AFTER): a daemon silent this long is dead and its outlets go to the
    others; default six heartbeats, so a slow database round trip is not a death.
    """

    concurrency: int = 4
    heartbeat: float = 5.0
    dead_after: float = 30.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "FleetSettings":
        env = os.environ if environ is None else environ
        concurrency = _int(env, "GUPRESS_DAEMON_CONCURRENCY", 4)
        heartbeat = _float(env, "GUPRESS_DAEMON_HEARTBEAT", 5.0)
        dead_after = _float(env, "GUPRESS_DAEMON_DEAD_AFTER", heartbeat * 6)
        if concurrency < 1:
            raise ConfigError(f"GUPRESS_DAEMON_CONCURRENCY must be at least 1, not {concurrency}")
        if heartbeat <= 0:
            raise ConfigError(f"GUPRESS_DAEMON_HEARTBEAT must be a positive number of seconds, not {heartbeat:g}")
        if dead_after < 2 * heartbeat:
            raise ConfigError(f"GUPRESS_DAEMON_DEAD_AFTER ({dead_after:g}s) must be at least two heartbeats "
                              f"({2 * heartbeat:g}s), or a daemon is declared dead between two heartbeats")
        return cls(concurrency, heartbeat, dead_after)

#: Backends the archive's migrations and SQL are written for.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
DATABASE_URL_EXAMPLES = "sqlite:///gupress.db or postgresql+psycopg://user:pass@host:5432/db"


def check_database_url(url: str) -> str:
    """``url`` unchanged when it names a database gupress can use, else ConfigError.

    Checked before anything is opened, so a typo costs one line and exit 2 instead of a
    traceback, and creates no file; the password never appears in the message.
    """
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


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a SQLite URL (None for other backends or in-memory databases)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _int(env, name: str, default: int) -> int:
    value = env.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from exc


def _float(env, name: str, default: float) -> float:
    value = env.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {value!r}") from exc


def json_logs_requested(env=None) -> bool:
    """Whether ``GUPRESS_LOG_JSON`` asks for JSON output, read leniently (an unusable value is reported
    by ``GupressConfig``; this only decides how that very error line is written)."""
    env = os.environ if env is None else env
    return (env.get("GUPRESS_LOG_JSON") or "").strip().lower() in {"1", "true", "yes", "on"}


def _bool(env, name: str, default: bool) -> bool:
    value = env.get(name)
    if value in (None, ""):
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")
