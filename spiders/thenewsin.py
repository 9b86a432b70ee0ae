"""더뉴스인 (thenewsin.co.kr) on the article.html CMS (family B); carries 강서구 and 강서구의회 releases."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class ThenewsinSpider(ArticleHtmlSpider):
    name = "thenewsin"
    outlet_name = "더뉴스인"
    outlet_region = "서울"  # items say "서울 강서구", "서울특별시 강서구의회"
    home_url = "https://www.thenewsin.co.kr/"
    domains = ("thenewsin.co.kr",)
    # Seen in the pages corpus (docs/outlets/thenewsin.md): sec_no=385 carries the 강서구 items.
    default_entry_points = ("https://www.thenewsin.co.kr/news/section_list_all.html?sec_no=385",)
