"""서울신문 (seoul.co.kr), whose 자치행정 pages (go.seoul.co.kr, "서울Pn") carry 25-district news daily.

Its own CMS, known only as page text (docs/outlets/seoulshinmun.md). One article has one 14-digit id
(``YYYYMMDD`` + six digits) under several URL forms: ``go.seoul.co.kr/news/newsView.php?id=``,
``m.go.seoul.co.kr/news/YYYY/MM/DD/{id}``, ``www.seoul.co.kr/news/{section}/YYYY/MM/DD/{id}``; all fold into
the newsView.php form. Text forms: ``입력 2018-10-24 23:48`` / ``수정 2018-10-25 00:45`` lines, the closing
byline ``김승훈 기자 hunnam@seoul.co.kr``, the print line ``2018-10-25 16면`` and the footer ``Copyright ⓒ
서울신문 All rights reserved. 무단 전재-재배포, AI 학습 및 활용 금지``. No selector is known.
"""

import re

from spiders.cms.generic import LayeredSpider

ARTICLE_URL = re.compile(
    r"/news/(?:newsView\.php\?(?:[^#]*&)?id=|(?:[a-z]+/)?\d{4}/\d{2}/\d{2}/)(?P<id>(?:19|20)\d{12})(?!\d)")


class SeoulshinmunSpider(LayeredSpider):
    name = "seoulshinmun"
    outlet_name = "서울신문"
    outlet_region = "서울"  # its 자치구 desk names Seoul districts unprefixed; other cities' carry the city
    home_url = "https://go.seoul.co.kr/"
    domains = ("seoul.co.kr",)
    article_url_pattern = ARTICLE_URL
    article_path = "/news/newsView.php?id={id}"
    # Seen as img.seoul.co.kr/newsList/localnews/local_seoul?page=90 (the 서울 local list); the www host
    # for the same path is a guess.
    default_entry_points = ("https://www.seoul.co.kr/newsList/localnews/local_seoul",)
    # The print line "2018-10-25 16면" is a date too: only labelled 입력/수정 lines count.
    published_text = re.compile(r"입력\s*:?\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}")
    updated_text = re.compile(r"수정\s*:?\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}")
    #: The print-edition line under the byline ("2018-10-25 16면").
    chrome_lines = (re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}면$"),)
    #: Guessed: the list box, so the "Leaders Today" column beside it is not followed.
    list_css = "ul.newsList"
    #: The reporter's line ("김승훈 기자" in the header, "김주연 기자" closing the text; the generic
    #: extractor drops a closing line that short, so it is read from the visible text).
    reporter_line = re.compile(r"^[가-힣]{2,4}\s*기자(?:\s+[\w.+-]+@seoul\.co\.kr)?$")
