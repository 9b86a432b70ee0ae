#!/usr/bin/env python3
"""Fleet overhead per scheduled crawl: the same outlets scheduled by one daemon and by a fleet
of three on one throwaway PostgreSQL database, local sites on 127.0.0.1, measured in one run.

Two figures per fleet size, each against the single daemon:

- claim delay: seconds from the leader marking an outlet due to a daemon claiming it (the
  daemons' own ``gupress_daemon_claim_delay_seconds`` summary). A daemon alone is woken by its
  own scheduler; in a fleet every daemon polls the board once per heartbeat, so the delay is
  about half a heartbeat. The crawl process start-up that follows is the same either way. Each
  daemon gets one slot per outlet, so no outlet waits for a free slot and the delay is the
  fleet's own overhead, not queueing.
- daemon CPU per crawl: user+system CPU of the daemon processes themselves (heartbeats, polls,
  scheduling; not their crawl children) divided by the crawls done.

Usage: .venv/bin/python benchmarks/fleet_overhead.py [--quick]
PostgreSQL: GUPRESS_BENCH_PG_ADMIN_URL (default in crawler.config.DEVELOPMENT).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, text  # noqa: E402

from benchmarks.figure import Figure  # noqa: E402
from crawler.config import development_setting  # noqa: E402
from storage.db import Database, migrate  # noqa: E402
from tests.ops_support import query, wait_until  # noqa: E402
from tests.support import crawl_env, site_for  # noqa: E402

PG_ADMIN = development_setting("GUPRESS_BENCH_PG_ADMIN_URL")
OUTLETS = ("asiae", "fmtv", "herald", "ket", "krnews21", "news21tongsin", "sdmsinmun", "sijung", "sisanews",
           "slnews", "tvseoul", "ybstv")
HEARTBEAT = 2.0
CRAWL_ARGS = "-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False --log-level WARNING"
CLK_TCK = os.sysconf("SC_CLK_TCK")


@contextmanager
def throwaway_database():
    name = f"gupress_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def own_cpu_seconds(pid: int) -> float:
    """utime + stime of the process itself (children excluded), from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def claim_delay(port: int) -> tuple[float, float]:
    """(count, sum) of this daemon's due-to-claim delays, from its /metrics."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
        body = response.read().decode()
    count = float(re.search(r"^gupress_daemon_claim_delay_seconds_count (\S+)$", body, re.M).group(1))
    total = float(re.search(r"^gupress_daemon_claim_delay_seconds_sum (\S+)$", body, re.M).group(1))
    return count, total


def measure(daemons: int, outlets: tuple[str, ...], rounds: int, folder: Path) -> dict[str, float]:
    """Run ``daemons`` daemons until every outlet was crawled ``rounds`` times."""
    sites = [site_for(name) for name in outlets]
    for site, _manifest in sites:
        site.start()
    procs, ports = [], []
    try:
        with throwaway_database() as url:
            migrate(Database(url))
            for index in range(daemons):
                port = free_port()
                env = crawl_env(url, sites, GUPRESS_OUTLETS=",".join(outlets), GUPRESS_SCHEDULE_INTERVAL="10",
                                GUPRESS_SCHEDULE_JITTER="0", GUPRESS_STATUS_ADDR=f"127.0.0.1:{port}",
                                GUPRESS_SHUTDOWN_GRACE="0.5", GUPRESS_DAEMON_HEARTBEAT=str(HEARTBEAT),
                                GUPRESS_DAEMON_CONCURRENCY=str(len(outlets)), GUPRESS_CRAWL_ARGS=CRAWL_ARGS)
                log = (folder / f"d{daemons}-{index}.log").open("w")
                procs.append(subprocess.Popen([sys.executable, "-m", "crawler.cli", "daemon"], cwd=REPO, env=env,
                                              stdout=log, stderr=subprocess.STDOUT))
                ports.append(port)
            wanted = rounds * len(outlets)
            wait_until(lambda: query(url, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'")[0][0]
                       >= wanted, timeout=900, interval=0.5, message=f"{wanted} crawls")
            cpu = sum(own_cpu_seconds(p.pid) for p in procs)
            delays = [claim_delay(port) for port in ports]
            crawls = query(url, "SELECT count(*) FROM crawl_runs")[0][0]
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(timeout=120)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        for site, _manifest in sites:
            site.stop()
    claims = sum(count for count, _ in delays)
    return {"claim_delay_s": sum(total for _, total in delays) / claims, "daemon_cpu_per_crawl_s": cpu / crawls,
            "crawls": crawls}


#: Several daemon processes for minutes: full runs only.
IN_QUICK = False


def run(quick: bool) -> list[Figure]:
    outlets, rounds = (OUTLETS[:4], 2) if quick else (OUTLETS, 3)
    with tempfile.TemporaryDirectory() as folder:
        single = measure(1, outlets, rounds, Path(folder))
        fleet = measure(3, outlets, rounds, Path(folder))
    setup = (f"{len(outlets)} outlets x {rounds} rounds, PostgreSQL, heartbeat {HEARTBEAT:g}s, "
             f"concurrency {len(outlets)} per daemon")
    return [
        Figure("claim delay (due -> claimed), fleet of 3", fleet["claim_delay_s"] * 1000, "ms mean",
               "one daemon (woken by its own scheduler)", single["claim_delay_s"] * 1000,
               target="< one heartbeat", note=setup, higher_is_better=False),
        Figure("daemon CPU per scheduled crawl, fleet of 3 (all three daemons)", fleet["daemon_cpu_per_crawl_s"] * 1000,
               "ms CPU", "one daemon", single["daemon_cpu_per_crawl_s"] * 1000,
               note=f"{setup}; {fleet['crawls']} vs {single['crawls']} crawls; crawl processes not counted",
               higher_is_better=False),
    ]


def main(argv: list[str]) -> int:
    for figure in run(quick="--quick" in argv):
        ratio = figure.ratio
        print(f"{figure.name}: {figure.value:.1f} {figure.unit} vs {figure.reference} {figure.reference_value:.1f} "
              f"(reference/value {ratio:.2f})" if ratio else f"{figure.name}: {figure.value:.1f} {figure.unit}",
              f"[{figure.note}]", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
