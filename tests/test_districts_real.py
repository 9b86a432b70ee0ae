"""District tagging on real news text: the hand-labelled corpus, its figures, and one test per rule.

The corpus (tests/districts_eval/real/corpus.jsonl, guide in GUIDE.md) was labelled by reading the
texts before the tagger was run on them.  Splits: ``dev`` (tuned on), ``test-v1`` (the first held-out
split, scored three times and its failures seen, so now tuned on too) and ``test-v2`` (103 further
excerpts, labels committed before the tagger ever ran on them, scored once held out at the end of the
second round: precision 0.937, recall 0.730; its failures were read in the third round, so it is tuned on
too) and ``test-v3`` (140 excerpts labelled blind, scored once held out after round 3: 0.976 / 0.910; its
failures were read in round 4, so it is tuned on too).  The issue's gate (primary precision >= 0.98, recall
>= 0.95) applies to a held-out split: test-v4 (blind, scored once after round 4: 0.967 / 0.901) and test-v5
(160 excerpts labelled blind, scored once with tagger 5: 0.962 / 0.865) miss it.  The
floors below sit just under what is measured on the seen splits (round 4: dev 1.000 / 0.991, test-v1
0.987 / 1.000, test-v2 1.000 / 1.000, test-v3 0.992 / 0.992): CI catches
regressions.  Raise them when the tagger improves; never lower them to make a change pass.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import datetime

import pytest

from crawler.commands import eval_districts
from crawler.districts import analyze, district_by_code
from crawler.districts.evaluate_real import HELD_OUT, SPLITS, evaluate_real, load_real
from crawler.districts.furniture import strip_furniture
from crawler.korean import KST

#: Primary (precision, recall) floors per split, each just under what the tagger measures there (blind splits not tuned
#: on: under their blind figure). Raise them when the tagger improves; never lower them to make a change pass.
FLOORS = {
    "dev": (0.99, 0.98),      # measured 1.000 / 0.991
    "test-v1": (0.98, 0.99),  # measured 0.987 / 1.000 (seen: tuned on)
    "test-v2": (0.99, 0.99),  # measured 1.000 / 1.000 (seen since round 3: tuned on)
    "test-v3": (0.99, 0.99),  # scored once held out after round 3 (0.976 / 0.910); tuned on since: 0.992 / 0.992
    "test-v4": (0.97, 0.97),  # scored once held out after round 4 (0.967 / 0.901); tuned on since: 0.977 / 0.977
    "test-v5": (0.98, 0.97),  # scored once held out with tagger 5 (0.962 / 0.865); tuned on since: 0.993 / 0.973
    # test-v6: held out, scored once with tagger 10 (0.927 / 0.876; the gate 0.98 / 0.95 is not met); tuned on since
    # round 10: 0.934 / 0.972; tagger 13: 0.959 / 0.972.
    "test-v6": (0.95, 0.97),
    # test-v7: held out, scored once with tagger 12 (0.958 / 0.901; the learned layer 0.960 / 0.947; the gate is not
    # met); tuned on in round 12 (tagger 13): 0.974 / 0.967.
    "test-v7": (0.97, 0.96),
    # test-v8: held out, scored once with tagger 14 (0.983 / 0.843; the learned layer 0.891 / 0.933; the gate is not
    # met on recall); tuned on in round 13: tagger 17 0.986 / 0.976.
    "test-v8": (0.99, 0.97),  # tagger 22: 0.995 / 0.976
    # test-v9: held out, scored once with tagger 15 after round 13 (0.946 / 0.813; the learned layer 0.873 / 0.913);
    # tuned on in round 14: tagger 17 0.950 / 0.893.
    "test-v9": (0.96, 0.93),  # rounds 16-17 (tagger 19): 0.965 / 0.927; round 22 (tagger 24): 0.966 / 0.940
    # test-v10: held out, scored once with tagger 16 after round 14 (0.915 / 0.626, two 서울 election roundups carrying
    # 37 of its 71 missed primaries; the learned layer 0.921 / 0.916); tuned on in round 15: tagger 17 0.932 / 0.789;
    # round 16 (tagger 18): 0.936 / 0.847.
    "test-v10": (0.94, 0.85),  # round 20 (tagger 22): 0.942 / 0.858
    # test-v11: double-labelled (second labelling agreed 0.988 / 1.000; three disputes adjudicated), scored once with
    # tagger 18 (0.917 / 0.933: recall the highest of any blind split, precision short; the learned layer 0.852 /
    # 0.976); tuned on in round 17 (tagger 19): 0.975 / 0.939.
    "test-v11": (0.98, 0.94),  # round 18 (tagger 20): 0.987 / 0.945
    # test-v12: double-labelled (agreement 0.972 / 0.994; four disputes adjudicated), scored once with tagger 19
    # (0.941 / 0.828: a 서울 results roundup and a 부산 festival roundup carry 19 of the 30 misses; the learned layer
    # 0.925 / 0.920); tuned on in round 18 (tagger 20): 0.964 / 0.937.
    "test-v12": (0.97, 0.97),  # round 20 (tagger 22): 0.977 / 0.971
    # test-v13: double-labelled (agreement 0.966 / 1.000; three disputes adjudicated), scored once with tagger 20
    # (0.910 / 0.873; errors spread over 26 articles; the learned layer 0.858 / 0.908).
    "test-v13": (0.93, 0.90),  # round 20 (tagger 22): 0.934 / 0.902
    # test-v14: double-labelled (agreement 1.000 / 0.976; one dispute adjudicated), scored once with tagger 21
    # (0.969 / 0.919, the best blind figures so far; one 1991 roundup of 부산 councils carries 5 of the 11 misses;
    # the learned layer 0.908 / 0.948).
    "test-v14": (0.98, 0.93),  # tuned on in round 20 (tagger 22): 0.984 / 0.933
    # test-v15: double-labelled (agreement 0.993 / 1.000; one dispute adjudicated), scored once with tagger 22
    # (0.960 / 0.844, 134 of 150 articles right; five roundups and joint acts carry 15 of the 22 misses; the learned
    # layer 0.925 / 0.879).
    "test-v15": (0.96, 0.90),  # tuned on in round 21 (tagger 23): 0.962 / 0.908
    # test-v16: double-labelled (agreement 0.985 / 0.992; three disputes adjudicated), scored once with tagger 23
    # (0.893 / 0.844, 135 of 150 articles right; a 서울 count roundup in short forms carries 10 of the 20 misses and a
    # 대구 heads' association meeting 7 of the 13 false primaries; the learned layer 0.833 / 0.859).
    "test-v16": (0.94, 0.85),  # tuned on in round 22 (tagger 24): 0.948 / 0.859
    # test-v17: double-labelled (agreement 0.993 / 0.986; three disputes adjudicated), scored once with tagger 24
    # (0.921 / 0.915, 133 of 150 articles right; a city-wide housing list carries 6 of the 11 false primaries; the
    # learned layer 0.862 / 0.929). Not tuned on.
    "test-v17": (0.92, 0.91),
    # Tuning batches, each scored once blind with the tagger of its day, then tuned on; blind -> tagger 13/14:
    "dev2": (0.95, 0.93),     # tagger 6: 0.887 / 0.538 -> 0.954 / 0.939
    "dev3": (0.95, 0.98),     # tagger 7: 0.942 / 0.951 -> 0.953 / 0.981
    "dev4": (0.97, 0.93),     # tagger 8: 0.899 / 0.757 -> 0.978 / 0.937
    "dev5": (0.93, 0.95),     # tagger 9: 0.932 / 0.901 -> 0.936 / 0.967
    "dev6": (0.99, 0.95),     # tagger 9: 0.965 / 0.917 -> 0.991 / 0.959
    "dev7": (0.95, 0.95),     # tagger 11: 0.889 / 0.851 -> 0.957 / 0.950
    "dev8": (0.95, 0.95),     # tagger 11: 0.954 / 0.860 -> 0.958 / 0.950
    "dev9": (0.95, 0.95),     # tagger 13: 0.938 / 0.739 -> 0.951 / 0.951
    "dev10": (0.88, 0.92),    # tagger 13: 0.837 / 0.756 -> 0.882 / 0.897 (a batch chosen role-hard); tagger 22: 0.887 / 0.921
}
CITIES = {"서울", "부산", "대구", "인천", "광주", "대전", "울산"}


def roles(title: str, body: str, region: str | None = None, day=(2025, 5, 1)) -> dict[str, str]:
    analysis = analyze(title=title, subtitle=None, body=body, published_at=datetime(*day, 9, tzinfo=KST),
                       outlet_region=region)
    return {tag.code: tag.role for tag in analysis.districts}


# --- the corpus --------------------------------------------------------------------------------------------


def test_corpus_is_big_real_and_labelled():
    articles = load_real()
    assert len(articles) >= 200
    assert len({a["id"] for a in articles}) == len(articles)
    for article in articles:
        assert re.match(r"https?://", article["url"]), article["id"]
        assert 40 <= len(article["body"]) <= 1600, article["id"]
        assert article["split"] in SPLITS
        assert article["classes"], article["id"]
        assert not set(article["primary"]) & set(article["mentioned"]), article["id"]
        for code in article["primary"] + article["mentioned"]:
            district_by_code(code)  # KeyError for a code outside the gazetteer
    assert sum(not a["primary"] for a in articles) >= 40  # articles that should get no primary district


def test_split_covers_every_city_and_the_hard_classes():
    for split in ("dev", "test-v1", "test-v2"):
        articles = load_real(split=split)
        cities = {district_by_code(c).city_short for a in articles for c in a["primary"]}
        assert cities == CITIES, split
        classes = Counter(name for a in articles for name in a["classes"])
        for name in ("bare-first", "dateline", "ordinary-gu", "co-subject", "multi-district", "association",
                     "org-name", "furniture", "no-district"):
            assert classes[name] >= 1, (split, name)
    assert len(load_real(split="test-v2")) >= 100
    assert len(load_real(split="test-v3")) >= 120  # labelled blind; scored once held out, seen since round 4
    assert len(load_real(split="test-v4")) >= 140  # labelled blind, committed before any tagger ran on it
    assert len(load_real(split="test-v5")) >= 160  # likewise, from 105 outlets


@pytest.mark.parametrize(("split", "floor"), list(FLOORS.items()))
def test_primary_figures_do_not_regress(split, floor):
    report = evaluate_real(load_real(split=split))
    print("\n" + report.summary())
    min_precision, min_recall = floor
    assert report.primary.precision >= min_precision
    assert report.primary.recall >= min_recall


def test_cli_scores_the_real_corpus(capsys):
    parser = argparse.ArgumentParser(prog="gupress")
    eval_districts.register(parser.add_subparsers())
    args = parser.parse_args(["eval-districts", "--real", "--split", "test-v1", "--min-precision", "0.9"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "by city" in out and "인천" in out and "ordinary-gu" in out
    strict = parser.parse_args(["eval-districts", "--real", "--split", "dev", "--min-recall", "1.01"])
    assert strict.func(strict) == 1


# --- one test per rule (texts abridged from corpus articles) ------------------------------------------------


def test_ordinary_city_gu_is_never_a_metropolitan_district():
    # a 대구 outlet on 포항's 일반구 (imaeil): never 대구 북구
    body = '박제상(58) 신임 포항 북구청장은 "북구에는 포항의 관문인 KTX역과 영일만항 등 현안들이 많은 곳"이라고 말했다.'
    assert roles("", body, region="대구") == {}
    # the city prefix carries over a list: '포항시 남·북구청장'
    assert roles("신임 포항 남·북구청장 첫 행보", "지난 1일 새로 취임한 포항시 남·북구청장의 첫 행보는 해수욕장 점검이었다.",
                 region="대구") == {}
    # a bare 북구청장 in an article set in 포항
    assert roles("", "황병한 포항시 평생학습원장이 지난 1일 북구청장으로 취임했다.", region="울산") == {}
    # ... while a metropolitan prefix still wins
    assert roles("", "울산 북구는 포항시와 해양 관광 협약을 맺었다고 밝혔다.") == {"31200": "primary"}


def test_bare_first_mention_follows_the_later_explicit_city():
    body = ("김형찬 강서구청장(우측)이 ‘빗물받이 위치 알림 스티커’를 부착하고 있다.(사진=강서구 제공) "
            "부산 강서구가 여름철 집중호우로 인한 침수 피해를 예방하고자 사업을 추진한다고 밝혔다.")
    assert roles("케이팝 스쿨 재검토, 강서구청장 반발", body) == {"26440": "primary"}


def test_a_partner_or_a_trailing_headline_does_not_redefine_a_bare_name():
    partner = "강서구(구청장 진교훈)가 자매도시인 부산 강서구에서 청소년 교류를 진행했다."
    assert roles("강서구, 부산 강서구 교류", partner, region="서울") == {"11500": "primary", "26440": "mentioned"}
    tail = "강서구(구청장 진교훈)는 숲 체험을 운영한다.\n\n부산 강서구, 명지 스마트 정류장 확대"
    assert roles("강서구, 숲 체험", tail, region="서울") == {"11500": "primary", "26440": "mentioned"}


def test_weather_widget_and_related_lists_never_count():
    widget = "흐림동두천 2.7℃ 흐림서울 3.7℃ 흐림대전 7.0℃ 구름많음대구 10.6℃ 구름많음울산 9.8℃ 맑음부산 10.5℃\n기상청 제공"
    body = (widget + "\n\n허인환 동구청장 당선자\n\n“동구 주민들의 성원으로 4년 동구 구정을 이끌게 되었습니다.”\n\n"
            "인천 동구청장에 당선된 허인환 당선인은 14일 현안을 해결하겠다고 다짐했다.\n\n"
            "댓글 많은 뉴스\n대구 동구청, 청사 이전 확정\n울산 동구의회 개원")
    assert roles("“새로운 동구 도약 4년 이끌겠다”", body, day=(2018, 6, 14)) == {"28140": "primary"}
    stripped = strip_furniture(body)
    assert len(stripped) == len(body) and "℃" not in stripped and "울산 동구의회" not in stripped


def test_association_business_makes_no_district_primary_unless_a_district_announces_it():
    elected = ("민선 8기 전반기 대한민국시장ㆍ군수ㆍ구청장협의회 대표회장에 조재구 대구 남구청장이 28일 선출됐다. "
               "상임부회장은 서동욱 울산 남구청장이 맡았다.")
    assert roles("조재구 대구 남구청장, 시장군수구청장협의회 신임대표회장으로 선출", elected) == {
        "27200": "mentioned", "31140": "mentioned"}
    announced = ("대전 구청장협의회장에 서철모 서구청장이 재선임됐다.\n\n"
                 "서구는 대전 5개 구청장들이 지난 23일 중구청에서 구청장협의회를 열고 서 청장을 협의회장으로 추대했다고 24일 밝혔다.")
    assert roles("", announced) == {"30170": "primary", "30140": "mentioned"}


def test_co_subject_lists_and_district_partitioned_text_make_every_district_primary():
    body = ("[울산시민신문] 울산 5개 구·군 기초단체장들이 1일 일제히 취임식을 갖고 민선 8기 출범식을 알렸다.\n\n"
            "김영길 중구청장은 구청 컨벤션에서, 서동욱 남구청장은 구청 대강당에서, 김종훈 동구청장은 구청 광장에서, "
            "박천동 북구청장은 북구문화예술회관에서 각각 취임식을 가졌다.")
    assert roles("울산 5개 구·군 단체장도 민선 8기 출범식", body) == {
        "31110": "primary", "31140": "primary", "31170": "primary", "31200": "primary"}
    agenda = ("▲고남석 연수구청장은 17일 노인대학 관계자들을 격려.\n\n▲전년성 서구청장은 17일 위생교육에 참석.\n\n"
              "▲박형우 계양구청장은 17일 확대간부회의를 주재.")
    assert roles("", agenda, region="인천") == {"28185": "primary", "28260": "primary", "28245": "primary"}
    photo_line = "왼쪽부터 김정헌 중구청장, 김찬진 동구청장, 이영훈 미추홀구청장, 차준택 부평구청장. 군·구 제공"
    assert set(roles("인천지역 구청장 취임", photo_line, region="인천").values()) == {"primary"}


def test_agreement_partners_are_primary():
    body = ("부산 남구(구청장 오은택)가 지난 18일 남구청에서 서울 마포구(구청장 박강수)와 상호 우호·협력 증진을 위한 "
            "자매결연 협약을 체결했다.")
    assert roles("", body) == {"26290": "primary", "11440": "primary"}


def test_organisations_named_after_a_district_are_mentions_not_actors():
    body = "바르게살기운동 강서구협의회(회장 김진보)는 9월 11일 명지노인종합복지관에서 송편 나눔 행사를 진행했다."
    assert roles("", body, region="부산") == {"26440": "mentioned"}
    body = "대구 북구 대현장학회(회장 김동하)는 1월 16일 대현동 행정복지센터에서 장학금 전달식을 개최했다."
    assert roles("", body) == {"27230": "mentioned"}


def test_a_councillors_seat_is_a_mention_and_a_city_subject_blocks_the_fallback():
    seat = "부산광역시의회 이종환 의원(강서구, 국민의힘)이 한부모가족 지원 강화를 부산시에 촉구하고 나섰다."
    assert roles("", seat, region="부산") == {"26440": "mentioned"}
    place = "서울시가 동대문구 용두역 일대를 주거·문화·상업이 결합된 복합거점으로 조성하는 개발계획을 본격화했다."
    assert roles("", place, region="서울") == {"11230": "mentioned"}


def test_a_race_for_the_head_makes_the_district_primary():
    body = "10일 대전시의회에서 남진근 전 대전시의원이 동구청장 출마를, 주정봉 부위원장이 서구청장 출마를 공식 선언했다."
    assert roles("", body, region="대전") == {"30110": "primary", "30170": "primary"}


def test_cli_never_scores_a_held_out_split_unless_it_is_named(tmp_path, capsys):
    row = load_real(split="dev")[0]
    corpus = tmp_path / "corpus.jsonl"
    held = dict(row, id="held-copy", split=HELD_OUT[0])
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (row, held)) + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser(prog="gupress")
    eval_districts.register(parser.add_subparsers())
    everything = parser.parse_args(["eval-districts", "--real", str(corpus)])
    everything.func(everything)
    assert "articles: 1\n" in capsys.readouterr().out
    named = parser.parse_args(["eval-districts", "--real", str(corpus), "--split", HELD_OUT[0]])
    named.func(named)
    assert "articles: 1\n" in capsys.readouterr().out
