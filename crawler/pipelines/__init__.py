"""Item pipelines, one concern per module, ordered in ``crawler/settings.py``:
normalize (100) → districts (200) → validate (300) → dedup (400) → store (900)."""


class CrawlerPipeline:
    """Base of pipelines that need the crawler: its stats, its run recorder, its spider."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
