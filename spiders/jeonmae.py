"""전국매일신문 (jeonmae.co.kr) on ND Soft (family A), with 서울 and 인천 district desks.

Seen as page text (docs/outlets/jeonmae.md): ``articleView.html?idxno=``, the older skin's info line
(``인천/ 맹창수기자 • 승인 2024.02.13 17:00 • 댓글 0``), the closing ``[전국매일신문] 서울/박창복기자``
and ``저작권자 © 전국매일신문 - 전국의 생생한 뉴스를 ‘한눈에’ 무단전재 및 재배포 금지``.
"""

import re

from scrapy.http import Response

from crawler.items import ArticleItem
from spiders.cms.generic import drop_chrome_lines
from spiders.cms.ndsoft import NdSoftSpider

#: The closing desk line ("[전국매일신문] 서울/박창복기자"): the reporter is in the info line already.
CLOSING_DESK_LINE = re.compile(r"^\[전국매일신문\]\s*[가-힣]{1,4}\s*/\s*[가-힣]{2,4}\s*기자$")


class JeonmaeSpider(NdSoftSpider):
    name = "jeonmae"
    outlet_name = "전국매일신문"
    # National, desks per city: its reporters write "인천/" or "서울/" and name the city (인천 미추홀구).
    outlet_region = None
    home_url = "https://www.jeonmae.co.kr/"
    domains = ("jeonmae.co.kr",)
    # Guessed: the family's all-articles feed (outlets.md §6), not seen on this site.
    default_entry_points = ("https://www.jeonmae.co.kr/rss/allArticle.xml",)

    def extract_article(self, response: Response, item: ArticleItem) -> None:
        super().extract_article(response, item)
        drop_chrome_lines(item, (CLOSING_DESK_LINE,))
