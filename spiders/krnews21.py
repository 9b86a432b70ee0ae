"""뉴스21 / 뉴스21일간 (krnews21.co.kr) on the 기사 메일전송 CMS, newer ``/article/{id}`` URLs (family C)."""

from spiders.cms.mailsend import MailSendSpider


class Krnews21Spider(MailSendSpider):
    name = "krnews21"
    outlet_name = "뉴스21"
    # National: its sidebars are 울산 중구 and 보령 news (seed 003), so an unprefixed 중구 is not Seoul's.
    outlet_region = None
    home_url = "https://www.krnews21.co.kr/"
    domains = ("krnews21.co.kr",)
    article_path = "/article/{id}"
    # Guessed: the family's list URL with the menu code of seed 003 (m75mass275).
    default_entry_points = ("https://www.krnews21.co.kr/news/list.php?mcode=m75mass275&vg=photo",)
