"""Scrapy settings for gupress: Scrapy's own (politeness, middlewares, pipelines, feeds) are written
here; every ``GUPRESS_*`` setting comes from the declaration in ``crawler.config`` (environment or
declared default) and none is written here. Anything can still be overridden per run with
``-s NAME=value``.

The pipeline chain is the heart of the project and reads top to bottom:
normalize → (backfill date window) → tag districts → validate → dedup → store.
"""

from crawler.config import INTERNAL, GupressConfig

_config = GupressConfig.from_env()
globals().update(_config.scrapy_settings())
globals().update({d.name: d.default for d in INTERNAL.values() if d.where == "Scrapy setting"})

BOT_NAME = "gupress"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

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

# Retries back off exponentially (crawler/middlewares.py, GUPRESS_RETRY_BACKOFF_*) instead of
# hammering a failing server.
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
