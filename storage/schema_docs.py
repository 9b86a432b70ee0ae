"""What every table, view and column of the archive means, written once.

``storage/models.py`` attaches :data:`TABLES` to the models as SQLAlchemy comments (so
``alembic check`` sees them), migration 0010 writes them to PostgreSQL with ``COMMENT ON``
(``\\d+`` in psql explains the archive), ``gupress schema-docs`` renders ``docs/schema.md``, and
``gupress serve`` puts them in Datasette's metadata. Views and the dialect-specific search table
are not models; their descriptions sit here too (:data:`VIEWS`, :data:`UNMODELLED`), and the
views' SQL is in the migrations that create them (0002, 0004, 0010). ``tests/test_schema_docs.py``
fails when any column of the migrated database has no description here, or the docs are stale.
"""

from __future__ import annotations

_RUN = "crawl_runs.id of the run"
_UTC = "(UTC, timezone-aware)"

#: Table → {"": what one row is, column: meaning}.
TABLES: dict[str, dict[str, str]] = {
    "outlets": {
        "": "One row per news outlet gupress crawls.",
        "id": "Surrogate key.",
        "slug": "Short name used everywhere else (spider name, crawl_runs.outlet_slug), e.g. herald.",
        "name": "The outlet's own name, e.g. 헤럴드경제.",
        "home_url": "Home page of the outlet.",
        "cms_family": "Publishing software family of the site (ndsoft, articlehtml, ...), which decides the spider.",
        "region": "Region the outlet covers (서울, 전국, ...).",
        "created_at": f"When gupress first saw this outlet {_UTC}.",
    },
    "articles": {
        "": "One row per article: its latest version (every version is in article_revisions).",
        "id": "Article id, used by every other table (article_fts rowid on SQLite).",
        "outlet_id": "outlets.id of the outlet that published it.",
        "canonical_url": "Canonical URL of the article (unique).",
        "outlet_article_id": "The outlet's own article number (idxno, no=...); unique per outlet.",
        "title": "Headline as printed.",
        "subtitle": "Sub-headline, when the page has one.",
        "category": "Section or category the outlet filed it under.",
        "reporter": "Reporter's name from the byline.",
        "reporter_title": "Reporter's title from the byline (기자, 선임기자, ...).",
        "reporter_email": "Reporter's e-mail address from the byline.",
        "published_at": f"Publication time as printed (KST on the page), stored {_UTC}.",
        "updated_at": f"Last-modified time printed on the page, if any {_UTC}.",
        "body": "Article text, paragraphs separated by blank lines; boilerplate and ads removed.",
        "source_note": "Credit line such as '사진=강서구 제공'.",
        "content_hash": "SHA-256 of the normalised title, subtitle, reporter, dates and body: a new value is a "
                        "new revision.",
        "is_roundup": "True when the article covers several districts in separate blocks (see article_segments).",
        "extraction": "JSON: for each field, the layer that extracted it (selector, json-ld, generic, ...).",
        "revision_count": "Number of distinct versions fetched (1 = never edited).",
        "first_seen_at": f"When gupress first fetched it {_UTC}.",
        "last_seen_at": f"When gupress last fetched it {_UTC}.",
        "last_changed_at": f"When its content last changed {_UTC}.",
        "last_checked_at": f"When it was last revisited for edits {_UTC}.",
        "etag": "HTTP ETag of the last fetch (for conditional revisits).",
        "last_modified": "HTTP Last-Modified of the last fetch (for conditional revisits).",
        "cluster_id": "Id of the cluster of near-identical articles (same press release in several outlets): the "
                      "id of its earliest-published article; NULL when it has no twin.",
        "tagger_version": "District tagger version that produced its article_districts and article_segments "
                          "(NULL: tagged before versions were recorded).",
    },
    "article_revisions": {
        "": "One row per distinct version of an article ever fetched; the archive never overwrites history.",
        "id": "Surrogate key.",
        "article_id": "articles.id.",
        "revision_no": "1 for the first version seen, then 2, 3, ...",
        "fetched_at": f"When this version was fetched {_UTC}.",
        "content_hash": "SHA-256 of this version's normalised content.",
        "title": "Headline of this version.",
        "subtitle": "Sub-headline of this version.",
        "reporter": "Reporter of this version.",
        "published_at": f"Publication time printed in this version {_UTC}.",
        "updated_at": f"Last-modified time printed in this version {_UTC}.",
        "body": "Text of this version.",
        "districts": "District tags of this version as JSON [{code, role, mention_count}] (versions stored before "
                     "revision 0009 were tagged from their own text on upgrade).",
    },
    "raw_pages": {
        "": "One row per distinct page body fetched at a URL: the bytes, so a better parser can re-parse the past.",
        "id": "Surrogate key.",
        "url": "URL fetched.",
        "article_id": "articles.id the page became (NULL for a rejected page).",
        "fetched_at": f"When it was fetched {_UTC}.",
        "http_status": "HTTP status of the response.",
        "encoding": "Charset the bytes were actually read in (e.g. cp949 for EUC-KR served as UTF-8).",
        "sha256": "SHA-256 of the bytes.",
        "body_zlib": "The bytes, zlib-compressed (zlib.decompress).",
    },
    "rejected_items": {
        "": "One row per page that failed validation or could not be archived: bad input is recorded, never dropped.",
        "id": "Surrogate key.",
        "crawl_run_id": f"{_RUN} that rejected it.",
        "outlet_slug": "Outlet of the page.",
        "url": "URL of the page.",
        "reason": "Why, e.g. 'not HTML (application/pdf)' or 'body missing or shorter than 40 characters'.",
        "fields": "JSON: what was extracted before the page was rejected.",
        "created_at": f"When it was rejected {_UTC}.",
    },
    "crawl_runs": {
        "": "One row per spider run of one outlet.",
        "id": "Run id.",
        "outlet_slug": "Outlet crawled.",
        "mode": "incremental, backfill, full, reparse, or distributed (a `gupress worker` of a shared backfill queue).",
        "daemon_id": "Fleet id of the `gupress daemon` that ran this crawl (NULL for crawls run by hand).",
        "trigger": "What started it: manual, daemon, demo, ...",
        "started_at": f"Start {_UTC}.",
        "finished_at": f"End {_UTC}; NULL while running or when the process died.",
        "status": "running, finished, finished_with_errors, unreachable, interrupted, skipped_locked, killed, "
                  "abandoned or failed.",
        "exit_reason": "Scrapy's finish reason or the error that ended the run.",
        "pages_fetched": "Responses received.",
        "responses_304": "Revisits answered 304 Not Modified.",
        "items_new": "Articles archived for the first time.",
        "items_revised": "Articles whose content changed (a new revision).",
        "items_unchanged": "Articles fetched again unchanged.",
        "items_duplicate": "Pages that were another URL of an archived article.",
        "items_rejected": "Pages rejected (see rejected_items).",
        "errors": "Errors logged during the run.",
        "fallback_counts": "JSON: how often each field needed a fallback extraction layer.",
        "pid": "Process id of the crawl.",
        "hostname": "Machine that ran the crawl.",
    },
    "crawl_run_stats": {
        "": "What the list walk of a run saw and skipped, one row per run.",
        "crawl_run_id": _RUN + ".",
        "list_pages": "List pages walked.",
        "links_found": "Article links found on them.",
        "links_skipped": "Links skipped as known and not due for a revisit.",
        "revisits": "Known articles fetched again to look for edits.",
        "not_modified": "Revisits answered 304 Not Modified.",
        "requests": "Requests made.",
        "items_outside_window": "Articles outside the backfill's date window.",
        "lease_owner": "host:pid:token that held the outlet's lease.",
    },
    "outlet_state": {
        "": "Per-outlet facts the daemon and gupress status read without scanning crawl_runs.",
        "outlet_slug": "Outlet.",
        "last_run_id": "Its latest crawl_runs.id.",
        "last_run_status": "Status of that run.",
        "last_run_at": f"When that run started {_UTC}.",
        "last_success_at": f"When a run last finished successfully {_UTC}.",
        "last_new_article_at": f"When a run last archived a new article {_UTC}.",
        "updated_at": f"When this row was written {_UTC}.",
    },
    "crawl_leases": {
        "": "Who may crawl an outlet right now: one row per outlet being crawled; an expired lease belongs to a "
            "dead crawl and may be taken over.",
        "outlet_slug": "Outlet being crawled.",
        "owner": "host:pid:token of the holder.",
        "run_id": "crawl_runs.id of the holder's run.",
        "acquired_at": f"When the lease was taken {_UTC}.",
        "expires_at": f"When it lapses unless renewed {_UTC}.",
    },
    "backfill_cursors": {
        "": "Where a backfill of one (outlet, entry point) stopped: the list page to resume from.",
        "outlet_slug": "Outlet.",
        "entry_point": "List URL the backfill walks.",
        "window": "Date window of the backfill (since..until).",
        "page": "Next list page number.",
        "page_url": "Next list page URL.",
        "pages_done": "List pages walked so far.",
        "started_at": f"When the backfill began {_UTC}.",
        "updated_at": f"Last progress {_UTC}.",
        "completed_at": f"When it reached the end of its window {_UTC}; NULL while unfinished.",
    },
    "daemons": {
        "": "One row per `gupress daemon` of a fleet sharing this archive; a heartbeat older than "
            "GUPRESS_DAEMON_DEAD_AFTER means the daemon is dead and its claimed crawls go to the others.",
        "id": "Fleet id of the daemon (host, pid and a random part).",
        "hostname": "Host the daemon runs on.",
        "pid": "Process id of the daemon on that host.",
        "started_at": "When the daemon started (UTC).",
        "heartbeat_at": "Last heartbeat (UTC); also the daemon's last poll for due outlets.",
        "stopped_at": "When the daemon stopped cleanly (UTC); NULL while it runs or if it died.",
        "concurrency": "Crawls this daemon runs at once (GUPRESS_DAEMON_CONCURRENCY).",
        "running": "Crawls it was running at its last heartbeat.",
        "leader": "True for the daemon holding the leader lock (it marks outlets due on schedule).",
    },
    "crawl_dispatch": {
        "": "The fleet's work board: one row per scheduled outlet, marked due by the leader and claimed by "
            "exactly one daemon (a conditional UPDATE).",
        "outlet_slug": "Outlet.",
        "due_at": "When the outlet became due (UTC); NULL when nothing is due.",
        "claimed_by": "Fleet id of the daemon crawling it now; NULL when unclaimed.",
        "claimed_at": "When it was claimed (UTC).",
    },
    "retry_ledger": {
        "": "Article URLs whose fetch or store failed and are still owed: retried with backoff until stored, "
            "rejected (row deleted) or given up.",
        "id": "Surrogate key.",
        "outlet_slug": "Outlet.",
        "url": "Canonical article URL (unique per outlet).",
        "reason": "Last failure, e.g. 'fetch failed: HTTP 503'.",
        "attempts": "Failed attempts so far.",
        "first_failed_at": f"First failure {_UTC}.",
        "last_failed_at": f"Latest failure {_UTC}.",
        "next_try_at": f"Earliest next attempt {_UTC}; NULL once given up.",
        "gave_up_at": f"When retrying stopped {_UTC}.",
        "last_run_id": "crawl_runs.id of the latest attempt.",
    },
    "districts": {
        "": "One row per 자치구 (autonomous district) of the gazetteer, so SQL can join names and cities.",
        "code": "5-digit 행정표준코드, e.g. 11380 for 은평구.",
        "name": "Korean name, e.g. 은평구.",
        "name_en": "English name, e.g. Eunpyeong-gu.",
        "city": "Metropolitan city, e.g. 서울특별시.",
        "city_en": "English name of the city.",
        "valid_from": "First day the code is valid (NULL: long-standing).",
        "valid_until": "Last day the code was valid (NULL: current).",
        "source": "Where the gazetteer row comes from.",
    },
    "article_districts": {
        "": "Which districts an article is about: one row per (article, district).",
        "article_id": "articles.id.",
        "district_code": "districts.code.",
        "role": "primary (the article is about it) or mentioned.",
        "mention_count": "Times the district (or its dongs, head, office) is mentioned.",
    },
    "article_segments": {
        "": "The block of a roundup article that belongs to one district: one row per segment.",
        "article_id": "articles.id of the roundup.",
        "seq": "Position of the segment in the article (1, 2, ...).",
        "district_code": "districts.code the segment is about.",
        "text": "Text of the segment.",
    },
    "article_signatures": {
        "": "Each article body's MinHash signature, computed once when the body is stored; candidates for the "
            "same press release are screened by comparing signatures (see articles.cluster_id).",
        "article_id": "articles.id.",
        "signature": "128 MinHash values of the body's character shingles, little-endian uint32.",
        "shingle_count": "Number of distinct shingles of the body (short bodies are never clustered).",
    },
    "article_lsh_buckets": {
        "": "LSH buckets of each signature with the article's publication day: articles sharing a bucket within "
            "the cluster window are candidates; the key (bucket, day, article_id) bounds a look-up to the window.",
        "bucket": "Hash of one band of the signature, tagged with the band number.",
        "day": "Publication day, in days since 1970-01-01 (UTC).",
        "article_id": "articles.id.",
    },
}

