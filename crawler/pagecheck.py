"""Is this response an article page we can archive? Non-HTML, truncated, empty and oversized
pages are told apart here, so that each becomes a ``rejected_items`` row with its own
reason (and its bytes in ``raw_pages``) instead of a traceback or a half article.

The checks are pure functions of bytes and headers; ``crawler.middlewares.PageCheckMiddleware``
applies them to every article response and ``reject_page`` records the verdict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from scrapy.downloadermiddlewares.retry import get_retry_request

log = logging.getLogger(__name__)

#: Request meta key: why the page at this request cannot be archived (set by the middlewares).
REJECT_KEY = "gupress_reject"
#: Request meta key: the page's own og:description / description, for the short-body check.
DESCRIPTION_KEY = "gupress_description"

#: Magic bytes of what news sites put at article URLs instead of a page.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .hwp, .doc, .xls
    (b"\x1f\x8b", "application/gzip"),
)
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_LOOKS_LIKE_MARKUP = re.compile(rb"^\s*<(?:!doctype|html|head|body|meta|!--|\?xml|div|p\b)", re.IGNORECASE)
_HTML_END = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_DESCRIPTION = re.compile(
    r"<meta\b[^>]*?(?:property|name)\s*=\s*[\"'](?:og:description|description)[\"'][^>]*>", re.IGNORECASE)
_CONTENT = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
#: The body is "far shorter" than the page's own summary below this share of its length.
SHORT_BODY_SHARE = 0.5
#: Descriptions shorter than this say too little to judge a body by.
MIN_DESCRIPTION_CHARS = 60


def media_type(content_type_header: str | None) -> str:
    return (content_type_header or "").split(";")[0].strip().lower()


def sniffed_type(body: bytes) -> str | None:
    """The file type told by the first bytes (PDF, JPEG, PNG, GIF, ZIP, HWP/OLE), if any."""
    head = body[:16]
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)


def not_html_reason(content_type_header: str | None, body: bytes) -> str | None:
    """``"not HTML (application/pdf)"`` for a file where an article page should be.

    Magic bytes win over the label (a PDF served as text/html is a PDF); a non-HTML label
    on bytes that look like markup is a mislabelled page, not a file."""
    declared = media_type(content_type_header)
    sniffed = sniffed_type(body)
    if sniffed:
        served = f", served as {declared}" if declared and declared != sniffed else ""
        return f"not HTML ({sniffed}{served})"
    if declared and declared not in _HTML_TYPES and not _LOOKS_LIKE_MARKUP.match(body[:512]):
        return f"not HTML ({declared})"
    return None


def truncation_reason(body: bytes, *, flags: Iterable[str] = (), content_length: str | None = None) -> str | None:
    """Why these bytes are only part of a page, or None.

    ``dataloss``: the connection ended before Content-Length bytes arrived (Scrapy flags it
    when DOWNLOAD_FAIL_ON_DATALOSS is off). Otherwise an HTML page that never closes
    ``</body>`` or ``</html>`` was cut (a truncated cache entry, a worker killed mid-write).
    """
    if not body.strip():
        return "empty page (HTTP 200 with no body)"
    if "dataloss" in flags:
        expected = f" of {content_length}" if content_length else ""
        return f"truncated: received {len(body)}{expected} bytes (connection closed early)"
    if not _HTML_END.search(body):
        return f"truncated: page ends after {len(body)} bytes without </body> or </html>"
    return None


def page_description(html: str) -> str | None:
    """The page's own og:description (or description) meta, which a truncated body undercuts."""
    for tag in _DESCRIPTION.finditer(html[:200_000]):
        content = _CONTENT.search(tag.group(0))
        if content:
            value = (content.group(1) or content.group(2) or "").strip()
            if value:
                return value
    return None


def short_body_reason(paragraphs: list[str], description: str | None) -> str | None:
    """``truncated: …`` when the extracted body is far shorter than the page's own summary."""
    if not description or len(description) < MIN_DESCRIPTION_CHARS:
        return None
    length = sum(len(p.strip()) for p in paragraphs)
    if length >= SHORT_BODY_SHARE * len(description):
        return None
    return f"truncated: body has {length} characters, the page's own description {len(description)}"


def saved_page_problem(body: bytes, item=None) -> str | None:
    """Why stored bytes are no article page (binary, empty, truncated, undecodable, or with
    ``item``: a body far shorter than the page's description), or None. ``gupress reparse``
    leaves such a page rejected instead of archiving half an article."""
    from crawler.korean.text import decode_page

    problem = not_html_reason(None, body) or truncation_reason(body)
    page = decode_page(body) if problem is None else None
    problem = problem or (page.problem if page else None)
    if problem is None and item is not None:
        problem = short_body_reason(item.body_paragraphs, page_description(page.text))
    return problem


# --- the Scrapy side ------------------------------------------------------------------


def _meta(response) -> dict:
    """Request meta, or nothing for a page parsed offline (``gupress parse``, reparse)."""
    return response.request.meta if response.request is not None else {}


def rejection(response) -> str | None:
    """Why the middlewares refused this article page, if they did."""
    return _meta(response).get(REJECT_KEY)


def vetted(spider, response, item):
    """``item`` when its body is plausible; otherwise a retry of the page (a truncated page
    is retried like a network error, within RETRY_TIMES), or None once every attempt came
    back short and the page has been rejected with the reason."""
    reason = short_body_reason(item.body_paragraphs, _meta(response).get(DESCRIPTION_KEY))
    if reason is None:
        return item
    retry = get_retry_request(response.request, spider=spider, reason="truncated")
    if retry is not None:
        return retry
    reject_page(spider, response, reason)
    return None


def reject_page(spider, response, reason: str) -> None:
    """Record a page that cannot be archived: a ``rejected_items`` row with ``reason`` and,
    when raw pages are kept, its bytes in ``raw_pages`` (article_id NULL)."""
    item = spider.new_item(response)
    crawler = getattr(spider, "crawler", None)
    recorder = getattr(crawler, "gupress_run", None)
    if recorder is not None:
        recorder.reject(item, reason)
    if crawler is not None and crawler.stats is not None:
        crawler.stats.inc_value("gupress/items_rejected")
        crawler.stats.inc_value(f"gupress/rejected/{reason.split(':')[0].split(' (')[0]}")
    log.warning("%s: rejected %s: %s", spider.name, response.url, reason)
