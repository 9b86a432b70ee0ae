"""전국연합뉴스 (jkyhnews.com) on the article.html CMS (family B); carries 동작구 releases."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class JkyhnewsSpider(ArticleHtmlSpider):
    name = "jkyhnews"
    outlet_name = "전국연합뉴스"
    outlet_region = None  # a national outlet; its Seoul district items are unprefixed ("동작구는 …")
    home_url = "http://www.jkyhnews.com/"
    domains = ("jkyhnews.com",)
    # Seen in the pages corpus (docs/outlets/jkyhnews.md): sec_no=57 carries the 동작구 items.
    default_entry_points = ("http://www.jkyhnews.com/news/section_list_all.html?sec_no=57",)
