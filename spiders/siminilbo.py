"""시민일보 (siminilbo.co.kr): a Seoul daily whose 자치구 desk files most district-office releases.

Its own CMS (``/news/newsview.php?ncode=``, AMP ``/news/amp.html?ncode=``), known only as page text
(docs/outlets/siminilbo.md): the info line ``박소진 기자 / zini@siminilbo.co.kr / 기사승인 : 2026-01-19
14:28:07``, on AMP ``siminilbo@siminilbo.co.kr | 2026-01-15 16:25:44``; the lead byline ``[시민일보 =
박소진 기자]`` (read by the normalizer); the footer ``[저작권자ⓒ 시민일보. 무단전재-재배포 금지]``. No
selector is known, so title and dates come from metadata or the visible text and the body from
JSON-LD or the generic extractor (spiders.cms.generic).
"""

import re

from spiders.cms.generic import LayeredSpider

#: ``ncode`` is 15-16 digits (1160285285977678; older 179528700146507).
ARTICLE_URL = re.compile(r"/news/(?:newsview\.php|amp\.html)\?(?:[^#]*&)?ncode=(?P<id>\d{12,17})(?!\d)")


class SiminilboSpider(LayeredSpider):
    name = "siminilbo"
    outlet_name = "시민일보"
    outlet_region = "서울"  # its district pages name Seoul districts unprefixed (강서구(구청장 진교훈))
    home_url = "https://www.siminilbo.co.kr/"
    domains = ("siminilbo.co.kr",)
    article_url_pattern = ARTICLE_URL
    article_path = "/news/newsview.php?ncode={id}"
    # Guessed: no list or feed URL of the site was seen, so the walk starts from the home page and
    # keeps only links of the article form; the home page has no pages to walk.
    default_entry_points = ("https://www.siminilbo.co.kr/",)
    compute_next_page = False
    published_text = re.compile(r"기사승인\s*:\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?"
                                r"|(?<=\|\s)\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}:\d{2}")
    #: "박소진 기자 / zini@siminilbo.co.kr / 기사승인 : …" (cut before the date).
    reporter_line = re.compile(r"[가-힣]{2,4}\s*기자\s*/\s*[\w.+-]+@[\w.-]+(?=\s*/\s*기사승인)")
    #: The info line, which the generic extractor keeps as the body's first line.
    chrome_lines = (re.compile(r"/\s*기사승인\s*:"),)
