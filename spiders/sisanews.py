"""시사경제신문 (sisanews.kr) on ND Soft (family A); carries 양천구 and other district releases."""

from spiders.cms.ndsoft import NdSoftSpider


class SisanewsSpider(NdSoftSpider):
    name = "sisanews"
    outlet_name = "시사경제신문"
    outlet_region = "서울"  # Seoul-based; district items name Seoul districts unprefixed (양천구)
    home_url = "https://www.sisanews.kr/"
    domains = ("sisanews.kr",)
    # Guessed: the family's per-section feed (outlets.md §6: /rss/S1N{n}.xml); S1N1 is not confirmed.
    default_entry_points = ("https://www.sisanews.kr/rss/S1N1.xml",)
