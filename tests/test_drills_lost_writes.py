"""Drills (issue 8, point 12): a crawl SIGKILLed mid-way, and PostgreSQL going away mid-crawl
(back before the crawl ends, or still down when it closes). Loopback only, bounded, and
deterministic: the local outlet *holds* the deep list page's articles (ReplaySite.hold) so the
kill or the database stop happens while the crawl is provably in the middle of its work, never
after a sleep. Afterwards every served article is in the archive exactly once, the retry
ledger is empty, ``crawl_runs`` says what happened and the next run is an ordinary one.

The outlet has 9 articles on 3 list pages. An incremental run stops at the first list page
whose articles are all archived, so anything lost on page 3 is invisible to the next run's
walk: without the retry ledger and the catch-up walk these articles stayed missing."""

from __future__ import annotations

import signal
import subprocess

from tests.ops_support import SyntheticOutlet, latest_run, ops_env, query, spawn, wait_until
from tests.support import FAST, gupress

ARTICLES, PER_PAGE = 9, 3
DEADLINE = 90  # generous: the machine is shared


class Output:
    """Lines a child process prints (``spawn`` drains its pipe in a thread, so it never fills)."""

    def __init__(self, process) -> None:
        self.process = process

    def has(self, *words: str) -> bool:
        return any(all(w in line for w in words) for line in self.process.output().splitlines())

    @property
    def text(self) -> str:
        return self.process.output(wait=10)


def path_of(url: str) -> str:
    return url.split(".co.kr", 1)[1]


def start_held_crawl(outlet: SyntheticOutlet, env: dict[str, str]):
    """Hold every article of list page 3 and start a crawl; returns once the crawl waits for
    all of them and has stored everything else (nothing else left to do or in flight).
    Returns the process, its output, the gates by path, one held path, and how many
    articles were stored before the hold."""
    deep = outlet.articles[2 * PER_PAGE:]
    gates = {path_of(a.url): outlet.site.hold(a.url) for a in deep}
    process = spawn("-m", "crawler.cli", "crawl", "asiae", *FAST, env=env)
    output = Output(process)
    wait_until(lambda: set(gates) <= set(outlet.site.requested("/article/")), timeout=DEADLINE,
               message="every page-3 article to be requested")
    held = next(p for p in outlet.site.requested("/article/") if p in gates)
    stored_before = ARTICLES - len(gates)
    database_url = env["GUPRESS_DATABASE_URL"]
    wait_until(lambda: query(database_url, "SELECT count(*) FROM articles")[0][0] == stored_before,
               timeout=DEADLINE, message=f"the {stored_before} articles not held to be stored")
    return process, output, gates, held, stored_before


def assert_every_article_once(outlet: SyntheticOutlet, database_url: str) -> None:
    rows = query(database_url, "SELECT canonical_url, count(*) FROM articles GROUP BY canonical_url")
    missing = sorted({a.url for a in outlet.articles} - {url for url, _n in rows})
    assert not missing, f"articles never archived: {missing}"
    assert sorted(rows) == sorted((a.url, 1) for a in outlet.articles)
    assert query(database_url, "SELECT count(*) FROM article_revisions") == [(ARTICLES,)]


def assert_next_run_is_ordinary(outlet: SyntheticOutlet, env: dict[str, str]) -> None:
    seen = len(outlet.site.requested())
    result = gupress("crawl", "asiae", *FAST, env=env)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert outlet.site.requested()[seen:] == ["/robots.txt", "/list/society-all"]
    run = latest_run(env["GUPRESS_DATABASE_URL"])
    assert (run.status, run.items_new, run.errors) == ("finished", 0, 0)


