"""시정일보 (sijung.co.kr), a Seoul city-hall and district-office paper on ND Soft (family A)."""

from spiders.cms.ndsoft import NdSoftSpider


class SijungSpider(NdSoftSpider):
    name = "sijung"
    outlet_name = "시정일보"
    outlet_region = "서울"  # covers Seoul city hall and the 25 district offices
    home_url = "https://www.sijung.co.kr/"
    domains = ("sijung.co.kr",)
    # Guessed: the family's all-articles list and feed (outlets.md §6); which S1N code is
    # the district desk is not known, so the walk starts from every article.
    default_entry_points = (
        "https://www.sijung.co.kr/news/articleList.html?view_type=sm",
        "https://www.sijung.co.kr/rss/allArticle.xml",
    )