#: Tables gupress creates by hand, per dialect (not models).
UNMODELLED: dict[str, dict[str, str]] = {
    "article_fts": {
        "": "Korean full-text index: overlapping character bigrams of each word of title and body. SQLite: an FTS5 "
            "table (rowid = articles.id, columns title and body); search with MATCH gupress_match('청년'). "
            "PostgreSQL: a tsvector per article; search with grams @@ gupress_tsquery('청년').",
        "rowid": "SQLite: articles.id.",
        "title": "SQLite: bigrams of the title.",
        "body": "SQLite: bigrams of the body.",
        "article_id": "PostgreSQL: articles.id.",
        "grams": "PostgreSQL: bigrams of title (weight A) and body, as a tsvector.",
    },
}

_KST = "Publication time in KST as ISO text (2026-02-23T10:00:00+09:00)."
#: View → {"": what one row is, column: meaning}.
VIEWS: dict[str, dict[str, str]] = {
    "article_overview": {
        "": "One row per article with its outlet, KST time and primary districts' names.",
        "article_id": "articles.id.", "outlet": "outlets.slug.", "outlet_name": "outlets.name.",
        "canonical_url": "Canonical URL.", "outlet_article_id": "The outlet's own article number.",
        "title": "Headline.", "subtitle": "Sub-headline.", "reporter": "Reporter.", "reporter_email": "E-mail.",
        "published_kst": _KST, "published_at": f"Publication time {_UTC}.", "updated_at": f"Printed update {_UTC}.",
        "is_roundup": "True for a roundup (see segment_overview).", "revision_count": "Versions fetched.",
        "first_seen_at": f"First fetched {_UTC}.", "last_changed_at": f"Content last changed {_UTC}.",
        "primary_districts": "Primary districts as 'city district' names, comma-separated, sorted.", "body": "Text.",
        "cluster_id": "articles.cluster_id: the cluster of copies of one release (NULL when it has no twin).",
        "published_date_kst": "Publication day in KST (2026-02-27).",
        "published_month_kst": "Publication month in KST (2026-02).",
    },
    "article_district_names": {
        "": "One row per (article, district) with names: article_districts joined to districts and articles.",
        "article_id": "articles.id.", "district_code": "districts.code.", "district_name": "District name.",
        "city": "City of the district.", "district_name_en": "English district name.",
        "role": "primary or mentioned.", "mention_count": "Mentions.", "title": "Headline.",
        "published_kst": _KST, "published_at": f"Publication time {_UTC}.", "outlet": "outlets.slug.",
    },
    "segment_overview": {
        "": "One row per roundup segment with its district's name, the article's title and time.",
        "article_id": "articles.id.", "seq": "Position in the article.", "district_code": "districts.code.",
        "district_name": "District name.", "city": "City.", "title": "Headline of the roundup.",
        "published_kst": _KST, "published_at": f"Publication time {_UTC}.", "outlet": "outlets.slug.",
        "text": "Text of the segment.",
    },
    "cluster_overview": {
        "": "One row per cluster of near-identical articles (one press release carried by several outlets).",
        "cluster_id": "Cluster id (= articles.id of its earliest-published article).",
        "articles": "Articles in the cluster.", "outlets": "Distinct outlets.",
        "outlet_slugs": "Their slugs, comma-separated.", "first_published_at": f"Earliest publication {_UTC}.",
        "last_published_at": f"Latest publication {_UTC}.", "first_title": "Title of the representative article.",
        "districts": "Primary districts of any member, as 'city district' names, comma-separated, sorted.",
        "district_codes": "Their codes (districts.code), comma-separated, sorted.",
        "first_published_kst": "Earliest publication in KST (ISO text, +09:00).",
        "representative_id": "articles.id of the representative: earliest published, then lowest id.",
        "representative_title": "Its title.",
    },
    "article_facets": {
        "": "One row per (article, primary district), for browsing by outlet, district and month; an article with "
            "no primary district has one row with empty district columns.",
        "article_id": "articles.id.", "outlet": "outlets.slug.", "district_code": "districts.code (primary).",
        "district_name": "District name.", "city": "City of the district.",
        "month": "Month of publication in KST (2026-02).", "published_at": f"Publication time {_UTC}.",
        "title": "Headline.", "cluster_id": "articles.cluster_id.", "is_roundup": "Roundup?",
        "revision_count": "Versions fetched.",
    },
}