def test_sigkill_mid_crawl_then_rerun_archives_everything_once(database_url):
    with SyntheticOutlet.build(ARTICLES, per_page=PER_PAGE) as outlet:
        env = ops_env(database_url, outlet, GUPRESS_RUN_PROGRESS_SECONDS="0.2")
        process, _output, gates, _held, before = start_held_crawl(outlet, env)
        killed_id = latest_run(database_url).id
        responses = len(outlet.site.requested()) - len(gates)  # every request so far was answered but the held
        wait_until(lambda: query(database_url, f"SELECT pages_fetched FROM crawl_runs WHERE id = {killed_id}")[0][0]
                   == responses, timeout=DEADLINE, message="the running crawl to write its page count")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        for gate in gates.values():
            gate.release()

        rerun = gupress("crawl", "asiae", *FAST, env=env)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr[-2000:]
        assert_every_article_once(outlet, database_url)
        killed = query(database_url, "SELECT status, items_new, finished_at, pages_fetched FROM crawl_runs "
                                     f"WHERE id = {killed_id}")[0]
        assert killed[0] == "abandoned" and killed[2] is not None
        assert killed[1] == before, "the killed run's row lost the count of what it stored"
        assert killed[3] == responses
        after = latest_run(database_url)
        assert (after.status, after.items_new, after.errors) == ("finished", ARTICLES - before, 0)
        assert_next_run_is_ordinary(outlet, env)


def test_postgresql_restarted_mid_crawl_loses_no_article(throwaway_pg):
    database_url = throwaway_pg.create_database("drill_restart")
    with SyntheticOutlet.build(ARTICLES, per_page=PER_PAGE) as outlet:
        env = ops_env(database_url, outlet, GUPRESS_RETRY_LEDGER_BASE_SECONDS="0", GUPRESS_RUN_PROGRESS_SECONDS="0.5")
        process, output, gates, held, before = start_held_crawl(outlet, env)
        throwaway_pg.stop()  # the database goes away while the crawl holds one response
        gates[held].release()
        wait_until(lambda: output.has("Error processing", held), timeout=DEADLINE,
                   message="the held article's write to fail")
        throwaway_pg.start()
        for gate in gates.values():
            gate.release()
        assert process.wait(timeout=DEADLINE) == 0, output.text[-3000:]
        first = latest_run(database_url)
        owed = query(database_url, "SELECT url, attempts, reason FROM retry_ledger")

        second = gupress("crawl", "asiae", *FAST, env=env)  # incremental: its walk stops at page 1
        assert second.returncode == 0, second.stdout + second.stderr[-2000:]
        assert_every_article_once(outlet, database_url)
        assert (first.status, first.errors, first.items_new) == ("finished_with_errors", 1, ARTICLES - 1)
        assert [(url, attempts) for url, attempts, _r in owed] == [(f"https://www.asiae.co.kr{held}", 1)]
        assert owed[0][2].startswith("store failed: OperationalError")
        assert query(database_url, "SELECT count(*) FROM retry_ledger") == [(0,)]
        retried = latest_run(database_url)
        assert (retried.status, retried.items_new, retried.errors) == ("finished", 1, 0)
        assert_next_run_is_ordinary(outlet, env)


def test_postgresql_still_down_when_the_crawl_closes(throwaway_pg):
    database_url = throwaway_pg.create_database("drill_down_at_close")
    with SyntheticOutlet.build(ARTICLES, per_page=PER_PAGE) as outlet:
        env = ops_env(database_url, outlet, GUPRESS_RETRY_LEDGER_BASE_SECONDS="0")
        process, output, gates, _held, before = start_held_crawl(outlet, env)
        run_id = latest_run(database_url).id
        throwaway_pg.stop()
        for gate in gates.values():
            gate.release()
        returncode = process.wait(timeout=DEADLINE)
        text = output.text
        assert "Error caught on signal handler" not in text, text[-3000:]  # the close did not crash
        assert "could not close run" in text
        assert returncode == 1 and text.rstrip().endswith("run {} left open (the next run closes it as abandoned "
                                                          "and walks every list page)".format(run_id)), text[-2000:]
        throwaway_pg.start()

        rerun = gupress("crawl", "asiae", *FAST, env=env)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr[-2000:]
        assert_every_article_once(outlet, database_url)
        closed = query(database_url, f"SELECT status, items_new FROM crawl_runs WHERE id = {run_id}")[0]
        assert closed == ("abandoned", before)
        after = latest_run(database_url)
        assert (after.status, after.items_new) == ("finished", ARTICLES - before)
        assert query(database_url, "SELECT count(*) FROM retry_ledger") == [(0,)]
        assert_next_run_is_ordinary(outlet, env)
