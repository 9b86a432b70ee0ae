"""Daemon settings from ``GUPRESS_*`` environment variables (documented in
the Operations section of README.md and deploy/gupress.env.example)."""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
from dataclasses import dataclass, field

from crawler.config import ConfigError, FleetSettings

#: Set by the daemon in each crawl child's environment (its own pid), read by
#: ``crawler.daemon.child`` to arm the parent-death signal. Not an operator setting.
PARENT_PID_ENV = "GUPRESS_DAEMON_PID"


@dataclass(frozen=True)
class DaemonConfig:
    interval: float = 3600.0          # GUPRESS_SCHEDULE_INTERVAL: seconds between crawls of one outlet
    jitter: float = 300.0             # GUPRESS_SCHEDULE_JITTER: random 0..jitter s added to each run time
    crawl_timeout: float = 1800.0     # GUPRESS_CRAWL_TIMEOUT: a crawl running longer is terminated
    shutdown_grace: float = 60.0      # GUPRESS_SHUTDOWN_GRACE: running crawls may finish this long on SIGTERM
    term_timeout: float = 20.0        # GUPRESS_TERM_TIMEOUT: after SIGTERM to a crawl, SIGKILL after this
    status_addr: str | None = "127.0.0.1:9410"  # GUPRESS_STATUS_ADDR ("off" disables)
    outlets: tuple[str, ...] = ()     # GUPRESS_OUTLETS: comma-separated subset (default: every spider)
    leader_poll: float = 10.0         # GUPRESS_LEADER_POLL: how often a standby tries the leader lock
    misfire_grace: float | None = None  # GUPRESS_MISFIRE_GRACE: default half the interval
    crawl_args: tuple[str, ...] = field(default_factory=tuple)  # GUPRESS_CRAWL_ARGS: extra `gupress crawl` args
    lease_ttl: float = 300.0          # GUPRESS_LEASE_TTL (shared with crawls)
    status_allow_remote: bool = False  # GUPRESS_STATUS_ALLOW_REMOTE: permit a non-loopback GUPRESS_STATUS_ADDR
    db_retry_max: float = 30.0        # GUPRESS_DB_RETRY_MAX: cap of the backoff between database retries
    fleet: FleetSettings = FleetSettings()  # GUPRESS_DAEMON_*: sharing crawls with other daemons

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "DaemonConfig":
        env = os.environ if environ is None else environ
        interval = _seconds(env, "GUPRESS_SCHEDULE_INTERVAL", 3600.0, minimum=1.0)
        status = (env.get("GUPRESS_STATUS_ADDR") or "127.0.0.1:9410").strip()
        return cls(
            interval=interval,
            jitter=_seconds(env, "GUPRESS_SCHEDULE_JITTER", min(300.0, interval / 10)),
            crawl_timeout=_seconds(env, "GUPRESS_CRAWL_TIMEOUT", 1800.0, minimum=1.0),
            shutdown_grace=_seconds(env, "GUPRESS_SHUTDOWN_GRACE", 60.0),
            term_timeout=_seconds(env, "GUPRESS_TERM_TIMEOUT", 20.0),
            status_addr=None if status.lower() in {"off", "none", ""} else status,
            outlets=tuple(o.strip() for o in (env.get("GUPRESS_OUTLETS") or "").split(",") if o.strip()),
            leader_poll=_seconds(env, "GUPRESS_LEADER_POLL", 10.0, minimum=0.05),
            misfire_grace=_seconds(env, "GUPRESS_MISFIRE_GRACE", interval / 2, minimum=1.0),
            crawl_args=tuple(shlex.split(env.get("GUPRESS_CRAWL_ARGS") or "")),
            lease_ttl=_seconds(env, "GUPRESS_LEASE_TTL", 300.0, minimum=1.0),
            status_allow_remote=_flag(env, "GUPRESS_STATUS_ALLOW_REMOTE"),
            db_retry_max=_seconds(env, "GUPRESS_DB_RETRY_MAX", 30.0, minimum=0.1),
            fleet=FleetSettings.from_env(env),
        )

    @property
    def status_host_port(self) -> tuple[str, int] | None:
        if not self.status_addr:
            return None
        host, _, port = self.status_addr.rpartition(":")
        if not port.isdigit() or int(port) > 65535:
            raise ConfigError(f"GUPRESS_STATUS_ADDR must be host:port, not {self.status_addr!r}")
        return host.strip("[]") or "127.0.0.1", int(port)

    def check_status_exposure(self) -> str | None:
        """Refuse a status endpoint reachable from other machines unless explicitly allowed:
        ``/metrics`` has no authentication. Returns a warning to log when it is allowed."""
        address = self.status_host_port
        if address is None or is_loopback(address[0]):
            return None
        if not self.status_allow_remote:
            raise ConfigError(f"GUPRESS_STATUS_ADDR={self.status_addr} is not a loopback address and /metrics has "
                              f"no authentication; bind 127.0.0.1 behind a proxy, or set "
                              f"GUPRESS_STATUS_ALLOW_REMOTE=true to allow it")
        return (f"GUPRESS_STATUS_ALLOW_REMOTE=true: /healthz and /metrics are served unauthenticated on "
                f"{self.status_addr}, reachable from other machines")


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address (127.0.0.0/8, ::1).
    A wildcard (0.0.0.0, ::) or a name that does not resolve counts as not loopback."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def _flag(env, name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in {"", "0", "false", "no", "off"}:
        return False
    if raw in {"1", "true", "yes", "on"}:
        return True
    raise ConfigError(f"{name} must be true or false, not {env.get(name)!r}")


def _seconds(env, name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum:g} seconds, not {raw!r}")
    return value
