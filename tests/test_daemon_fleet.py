"""A fleet of daemons as real processes on one PostgreSQL, crawling every outlet's local
sites (tests/fixtures/*/site.json on 127.0.0.1): three daemons share the scheduled crawls with
no outlet crawled twice at once and every due crawl done, and a daemon killed with SIGKILL in
the middle of its crawls has its outlets taken over by the others.

Synchronisation is by polling the archive and /healthz (``wait_until``); the daemons' logs go
to files (a pipe nobody reads would fill up and stall them)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from datetime import datetime, timezone

from crawler.runner import spider_names
from storage.db import Database, migrate
from tests.ops_support import query, wait_until
from tests.support import REPO, crawl_env, gupress, site_for
from tests.test_daemon import free_port, healthz

#: The outlets the fleet schedules: twice the fleet's capacity (3 daemons x 2 crawls) so that sharing and
#: queueing are exercised, whatever the number of spiders (with all 24 the test outgrew its 300 s on a loaded box).
OUTLETS = tuple(spider_names())[:12]
RUNS = "SELECT id, outlet_slug, status, started_at, finished_at, daemon_id, hostname, \"trigger\" FROM crawl_runs"
CRAWL_ARGS = "-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False -s GUPRESS_RETRY_BACKOFF_BASE=0.05 --log-level WARNING"


class Fleet:
    """Daemon processes over one archive and a set of local outlet sites."""

    def __init__(self, stack: ExitStack, database_url: str, outlets: tuple[str, ...], folder, **settings: str):
        self.database_url, self.outlets, self.folder = database_url, outlets, folder
        self.sites = {name: site_for(name) for name in outlets}
        for site, _manifest in self.sites.values():
            stack.enter_context(site)
        self.settings = settings
        self.procs: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.logs = []
        stack.callback(self.kill_all)

    def start(self, count: int) -> None:
        for index in range(len(self.procs), len(self.procs) + count):
            port = free_port()
            env = crawl_env(self.database_url, list(self.sites.values()), GUPRESS_OUTLETS=",".join(self.outlets),
                            GUPRESS_SCHEDULE_JITTER="0", GUPRESS_STATUS_ADDR=f"127.0.0.1:{port}",
                            GUPRESS_SHUTDOWN_GRACE="0.5", GUPRESS_TERM_TIMEOUT="10", GUPRESS_LEADER_POLL="0.3",
                            GUPRESS_DAEMON_HEARTBEAT="0.5", GUPRESS_CRAWL_ARGS=CRAWL_ARGS, **self.settings)
            log = (self.folder / f"daemon{index}.log").open("w")
            self.logs.append(log)
            self.procs.append(subprocess.Popen([sys.executable, "-m", "crawler.cli", "daemon"], cwd=REPO, env=env,
                                               stdout=log, stderr=subprocess.STDOUT, text=True))
            self.ports.append(port)
        wait_until(lambda: all(healthz(p).get("status") == "ok" for p in self.ports), timeout=60,
                   message="every daemon up and healthy")

    def daemon_id(self, index: int) -> str:
        return wait_until(lambda: healthz(self.ports[index]).get("daemon_id"), timeout=10, message="daemon id")

    def output(self, index: int) -> str:
        return (self.folder / f"daemon{index}.log").read_text(errors="replace")

    def stop_all(self) -> list[int]:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        return [proc.wait(timeout=60) for proc in self.procs]

    def kill_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for log in self.logs:
            log.close()

    def runs(self) -> list[tuple]:
        return [(i, o, s, aware(a), aware(b), d, h, t) for i, o, s, a, b, d, h, t in query(self.database_url, RUNS)]


def aware(value):
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def overlaps(runs: list[tuple], excused: frozenset[tuple[int, int]] = frozenset()) -> list[tuple]:
    """Pairs of one outlet's runs whose [started, finished] intervals overlap, except ``excused`` pairs."""
    by_outlet = defaultdict(list)
    for run in runs:
        by_outlet[run[1]].append(run)
    found = []
    for outlet_runs in by_outlet.values():
        ordered = sorted(outlet_runs, key=lambda r: r[3])
        found += [(a[0], b[0]) for a, b in zip(ordered, ordered[1:])
                  if (a[4] is None or b[3] < a[4]) and (a[0], b[0]) not in excused]
    return found


