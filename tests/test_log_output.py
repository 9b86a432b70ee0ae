"""What `gupress crawl` prints (issue 11, point 8), the CLI run as a subprocess against local sites:
with GUPRESS_LOG_JSON=true every line of stdout and stderr is JSON (the summary table becomes one
`crawl_summary` event per outlet); without it, a crawl prints its summary and warnings but no Scrapy INFO
lines unless -v; an unreachable outlet gives one line, not a traceback per retry."""

from __future__ import annotations

import json
import socket

import pytest

from tests.support import FAST, crawl_env, gupress, site_for


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def asiae_and_a_dead_outlet(tmp_path):
    """asiae served on 127.0.0.1; herald's hosts mapped to a port nobody listens on (an outage)."""
    site, manifest = site_for("asiae")
    with site:
        env = crawl_env(f"sqlite:///{tmp_path / 'archive.db'}", [(site, manifest)])
        env["GUPRESS_HOST_MAP"] += f",biz.heraldcorp.com=127.0.0.1:{_closed_port()}"
        yield env


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_json_logs_make_every_line_json(asiae_and_a_dead_outlet):
    env = {**asiae_and_a_dead_outlet, "GUPRESS_LOG_JSON": "true"}
    result = gupress("crawl", "asiae", "herald", "-v", *FAST, env=env)
    assert result.returncode == 1  # herald unreachable
    stdout = [json.loads(line) for line in _lines(result.stdout)]
    stderr = [json.loads(line) for line in _lines(result.stderr)]  # raises on any plain line
    summaries = {event["outlet"]: event for event in stdout if event.get("event") == "crawl_summary"}
    assert len(stdout) == len(summaries) == 2
    # asiae's sample site: three article pages that parse and one without a date (rejected)
    assert (summaries["asiae"]["status"], summaries["asiae"]["items_new"], summaries["asiae"]["items_rejected"]) \
        == ("finished", 3, 1)
    assert summaries["herald"]["status"] == "unreachable" and summaries["herald"]["level"] == "ERROR"
    assert any(e["logger"] == "scrapy.core.engine" and e["msg"] == "Spider opened" for e in stderr)  # -v: INFO


def test_json_logs_also_for_command_errors(asiae_and_a_dead_outlet):
    env = {**asiae_and_a_dead_outlet, "GUPRESS_LOG_JSON": "true", "GUPRESS_MAX_LIST_PAGES": "many"}
    result = gupress("crawl", "asiae", env=env)
    assert result.returncode == 2 and result.stdout == ""
    [error] = [json.loads(line) for line in _lines(result.stderr)]
    assert error["level"] == "ERROR" and "GUPRESS_MAX_LIST_PAGES" in error["msg"]
    bad_option = gupress("crawl", "--mode", "sideways", env=env)
    assert bad_option.returncode == 2 and "sideways" in json.loads(bad_option.stderr)["msg"]


def test_plain_crawl_prints_summary_and_problems_not_scrapy_info(asiae_and_a_dead_outlet):
    result = gupress("crawl", "asiae", "herald", *FAST, env=asiae_and_a_dead_outlet)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].split() == ["outlet", "status", "pages", "new", "revised", "unchanged",
                                                     "rejected", "errors"]
    assert "Traceback" not in result.stderr and " INFO: " not in result.stderr
    # one line on stderr for the unreachable outlet, none for the healthy one
    assert [line for line in _lines(result.stderr) if "heraldcorp" in line or "herald:" in line] == \
        _lines(result.stderr)
    assert len(_lines(result.stderr)) == 1 and "could not fetch list" in result.stderr
    verbose = gupress("crawl", "asiae", "-v", *FAST, env=asiae_and_a_dead_outlet)
    assert "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr
