"""The shared-queue side of ``gupress backfill``: ``--queue URL`` seeds a job for
``gupress worker`` processes, ``--status OUTLET`` shows its progress across workers.
(No ``register``: ``gupress backfill`` dispatches here.)"""

from __future__ import annotations

import sys
import time

from crawler.logging_setup import say
from crawler.commands.worker import first_line, queue_url_of, redacted


def run_queued(args) -> int:
    from crawler.distributed.job import JobConflict, JobSpec, connect, forget, seed
    from crawler.distributed.keys import JobKeys
    from crawler.runner import project_settings
    from crawler.commands.backfill import date_window, known_outlet

    queue_url = queue_url_of(args)
    if queue_url is None:
        return 2
    settings = project_settings()
    outlet = args.status or args.forget or args.outlet
    if not known_outlet(outlet, settings):
        return 2
    window = date_window(args)
    if window is None:
        return 2
    try:
        server = connect(queue_url)
    except Exception as exc:
        say(f"gupress: cannot reach the queue at {redacted(queue_url)}: {first_line(exc)}", level="ERROR")
        return 2
    keys = JobKeys(settings.get("GUPRESS_QUEUE_PREFIX"), outlet)
    if args.status:
        say(format_progress(server, keys), stream=sys.stdout, event="backfill_status", outlet=outlet,
            **progress_fields(server, keys))
        return 0
    if args.forget:
        forget(server, keys)
        say(f"forgot the shared backfill of {outlet} (queue, dupefilter, progress) in {redacted(queue_url)}",
            stream=sys.stdout)
        return 0
    spec = JobSpec(outlet, args.since, args.until, args.max_pages)
    try:
        added = seed(server, keys, spec, settings, restart=args.restart)
    except JobConflict as exc:
        say(f"gupress: {exc}", level="ERROR")
        return 1
    if added:
        say(f"queued the backfill of {outlet} ({window.label}): {added} entry list page(s) in {redacted(queue_url)}",
            stream=sys.stdout, event="backfill_queued", outlet=outlet, added=added)
    else:
        say(f"the backfill of {outlet} ({window.label}) is already queued (or done); nothing added",
            stream=sys.stdout, event="backfill_queued", outlet=outlet, added=0)
    say(f"start workers on any machine: gupress worker --queue {redacted(queue_url)}; "
        f"watch it: gupress backfill --status {outlet} --queue {redacted(queue_url)}", stream=sys.stdout)
    return 0


def progress_fields(server, keys) -> dict:
    """The progress as fields of a JSON event (GUPRESS_LOG_JSON)."""
    from crawler.distributed.job import progress

    state = progress(server, keys)
    return {"finished": state.finished, "queued": state.queued, "in_progress": state.in_progress,
            "workers_alive": len(state.workers), "given_up": state.failed, "articles": state.articles,
            **{f"count_{k}": v for k, v in state.counters.items()}}


def format_progress(server, keys) -> str:
    from crawler.distributed.job import job_spec, progress

    spec = job_spec(server, keys)
    if spec is None:
        return f"no shared backfill of {keys.outlet} is queued"
    state = progress(server, keys)
    now = time.time()
    c = state.counters
    lines = [f"backfill of {keys.outlet} ({spec.since or '…'} to {spec.until or '…'}): "
             + ("done" if state.finished else "running" if state.workers else "waiting for workers"),
             f"  list pages {c.get('pages', 0)}, articles {state.articles} ({c.get('new', 0)} new, "
             f"{c.get('skipped', 0)} already archived, {c.get('outside_window', 0)} outside the window), "
             f"{state.rate(now) * 60:.1f} articles/min since seeding",
             f"  queue: {state.queued} waiting, {state.in_progress} taken by workers",
             f"  workers alive: {len(state.workers)}"]
    if state.failed:
        lines.insert(3, f"  given up: {state.failed} request(s) whose processing kept failing (see the workers' logs)")
    for worker in sorted(state.workers, key=lambda w: (w.get("host", ""), w.get("pid", 0))):
        lines.append(f"    {worker.get('host')} pid {worker.get('pid')}, up {now - worker.get('started', now):.0f}s")
    eta = estimate_eta(state)
    if eta is not None:
        lines.append(f"  ETA about {eta:.0f}s (from the share of queued work done so far)")
    return "\n".join(lines)


def estimate_eta(state) -> float | None:
    """Rough: time so far times the ratio of requests still queued to requests handled."""
    handled = state.counters.get("pages", 0) + state.articles
    if state.finished or not handled or not state.seeded_at or not state.workers:
        return None
    elapsed = time.time() - state.seeded_at
    return elapsed * (state.queued + state.in_progress) / handled