def lease_takeovers(database_url: str) -> frozenset[tuple[int, int]]:
    """(dead run, the run that took its lease over and closed it 'abandoned'). That run writes its own
    row first, then takes the lease and closes the dead one. The dead run's finished_at is therefore
    the moment it was closed, just after its successor's started_at, though its process was gone
    before the lease could be taken."""
    rows = query(database_url, "SELECT id, exit_reason FROM crawl_runs WHERE status = 'abandoned'")
    return frozenset((run_id, int(found.group(1))) for run_id, reason in rows
                     if (found := re.search(r"taken over by run (\d+)", reason or "")))


def log_count(text: str, pattern: str) -> Counter:
    return Counter(re.findall(pattern, text))


def test_three_daemons_share_every_outlet_never_overlapping_and_every_due_crawl_done(pg_url, tmp_path):
    migrate(Database(pg_url))
    rounds = 3
    with ExitStack() as stack:
        fleet = Fleet(stack, pg_url, OUTLETS, tmp_path, GUPRESS_SCHEDULE_INTERVAL="12",
                      GUPRESS_DAEMON_CONCURRENCY="2")
        fleet.start(3)
        ids = [fleet.daemon_id(i) for i in range(3)]
        finished = lambda: Counter(r[1] for r in fleet.runs() if r[2] == "finished")  # noqa: E731
        wait_until(lambda: len(finished()) == len(OUTLETS) and min(finished().values()) >= rounds, timeout=300,
                   interval=0.5,
                   message=f"{rounds} finished crawls of each of the {len(OUTLETS)} outlets")
        status = gupress("status", "--json", env=crawl_env(pg_url, []))
        table = gupress("status", *OUTLETS, env=crawl_env(pg_url, []))
        metrics = urlopen_text(f"http://127.0.0.1:{fleet.ports[0]}/metrics")
        codes = fleet.stop_all()
        outputs = [fleet.output(i) for i in range(3)]
    assert codes == [0, 0, 0], [o[-3000:] for o in outputs]
    runs = fleet.runs()
    assert overlaps(runs) == [], "two crawls of one outlet overlapped"
    # no skipped_locked, nothing abandoned; crawls cut by the stop at the end close 'interrupted', or
    # 'killed' when a loaded box keeps them past GUPRESS_TERM_TIMEOUT (the daemon's shutdown, not the fleet)
    assert {r[2] for r in runs} <= {"finished", "interrupted", "killed"}, Counter(r[2] for r in runs)
    assert {r[7] for r in runs} == {"schedule"} and {r[5] for r in runs} == set(ids)  # all three crawled
    # every due crawl done: each firing of the leader's schedule was claimed by one daemon and
    # became one crawl, except at most one per outlet left over when the fleet was stopped
    # (still due, or claimed in the instant of SIGTERM and never started)
    marked = sum((log_count(o, r"marked (\w+) due") for o in outputs), Counter())
    claimed = sum((log_count(o, r"claimed (\w+) \(due") for o in outputs), Counter())
    crawled = Counter(r[1] for r in runs)
    assert all(crawled[o] <= claimed[o] <= crawled[o] + 1 for o in OUTLETS), (claimed, crawled)
    assert all(marked[o] - crawled[o] in (0, 1) for o in OUTLETS), (marked, crawled)
    assert "back on the board" not in "".join(outputs)
    # gupress status and /metrics: who ran each outlet's last crawl, how many daemons live
    reports = {r["outlet"]: r for r in json.loads(status.stdout)}
    assert all(reports[o]["last_run_daemon"] in ids and reports[o]["last_run_host"] for o in OUTLETS)
    assert "daemons alive: 3" in table.stdout and all(i in table.stdout for i in ids)
    assert "gupress_fleet_daemons_alive 3.0" in metrics
    assert len(re.findall(r'gupress_outlet_last_run_info\{daemon="[^"]+",host="[^"]+",outlet="\w+"\} 1\.0',
                          metrics)) == len(OUTLETS)
    print(f"\nFLEET {len(runs)} crawls of {len(OUTLETS)} outlets by 3 daemons: {Counter(r[5] for r in runs).most_common()}")


