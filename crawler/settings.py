"""Scrapy settings for gupress. Tunables come from GUPRESS_* environment variables
(``crawler.config``); anything here can still be overridden per run with ``-s NAME=value``.

The pipeline chain is the heart of the project and reads top to bottom:
normalize → (backfill date window) → tag districts → validate → dedup → store.
"""

from crawler.config import GupressConfig

_config = GupressConfig.from_env()

BOT_NAME = "gupress"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

GUPRESS_DATABASE_URL = _config.database_url
GUPRESS_HOST_MAP = _config.host_map
GUPRESS_ENTRY_POINTS = _config.entry_points
GUPRESS_MAX_LIST_PAGES = _config.max_list_pages
GUPRESS_RAW_PAGES = _config.raw_pages
GUPRESS_CRAWL_MODE = "incremental"
GUPRESS_TRIGGER = "manual"

# Politeness: these are small newsrooms. One request at a time per site, AutoThrottle on,
# robots.txt obeyed, an identifying User-Agent with a contact URL.
USER_AGENT = _config.effective_user_agent()
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False

# Scrapy 2.19 opens a telnet console and a token-protected remote-control HTTP server by
# default; a crawler run from cron or a daemon needs neither.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
# `scrapy crawl X -O out.jsonl` / `-O out.json`: items in the `gupress parse` contract shape
FEED_EXPORTERS = {
    "json": "crawler.feeds.ContractJsonItemExporter",
    "jsonlines": "crawler.feeds.ContractJsonLinesItemExporter",
    "jsonl": "crawler.feeds.ContractJsonLinesItemExporter",
    "jl": "crawler.feeds.ContractJsonLinesItemExporter",
}
LOG_LEVEL = "INFO"
# A page the validate pipeline rejects is a rejected_items row with its reason and counted in the run's
# summary; Scrapy would also log it as a WARNING with the whole item (three lines per page).
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

# Requests for hosts in GUPRESS_HOST_MAP go to the mapped address; everything above the
# download handler (robots.txt, spiders, canonical URLs, the archive) keeps the real URL.
DOWNLOAD_HANDLERS = {
    "http": "crawler.hostmap.HostMapDownloadHandler",
    "https": "crawler.hostmap.HostMapDownloadHandler",
}

ITEM_PIPELINES = {
    "crawler.pipelines.normalize.NormalizePipeline": 100,
    "crawler.pipelines.window.BackfillWindowPipeline": 150,
    "crawler.pipelines.districts.DistrictTaggingPipeline": 200,
    "crawler.pipelines.validate.ValidatePipeline": 300,
    "crawler.pipelines.dedup.DedupPipeline": 400,
    "crawler.pipelines.store.StorePipeline": 900,
}

EXTENSIONS = {
    "crawler.runlog.CrawlRunRecorder": 100,
}

# Retries back off exponentially (crawler/middlewares.py) instead of hammering a failing server.
GUPRESS_RETRY_BACKOFF_BASE = 2.0
GUPRESS_RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.LoopAwareRedirectMiddleware": 600,
    # Bad pages (crawler/pagecheck.py): a gzip bomb and a page above DOWNLOAD_MAXSIZE, a
    # PDF/JPEG at an article URL, a truncated or undecodable page become rejected_items rows
    # with a reason; every HTML page is re-read in the charset its bytes are really in.
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.CappedHttpCompressionMiddleware": 590,
    "crawler.middlewares.PageCheckMiddleware": 545,
}
# A body cut short of its Content-Length reaches PageCheckMiddleware flagged "dataloss" (it is
# retried, then rejected as truncated with its bytes kept) instead of failing without them.
DOWNLOAD_FAIL_ON_DATALOSS = False

# --- incremental recrawls, leases, backfill ---------------------------------------------
# Tunable from the daemon's environment file; each can still be overridden per run with -s.
#: Extra list pages walked after the first one with nothing to fetch (catches articles
#: that moved down a page between two runs).
GUPRESS_INCREMENTAL_OVERLAP = _config.incremental_overlap
#: Revisit schedule of archived articles (spiders/crawl_control.RevisitPolicy).
GUPRESS_REVISIT_FRACTION = _config.revisit_fraction
GUPRESS_REVISIT_MIN_SECONDS = _config.revisit_min_seconds
GUPRESS_REVISIT_MAX_SECONDS = _config.revisit_max_seconds
GUPRESS_REVISIT_HORIZON_DAYS = _config.revisit_horizon_days
#: Most due articles re-checked per run outside the list walk (the revisit sweep).
GUPRESS_REVISIT_MAX_PER_RUN = _config.revisit_max_per_run
#: Per-outlet crawl lease: seconds a crawl may go silent before another may take over.
GUPRESS_LEASE_TTL = _config.lease_ttl
GUPRESS_LOG_JSON = _config.log_json
# Distributed backfill (crawler/distributed): Redis key prefix and worker heartbeat.
GUPRESS_QUEUE_PREFIX = _config.queue_prefix
GUPRESS_WORKER_HEARTBEAT_TTL = _config.worker_heartbeat_ttl

# --- retry ledger and run progress (issue 8) -------------------------------------------
#: Failed article URLs are retried by later runs after BASE, 2×BASE, 4×BASE … (≤ MAX) seconds,
#: and given up after MAX_ATTEMPTS failures (storage/retry_ledger.py).
GUPRESS_RETRY_LEDGER_BASE_SECONDS = _config.retry_ledger_base_seconds
GUPRESS_RETRY_LEDGER_MAX_SECONDS = _config.retry_ledger_max_seconds
GUPRESS_RETRY_LEDGER_MAX_ATTEMPTS = _config.retry_ledger_max_attempts
#: Most due ledger URLs one run requests at its start.
GUPRESS_RETRY_LEDGER_MAX_PER_RUN = _config.retry_ledger_max_per_run
#: A running crawl copies its counters to its crawl_runs row this often (a SIGKILLed run
#: keeps them); item outcomes are counted in the store's own transaction regardless.
GUPRESS_RUN_PROGRESS_SECONDS = _config.run_progress_seconds
GUPRESS_STORE_BATCH = _config.store_batch
GUPRESS_STORE_BATCH_SECONDS = _config.store_batch_seconds
GUPRESS_STORE_TEXT_WORKERS = _config.store_text_workers
