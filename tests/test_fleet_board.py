"""The fleet's work board and heartbeats (storage/fleet.py) on SQLite and PostgreSQL: of
daemons racing for a due outlet exactly one wins; a firing while the outlet is due or being
crawled coalesces; a dead daemon's claims go back on the board, first in line."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from crawler.config import ConfigError
from crawler.daemon.config import FleetSettings
from storage import fleet
from storage.models import DaemonMember
from storage.types import utcnow

OUTLETS = ["asiae", "herald", "ket"]


def test_racing_daemons_each_due_outlet_is_claimed_once(db):
    for outlet in OUTLETS:
        assert fleet.mark_due(db, outlet_slug=outlet)
    barrier, won = threading.Barrier(6), {}

    def race(name: str) -> None:
        barrier.wait()
        won[name] = [c.outlet for c in fleet.claim_due(db, daemon_id=name, outlets=OUTLETS, limit=3)]

    threads = [threading.Thread(target=race, args=(f"d{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = sorted(o for outlets in won.values() for o in outlets)
    assert claimed == OUTLETS  # every due outlet once, none twice
    board = fleet.dispatch_board(db)
    assert {o: board[o].claimed_by for o in OUTLETS} == {o: next(d for d, got in won.items() if o in got)
                                                         for o in OUTLETS}


def test_a_firing_coalesces_while_due_or_running_and_counts_again_after_the_crawl(db):
    assert fleet.mark_due(db, outlet_slug="asiae") is True
    assert fleet.mark_due(db, outlet_slug="asiae") is False  # still due: one crawl owed, not two
    [claim] = fleet.claim_due(db, daemon_id="a", outlets=["asiae"], limit=5)
    assert fleet.mark_due(db, outlet_slug="asiae") is False  # being crawled: skipped
    assert fleet.claim_due(db, daemon_id="b", outlets=["asiae"], limit=5) == []
    assert fleet.finish_claim(db, daemon_id="a", outlet_slug="asiae") is True
    assert fleet.mark_due(db, outlet_slug="asiae") is True
    assert claim.due_at <= claim.claimed_at


def test_a_daemon_claims_no_more_than_its_limit_and_only_its_outlets(db):
    for outlet in OUTLETS:
        fleet.mark_due(db, outlet_slug=outlet)
    assert [c.outlet for c in fleet.claim_due(db, daemon_id="a", outlets=["herald", "ket"], limit=1)] == ["herald"]
    assert fleet.claim_due(db, daemon_id="a", outlets=["herald"], limit=5) == []
    assert sorted(c.outlet for c in fleet.claim_due(db, daemon_id="b", outlets=OUTLETS, limit=5)) == ["asiae", "ket"]


def test_a_silent_daemon_is_dead_and_its_outlets_go_back_first_in_line(db):
    fleet.register_daemon(db, daemon_id="dead", concurrency=2)
    fleet.register_daemon(db, daemon_id="live", concurrency=2)
    for outlet in OUTLETS:
        fleet.mark_due(db, outlet_slug=outlet)
    assert len(fleet.claim_due(db, daemon_id="dead", outlets=["asiae", "herald"], limit=2)) == 2
    with db.session() as session:  # 'dead' stopped heartbeating a minute ago
        session.execute(update(DaemonMember).where(DaemonMember.id == "dead")
                        .values(heartbeat_at=utcnow() - timedelta(seconds=60)))
    assert fleet.alive_count(db, dead_after=30) == 1
    handed = fleet.reap_dead(db, dead_after=30)
    assert {daemon: sorted(outlets) for daemon, outlets in handed.items()} == {"dead": ["asiae", "herald"]}
    assert fleet.reap_dead(db, dead_after=30) == {}  # done once
    order = [c.outlet for c in fleet.claim_due(db, daemon_id="live", outlets=OUTLETS, limit=3)]
    assert sorted(order[:2]) == ["asiae", "herald"] and order[2] == "ket"  # claimed earlier than ket fell due
    assert fleet.heartbeat(db, daemon_id="dead", running=0, leader=False) is False  # told it was declared dead
    assert fleet.alive_count(db, dead_after=30) == 2


def test_retiring_hands_back_what_the_daemon_still_held(db):
    fleet.register_daemon(db, daemon_id="a", concurrency=1)
    fleet.mark_due(db, outlet_slug="ket")
    fleet.claim_due(db, daemon_id="a", outlets=["ket"], limit=1)
    assert fleet.retire_daemon(db, daemon_id="a") == ["ket"]
    assert [c.outlet for c in fleet.claim_due(db, daemon_id="b", outlets=["ket"], limit=1)] == ["ket"]
    assert [d.id for d in fleet.daemons(db, dead_after=30)] == []


@pytest.mark.parametrize("env, message", [
    ({"GUPRESS_DAEMON_CONCURRENCY": "0"}, "at least 1"),
    ({"GUPRESS_DAEMON_HEARTBEAT": "5", "GUPRESS_DAEMON_DEAD_AFTER": "6"}, "at least two heartbeats"),
    ({"GUPRESS_DAEMON_CONCURRENCY": "two"}, "whole number"),
])
def test_fleet_settings_refuse_unusable_values(env, message):
    with pytest.raises(ConfigError, match=message):
        FleetSettings.from_env(env)


def test_fleet_settings_defaults_and_dead_after_follows_the_heartbeat():
    assert FleetSettings.from_env({}) == FleetSettings(concurrency=4, heartbeat=5.0, dead_after=30.0)
    assert FleetSettings.from_env({"GUPRESS_DAEMON_HEARTBEAT": "0.5"}).dead_after == 3.0


def test_a_heartbeat_of_a_forgotten_daemon_writes_its_row_again(db):
    assert fleet.heartbeat(db, daemon_id="back", running=1, leader=True, concurrency=3) is False
    [member] = fleet.daemons(db, dead_after=30)
    assert (member.id, member.running, member.leader, member.concurrency, member.alive) == ("back", 1, True, 3, True)
    assert fleet.heartbeat(db, daemon_id="back", running=0, leader=False) is True
