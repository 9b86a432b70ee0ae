"""Health against an outlet's own history: `gupress status` and /metrics flag an outlet
once its site serves pages the spider cannot parse; the rules themselves on made-up runs."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from crawler.daemon.health import HealthRules, evaluate
from storage.db import Database
from tests.ops_support import ENTRY, crawl, metrics, ops_env
from tests.support import crawl_env, gupress, site_for

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
REDESIGN = "<html><body><div id='app'></div><script src='/static/app.js'></script></body></html>"


@pytest.fixture
def asiae_site():
    site, manifest = site_for("asiae")
    with site:
        yield site, manifest


def test_outlet_serving_unparsable_pages_is_flagged(sqlite_url, asiae_site):
    site, _manifest = asiae_site
    env = ops_env(sqlite_url, asiae_site)
    crawl(env)
    crawl(env)
    healthy = gupress("status", "asiae", env=env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "asiae" in healthy.stdout and "ok" in healthy.stdout and "UNHEALTHY" not in healthy.stdout
    db = Database(sqlite_url)
    text = metrics(db)
    assert 'gupress_outlet_healthy{outlet="asiae"} 1.0' in text
    assert 'gupress_outlet_items_total{outcome="new",outlet="asiae"} 3.0' in text
    assert 'gupress_outlet_runs_total{outlet="asiae",status="finished"} 2.0' in text

    site.put(ENTRY, REDESIGN)  # a redesign: the list page has no article links any more
    crawl(env)
    flagged = gupress("status", "asiae", env=env)
    assert flagged.returncode == 1
    assert "UNHEALTHY no_yield" in flagged.stdout and "no article links" in flagged.stdout
    report = json.loads(gupress("status", "asiae", "--json", env=env).stdout)[0]
    assert report["healthy"] is False and report["problems"] == ["no_yield"]
    text = metrics(db)
    assert 'gupress_outlet_healthy{outlet="asiae"} 0.0' in text
    assert 'gupress_outlet_problem{outlet="asiae",reason="no_yield"} 1.0' in text
    assert "gupress_outlet_seconds_since_last_new_article" in text
    db.dispose()


def run(i: int, *, status="finished", links=10, pages=1, new=0, unchanged=0, rejected=0, fallback=None) -> dict:
    return {"id": i, "status": status, "links_found": links, "list_pages": pages, "items_new": new,
            "items_revised": 0, "items_unchanged": unchanged, "items_rejected": rejected,
            "fallback_counts": fallback or {}}


def test_steady_outlet_is_healthy():
    history = [run(i, new=2) for i in range(5, 0, -1)]
    assert evaluate("x", history, last_new_article_at=NOW - timedelta(hours=1), now=NOW).healthy


def test_yield_drop_against_own_history():
    history = [run(6, links=3)] + [run(i, links=10) for i in range(5, 0, -1)]
    health = evaluate("x", history, last_new_article_at=NOW, now=NOW)
    assert health.reasons == ["yield_drop"]


def test_fallback_jump_on_dates():
    history = [run(6, new=4, fallback={"published_at": 4})] + [run(i, new=4) for i in range(5, 0, -1)]
    health = evaluate("x", history, last_new_article_at=NOW, now=NOW)
    assert health.reasons == ["fallback_jump"] and "published_at" in health.details[0]


def test_usual_fallbacks_are_not_a_jump():
    history = [run(i, new=4, fallback={"body": 4}) for i in range(6, 0, -1)]
    assert evaluate("x", history, last_new_article_at=NOW, now=NOW).healthy


def test_rejections_failures_and_staleness():
    rejected = [run(3, new=1, rejected=5)] + [run(i, new=5) for i in (2, 1)]
    assert evaluate("x", rejected, last_new_article_at=NOW, now=NOW).reasons == ["parse_failures"]
    failing = [run(3, status="unreachable"), run(2, status="failed"), run(1, new=3)]
    assert "failing" in evaluate("x", failing, last_new_article_at=NOW, now=NOW).reasons
    one_failure = [run(2, status="failed"), run(1, new=3)]
    assert evaluate("x", one_failure, last_new_article_at=NOW, now=NOW).healthy
    stale = evaluate("x", [run(1)], last_new_article_at=NOW - timedelta(days=4), now=NOW,
                     rules=HealthRules(stale_after=timedelta(days=3)))
    assert stale.reasons == ["stale"]
    assert evaluate("x", [run(1, status="skipped_locked")], last_new_article_at=None, now=NOW).reasons == ["never_run"]


@pytest.mark.parametrize("command", ["daemon", "status", "backfill"])
def test_ops_commands_have_help(command):
    result = gupress(command, "--help")
    assert result.returncode == 0 and f"usage: gupress {command}" in result.stdout


def test_status_lists_configured_outlets_and_flags_never_run(sqlite_url):
    env = {**crawl_env(sqlite_url, []), "GUPRESS_OUTLETS": "asiae"}
    assert gupress("migrate", env=env).returncode == 0  # status is read-only: it never creates an archive
    result = gupress("status", "--json", env=env)
    assert result.returncode == 1
    assert [(r["outlet"], r["problems"]) for r in json.loads(result.stdout)] == [("asiae", ["never_run"])]


def test_json_log_lines():
    import logging

    from crawler.logging_setup import JsonFormatter

    record = logging.LogRecord("gupress.x", logging.WARNING, __file__, 1, "강서구 %s", ("ok",), None)
    line = json.loads(JsonFormatter().format(record))
    assert (line["level"], line["logger"], line["msg"]) == ("WARNING", "gupress.x", "강서구 ok")
