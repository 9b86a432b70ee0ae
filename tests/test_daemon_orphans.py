"""kill -9 of the daemon leaves no crawl running unsupervised: each crawl child armed a
parent-death signal (crawler/daemon/child.py), so it gets SIGTERM when the daemon dies and
closes its run as 'interrupted'. The crawl is held mid-run by a response the local site
keeps back until the test releases it, so "the crawl is running when the daemon dies" is
certain, not a race."""

from __future__ import annotations

import os
import signal

from storage.db import Database, migrate
from tests.ops_support import SyntheticOutlet, query, spawn, wait_until
from tests.test_daemon import daemon_env, free_port, healthz, runs


def pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie (its parent, the test runner's child, is gone: init reaps it) counts as gone
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_sigkill_of_the_daemon_interrupts_its_running_crawl(database_url):
    migrate(Database(database_url))
    port = free_port()
    with SyntheticOutlet.build(3) as outlet:
        held = outlet.site.hold(outlet.articles[1].url)
        daemon = spawn("scheduler.py", env=daemon_env(database_url, outlet, port, GUPRESS_SCHEDULE_INTERVAL="3600"))
        try:
            wait_until(lambda: outlet.site.requested("/article/" + outlet.articles[1].article_id), timeout=60,
                       message="the crawl to reach the held article")
            crawl_pid = healthz(port)["running_crawls"]["asiae"]
            assert [r[1] for r in runs(database_url)] == ["running"]
            daemon.send_signal(signal.SIGKILL)
            daemon.wait(timeout=10)
            held.release()  # the crawl may now go on; with SIGTERM received it stops instead
            wait_until(lambda: pid_gone(crawl_pid), timeout=60, message="the orphaned crawl to exit")
        finally:
            held.release()
            if daemon.poll() is None:
                daemon.kill()
    output = daemon.output(wait=30)  # the daemon's and its crawl's log (the crawl inherited the pipe)
    rows = runs(database_url)
    assert len(rows) == 1
    _id, status, _started, finished, reason = rows[0]
    assert status == "interrupted" and finished is not None, (rows, output[-8000:])
    assert query(database_url, "SELECT count(*) FROM crawl_leases")[0][0] == 0
