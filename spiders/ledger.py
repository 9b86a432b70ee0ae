"""The spider's side of the retry ledger (``storage/retry_ledger.py``) and of the catch-up
walk: what an outlet spider requests because an earlier run failed to fetch or store it, or
ended before finishing its walk."""

from __future__ import annotations

import logging

from scrapy import Request

from storage import retry_ledger, run_progress

log = logging.getLogger(__name__)


class RetryLedgerMixin:
    """Mixed into ``OutletSpider``; uses its ``_db``, ``_setting``, ``_stat``,
    ``article_request`` and ``canonical_url``."""

    _retrying: set[str]
    _revisiting: set[str]

    def due_retries(self) -> list[Request]:
        """Article URLs whose fetch or store failed in an earlier run and whose backoff has
        passed, requested whatever the list walk does (it may never reach them again)."""
        if self._db is None:
            return []
        limit = self._setting("GUPRESS_RETRY_LEDGER_MAX_PER_RUN")
        urls = [u for u in retry_ledger.due_urls(self._db, outlet_slug=self.name, limit=limit)
                if u not in self._revisiting]
        self._retrying.update(urls)
        self._stat("gupress/retry_ledger/requested", len(urls))
        if urls:
            log.info("%s: retrying %d article(s) from the retry ledger", self.name, len(urls))
        requests = []
        for url in urls:
            request = self.article_request(url)
            request.meta["gupress_retry_ledger"] = True
            requests.append(request)
        return requests

    def _previous_walk_cut_short(self) -> bool:
        recorder = getattr(getattr(self, "crawler", None), "gupress_run", None)
        previous = getattr(recorder, "previous_status", None)
        if not run_progress.walk_was_cut_short(previous):
            return False
        log.warning("%s: the previous run ended '%s' before finishing its walk; walking every list page up "
                    "to the cap to find what it left behind", self.name, previous)
        self._stat("gupress/catch_up_walks")
        return True

    def _owe_to_ledger(self, request: Request, reason: str) -> None:
        recorder = getattr(getattr(self, "crawler", None), "gupress_run", None)
        canonical = request.meta.get("gupress_canonical") or self.canonical_url(request.url)
        if recorder is not None and canonical:
            recorder.note_failure(canonical, f"fetch failed: {reason}")
