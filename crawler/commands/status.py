"""gupress status: one line per outlet: last run, its result, where it ran (daemon id or host),
new articles today, the last new article, and health (judged against the outlet's own
history); then the daemons of the fleet and how many are alive."""

from __future__ import annotations

import json

from crawler.daemon.report import ago, fleet_daemons, outlet_reports, ran_on
from crawler.daemon.config import FleetSettings
from crawler.korean import KST
from storage.types import utcnow


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "status", help="per-outlet table: last run, result, new today, last new article, health",
        description="Read the archive's crawl history and print per-outlet status. Health flags: failing, "
                    "no_yield, yield_drop, parse_failures, fallback_jump, stale, never_run (see "
                    "crawler/daemon/health.py). Exits 1 when any listed outlet is unhealthy, 2 when the "
                    "archive cannot be opened or an outlet is unknown. Read-only: the archive is never created "
                    "or migrated.")
    parser.add_argument("outlets", nargs="*", metavar="OUTLET",
                        help="only these outlets (default: GUPRESS_OUTLETS, else every spider and archived outlet)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(func=run)


def run(args) -> int:
    from crawler.archive import open_archive
    from crawler.cliargs import check_outlets
    from crawler.runner import spider_names
    from storage import state

    with open_archive(read_only=True) as db:
        if args.outlets:
            check_outlets(args.outlets, set(spider_names()) | set(state.outlet_slugs(db)))
        reports = outlet_reports(db, args.outlets or default_outlets(db, spider_names))
        members = fleet_daemons(db, FleetSettings.from_env().dead_after)
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        print(format_table(reports))
        print(format_fleet(members))
    return 0 if all(r.health.healthy for r in reports) else 1


def default_outlets(db, spider_names) -> list[str]:
    """The daemon's GUPRESS_OUTLETS when set, else every spider and every outlet in the archive."""
    from crawler.daemon.config import DaemonConfig
    from storage import state

    configured = DaemonConfig.from_env().outlets
    return list(configured) if configured else sorted(set(spider_names()) | set(state.outlet_slugs(db)))


def format_table(reports) -> str:
    now = utcnow()
    header = (f"{'outlet':<16}{'last run (KST)':<18}{'result':<22}{'ran on':<28}{'new today':>10}  "
              f"{'last new article':<18}health")
    lines = [header, "-" * (len(header) + 20)]
    for report in reports:
        run = report.last_run or {}
        started = run.get("started_at")
        when = started.astimezone(KST).strftime("%m-%d %H:%M") if started else "never"
        health = "ok" if report.health.healthy else "UNHEALTHY " + ",".join(report.health.reasons)
        lines.append(f"{report.outlet:<16}{when:<18}{run.get('status') or '-':<22}{ran_on(run):<28}"
                     f"{report.new_today:>10}  "
                     f"{ago(report.last_new_article_at, now):<18}{health}")
        for detail in report.health.details:
            lines.append(f"  {report.outlet}: {detail}")
        if report.retry_pending or report.retry_given_up:
            lines.append(f"  {report.outlet}: retry ledger: {report.retry_pending} article URL(s) pending, "
                         f"{report.retry_given_up} given up")
    return "\n".join(lines)


def format_fleet(members) -> str:
    """'daemons alive: N of M' and one line per daemon (id, role, crawls running, heartbeat age)."""
    if members is None:
        return "daemons: unknown (the archive has no fleet tables yet: run gupress migrate)"
    now = utcnow()
    alive = [m for m in members if m.alive]
    lines = [f"daemons alive: {len(alive)}" + (f" ({len(members) - len(alive)} silent, presumed dead)"
                                               if len(alive) < len(members) else "")]
    for member in members:
        role = "leader" if member.leader else "member"
        state = "alive" if member.alive else "SILENT"
        lines.append(f"  {member.id:<40}{role:<8}{state:<8}{member.running}/{member.concurrency} crawls  "
                     f"heartbeat {ago(member.heartbeat_at, now)}")
    return "\n".join(lines)
