"""Distributed backfill on scrapy-redis: a shared request queue in Redis, any number of
``gupress worker`` processes taking from it, one PostgreSQL archive.

What belongs here: the Redis key layout of a backfill job (``keys``), the thin layer over
scrapy-redis (``queue``: a JSON serializer and a queue that remembers what each worker took
until it is done), the worker's own bookkeeping (``worker``: heartbeat, acknowledgements,
reaping dead workers, knowing when the job is finished) and the job's progress (``progress``).
Spiders and pipelines are the ordinary ones: a worker runs them in mode ``distributed``.
"""
