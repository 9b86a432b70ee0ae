"""The learned decision layer over the rules' candidate districts (crawler/districts/features.py, learned.py, train.py).

Feature tests read what the text says (a subject particle after the name, a head named in parentheses, an
organisation named after the district, a councillor's seat, a dateline) on short strings abridged from real
news; training tests check that the shipped weights are reproduced exactly by a refit and that held-out folds
never reach training.  The layer is not adopted by the tagger (its leave-one-split-out figures do not beat the
rules' blind figures on test-v3): nothing here changes ``analyze``.
"""

from __future__ import annotations

import argparse
from datetime import datetime

import numpy as np
import pytest

from crawler.commands import eval_districts, train_districts
from crawler.districts import analyze
from crawler.districts import train
from crawler.districts.features import FEATURE_NAMES, candidate_features
from crawler.districts.learned import WEIGHTS_PATH, Model, build_rows, fit, load_model
from crawler.districts.tagger import analyse_article, gather_evidence
from crawler.korean import KST

SEOUL_GANGSEO, BUSAN_GANGSEO, BUSAN_NAMGU = "11500", "26440", "26290"


def features(title: str, body: str, region: str | None = None, day=(2025, 5, 1)) -> dict[str, dict[str, float]]:
    evidence = gather_evidence(title=title, subtitle=None, body=body, published_at=datetime(*day, 9, tzinfo=KST),
                               outlet_region=region)
    return {c.code: c.features for c in candidate_features(evidence)}


def test_a_district_with_its_head_in_parentheses_as_the_leads_subject():
    found = features("강서구, 숲 체험 운영", "강서구(구청장 진교훈)는 어린이 숲 체험을 운영한다고 밝혔다.", region="서울")
    assert set(found) == {SEOUL_GANGSEO}
    one = found[SEOUL_GANGSEO]
    assert one["in_title"] == one["in_lead"] == one["first_named"] == one["only_candidate"] == 1.0
    assert one["subject"] == one["subject_opens_clause"] == one["head_named_in_parens"] == 1.0
    assert one["first_body_position"] == 0.0 and one["log_count"] == pytest.approx(np.log1p(2))
    assert one["organisation"] == one["constituency"] == one["head"] == 0.0
    assert one["rule_primary"] == one["rule_title_subject"] == one["rule_lead_subject"] == 1.0
    assert len(one) == len(FEATURE_NAMES)


def test_an_organisation_named_after_the_district_and_a_councillors_seat():
    association = features("", "바르게살기운동 강서구협의회(회장 김진보)는 9월 11일 명지노인종합복지관에서 "
                               "송편 나눔 행사를 진행했다.", region="부산")[BUSAN_GANGSEO]
    assert association["organisation"] == 1.0 and association["district_kind_share"] == 0.0
    assert association["subject"] == 0.0 and association["rule_primary"] == 0.0  # the association acts
    seat = features("", "부산광역시의회 이종환 의원(강서구, 국민의힘)이 한부모가족 지원 강화를 부산시에 촉구하고 나섰다.",
                    region="부산")[BUSAN_GANGSEO]
    assert seat["constituency"] == 1.0 and seat["subject"] == 0.0 and seat["rule_primary"] == 0.0


def test_heads_listed_as_co_subjects():
    body = ("울산 5개 구·군 기초단체장들이 1일 일제히 취임식을 가졌다.\n\n"
            "김영길 중구청장은 구청 컨벤션에서, 서동욱 남구청장은 구청 대강당에서 각각 취임식을 가졌다.")
    found = features("", body, region="울산")
    assert set(found) == {"31110", "31140"}
    for code in found:
        assert found[code]["head"] == found[code]["person_before_head"] == found[code]["subject"] == 1.0
        assert found[code]["log_candidates"] == pytest.approx(np.log1p(2)) and found[code]["only_candidate"] == 0.0
    assert found["31110"]["first_named"] == 1.0 and found["31140"]["first_named"] == 0.0


def test_association_business_dateline_and_city_as_subject_are_article_level_features():
    elected = features("", "민선 8기 전반기 대한민국시장ㆍ군수ㆍ구청장협의회 대표회장에 조재구 대구 남구청장이 "
                           "28일 선출됐다.")
    assert elected["27200"]["association_business"] == 1.0 and elected["27200"]["explicit_city"] == 1.0
    dateline = features("", "[부산=뉴스핌] 김성욱 기자 = 부산 남구가 여름철 물놀이 안전 대책을 추진한다고 밝혔다.")
    assert dateline[BUSAN_NAMGU]["dateline_city"] == 1.0 and dateline[BUSAN_NAMGU]["association_business"] == 0.0
    city = features("", "서울시가 동대문구 용두역 일대를 복합거점으로 조성하는 개발계획을 본격화했다.", region="서울")
    assert city["11230"]["city_acts"] == 1.0 and city["11230"]["outlet_home_city"] == 1.0
    assert city["11230"]["subject"] == 0.0 and city["11230"]["rule_primary"] == 0.0


