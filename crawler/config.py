"""The one declaration of every ``GUPRESS_*`` setting: name, type, default, allowed values, meaning.

Everything else reads it: the Scrapy settings (``crawler.settings``), the daemon
(``crawler.daemon.config``), the CLI (``gupress config`` prints the effective values) and the
README's configuration table (``gupress config --markdown``; tests/test_config.py fails when the
README's copy is stale or when a ``GUPRESS_*`` name anywhere in the repository is not declared
here). A default written anywhere else is a second truth, so views and consumers ask
``default()`` or ``from_settings()`` instead of repeating it.

Operator settings come from the environment so that ops configure a daemon with an environment
file (``deploy/``) and tests point a crawl at 127.0.0.1 without any test-only branch in spider
code. ``INTERNAL`` declares what gupress sets for its own child processes and runs;
``DEVELOPMENT`` what only tests and benchmarks read.
"""

from __future__ import annotations

import contextvars
import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from crawler.configvalues import (
    ConfigError,
    UsageError,
    check_database_url,
    check_queue_prefix,
    check_queue_url,
    explain,
    parse_entry_points,
    parse_host_map,
)
from storage.urls import redact_url, sqlite_path

__all__ = ["ConfigError", "UsageError", "GupressConfig", "check_database_url", "check_queue_url",
           "parse_host_map", "parse_entry_points", "redact_url", "sqlite_path"]

PREFIX = "GUPRESS_"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def setting(default: Any, meaning: str, *, group: str, unit: str = "", secret: bool = False,
            shown_default: str | None = None, allowed: str | None = None, example: str | None = None,
            **limits: Any) -> Any:
    """One declared setting. ``shown_default`` describes a default computed from other settings;
    ``allowed`` describes a shape the type and limits do not say (a URL, ``host=addr:port``);
    ``example`` is the value deploy/gupress.env.example suggests for production."""
    extra = {"group": group, "unit": unit, "secret": secret, "shown_default": shown_default, "allowed": allowed,
             "example": example}
    return Field(default, description=meaning, json_schema_extra=extra, **limits)


ARCHIVE, CRAWL, RECRAWL, STORE, QUEUE, DAEMON, FLEET, STATUS = (
    "archive", "crawling", "recrawls and retries", "store path", "distributed backfill", "daemon",
    "fleet of daemons", "status endpoint and health")

Text = Annotated[str, NoDecode]
TextList = Annotated[tuple[str, ...], NoDecode]

#: The environment ``from_env`` reads; a context variable so that a test's explicit mapping never
#: mixes with the real environment (see ``GupressConfig.settings_customise_sources``).
_ENVIRON: contextvars.ContextVar[Mapping[str, str] | None] = contextvars.ContextVar("gupress_environ", default=None)


