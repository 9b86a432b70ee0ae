"""뉴스21통신 (news21tongsin.co.kr, bare host) on the 기사 메일전송 CMS, classic URLs (family C)."""

from spiders.cms.mailsend import MailSendSpider


class News21tongsinSpider(MailSendSpider):
    name = "news21tongsin"
    outlet_name = "뉴스21통신"
    outlet_region = None  # national sister site of krnews21 (광진구 next to SHUUD.mn items)
    home_url = "http://news21tongsin.co.kr/"
    domains = ("news21tongsin.co.kr",)
    # Seen (outlets.md §4): the photo list of menu m48qmuj.
    default_entry_points = ("http://news21tongsin.co.kr/news/list.php?mcode=m48qmuj&vg=photo",)
