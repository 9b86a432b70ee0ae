"""The daemon's HTTP status endpoint (127.0.0.1 by default; put a proxy in front to expose it).

- ``GET /healthz``: 200 ``"status": "ok"`` when the process is alive, the database answers
  and, on the leader, the scheduler runs. 503 otherwise: ``"degraded"`` (with a ``reason``)
  while the database is away (the daemon rides it out and resumes by itself),
  ``"shutting_down"`` once SIGTERM/SIGINT was received, ``"fail"`` when a leader's scheduler
  is not running. JSON body with the details.
- ``GET /metrics``: Prometheus text, computed from the archive at scrape time, so a
  standby or a restarted daemon reports the same history; with the fleet: daemons alive,
  where each outlet's last crawl ran, and this daemon's delay from due to claim.
"""

from __future__ import annotations

import json
import logging
import math
import socket
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, SummaryMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from crawler.daemon.dbretry import DB_ERRORS, DatabaseWatch, describe
from crawler.daemon.config import FleetSettings
from crawler.daemon.report import fleet_daemons, outlet_reports
from storage import state
from storage.types import utcnow

log = logging.getLogger(__name__)


class DaemonView:
    """What the endpoint can see of a daemon (all optional, so ``/metrics`` also works
    for a standby or in a test without any daemon)."""

    def __init__(self, db, *, outlets: list[str] | None = None, role: Callable[[], str] = lambda: "none",
                 scheduler_running: Callable[[], bool] = lambda: False,
                 running_crawls: Callable[[], dict[str, int]] = dict,
                 stopping: Callable[[], bool] = lambda: False, watch: DatabaseWatch | None = None,
                 member=None) -> None:
        self.db = db
        self.outlets = outlets
        self.role = role
        self.scheduler_running = scheduler_running
        self.running_crawls = running_crawls
        self.stopping = stopping
        self.watch = watch or DatabaseWatch()
        self.member = member  # crawler.daemon.fleet.FleetMember of a running daemon

    def health(self) -> tuple[int, dict]:
        database = state.database_reachable(self.db)
        role = self.role()
        scheduler = "running" if self.scheduler_running() else "stopped"
        body = {"role": role, "scheduler": scheduler, "database": "ok" if database else "unreachable",
                "running_crawls": self.running_crawls()}
        if self.member is not None:
            body.update(daemon_id=self.member.daemon_id, claimed=self.member.active())
        if self.stopping():
            return 503, {"status": "shutting_down", "reason": "stop signal received", **body}
        if not database or self.watch.down:
            reason = self.watch.reason or "the database does not answer"
            body["database"] = "unreachable" if not database else "recovering"
            return 503, {"status": "degraded", "reason": f"database unreachable: {reason}", **body}
        if role == "leader" and scheduler != "running":
            return 503, {"status": "fail", "reason": "the leader's scheduler is not running", **body}
        return 200, {"status": "ok", **body}