class GupressConfig(BaseSettings):
    """Every operator setting. Field ``max_list_pages`` is the variable ``GUPRESS_MAX_LIST_PAGES``, and so on."""

    model_config = SettingsConfigDict(
        alias_generator=lambda name: PREFIX + name.upper(), populate_by_name=True, case_sensitive=True,
        env_ignore_empty=True, extra="ignore", frozen=True, allow_inf_nan=False)

    # --- archive ---------------------------------------------------------------------------
    database_url: Text = setting(
        "sqlite:///gupress.db",
        "SQLAlchemy URL of the archive; PostgreSQL: `postgresql+psycopg://user:pass@host:5432/db`. Also used by "
        "`alembic`. Checked before anything is opened. A SQLite file's directory is created by writing commands "
        "(`crawl`, `migrate`, `backfill`, `daemon`), never by `search`, `status`, `reparse` or `reindex`.",
        group=ARCHIVE, secret=True, allowed="a SQLite or PostgreSQL URL, port 1–65535",
        example="postgresql+psycopg://gupress:CHANGE-ME@127.0.0.1:5432/gupress")
    raw_pages: bool = setting(True, "keep fetched page bytes in `raw_pages` (for re-parsing)", group=ARCHIVE)
    log_json: bool = setting(False, "one JSON object per log line, daemon and crawl processes (journald, Loki, ELK)",
                             group=ARCHIVE, example="true")

    # --- crawling --------------------------------------------------------------------------
    host_map: Annotated[dict[str, str], NoDecode] = setting(
        {}, "requests for these hosts go to that address (a local replay, a staging mirror) while spiders, "
        "canonical URLs and the archive keep the real URLs; the demo and every end-to-end test use it",
        group=CRAWL, shown_default="empty", allowed="`host=address:port,…`")
    entry_points: Annotated[dict[str, list[str]], NoDecode] = setting(
        {}, "replaces a spider's list/RSS URLs, e.g. `{\"asiae\": [\"https://www.asiae.co.kr/list/society-all\"]}`; "
        "per run also `scrapy crawl asiae -a entry_points=URL1,URL2`",
        group=CRAWL, shown_default="each spider's own", allowed='JSON `{"outlet": ["url", …]}`')
    max_list_pages: int = setting(5, "list pages walked per entry point (`crawl --max-pages` overrides)",
                                  group=CRAWL, ge=1)
    contact_url: str = setting("https://github.com/gupress/gupress",
                               "put in the User-Agent so that site operators can reach you", group=CRAWL,
                               example="https://example.org/gupress-contact")
    user_agent: str | None = setting(None, "full User-Agent override", group=CRAWL,
                                     shown_default="`gupress/<version> (+GUPRESS_CONTACT_URL)`")
    retry_backoff_base: float = setting(2.0, "first wait before a failed request is retried; doubles per retry",
                                        group=CRAWL, unit="seconds", ge=0)
    retry_backoff_max: float = setting(60.0, "longest wait between two retries of one request",
                                       group=CRAWL, unit="seconds", ge=0)
    progress_interval: float = setting(10.0, "a backfill not on a terminal prints a progress line this often",
                                       group=CRAWL, unit="seconds", gt=0)

    # --- recrawls and retries --------------------------------------------------------------
    incremental_overlap: int = setting(0, "extra list pages walked after the first one with nothing to fetch",
                                       group=RECRAWL, ge=0)
    revisit_fraction: float = setting(
        0.25, "an archived article is re-checked when the time since its last check exceeds this fraction of "
        "its age (clamped to the two settings below)", group=RECRAWL, ge=0)
    revisit_min_seconds: float = setting(900.0, "shortest interval between two checks of one article",
                                         group=RECRAWL, unit="seconds", ge=0)
    revisit_max_seconds: float = setting(604800.0, "longest interval between two checks of one article",
                                         group=RECRAWL, unit="seconds", ge=0)
    revisit_horizon_days: float = setting(30.0, "articles older than this are never re-checked",
                                          group=RECRAWL, unit="days", ge=0)
    revisit_max_per_run: int = setting(200, "most due articles the revisit sweep re-checks in one crawl",
                                       group=RECRAWL, ge=0)
    lease_ttl: float = setting(300.0, "a crawl's outlet lease lasts this long without renewal (renewed every "
                               "third of it); another crawl may then take the outlet over",
                               group=RECRAWL, unit="seconds", ge=1)
    retry_ledger_base_seconds: float = setting(
        900.0, "a failed article URL is retried by the first run after this long, then after 2×, 4× …",
        group=RECRAWL, unit="seconds", ge=0)
    retry_ledger_max_seconds: float = setting(86400.0, "longest wait between two retries of one URL",
                                              group=RECRAWL, unit="seconds", ge=0)
    retry_ledger_max_attempts: int = setting(
        8, "failures after which a URL is given up (kept in `retry_ledger`, shown by `status` and `/metrics`)",
        group=RECRAWL, ge=1)
    retry_ledger_max_per_run: int = setting(500, "most due ledger URLs one run requests at its start",
                                            group=RECRAWL, ge=0)
    run_progress_seconds: float = setting(
        5.0, "a running crawl copies its counters to its `crawl_runs` row this often (`0`: only at close)",
        group=RECRAWL, unit="seconds", ge=0)

    # --- store path ------------------------------------------------------------------------
    store_batch: int = setting(50, "the store commits up to this many articles in one transaction "
                               "(`1`: one per article); see [Store path](#store-path)", group=STORE, ge=1)
    store_batch_seconds: float = setting(0.5, "longest an article waits for its batch to fill before it is "
                                         "committed", group=STORE, unit="seconds", ge=0)
    store_text_workers: int = setting(1, "processes computing an article's search texts, shingles and signature "
                                      "while it waits for its batch (`0`: the writer thread computes them); see "
                                      "[Store path](#store-path)", group=STORE, ge=0)

    # --- distributed backfill --------------------------------------------------------------
    queue_url: Text | None = setting(None, "Redis URL of the shared backfill queue, used when `--queue` is not "
                                     "given", group=QUEUE, secret=True, shown_default="none",
                                     allowed="`redis://host:6379/0`, `rediss://…`, `unix://…`")
    queue_prefix: str = setting("gupress", "key prefix of the shared queue in Redis", group=QUEUE,
                                allowed="1–64 letters, digits, `-`, `_`, `.`")
    worker_heartbeat_ttl: float = setting(15.0, "a silent worker counts as dead after this long and its taken "
                                          "requests go back to the queue", group=QUEUE, unit="seconds", gt=0)

    # --- daemon ----------------------------------------------------------------------------
    schedule_interval: float = setting(3600.0, "time between two scheduled crawls of one outlet",
                                       group=DAEMON, unit="seconds", ge=1)
    schedule_jitter: float | None = setting(None, "random 0..N added to each run time (spreads outlets)",
                                            group=DAEMON, unit="seconds", ge=0,
                                            shown_default="interval/10, at most 300")
    outlets: TextList = setting((), "comma-separated outlets the daemon schedules (and `gupress status` lists)",
                                group=DAEMON, shown_default="every spider")
    crawl_timeout: float = setting(1800.0, "a crawl running longer is terminated (SIGTERM, then SIGKILL)",
                                   group=DAEMON, unit="seconds", ge=1)
    misfire_grace: float | None = setting(None, "a run missed (daemon down) by up to this long still runs, once",
                                          group=DAEMON, unit="seconds", ge=1, shown_default="interval/2")
    crawl_args: TextList = setting((), "extra arguments for each scheduled `gupress crawl`, shell-quoted "
                                   "(e.g. `-s DOWNLOAD_DELAY=2`)", group=DAEMON, shown_default="none")
    shutdown_grace: float = setting(60.0, "on SIGTERM, running crawls may still finish for this long",
                                    group=DAEMON, unit="seconds", ge=0)
    term_timeout: float = setting(20.0, "time between SIGTERM and SIGKILL of a crawl; keep `TimeoutStopSec` "
                                  "of gupress.service above grace + this", group=DAEMON, unit="seconds", ge=0)
    leader_poll: float = setting(10.0, "time between a standby's attempts at the leader lock",
                                 group=DAEMON, unit="seconds", ge=0.05)
    db_retry_max: float = setting(30.0, "cap of the exponential backoff between database retries during an "
                                  "outage", group=DAEMON, unit="seconds", ge=0.1)

    # --- fleet of daemons ------------------------------------------------------------------
    daemon_concurrency: int = setting(4, "crawls one daemon runs at once (a crawl is a Scrapy process, ~100 MB, "
                                      "one core while parsing); see [Fleet of daemons](#fleet-of-daemons)",
                                      group=FLEET, ge=1)
    daemon_heartbeat: float = setting(5.0, "time between a daemon's heartbeats, which are also its polls for due "
                                      "outlets", group=FLEET, unit="seconds", gt=0)
    daemon_dead_after: float | None = setting(
        None, "a daemon silent this long is dead and its outlets go to the others; at least two heartbeats, "
        "or a daemon would be declared dead between two of them", group=FLEET, unit="seconds", gt=0,
        shown_default="6 heartbeats")

    # --- status endpoint and health --------------------------------------------------------
    status_addr: str | None = setting(
        "127.0.0.1:9410", "address of the daemon's `/healthz` and `/metrics` (`[::1]:9410` for IPv6; `off` "
        "disables); must be loopback unless `GUPRESS_STATUS_ALLOW_REMOTE` is true", group=STATUS,
        allowed="`host:port` or `off`")
    status_allow_remote: bool = setting(
        False, "permits a non-loopback `GUPRESS_STATUS_ADDR`; the daemon then logs that `/metrics` is served "
        "unauthenticated there. Without it such an address stops the daemon at start (exit 2)", group=STATUS)
    stale_hours: float = setting(72.0, "no new article for this long flags an outlet `stale`",
                                 group=STATUS, unit="hours", gt=0)

    # --- reading ---------------------------------------------------------------------------
    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return check_database_url(value)

    @field_validator("host_map", mode="before")
    @classmethod
    def _host_map(cls, value: Any) -> Any:
        return parse_host_map(value) if isinstance(value, str) else value

    @field_validator("entry_points", mode="before")
    @classmethod
    def _entry_points(cls, value: Any) -> Any:
        return parse_entry_points(value) if isinstance(value, str) else value

    @field_validator("queue_url")
    @classmethod
    def _queue_url(cls, value: str | None) -> str | None:
        try:
            return check_queue_url(value) if value else None
        except ConfigError as exc:
            raise ConfigError(f"GUPRESS_QUEUE_URL: {exc}") from None

    @field_validator("queue_prefix")
    @classmethod
    def _queue_prefix(cls, value: str) -> str:
        return check_queue_prefix(value)

    @field_validator("outlets", mode="before")
    @classmethod
    def _outlets(cls, value: Any) -> Any:
        return tuple(o.strip() for o in value.split(",") if o.strip()) if isinstance(value, str) else value

    @field_validator("crawl_args", mode="before")
    @classmethod
    def _crawl_args(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return tuple(shlex.split(value))
        except ValueError as exc:
            raise ConfigError(f"GUPRESS_CRAWL_ARGS cannot be split like a shell line: {exc}") from None

    @field_validator("status_addr", mode="before")
    @classmethod
    def _status_addr(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return None if value.lower() in {"off", "none", ""} else value
        return value

    @model_validator(mode="after")
    def _derived(self) -> "GupressConfig":
        """Defaults computed from other settings, then checks that span two settings."""
        derived = {"schedule_jitter": default_jitter(self.schedule_interval),
                   "misfire_grace": default_misfire_grace(self.schedule_interval),
                   "daemon_dead_after": default_dead_after(self.daemon_heartbeat)}
        for name, value in derived.items():
            if getattr(self, name) is None:
                self.__dict__[name] = value
        check_dead_after(self.daemon_dead_after, self.daemon_heartbeat)
        return self

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        """The process environment through pydantic-settings, or the mapping ``from_env`` was given
        (passed as init values: every structured field parses text itself, so both read alike)."""
        return (init_settings,) if _ENVIRON.get() is not None else (init_settings, env_settings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "GupressConfig":
        """The configuration from ``environ`` (default: the process environment); an unusable value
        raises ConfigError naming the variable, never repeating a secret."""
        token = _ENVIRON.set(environ)
        try:
            if environ is None:
                return cls()
            return cls(**{name: value for name, value in environ.items()
                          if name.startswith(PREFIX) and name in FIELDS and value != ""})
        except ValidationError as exc:
            raise ConfigError("; ".join(explain(e, _spec_of(e)) for e in exc.errors())) from None
        finally:
            _ENVIRON.reset(token)

    def effective_user_agent(self) -> str:
        from crawler import __version__

        return self.user_agent or f"gupress/{__version__} (+{self.contact_url})"

    def scrapy_settings(self) -> dict[str, Any]:
        """Every setting under its variable name, as ``crawler.settings`` exposes them to Scrapy."""
        return {name: getattr(self, field) for name, field in FIELDS.items()}

    def from_environment(self) -> set[str]:
        """Variable names whose value came from the environment rather than the declaration."""
        return {FIELD_NAMES[field] for field in self.model_fields_set}


def default_jitter(interval: float) -> float:
    return min(300.0, interval / 10)


def default_misfire_grace(interval: float) -> float:
    return interval / 2


def default_dead_after(heartbeat: float) -> float:
    return heartbeat * 6


def check_dead_after(dead_after: float, heartbeat: float) -> None:
    if dead_after < 2 * heartbeat:
        raise ConfigError(f"GUPRESS_DAEMON_DEAD_AFTER ({dead_after:g}s) must be at least two heartbeats "
                          f"({2 * heartbeat:g}s), or a daemon is declared dead between two heartbeats")


#: Variable name → field name, and back.
FIELDS: dict[str, str] = {PREFIX + name.upper(): name for name in GupressConfig.model_fields}
FIELD_NAMES: dict[str, str] = {field: name for name, field in FIELDS.items()}


def declared(name: str) -> dict[str, Any]:
    """The declaration of variable ``name``: type, default, limits and the ``setting()`` extras."""
    info = GupressConfig.model_fields[FIELDS[name]]
    limits = {key: getattr(m, key) for m in info.metadata for key in ("ge", "gt", "le", "lt") if hasattr(m, key)}
    return {"name": name, "field": FIELDS[name], "annotation": info.annotation, "default": info.default,
            "description": info.description, "limits": limits, **(info.json_schema_extra or {})}


def _spec_of(error: dict[str, Any]) -> dict[str, Any] | None:
    name = str(error["loc"][0]) if error["loc"] else ""
    return declared(name) if name in FIELDS else None


def default(field: str) -> Any:
    """The declared default of a field, for typed views (``DaemonConfig``) built in code."""
    return GupressConfig.model_fields[field].default


def from_settings(settings, name: str) -> Any:
    """A ``GUPRESS_*`` Scrapy setting (a ``-s NAME=value`` override arrives as text), falling back to
    the declared default when the settings are not the project's (a bare ``Settings()``)."""
    info = GupressConfig.model_fields[FIELDS[name]]
    getter = {int: settings.getint, float: settings.getfloat, bool: settings.getbool}.get(info.annotation)
    return getter(name, info.default) if getter else settings.get(name, info.default)


@dataclass(frozen=True)
class Declared:
    """A ``GUPRESS_*`` name outside the operator settings: set by gupress itself, or read by tests
    and benchmarks only. ``where`` is ``environment`` or ``Scrapy setting``."""

    name: str
    where: str
    meaning: str
    default: Any = None


INTERNAL = {d.name: d for d in (
    Declared("GUPRESS_DAEMON_ID", "environment", "set by a daemon for each crawl child: the daemon's fleet id, "
             "recorded in the crawl's `crawl_runs` row"),
    Declared("GUPRESS_DAEMON_PID", "environment", "set by a daemon for each crawl child: the daemon's pid, so a "
             "child whose daemon is gone exits instead of crawling unsupervised"),
    Declared("GUPRESS_CRAWL_MODE", "Scrapy setting", "the run's mode (`incremental`, `backfill`, `distributed`), "
             "recorded in `crawl_runs.mode`", "incremental"),
    Declared("GUPRESS_TRIGGER", "Scrapy setting", "what started the run (`manual`, `daemon`, `backfill`, "
             "`worker`, `demo`), recorded in `crawl_runs.trigger`", "manual"),
    Declared("GUPRESS_PROGRESS_BAR", "Scrapy setting", "a backfill on a terminal draws a progress bar instead of "
             "progress lines", False),
    Declared("GUPRESS_QUEUE_OUTLET", "Scrapy setting", "a backfill worker's outlet, whose shared queue it serves"),
    Declared("GUPRESS_WORKER_ID", "Scrapy setting", "a backfill worker's id in the queue's heartbeats"),
)}

#: The variable a daemon's crawl child finds its daemon's fleet id in.
DAEMON_ID_ENV = INTERNAL["GUPRESS_DAEMON_ID"].name

DEVELOPMENT = {d.name: d for d in (
    Declared("GUPRESS_TEST_PG_ADMIN_URL", "environment", "PostgreSQL server on which tests create and drop "
             "their databases", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
    Declared("GUPRESS_TEST_REDIS_URL", "environment", "Redis the queue tests use (each test its own key prefix)",
             "redis://127.0.0.1:6379/0"),
    Declared("GUPRESS_UPDATE_GOLDEN", "environment", "`1`: tests/test_golden_sweep.py writes each missing or "
             "differing golden file as an unreviewed stub"),
    Declared("GUPRESS_BENCH_PG_ADMIN_URL", "environment", "PostgreSQL server on which benchmarks create "
             "throwaway databases", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
    Declared("GUPRESS_BENCH_DATABASE_URL", "environment", "archive `benchmarks recrawl-cost` uses instead of a "
             "fresh SQLite file"),
)}


def development_setting(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """A tests- or benchmarks-only variable, or its declared default."""
    env = os.environ if environ is None else environ
    return env.get(name) or DEVELOPMENT[name].default


def all_declared_names() -> set[str]:
    return set(FIELDS) | set(INTERNAL) | set(DEVELOPMENT)


def json_logs_requested(env: Mapping[str, str] | None = None) -> bool:
    """Whether ``GUPRESS_LOG_JSON`` asks for JSON output, read leniently (an unusable value is reported
    by ``GupressConfig``; this only decides how that very error line is written)."""
    env = os.environ if env is None else env
    return (env.get("GUPRESS_LOG_JSON") or "").strip().lower() in TRUE_WORDS