def test_a_dong_office_acting_for_its_district():
    found = features("", "범물1동행정복지센터(동장 이윤경)는 지난 10일 관내 어르신들에게 반찬을 전달했다.", region="대구")
    assert set(found) == {"27260"}  # 범물동 lies in 대구 수성구
    assert found["27260"]["place_only"] == found["27260"]["dong_office"] == 1.0


def test_the_decide_hook_changes_roles_only_and_keeps_the_output_shape():
    body = "부산 남구(구청장 오은택)가 지난 18일 서울 마포구(구청장 박강수)와 자매결연 협약을 체결했다."
    fields = dict(title="", subtitle=None, body=body, published_at=datetime(2025, 5, 1, 9, tzinfo=KST),
                  outlet_region=None)
    rules = analyze(**fields)
    nobody = analyse_article(**fields, decide=lambda evidence: set())
    assert [(t.code, t.mention_count) for t in sorted(nobody.districts, key=lambda t: t.code)] == \
        [(t.code, t.mention_count) for t in sorted(rules.districts, key=lambda t: t.code)]
    assert {t.role for t in nobody.districts} == {"mentioned"} and nobody.segments == rules.segments
    learned = analyse_article(**fields, decide=load_model().decide)
    assert {t.code for t in learned.districts} == {t.code for t in rules.districts}


def test_training_is_deterministic_and_reproduces_the_shipped_weights():
    first = train.dump(train.trained_weights())
    assert first == train.dump(train.trained_weights())
    assert first == WEIGHTS_PATH.read_text(encoding="utf-8")
    model = load_model()
    assert 0.05 <= model.threshold <= 0.95 and model.l2 in train.L2_GRID
    for name in set(train.RULE_FEATURES) - {"rule_primary"}:  # today's rules' in-sample votes: blanked, weight 0
        assert model.weights[FEATURE_NAMES.index(name)] == 0.0
    assert model.weights[FEATURE_NAMES.index("rule_primary")] > 0  # the blind rules' decision counts for primary


def test_stacking_keeps_only_splits_with_a_blind_tagger_and_uses_its_decision():
    articles = train.load_real(split="dev")[:30] + train.load_real(split="test-v2")[:30]
    rows = build_rows(articles)
    blind = {a["id"]: set() for a in articles if a["split"] == "test-v2"}  # a blind tagger that tags nothing
    stacked = train.with_blind_rule_decisions(rows, blind)
    assert set(stacked.splits) <= {"test-v2"} and set(stacked.article_ids) <= set(blind)
    assert not stacked.rule_primary.any()
    assert not stacked.features[:, FEATURE_NAMES.index("rule_lead_subject")].any()


def test_held_out_folds_never_reach_training(monkeypatch):
    articles = train.load_real()
    rows = build_rows(articles)
    seen = []
    real_select = train.select_and_fit

    def spy(train_rows):
        seen.append(set(train_rows.article_ids))
        return real_select(train_rows)

    monkeypatch.setattr(train, "select_and_fit", spy)
    folds = train.split_folds(articles)
    present = [split for split in train.SPLITS if any(a["split"] == split for a in articles)]
    assert [name for name, held in folds.items() if held] == present
    assert not set(train.HELD_OUT) & set(train.SPLITS)  # a held-out split is never a training fold
    # Fitting every fold is the leave-one-split-out run itself (`gupress train-districts --loso`, minutes per
    # split); three folds (the first, a middle and the newest seen split) check that none leaks into training.
    sample = {name: folds[name] for name in (present[0], present[len(present) // 2], present[-1])}
    table = train.held_out_table(rows, sample)
    assert [row["fold"] for row in table] == list(sample)
    for trained_on, (name, held) in zip(seen, sample.items()):
        assert trained_on and not trained_on & held, name
    outlets = train.outlet_folds(articles)
    assert set().union(*outlets.values()) == {a["id"] for a in articles}
    assert sum(len(f) for f in outlets.values()) == len(articles)


def test_fit_separates_a_feature_that_decides_the_label():
    x = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0]] * 5)
    y = x[:, 0].copy()
    model = fit(x, y, l2=0.3)
    assert model.weights[0] > 1.0 and abs(model.weights[1]) < 1e-6
    assert np.all((model.probabilities(x) >= 0.5) == y.astype(bool))
    assert isinstance(model, Model)


def test_cli_scores_the_learned_layer_and_checks_the_weights(capsys):
    parser = argparse.ArgumentParser(prog="gupress")
    subparsers = parser.add_subparsers()
    eval_districts.register(subparsers)
    train_districts.register(subparsers)
    args = parser.parse_args(["eval-districts", "--real", "--split", "test-v1", "--learned"])
    assert args.func(args) == 0
    assert "by city" in capsys.readouterr().out
    check = parser.parse_args(["train-districts", "--check"])
    assert check.func(check) == 0
    assert "reproduced" in capsys.readouterr().out
