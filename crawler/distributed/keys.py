"""Names of everything a backfill job keeps in Redis.

One job per outlet: ``<prefix>:bf:<outlet>:…``. The prefix (``GUPRESS_QUEUE_PREFIX``) lets
several archives, or several test runs, share one Redis without seeing each other's queues.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JobKeys:
    prefix: str
    outlet: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:bf:{self.outlet}"

    @property
    def requests(self) -> str:
        """Sorted set of serialized requests (scrapy-redis's priority queue)."""
        return f"{self.base}:requests"

    @property
    def seen(self) -> str:
        """Set of request fingerprints (scrapy-redis's dupefilter)."""
        return f"{self.base}:seen"

    @property
    def job(self) -> str:
        """Hash: the window and page cap every worker must apply, when it was seeded."""
        return f"{self.base}:job"

    @property
    def stats(self) -> str:
        """Hash of counters summed over every worker (pages, articles, new, …)."""
        return f"{self.base}:stats"

    @property
    def below(self) -> str:
        """Hash entry point -> lowest list page seen holding an article older than --since."""
        return f"{self.base}:below"

    @property
    def failed(self) -> str:
        """Hash URL -> reason for requests given up after repeated unsettled attempts."""
        return f"{self.base}:failed"

    def worker(self, worker_id: str) -> str:
        """Heartbeat of one worker (a string with a TTL); gone means the worker is dead."""
        return f"{self.base}:worker:{worker_id}"

    def processing(self, worker_id: str) -> str:
        """Hash id -> request a worker has taken and not yet finished."""
        return f"{self.base}:processing:{worker_id}"

    @property
    def worker_pattern(self) -> str:
        return f"{self.base}:worker:*"

    @property
    def processing_pattern(self) -> str:
        return f"{self.base}:processing:*"


def jobs_key(prefix: str) -> str:
    """Set of outlets with a seeded backfill job."""
    return f"{prefix}:bf:jobs"
