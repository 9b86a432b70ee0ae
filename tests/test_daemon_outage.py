"""The daemon database-outage drill: a leader and a standby on a throwaway PostgreSQL cluster
(never the shared server), the cluster stopped for several retry cycles, then started again.
Both daemons must survive, say "503 degraded" meanwhile, end with exactly one leader and go
on crawling. Also: /healthz says "503 shutting_down" during the shutdown grace."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request

from storage.db import Database, migrate
from tests.ops_support import SyntheticOutlet, spawn, wait_until
from tests.test_daemon import daemon_env, free_port, runs

OUTAGE_SECONDS = 8.0  # several backoff cycles at GUPRESS_DB_RETRY_MAX=1, bounded


def health(port: int) -> tuple[int | None, dict]:
    """(HTTP status, JSON body) of /healthz; (None, {}) when nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except (OSError, ValueError):
        return None, {}


def metrics_status(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def finished_runs(url: str) -> int:
    return sum(r[1] == "finished" for r in runs(url))


def test_leader_and_standby_ride_out_a_database_outage(throwaway_pg):
    url = throwaway_pg.create_database("drill")
    migrate(Database(url))
    ports = free_port(), free_port()
    with SyntheticOutlet.build(3) as outlet:
        envs = [daemon_env(url, outlet, port, GUPRESS_DB_RETRY_MAX="1") for port in ports]
        first = spawn("scheduler.py", env=envs[0])
        daemons = [first]
        try:
            wait_until(lambda: health(ports[0])[1].get("role") == "leader", timeout=120, message="first leader")
            daemons.append(spawn("scheduler.py", env=envs[1]))
            wait_until(lambda: health(ports[1])[1].get("role") == "standby", timeout=120, message="standby")
            wait_until(lambda: finished_runs(url) >= 1, timeout=60, message="a scheduled crawl before the outage")

            throwaway_pg.stop()
            stopped = time.monotonic()
            seen_degraded = set()
            while time.monotonic() - stopped < OUTAGE_SECONDS or len(seen_degraded) < 2:
                assert time.monotonic() - stopped < 60, f"no 503 degraded from {set(range(2)) - seen_degraded}"
                died = [d.poll() for d in daemons]
                assert died == [None, None], f"a daemon died during the outage (exit codes {died})"
                for index, port in enumerate(ports):
                    code, body = health(port)
                    if code == 503 and body.get("status") == "degraded":
                        assert body["database"] == "unreachable" and "database unreachable" in body["reason"]
                        seen_degraded.add(index)
                time.sleep(0.2)
            assert metrics_status(ports[0]) == 503  # not a 500 (and a logged traceback) per scrape
            during = [health(port)[1] for port in ports]  # the old leader has stopped scheduling
            assert [(b["role"], b["scheduler"]) for b in during] == [("standby", "stopped")] * 2, during

            starting = time.monotonic()
            throwaway_pg.start()  # returns once the server accepts connections (pg_isready)
            back = time.monotonic()
            healthy_after, leader_after = {}, None
            while len(healthy_after) < 2 or leader_after is None:
                assert time.monotonic() - back < 60, f"not recovered: {[health(p) for p in ports]}"
                polled = [health(port) for port in ports]
                assert [body.get("role") for _, body in polled].count("leader") <= 1, polled
                for index, (code, body) in enumerate(polled):
                    if code == 200 and index not in healthy_after:
                        healthy_after[index] = time.monotonic() - back
                    if code == 200 and body.get("role") == "leader" and leader_after is None:
                        leader_after = time.monotonic() - back
                time.sleep(0.1)
            print(f"\nDRILL outage {back - stopped:.1f}s (pg_ctl start took {back - starting:.2f}s); after it "
                  f"returned: /healthz 200 in {max(healthy_after.values()):.2f}s (both daemons), "
                  f"a leader in {leader_after:.2f}s")

            assert metrics_status(ports[0]) == 200
            bodies = [health(port) for port in ports]
            assert [code for code, _ in bodies] == [200, 200], bodies
            assert sorted(body["role"] for _, body in bodies) == ["leader", "standby"], bodies
            before = finished_runs(url)
            wait_until(lambda: finished_runs(url) >= before + 2, timeout=60,
                       message="scheduled crawls after the outage")
            for daemon in daemons:
                daemon.send_signal(signal.SIGTERM)
            outputs = [daemon.communicate(timeout=60)[0] for daemon in daemons]
        finally:
            for daemon in daemons:
                if daemon.poll() is None:
                    daemon.kill()
    assert [d.returncode for d in daemons] == [0, 0], [o[-3000:] for o in outputs]
    for output in outputs:  # one line per change of state, not one per retry
        assert output.count("[crawler.daemon.dbretry] WARNING: database unreachable (") == 1, output[-5000:]
        assert output.count("[crawler.daemon.dbretry] WARNING: database answers again after") == 1, output[-5000:]
        # no traceback from the daemon itself (a crawl's own, on the shared stdout, is the crawl's business)
        frames = [line for line in output.splitlines() if line.strip().startswith("File ")]
        assert not [f for f in frames if "crawler/daemon/" in f and "child.py" not in f or "apscheduler" in f], \
            output[-5000:]
    assert all(status != "running" for _id, status, *_ in runs(url))


def test_healthz_says_shutting_down_during_the_grace_period(sqlite_url):
    migrate(Database(sqlite_url))
    port = free_port()
    with SyntheticOutlet.build(3) as outlet:
        held = outlet.site.hold(outlet.articles[1].url)
        daemon = spawn("scheduler.py", env=daemon_env(sqlite_url, outlet, port, GUPRESS_SCHEDULE_INTERVAL="3600",
                                                      GUPRESS_SHUTDOWN_GRACE="120"))
        try:
            wait_until(lambda: outlet.site.requested("/article/" + outlet.articles[1].article_id), timeout=60,
                       message="the crawl to reach the held article")
            assert health(port)[0] == 200
            daemon.send_signal(signal.SIGTERM)
            code, body = wait_until(lambda: (lambda h: h if h[0] == 503 else None)(health(port)), timeout=20,
                                    message="503 while the crawl may still finish")
            assert body["status"] == "shutting_down" and body["running_crawls"].keys() == {"asiae"}
            held.release()  # the crawl finishes within the grace; the daemon then exits
            output, _ = daemon.communicate(timeout=60)
        finally:
            held.release()
            if daemon.poll() is None:
                daemon.kill()
    assert daemon.returncode == 0, output[-3000:]
    assert [r[1] for r in runs(sqlite_url)] == ["finished"]
