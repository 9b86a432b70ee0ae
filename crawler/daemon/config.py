"""The daemon's view of the configuration: typed dataclasses the scheduler, supervisor and fleet
code take as arguments, filled from the one declaration in ``crawler.config`` (which holds every
default, limit and description), plus the checks only a daemon needs (is the status address
loopback?)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

from crawler.config import (
    INTERNAL,
    ConfigError,
    GupressConfig,
    check_dead_after,
    default,
    default_dead_after,
    default_jitter,
    default_misfire_grace,
)

#: Set by the daemon in each crawl child's environment (its own pid), read by
#: ``crawler.daemon.child`` to arm the parent-death signal. Declared in ``crawler.config.INTERNAL``.
PARENT_PID_ENV = INTERNAL["GUPRESS_DAEMON_PID"].name


@dataclass(frozen=True)
class FleetSettings:
    """How a ``gupress daemon`` shares scheduled crawls with other daemons on one database
    (GUPRESS_DAEMON_CONCURRENCY, _HEARTBEAT, _DEAD_AFTER; ``dead_after`` None: six heartbeats)."""

    concurrency: int = default("daemon_concurrency")
    heartbeat: float = default("daemon_heartbeat")
    dead_after: float | None = None

    def __post_init__(self) -> None:
        if self.dead_after is None:
            object.__setattr__(self, "dead_after", default_dead_after(self.heartbeat))
        check_dead_after(self.dead_after, self.heartbeat)

    @classmethod
    def from_config(cls, config: GupressConfig) -> "FleetSettings":
        return cls(config.daemon_concurrency, config.daemon_heartbeat, config.daemon_dead_after)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "FleetSettings":
        return cls.from_config(GupressConfig.from_env(environ))


@dataclass(frozen=True)
class DaemonConfig:
    """``jitter`` and ``misfire_grace`` None: derived from ``interval`` as declared."""

    interval: float = default("schedule_interval")
    jitter: float | None = None
    crawl_timeout: float = default("crawl_timeout")
    shutdown_grace: float = default("shutdown_grace")
    term_timeout: float = default("term_timeout")
    status_addr: str | None = default("status_addr")
    outlets: tuple[str, ...] = default("outlets")
    leader_poll: float = default("leader_poll")
    misfire_grace: float | None = None
    crawl_args: tuple[str, ...] = default("crawl_args")
    lease_ttl: float = default("lease_ttl")
    status_allow_remote: bool = default("status_allow_remote")
    db_retry_max: float = default("db_retry_max")
    fleet: FleetSettings = field(default_factory=FleetSettings)

    def __post_init__(self) -> None:
        if self.jitter is None:
            object.__setattr__(self, "jitter", default_jitter(self.interval))
        if self.misfire_grace is None:
            object.__setattr__(self, "misfire_grace", default_misfire_grace(self.interval))

    @classmethod
    def from_config(cls, config: GupressConfig) -> "DaemonConfig":
        return cls(interval=config.schedule_interval, jitter=config.schedule_jitter,
                   crawl_timeout=config.crawl_timeout, shutdown_grace=config.shutdown_grace,
                   term_timeout=config.term_timeout, status_addr=config.status_addr, outlets=config.outlets,
                   leader_poll=config.leader_poll, misfire_grace=config.misfire_grace,
                   crawl_args=config.crawl_args, lease_ttl=config.lease_ttl,
                   status_allow_remote=config.status_allow_remote, db_retry_max=config.db_retry_max,
                   fleet=FleetSettings.from_config(config))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "DaemonConfig":
        return cls.from_config(GupressConfig.from_env(environ))

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