def urlopen_text(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def test_the_overlap_check_excuses_only_the_named_takeover():
    """A run closed 'abandoned' by its successor is excused for that successor only; any other overlap
    of one outlet's runs is still reported."""
    at = lambda second: datetime(2026, 12, 2, 0, 0, second, tzinfo=timezone.utc)  # noqa: E731
    runs = [(6, "asiae", "abandoned", at(0), at(5), "d1", "h", "schedule"),
            (7, "asiae", "finished", at(3), at(9), "d2", "h", "schedule"),
            (8, "asiae", "finished", at(8), at(12), "d3", "h", "schedule"),
            (9, "tvseoul", "finished", at(0), at(20), "d1", "h", "schedule")]
    assert overlaps(runs) == [(6, 7), (7, 8)]
    assert overlaps(runs, excused=frozenset({(6, 7)})) == [(7, 8)]


def test_a_daemon_killed_mid_crawl_has_its_outlets_taken_over(pg_url, tmp_path):
    """Each outlet's first list page is held, so all six crawls are mid-run when one daemon
    (not the leader) gets SIGKILL; its outlets must be crawled again by the survivors."""
    migrate(Database(pg_url))
    outlets = OUTLETS[:6]
    with ExitStack() as stack:
        fleet = Fleet(stack, pg_url, outlets, tmp_path, GUPRESS_SCHEDULE_INTERVAL="3600",
                      GUPRESS_DAEMON_CONCURRENCY="3")
        holds = {o: site.hold(manifest.entry_points[0]) for o, (site, manifest) in fleet.sites.items()}
        for hold in holds.values():
            stack.callback(hold.release)
        fleet.start(3)
        ids = [fleet.daemon_id(i) for i in range(3)]
        running = wait_until(lambda: (lambda rows: rows if len(rows) == 6 else None)(
            [r for r in fleet.runs() if r[2] == "running"]), timeout=120, message="six crawls held mid-run")
        leader = next(i for i in range(3) if healthz(fleet.ports[i]).get("role") == "leader")
        held_by = Counter(r[5] for r in running)
        victim = max((i for i in range(3) if i != leader), key=lambda i: held_by[ids[i]])
        lost = sorted(r[1] for r in running if r[5] == ids[victim])
        assert lost, held_by
        fleet.procs[victim].send_signal(signal.SIGKILL)
        killed_at = datetime.now(timezone.utc)
        fleet.procs[victim].wait(timeout=10)
        for outlet in lost:  # its orphaned crawls got SIGTERM (parent death) and may now close
            holds[outlet].release()

        def taken_over():
            new = {r[1]: r for r in fleet.runs() if r[1] in lost and r[3] > killed_at}
            return new if len(new) == len(lost) else None

        new_runs = wait_until(taken_over, timeout=90, interval=0.05, message=f"{lost} crawled again by survivors")
        takeover = max((r[3] - killed_at).total_seconds() for r in new_runs.values())
        for hold in holds.values():
            hold.release()
        wait_until(lambda: all(r[2] != "running" for r in fleet.runs()), timeout=90, message="every crawl closed")
        survivors = [fleet.procs[i] for i in range(3) if i != victim]
        for proc in survivors:
            proc.send_signal(signal.SIGTERM)
        codes = [proc.wait(timeout=60) for proc in survivors]
        outputs = [fleet.output(i) for i in range(3) if i != victim]
    assert codes == [0, 0], [o[-3000:] for o in outputs]
    runs = fleet.runs()
    assert {r[5] for r in new_runs.values()} <= set(ids) - {ids[victim]}
    # the victim's crawls got SIGTERM from the kernel (parent death) and closed 'interrupted';
    # one killed while still starting up leaves its row to the next crawl, which closes it 'abandoned'
    assert {r[2] for r in runs if r[1] in lost and r[5] == ids[victim]} <= {"interrupted", "abandoned"}
    final = {r[0]: r for r in runs}
    assert {final[r[0]][2] for r in new_runs.values()} == {"finished"}
    assert overlaps(runs, excused=lease_takeovers(pg_url)) == []
    assert any(f"daemon {ids[victim]} is dead" in o for o in outputs)
    claimed = claim_times("".join(outputs), lost, after=killed_at)
    print(f"\nTAKEOVER {len(lost)} outlet(s) of a SIGKILLed daemon (heartbeat 0.5s, dead after 3s): claimed by a "
          f"survivor {max(claimed.values()):.2f}s after the kill, their new crawl rows written "
          f"{takeover:.2f}s after it")


def claim_times(output: str, outlets: list[str], *, after: datetime) -> dict[str, float]:
    """Seconds from ``after`` to the first 'claimed OUTLET' log line after it (log times are local)."""
    found = {}
    for stamp, outlet in re.findall(r"^(\S+ \S+) \[crawler\.daemon\.fleet\] INFO: claimed (\w+) ", output, re.M):
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").astimezone()
        if outlet in outlets and when > after and outlet not in found:
            found[outlet] = (when - after).total_seconds()
    assert sorted(found) == sorted(outlets), found
    return found
