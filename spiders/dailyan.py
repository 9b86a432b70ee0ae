"""데일리연합 (dailyan.com) on the article.html CMS (family B); carries Seoul district heads' releases."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class DailyanSpider(ArticleHtmlSpider):
    name = "dailyan"
    outlet_name = "데일리연합"
    outlet_region = None  # a national outlet (its sec_no=38 is 경북); Seoul items say "서울 은평구청장"
    home_url = "http://www.dailyan.com/"
    domains = ("dailyan.com",)
    # Guessed: the family's all-articles list (outlets.md §7); no Seoul section number is known.
    default_entry_points = ("http://www.dailyan.com/news/article_list_all.html",)
