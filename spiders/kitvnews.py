"""한국미디어뉴스 (kitvnews.co.kr) on the article.html CMS (family B); one section per Seoul district."""

from spiders.cms.articlehtml import ArticleHtmlSpider


class KitvnewsSpider(ArticleHtmlSpider):
    name = "kitvnews"
    outlet_name = "한국미디어뉴스"
    outlet_region = "서울"  # district sections (강서·은평·성북 …); items say "서울 강서구"
    home_url = "https://www.kitvnews.co.kr/"
    domains = ("kitvnews.co.kr",)
    # Seen in the pages corpus (docs/outlets/kitvnews.md): sec_no=210 carries 강서구, 214 은평구,
    # 217 성북구 items. The numbers of the other districts' sections are not known.
    default_entry_points = (
        "https://www.kitvnews.co.kr/news/section_list_all.html?sec_no=210",
        "https://www.kitvnews.co.kr/news/section_list_all.html?sec_no=214",
        "https://www.kitvnews.co.kr/news/section_list_all.html?sec_no=217",
    )