def describe(name: str) -> dict[str, str] | None:
    """The descriptions of one table or view, or None for a name gupress does not own."""
    return TABLES.get(name) or UNMODELLED.get(name) or VIEWS.get(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def postgres_comments(connection, *, clear: bool = False) -> list[str]:
    """``COMMENT ON`` statements for every described table, view and column that exists in the
    connected PostgreSQL database (``clear``: set them back to NULL)."""
    from sqlalchemy import inspect

    inspector = inspect(connection)
    existing = {name: "TABLE" for name in inspector.get_table_names()}
    existing.update({name: "VIEW" for name in inspector.get_view_names()})
    statements = []
    for name, docs in {**TABLES, **UNMODELLED, **VIEWS}.items():
        if name not in existing:
            continue
        columns = {c["name"] for c in inspector.get_columns(name)}
        statements.append(f"COMMENT ON {existing[name]} {name} IS {'NULL' if clear else _literal(docs[''])}")
        statements.extend(f"COMMENT ON COLUMN {name}.{column} IS {'NULL' if clear else _literal(text)}"
                          for column, text in docs.items() if column in columns)
    return statements


def render_markdown() -> str:
    """docs/schema.md: every table, the search index and every view, column by column."""
    from storage.models import Base

    lines = ["# The gupress archive schema", "",
             "Generated by `gupress schema-docs` from `storage/schema_docs.py`; do not edit by hand.",
             "Times are UTC (timezone-aware); the views add KST. The same text is in PostgreSQL "
             "(`\\d+ articles`, `COMMENT ON`) and in Datasette (`gupress serve`).", "", "## Tables", ""]
    for name, docs in TABLES.items():
        table = Base.metadata.tables[name]
        lines += [f"### `{name}`", "", docs[""], "", "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {_type_name(c)} | {docs[c.name]} |" for c in table.columns]
        lines.append("")
    lines += ["## Search index", ""]
    for name, docs in UNMODELLED.items():
        lines += [f"### `{name}`", "", docs[""], "", "| column | description |", "|---|---|"]
        lines += [f"| `{column}` | {text} |" for column, text in docs.items() if column]
        lines.append("")
    lines += ["## Views", ""]
    for name, docs in VIEWS.items():
        lines += [f"### `{name}`", "", docs[""], "", "| column | description |", "|---|---|"]
        lines += [f"| `{column}` | {text} |" for column, text in docs.items() if column]
        lines.append("")
    return "\n".join(lines)


def _type_name(column) -> str:
    kind = type(column.type).__name__
    name = {"UTCDateTime": "timestamp (UTC)", "JSON": "JSON", "LargeBinary": "bytes"}.get(kind, kind.lower())
    length = getattr(column.type, "length", None)
    key = " (key)" if column.primary_key else ""
    return (f"{name}({length})" if length else name) + key
