"""The dong gazetteer (crawler/districts/dongs.csv): districts implied by place.

Expected codes come from reading the official 법정동코드 table the CSV is derived from (its header names
the source): 흑석동 lies in 동작구 (11590) but also in 광주 광산구 and 대전 서구; 명동(1가, 2가) in 서울 중구
(11140) and in 창원; 구포동 in 부산 북구 (26320); 암사동 in 강동구 (11740); 인천 남구's dongs (28170) are
abolished and live on under 미추홀구 (28177) from 2018-07-01.
"""

from __future__ import annotations

from datetime import datetime

from crawler.districts import analyze, district_by_code, load_districts
from crawler.districts.dongs import DONGS_PATH, load_dongs
from crawler.korean import KST


def tags(body: str, region: str | None = None, day=(2025, 5, 1), title: str = "") -> dict[str, str]:
    analysis = analyze(title=title, subtitle=None, body=body, published_at=datetime(*day, 9, tzinfo=KST),
                       outlet_region=region)
    return {tag.code: tag.role for tag in analysis.districts}


def test_table_names_its_source_and_only_holds_autonomous_districts():
    header = "".join(line for line in DONGS_PATH.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    assert "법정동코드" in header and "brainer3220/Korean-legal-administration-code" in header and "2020-10-04" in header
    rows = [row for rows in load_dongs().values() for row in rows]
    assert len(rows) > 1500
    assert {row.status for row in rows} == {"current", "abolished"}
    for row in rows:
        district_by_code(row.code)   # KeyError for a code that is not a 자치구 in gazetteer.csv
    covered = {row.code for row in rows if row.status == "current"}
    in_2020 = {d.code for d in load_districts() if d.valid_until is None or d.valid_until.year >= 2020}
    in_2020 -= {"28125", "28155", "28275", "28290"}   # Incheon's 2026 districts postdate the table
    assert in_2020 <= covered


def test_known_dongs_map_to_their_districts():
    table = load_dongs()
    assert {r.code for r in table["흑석동"] if r.status == "current"} == {"11590", "29200", "30170"}
    assert {r.code for r in table["명동"] if r.status == "current"} == {"11140"} and table["명동"][0].outside >= 1
    assert {r.code for r in table["구포동"] if r.status == "current"} == {"26320"}
    assert {r.status for r in table["용현동"] if r.code == "28170"} == {"abolished"}


def test_a_dong_implies_its_district_as_mentioned_never_primary():
    assert tags("서울 명동에 관광안내센터가 문을 열었다.") == {"11140": "mentioned"}
    assert tags("흑석동 재개발 조합이 총회를 열었다.", region="서울") == {"11590": "mentioned"}
    assert tags("주민들이 암사1동 자치회관에 모였다.") == {"11740": "mentioned"}


def test_ambiguous_dongs_resolve_only_when_the_article_settles_them():
    assert tags("흑석동 재개발 조합이 총회를 열었다.") == {}                 # 동작구, 광산구 or 대전 서구
    assert tags("명동에 관광안내센터가 문을 열었다.") == {}                  # 서울 중구 or 창원
    assert tags("동작구는 흑석동 60번지에서 공사를 시작했다고 밝혔다.") == {"11590": "primary"}
    assert tags("광산구는 흑석동 일원에 공원을 만든다고 밝혔다.")["29200"] == "primary"


def test_common_words_and_district_short_forms_are_not_dongs():
    assert tags("서울 시장의 변동 폭이 컸고 중동 정세도 불안했다.") == {}
    assert tags("4년 연속 1위… 빛나는 성동 민원서비스. 대구 수성구청장도 참석했다.") == {"27260": "primary"}


def test_a_dong_places_a_bare_same_name_district():
    body = "북구 구포3동 행정복지센터는 지난 21일 새마을부녀회가 성금 200만원을 기탁했다고 밝혔다."
    assert set(tags(body)) == {"26320"}   # 부산 북구: only 구포동 says which 북구


def test_abolished_rows_apply_while_their_district_existed():
    assert tags("주민들이 인천 용현1동 행정복지센터에 모였다.", day=(2017, 3, 1)) == {"28170": "mentioned"}
    assert tags("주민들이 인천 용현1동 행정복지센터에 모였다.", day=(2020, 3, 1)) == {"28177": "mentioned"}
