"""The thin layer over scrapy-redis 0.9 that a shared backfill needs.

scrapy-redis gives the scheduler (requests in a Redis sorted set, any number of processes
popping from it) and the dupefilter (fingerprints in a Redis set). Three things it does not
give, adapted here rather than forked:

* **Nothing lost when a worker dies.** Its ``PriorityQueue.pop`` removes a request from Redis
  before it is downloaded, so a worker killed mid-request loses it for good.
  ``ReliablePriorityQueue.pop`` moves the request, in one Lua script, into the worker's own
  ``processing`` hash; the worker deletes it only once its outcome is stored
  (:mod:`crawler.distributed.worker`), and any worker puts back the requests of a worker
  whose heartbeat has expired (:func:`requeue_orphans`).
* **No pickle in a shared queue.** Its default serializer is pickle, which runs code from
  whoever can write to Redis. :mod:`json_serializer` below encodes Scrapy's request dict as
  JSON (bytes as base64).
* **Keys per job, not per spider name.** Its keys are ``%(spider)s:requests``; ours carry a
  prefix and the outlet (:mod:`crawler.distributed.keys`) so archives and test runs can share
  a Redis.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import sys
import time
from typing import Any

from redis.exceptions import RedisError
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.keys import JobKeys

log = logging.getLogger(__name__)

#: How long a worker waits for Redis to come back before a follow-up request is given up.
PUSH_PATIENCE_SECONDS = 120
#: How many times a request left unsettled (its callback raised) is put back before it is given up.
MAX_ATTEMPTS = 3

#: Move the best-priority request from the queue into a worker's processing hash, atomically.
_POP = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #found == 0 then return nil end
redis.call('ZREM', KEYS[1], found[1])
redis.call('HSET', KEYS[2], redis.sha1hex(found[1]), found[2] .. '|' .. found[1])
return found[1]
"""

#: Put every request of a dead worker back into the queue, then forget the worker.
_REQUEUE = """
local entries = redis.call('HVALS', KEYS[2])
for _, entry in ipairs(entries) do
  local bar = string.find(entry, '|', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(entry, 1, bar - 1)), string.sub(entry, bar + 1))
end
redis.call('DEL', KEYS[2])
return #entries
"""


class json_serializer:  # noqa: N801 - scrapy-redis wants a module-like object with loads/dumps
    """Scrapy's request dict as JSON; bytes (headers, body) as ``{"__b64__": "…"}``."""

    @staticmethod
    def dumps(obj: Any) -> str:
        return json.dumps(_plain(obj), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @staticmethod
    def loads(text: str | bytes) -> Any:
        return _restore(json.loads(text))


def _plain(obj: Any) -> Any:
    if isinstance(obj, bytes):
        return {"__b64__": base64.b64encode(obj).decode("ascii")}
    if isinstance(obj, dict):
        return {"__map__": [[_plain(k), _plain(v)] for k, v in obj.items()]} if any(
            not isinstance(k, str) for k in obj) else {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def _restore(obj: Any) -> Any:
    if isinstance(obj, dict):
        if set(obj) == {"__b64__"}:
            return base64.b64decode(obj["__b64__"])
        if set(obj) == {"__map__"}:
            return {_restore(k): _restore(v) for k, v in obj["__map__"]}
        return {k: _restore(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_restore(v) for v in obj]
    return obj


# scrapy-redis imports the serializer by module path (SCHEDULER_SERIALIZER): this module.
dumps = json_serializer.dumps
loads = json_serializer.loads


class ReliablePriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop hands a request to one worker instead of
    dropping it from Redis: see the module docstring."""

    def __init__(self, server, spider, key, serializer=None) -> None:
        super().__init__(server, spider, key, serializer=serializer or sys.modules[__name__])
        worker = getattr(spider, "distributed_worker", None)
        if worker is None:
            raise RuntimeError("ReliablePriorityQueue needs the spider's distributed_worker "
                               "(run it through `gupress worker`)")
        self.processing_key = worker.keys.processing(worker.worker_id)
        self._pop_script = server.register_script(_POP)

    def __len__(self) -> int:
        try:
            return super().__len__()
        except RedisError:  # queue away: say there is work, so the worker waits instead of closing
            return 1

    def push(self, request) -> None:
        """A follow-up request must not be lost to a Redis restart: wait for it (this blocks
        the worker, which has nothing better to do while its queue is away)."""
        deadline = time.monotonic() + PUSH_PATIENCE_SECONDS
        while True:
            try:
                return super().push(request)
            except RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def pop(self, timeout: int = 0):
        try:
            data = self._pop_script(keys=[self.key, self.processing_key])
        except RedisError as exc:
            log.warning("queue unreachable (%s); will try again", str(exc).splitlines()[0][:160])
            return None
        if not data:
            return None
        request = self._decode_request(data)
        request.meta["gupress_queue_id"] = entry_id(data)
        return request


def entry_id(data: str | bytes) -> str:
    """The id under which a taken request sits in a processing hash (what the Lua uses)."""
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.sha1(raw).hexdigest()


def requeue_orphans(server, keys: JobKeys) -> int:
    """Put back the requests of every worker whose heartbeat has expired; returns how many."""
    script = server.register_script(_REQUEUE)
    moved = 0
    for name in server.scan_iter(match=keys.processing_pattern):
        worker_id = _text(name).rsplit(":", 1)[-1]
        if not server.exists(keys.worker(worker_id)):
            moved += int(script(keys=[keys.requests, _text(name)]) or 0)
    return moved


def requeue_own(server, keys: JobKeys, worker_id: str) -> int:
    """A worker stopping before its work is done hands it back at once."""
    return int(server.register_script(_REQUEUE)(keys=[keys.requests, keys.processing(worker_id)]) or 0)


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def requeue_unsettled(server, keys: JobKeys, worker_id: str) -> tuple[int, int]:
    """Put back what an idle worker still holds, counting attempts in the request's meta;
    past MAX_ATTEMPTS a request goes to the job's ``failed`` hash instead (shown by --status).
    Returns (requeued, given up)."""
    name = keys.processing(worker_id)
    requeued = failed = 0
    for entry_key, entry in server.hgetall(name).items():
        score, _, data = _text(entry).partition("|")
        request = json_serializer.loads(data)
        attempts = int(request.get("meta", {}).get("gupress_attempts", 0)) + 1
        request.setdefault("meta", {})["gupress_attempts"] = attempts
        pipe = server.pipeline()
        if attempts > MAX_ATTEMPTS:
            pipe.hset(keys.failed, request.get("url", "?"), f"left unsettled {attempts - 1} times")
            failed += 1
        else:
            pipe.zadd(keys.requests, {json_serializer.dumps(request): float(score)})
            requeued += 1
        pipe.hdel(name, entry_key)
        pipe.execute()
    return requeued, failed
