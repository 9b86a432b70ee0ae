"""Parse a saved page without a crawl: the same spider code and the same pipeline functions
as a real crawl, minus the database. Backs ``gupress parse`` and the spider tests."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse

from crawler.items import ArticleItem
from crawler.korean.text import decode_page
from crawler.pipelines.dedup import content_hash
from crawler.pipelines.normalize import normalize_item


def saved_response(url: str, body: bytes, headers: dict[str, str] | None = None) -> HtmlResponse:
    """Bytes, not text, read in the charset they are really in (``decode_page``, as a crawl's
    PageCheckMiddleware does), so a page whose label lies parses offline as it did live."""
    headers = headers or {}
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    page = decode_page(body, content_type)
    return HtmlResponse(url=url, body=body, headers=headers, encoding=page.encoding if not page.problem else None)


def parse_saved_page(spider, url: str, body: bytes, headers: dict[str, str] | None = None) -> list[ArticleItem]:
    """Raw items of one saved article page, as the spider yields them."""
    response = saved_response(url, body, headers)
    return [item for item in spider.parse_article(response) if isinstance(item, ArticleItem)]


def process(item: ArticleItem) -> ArticleItem:
    """The pure part of the pipeline chain: normalize, tag districts, hash."""
    normalize_item(item)
    tag_item(item)
    item.content_hash = content_hash(item)
    return item


def tag_item(item: ArticleItem) -> ArticleItem:
    """District tags and roundup segments, exactly as the district pipeline sets them."""
    from crawler.pipelines.districts import DistrictTaggingPipeline

    return DistrictTaggingPipeline().process_item(item)


def parse_file(spider, url: str, path: Path, headers: dict[str, str] | None = None) -> list[ArticleItem]:
    return [process(item) for item in parse_saved_page(spider, url, path.read_bytes(), headers)]


def saved_headers(path: Path) -> dict[str, str]:
    """Headers saved beside a page by ``gupress capture`` (``<name>.headers.json``), if any.

    A page whose charset is declared only in its Content-Type header (no <meta>) decodes
    correctly only with them."""
    import json

    headers_path = path.with_name(path.stem + ".headers.json")
    if not headers_path.is_file():
        return {}
    saved = json.loads(headers_path.read_text(encoding="utf-8")).get("headers", {})
    return {k: v for k, v in saved.items() if k.lower() == "content-type"}
