"""구로타임즈 (kurotimes.com), the 구로구 weekly, on ND Soft (family A)."""

from spiders.cms.ndsoft import NdSoftSpider


class KurotimesSpider(NdSoftSpider):
    name = "kurotimes"
    outlet_name = "구로타임즈"
    outlet_region = "서울"  # a 구로구 paper
    home_url = "https://www.kurotimes.com/"
    domains = ("kurotimes.com",)
    # Guessed: the family's all-articles list and feed (outlets.md §6); no section code of this
    # site is known.
    default_entry_points = (
        "https://www.kurotimes.com/news/articleList.html?view_type=sm",
        "https://www.kurotimes.com/rss/allArticle.xml",
    )
