"""서대문신문 (sdmsinmun.com; the name is a guess from the domain) on the article.html CMS (family B)."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class SdmsinmunSpider(ArticleHtmlSpider):
    name = "sdmsinmun"
    outlet_name = "서대문신문"
    outlet_region = "서울"  # a 서대문구 local paper
    home_url = "http://www.sdmsinmun.com/"
    domains = ("sdmsinmun.com",)
    # Guessed: the family's all-articles list (outlets.md §7); no section number is known.
    default_entry_points = ("http://www.sdmsinmun.com/news/article_list_all.html",)
