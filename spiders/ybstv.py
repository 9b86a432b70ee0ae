"""영등포신문 (ybstv.net) on the article.html CMS (family B)."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class YbstvSpider(ArticleHtmlSpider):
    name = "ybstv"
    outlet_name = "영등포신문"
    outlet_region = "서울"  # a 영등포구 local paper
    home_url = "http://www.ybstv.net/"
    domains = ("ybstv.net",)
    # sec_no=3 seen in outlets.md §7 (its subject is not recorded).
    default_entry_points = ("http://www.ybstv.net/news/section_list_all.html?sec_no=3",)