class ArchiveCollector:
    def __init__(self, view: DaemonView) -> None:
        self.view = view

    def collect(self) -> Iterable:
        view, now = self.view, utcnow()
        yield _gauge("gupress_daemon_leader", "1 when this daemon holds the leader lock and schedules",
                     [([], 1.0 if view.role() == "leader" else 0.0)])
        running = view.running_crawls()
        yield _gauge("gupress_crawls_running", "Crawl subprocesses running now", [([], float(len(running)))])
        totals = state.run_totals(view.db)
        yield _counter("gupress_outlet_runs", "Crawl runs by outlet and final status", ["outlet", "status"],
                       [([t["outlet"], t["status"]], t["runs"]) for t in totals])
        items = {}
        for t in totals:
            for outcome in ("new", "revised", "unchanged", "rejected"):
                key = (t["outlet"], outcome)
                items[key] = items.get(key, 0) + t[f"items_{outcome}"]
        yield _counter("gupress_outlet_items", "Articles by outcome", ["outlet", "outcome"],
                       [(list(k), v) for k, v in sorted(items.items())])
        yield _counter("gupress_outlet_errors", "Errors counted by crawl runs", ["outlet"],
                       _sum_by_outlet(totals, "errors"))
        yield _counter("gupress_outlet_pages_fetched", "Responses received", ["outlet"],
                       _sum_by_outlet(totals, "pages_fetched"))
        yield _counter("gupress_outlet_not_modified", "304 Not Modified answers to revisits", ["outlet"],
                       _sum_by_outlet(totals, "responses_304"))
        yield from self._outlet_gauges(now)
        yield from fleet_metrics(view)

    def _outlet_gauges(self, now) -> Iterable:
        reports = outlet_reports(self.view.db, self.view.outlets, now=now)
        since_new, healthy, problems, fallbacks, ran_on = [], [], [], [], []
        for report in reports:
            last = report.last_new_article_at
            since_new.append(([report.outlet], (now - last).total_seconds() if last else math.nan))
            healthy.append(([report.outlet], 1.0 if report.health.healthy else 0.0))
            problems.extend(([report.outlet, reason], 1.0) for reason in report.health.reasons)
            counts = (report.last_run or {}).get("fallback_counts") or {}
            fallbacks.extend(([report.outlet, name], float(count)) for name, count in sorted(counts.items()))
            if report.last_run:
                ran_on.append(([report.outlet, report.last_run.get("hostname") or "",
                                report.last_run.get("daemon_id") or ""], 1.0))
        yield _gauge("gupress_outlet_seconds_since_last_new_article", "Seconds since a crawl last found a new article",
                     since_new, ["outlet"])
        yield _gauge("gupress_outlet_healthy", "1 healthy, 0 flagged (see gupress_outlet_problem)", healthy, ["outlet"])
        yield _gauge("gupress_outlet_problem", "Health problems of an outlet (1 per reason)", problems,
                     ["outlet", "reason"])
        yield _gauge("gupress_outlet_fallback_fields", "Fields filled by a fallback layer in the outlet's last run",
                     fallbacks, ["outlet", "field"])
        yield _gauge("gupress_outlet_retry_pending", "Article URLs in the retry ledger still to be retried",
                     [([r.outlet], float(r.retry_pending)) for r in reports], ["outlet"])
        yield _gauge("gupress_outlet_last_run_info", "Where the outlet's last crawl ran (host, daemon id; "
                     "daemon empty for a manual crawl)", ran_on, ["outlet", "host", "daemon"])
        yield _gauge("gupress_outlet_retry_given_up", "Article URLs the retry ledger gave up on",
                     [([r.outlet], float(r.retry_given_up)) for r in reports], ["outlet"])


def fleet_metrics(view: DaemonView) -> Iterable:
    """Daemons alive in the fleet (from their heartbeats), crawls each runs, and this daemon's
    delay from an outlet falling due to its claim."""
    member = view.member
    dead_after = member.settings.dead_after if member is not None else FleetSettings.from_env().dead_after
    members = fleet_daemons(view.db, dead_after) or []
    alive = [m for m in members if m.alive]
    yield _gauge("gupress_fleet_daemons_alive", "Daemons on this archive whose heartbeat is fresh",
                 [([], float(len(alive)))])
    yield _gauge("gupress_fleet_daemon_crawls", "Crawls each live daemon runs now (its last heartbeat)",
                 [([m.id, m.hostname], float(m.running)) for m in alive], ["daemon", "host"])
    if member is not None:
        summary = SummaryMetricFamily("gupress_daemon_claim_delay_seconds",
                                      "From an outlet falling due to this daemon claiming it")
        summary.add_metric([], count_value=member.claims, sum_value=member.claim_delay_sum)
        yield summary


def _sum_by_outlet(totals, key: str):
    sums: dict[str, float] = {}
    for t in totals:
        sums[t["outlet"]] = sums.get(t["outlet"], 0) + t[key]
    return [([k], v) for k, v in sorted(sums.items())]


def _gauge(name, doc, samples, labels=None):
    family = GaugeMetricFamily(name, doc, labels=labels or [])
    for values, value in samples:
        family.add_metric(values, value)
    return family


def _counter(name, doc, labels, samples):
    family = CounterMetricFamily(name, doc, labels=labels)
    for values, value in samples:
        family.add_metric(values, float(value))
    return family


def metrics_text(view: DaemonView) -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ArchiveCollector(view))
    return generate_latest(registry)


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


class StatusServer:
    def __init__(self, view: DaemonView, host: str = "127.0.0.1", port: int = 9410) -> None:
        self.view = view
        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        self._server = server_class((host, port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    def start(self) -> "StatusServer":
        self._thread = threading.Thread(target=self._server.serve_forever, name="status-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        view = self.view

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                try:
                    if self.path.split("?")[0] == "/healthz":
                        code, body = view.health()
                        return self._send(code, json.dumps(body).encode(), "application/json")
                    if self.path.split("?")[0] == "/metrics":
                        return self._send(200, metrics_text(view), CONTENT_TYPE_LATEST)
                    self._send(404, b"not found: try /healthz or /metrics\n", "text/plain")
                except DB_ERRORS as exc:  # an outage: the daemon's own log says so once
                    self._send(503, f"database unreachable: {describe(exc)}\n".encode(), "text/plain")
                except Exception:  # the endpoint must never take the daemon down
                    log.exception("status endpoint failed on %s", self.path)
                    self._send(500, b"internal error\n", "text/plain")

            def _send(self, code: int, body: bytes, content_type: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler
