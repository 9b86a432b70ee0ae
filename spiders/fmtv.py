"""FMTV표준방송 (fmtv.co.kr) on the 기사 메일전송 CMS, classic URLs (family C)."""

from spiders.cms.mailsend import MailSendSpider


class FmtvSpider(MailSendSpider):
    name = "fmtv"
    outlet_name = "FMTV표준방송"
    outlet_region = None  # a national broadcaster; its one known district story is 동작구's
    home_url = "http://www.fmtv.co.kr/"
    domains = ("fmtv.co.kr",)
    # Seen (outlets.md §7): the gallery list of menu m84ns0m.
    default_entry_points = ("http://www.fmtv.co.kr/news/list.php?mcode=m84ns0m&vg=gallery",)
