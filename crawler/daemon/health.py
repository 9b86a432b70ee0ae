"""Per-outlet health, judged against the outlet's own history rather than only "zero items".

A site redesign rarely makes a spider crash; it makes it find fewer links, reject more
pages, or fall back to generic extraction. So each outlet's latest run is compared with its
own recent runs:

- ``failing``: the last runs (up to ``failing_runs``) all failed or were unreachable/killed;
- ``no_yield``: the list pages held no article links, or every fetched article was rejected;
- ``yield_drop``: links per list page fell below ``drop_ratio`` of the outlet's median;
- ``parse_failures``: most fetched articles were rejected while they usually are not;
- ``fallback_jump``: a field (e.g. ``published_at``) now comes from a fallback layer
  (text patterns, generic extractor) for many more articles than usual;
- ``stale``: no new article for ``stale_after`` although crawls run;
- ``never_run``: no completed run yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from crawler.config import GupressConfig, default

FAILED = frozenset({"failed", "unreachable", "killed", "abandoned"})
NOT_JUDGED = frozenset({"running", "skipped_locked", "interrupted"})


@dataclass(frozen=True)
class HealthRules:
    failing_runs: int = 2
    drop_ratio: float = 0.5
    min_history: int = 3
    reject_share: float = 0.5
    fallback_jump: float = 0.5
    stale_after: timedelta = timedelta(hours=default("stale_hours"))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "HealthRules":
        return cls(stale_after=timedelta(hours=GupressConfig.from_env(environ).stale_hours))


@dataclass
class OutletHealth:
    outlet: str
    reasons: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.reasons

    def flag(self, reason: str, detail: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.details.append(detail)


def parsed(run: dict[str, Any]) -> int:
    return run["items_new"] + run["items_revised"] + run["items_unchanged"]


def evaluate(outlet: str, runs: list[dict[str, Any]], *, last_new_article_at: datetime | None,
             now: datetime, rules: HealthRules = HealthRules()) -> OutletHealth:
    """``runs`` newest first, as ``storage.state.run_history`` returns them."""
    health = OutletHealth(outlet)
    judged = [r for r in runs if r["status"] not in NOT_JUDGED]
    if not judged:
        health.flag("never_run", "no completed crawl yet")
        return health
    recent = judged[: rules.failing_runs]
    if all(r["status"] in FAILED for r in recent):
        health.flag("failing", f"last {len(recent)} run(s): {', '.join(r['status'] for r in recent)}")
    ok_runs = [r for r in judged if r["status"] not in FAILED]
    if ok_runs:
        _judge_yield(health, ok_runs[0], ok_runs[1:], rules)
    if last_new_article_at is not None and now - last_new_article_at > rules.stale_after:
        hours = (now - last_new_article_at).total_seconds() / 3600
        health.flag("stale", f"no new article for {hours:.0f} h")
    return health


def _judge_yield(health: OutletHealth, latest: dict[str, Any], history: list[dict[str, Any]], rules: HealthRules) -> None:
    fetched = parsed(latest) + latest["items_rejected"]
    if latest.get("list_pages") and not latest.get("links_found"):
        health.flag("no_yield", f"run {latest['id']}: no article links on {latest['list_pages']} list page(s)")
    elif fetched and not parsed(latest):
        health.flag("no_yield", f"run {latest['id']}: all {fetched} fetched article(s) rejected")
    per_page = [r["links_found"] / r["list_pages"] for r in history if r.get("list_pages")]
    if len(per_page) >= rules.min_history and latest.get("list_pages") and latest.get("links_found"):
        now_rate, usual = latest["links_found"] / latest["list_pages"], median(per_page)
        if now_rate < rules.drop_ratio * usual:
            health.flag("yield_drop", f"{now_rate:.1f} links per list page, usually {usual:.1f}")
    if fetched >= 2 and parsed(latest):
        shares = [r["items_rejected"] / (parsed(r) + r["items_rejected"]) for r in history
                  if parsed(r) + r["items_rejected"]]
        share = latest["items_rejected"] / fetched
        if share >= rules.reject_share and (not shares or median(shares) < rules.reject_share / 2):
            health.flag("parse_failures", f"{share:.0%} of fetched articles rejected")
    _judge_fallbacks(health, latest, history, rules)


def _judge_fallbacks(health: OutletHealth, latest: dict[str, Any], history: list[dict[str, Any]],
                     rules: HealthRules) -> None:
    if parsed(latest) < 2:
        return
    usual_runs = [r for r in history if parsed(r)]
    if not usual_runs:
        return  # a jump needs a baseline
    for name, count in sorted((latest.get("fallback_counts") or {}).items()):
        share = count / parsed(latest)
        usual = median([(r.get("fallback_counts") or {}).get(name, 0) / parsed(r) for r in usual_runs])
        if share - usual >= rules.fallback_jump:
            health.flag("fallback_jump", f"{name} from a fallback layer in {share:.0%} of articles (usually {usual:.0%})")
