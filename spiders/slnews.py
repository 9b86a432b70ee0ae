"""서울자치신문 (slnews.co.kr), Seoul district news on ND Soft (family A)."""

from spiders.cms.ndsoft import NdSoftSpider


class SlnewsSpider(NdSoftSpider):
    name = "slnews"
    outlet_name = "서울자치신문"
    outlet_region = "서울"
    home_url = "https://www.slnews.co.kr/"
    domains = ("slnews.co.kr",)
    # Seen: a 관악구 story listed under sc_section_code=S1N1 (outlets.md §7).
    default_entry_points = ("https://www.slnews.co.kr/news/articleList.html?sc_section_code=S1N1&view_type=sm",)
