"""한국기자연대 (csojournalist.com) on the article.html CMS (family B); carries 구로구 and 용산구의회 releases."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class CsojournalistSpider(ArticleHtmlSpider):
    name = "csojournalist"
    outlet_name = "한국기자연대"
    outlet_region = "서울"  # district items are unprefixed ("구로구가 …", "용산구의회는 …")
    home_url = "https://www.csojournalist.com/"
    domains = ("csojournalist.com",)
    # Seen in the pages corpus (docs/outlets/csojournalist.md): sec_no=65 carries the district items.
    default_entry_points = ("https://www.csojournalist.com/news/section_list_all.html?sec_no=65",)
