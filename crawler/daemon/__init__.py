"""The gupress daemon: APScheduler 3.x with its job store in the archive database, one
job per outlet, each crawl in its own ``gupress crawl`` process, a leader lock so that only
one daemon schedules, a fleet of daemons sharing the crawls, and a small HTTP status endpoint.

Modules: ``config`` (environment), ``leader`` (PostgreSQL advisory lock / file lock),
``fleet`` (heartbeats, claiming due outlets, taking over a dead daemon's), ``crawls`` (crawl
subprocesses: timeout, termination, orphaned rows), ``jobs`` (the APScheduler job functions:
mark an outlet due), ``service`` (the main loop and signals), ``health`` (per-outlet
health against the outlet's own history), ``status_server`` (/healthz and /metrics),
``dbretry`` (riding out a database outage: backoff, one log line per change of state),
``child`` (entry point of a crawl process: parent-death signal, so kill -9 of the daemon
leaves no crawl running unsupervised).
"""
