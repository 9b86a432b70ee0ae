"""Feed exporters for ``scrapy crawl X -O out.jsonl`` (or ``.json``): each item written in the shape of
``gupress parse`` (``ArticleItem.to_contract()`` plus ``validation_errors``), so a feed and the parse
contract are one format for whoever reads them, instead of the raw item with its page bytes."""

from __future__ import annotations

from scrapy.exporters import JsonItemExporter, JsonLinesItemExporter

from crawler.items import ArticleItem


def contract_shape(item):
    """The ``gupress parse`` object of an article item; any other item unchanged."""
    if not isinstance(item, ArticleItem):
        return item
    from crawler.pipelines.validate import validation_errors

    return {**item.to_contract(), "validation_errors": validation_errors(item)}


class ContractJsonLinesItemExporter(JsonLinesItemExporter):
    def export_item(self, item) -> None:
        super().export_item(contract_shape(item))


class ContractJsonItemExporter(JsonItemExporter):
    def export_item(self, item) -> None:
        super().export_item(contract_shape(item))
