"""서울앤 (seouland.com), 한겨레's Seoul weekly that republishes district-office releases.

Its articles use 한겨레's URL form (``/arti/{section}/{subsection}/{id}.html``, as herstory.hani.co.kr),
known only as page text (docs/outlets/seouland.md): the date line ``등록 : 2023-07-20 17:32 수정 :
2023-07-20 17:32`` (as borough.seouland.com prints it), the closing ``서울살이 길라잡이
서울앤(www.seouland.com) 취재팀 편집`` and a ``서울& 인기기사`` box. No selector is known.
"""

import re
from urllib.parse import urlsplit

from spiders.cms.generic import LayeredSpider

ARTICLE_URL = re.compile(r"/arti/(?P<path>(?:[a-z_]+/){1,2})(?P<id>\d{3,7})\.html(?![\w.])")


class SeoulandSpider(LayeredSpider):
    name = "seouland"
    outlet_name = "서울앤"
    outlet_region = "서울"
    home_url = "https://www.seouland.com/"
    domains = ("seouland.com",)
    article_url_pattern = ARTICLE_URL
    # Seen: /arti/society/?cline=1538 (a section list); how it pages (cline?) is not known, so only a
    # pagination bar's link to the next page is followed.
    default_entry_points = ("https://www.seouland.com/arti/society/",)
    compute_next_page = False

    def article_id(self, url: str) -> str | None:
        if urlsplit(url).hostname not in ("www.seouland.com", "seouland.com", "m.seouland.com"):
            return None  # borough.seouland.com is a separate board with other ids
        return super().article_id(url)

    def canonical_url(self, url: str) -> str | None:
        """The section path stays: whether ``/arti/{id}.html`` alone resolves is not known."""
        match = ARTICLE_URL.search(url)
        if not match or self.article_id(url) is None:
            return None
        return f"https://www.seouland.com/arti/{match.group('path')}{match.group('id')}.html"
    #: The editing credit and the disclaimer under republished releases.
    chrome_lines = (re.compile(r"^서울살이 길라잡이 서울앤\(www\.seouland\.com\)"),
                      re.compile(r"^\*\s*본 콘텐츠는 <서울&>의 의견과 다를 수 있으며"))
