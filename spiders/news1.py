"""뉴스1 (news1.kr), a national wire whose local desks file every metropolitan city's 구청 news.

Its own CMS, known only as page text (docs/outlets/news1.md): articles ``/{section}/{subsection}/{id}``
(``/local/seoul/3028626``, ``/society/general-society/4866617``), AMP under ``/amp/``; the lead byline
``(서울=뉴스1) 전준우 기자 =`` (read by the normalizer), a closing e-mail line, photo credits ``ⓒ News1``
and the footer ``Copyright ⓒ 뉴스1. All rights reserved. …``. No selector is known.
"""

import re

from spiders.cms.generic import LayeredSpider

ARTICLE_URL = re.compile(r"news1\.kr/(?:amp/)?(?P<path>[a-z]+/[a-z-]+)/(?P<id>\d{6,8})(?![\w/])")


class News1Spider(LayeredSpider):
    name = "news1"
    outlet_name = "뉴스1"
    # National: Seoul, 대전 and 광주 district news side by side, so an unprefixed 동구 is no city's.
    outlet_region = None
    home_url = "https://www.news1.kr/"
    domains = ("news1.kr",)
    article_url_pattern = ARTICLE_URL
    # Seen: /local/seoul/{id}; the section page itself and its paging are guessed.
    default_entry_points = ("https://www.news1.kr/local/seoul",)

    def canonical_url(self, url: str) -> str | None:
        """``/amp/`` and the bare host fold into www; the section path is part of the URL."""
        match = ARTICLE_URL.search(url)
        if not match or self.article_id(url) is None:
            return None
        return f"https://www.news1.kr/{match.group('path')}/{match.group('id')}"
