"""Bigram search tokens and MinHash near-duplicate detection, on real-looking Korean text."""

from __future__ import annotations

from storage.textindex import (
    bands,
    containment,
    estimated_containment,
    minhash,
    query_phrases,
    search_document,
    search_tokens,
    shingles,
    similarity,
)

RELEASE = ("광진구(구청장 김경호)가 지난 23일 행정안전부가 주관한 2025년 지방자치단체 혁신평가에서 종합 우수 등급을 "
           "획득하며 혁신행정 성과를 전국적으로 인정받았다. 지방자치단체 혁신평가는 전국 243개 지자체를 대상으로 "
           "혁신역량 혁신성과 자율혁신 등 10개 세부 항목을 종합 평가하는 제도다. 특히 주민 소통·참여 강화 항목에서 "
           "청년이 직접 정책을 제안하고 행정이 이를 신속히 검토·반영하는 구조를 정착시켰다.")


def test_bigrams_make_particles_and_compounds_searchable():
    assert search_tokens("청년들을 위한 서울청년정책") == ["청년", "년들", "들을", "위한", "서울", "울청", "청년", "년정", "정책"]
    assert "청년" in search_document("서울청년") and "년정" in search_document("청년정책")


def test_latin_digits_lowercased_and_single_syllables_kept():
    assert search_tokens("AI 챗봇 2026년 구") == ["ai", "챗봇", "2026", "년", "구"]


def test_query_is_one_phrase_per_word():
    assert query_phrases("청년 일자리") == [["청년"], ["일자", "자리"]]
    assert query_phrases("  !! ") == []


def test_same_release_in_two_outlets_is_similar():
    herald = "[헤럴드경제=박종일 선임기자] " + RELEASE.replace("지난 23일", "23일") + " 김경호 구청장은 감사하다고 말했다."
    first, second = minhash(RELEASE), minhash(herald)
    assert similarity(first, second) >= 0.5
    assert set(bands(first)) & set(bands(second)), "a shared LSH bucket makes them candidates"


def test_different_releases_are_not_similar():
    other = ("은평구가 행정안전부 주관 2021년 지방자치단체 혁신평가 자치구 부문에서 전국 1위를 달성했다. 올해 수상으로 "
             "구는 4년 연속 혁신평가 우수기관 선정이라는 쾌거를 이루며 혁신 행정이 전국 최고 수준임을 입증했다.")
    assert similarity(minhash(RELEASE), minhash(other)) < 0.3


def test_short_texts_have_no_signature():
    assert minhash("짧은 글") is None


def test_signature_is_stable_across_calls():
    assert minhash(RELEASE).tolist() == minhash(RELEASE).tolist() and len(minhash(RELEASE)) == 128


def test_condensed_version_is_contained_though_not_similar():
    """An outlet printing two of the release's three sentences: Jaccard is low, containment high."""
    full = RELEASE + " 김경호 광진구청장은 현장의 목소리를 경청해 온 공직자들과 구민이 함께 만든 성과라고 말했다. " * 2
    condensed = RELEASE.split(". ")[0] + ". " + RELEASE.split(". ")[1] + "."
    assert similarity(minhash(full), minhash(condensed)) < 0.6   # exact Jaccard of the shingle sets: 0.56
    assert containment(shingles(full), shingles(condensed)) >= 0.5
    assert estimated_containment(minhash(full), len(shingles(full)), minhash(condensed),
                                 len(shingles(condensed))) >= 0.5, "the signature screen lets the pair through"
    assert containment(shingles(full), shingles("은평구가 서울청년센터와 함께 1인가구 주거 상담을 연다.")) < 0.2
