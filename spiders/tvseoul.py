"""TV서울 (tvseoul.kr, not tvseoul.co.kr) on the article.html CMS (family B)."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class TvseoulSpider(ArticleHtmlSpider):
    name = "tvseoul"
    outlet_name = "TV서울"
    outlet_region = "서울"
    home_url = "http://www.tvseoul.kr/"
    domains = ("tvseoul.kr",)
    # sec_no=67 is "지방자치", the district-news section (outlets.md §3, certain); the
    # section_list_all form is the family's paginated variant of section.html.
    default_entry_points = ("http://www.tvseoul.kr/news/section_list_all.html?sec_no=67",)
