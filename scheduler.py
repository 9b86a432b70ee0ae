#!/usr/bin/env python3
"""gupress scheduler: ``python scheduler.py`` (the same as ``gupress daemon``).

Runs APScheduler 3.11 (BackgroundScheduler, SQLAlchemy job store in the archive database)
with one interval job per outlet. Each job starts ``gupress crawl <outlet> --trigger
schedule`` as a separate process, because a Twisted reactor cannot be restarted within one
process. Before scheduling anything the daemon takes a leader lock (PostgreSQL advisory
lock, or a file lock beside a SQLite archive): a second daemon waits as a standby and takes
over when the first dies. SIGTERM or SIGINT stops scheduling, lets running crawls finish for
GUPRESS_SHUTDOWN_GRACE seconds, then terminates them; every crawl_runs row ends closed.

Configuration: GUPRESS_DATABASE_URL, GUPRESS_SCHEDULE_INTERVAL, GUPRESS_SCHEDULE_JITTER,
GUPRESS_CRAWL_TIMEOUT, GUPRESS_SHUTDOWN_GRACE, GUPRESS_STATUS_ADDR, GUPRESS_OUTLETS and more,
see the Operations section of README.md and deploy/gupress.env.example.
"""

import sys

from crawler.cli import main

if __name__ == "__main__":
    sys.exit(main(["daemon", *sys.argv[1:]]))
