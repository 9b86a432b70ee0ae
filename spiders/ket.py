"""ket.kr (masthead name unknown, outlets.md §5) on the 기사 메일전송 CMS, classic URLs (family C)."""

from spiders.cms.mailsend import MailSendSpider


class KetSpider(MailSendSpider):
    name = "ket"
    outlet_name = "ket.kr"  # the outlet's own name was not recoverable (outlets.md §11)
    outlet_region = "서울"  # guess: its only known story is Seoul 강서구's release (seed 004)
    home_url = "http://www.ket.kr/"
    domains = ("ket.kr",)
    # Guessed: the family's photo list without a menu code (outlets.md §7).
    default_entry_points = ("http://www.ket.kr/news/list.php?vg=photo",)
