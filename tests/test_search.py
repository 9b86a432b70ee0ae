"""Korean full-text search and cross-outlet clusters, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from crawler.korean import KST
from storage import repository
from storage.search import reindex_all, search_articles
from tests.test_storage import make_item

GWANGJIN = ("광진구(구청장 김경호)가 지난 23일 행정안전부가 주관한 2025년 지방자치단체 혁신평가에서 종합 우수 등급을 "
            "획득하며 혁신행정 성과를 전국적으로 인정받았다.\n\n특히 청년들이 직접 정책을 제안하고 행정이 이를 신속히 "
            "반영하는 구조를 정착시켰다. 청년포털 소통게시판과 찾아가는 청년 현장 구청장실이 대표 사례다.")
EUNPYEONG = ("은평구가 서울청년센터와 함께 1인가구 주거 상담을 연다.\n\n상담은 매주 화요일 구청에서 열리며 "
             "전월세 계약과 보증금 보호 방법을 안내한다. 자세한 사항은 구 누리집에서 확인할 수 있다.")


def _store(db, n: int, outlet: str, body: str, title: str):
    return repository.save_article(db, make_item(outlet=outlet, canonical_url=f"https://{outlet}.example/{n}",
                                                 outlet_article_id=str(n), title=title, body=body))


def test_two_character_korean_query_finds_words_with_particles_and_compounds(db):
    gwangjin = _store(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수")
    eunpyeong = _store(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담")
    found = {r["article_id"] for r in search_articles(db, "청년")}
    assert found == {gwangjin.article_id, eunpyeong.article_id}, "청년들이 and 서울청년센터 both contain 청년"
    assert [r["article_id"] for r in search_articles(db, "혁신평가 우수")] == [gwangjin.article_id]
    assert search_articles(db, "부산") == []


def test_one_character_query_scans_and_stays_correct(db):
    _store(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수")
    eunpyeong = _store(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담")
    assert [r["article_id"] for r in search_articles(db, "월")] == [eunpyeong.article_id]


def test_outlet_filter_and_snippet(db):
    _store(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수")
    results = search_articles(db, "청년포털", outlet="krnews21")
    assert len(results) == 1 and "청년포털" in results[0]["snippet"]
    assert search_articles(db, "청년포털", outlet="asiae") == []


def test_revised_text_is_reindexed(db):
    saved = _store(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수")
    _store(db, 1, "krnews21", GWANGJIN.replace("청년포털", "구민포털"), "광진구, 혁신평가 우수")
    assert search_articles(db, "청년포털") == []
    assert [r["article_id"] for r in search_articles(db, "구민포털")] == [saved.article_id]


def test_same_release_in_two_outlets_forms_one_cluster(db):
    first = _store(db, 1, "krnews21", GWANGJIN, "광진구, 2025 지방자치단체 혁신평가 ‘우수’")
    other = _store(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담")
    herald_text = "[헤럴드경제=박종일 선임기자] " + GWANGJIN.replace("지난 23일", "23일") + "\n\n김경호 구청장은 감사를 전했다."
    second = _store(db, 3, "herald", herald_text, "광진구, 혁신평가 ‘우수’ 등급")
    _c, rows = repository.run_sql(db, "SELECT id, cluster_id FROM articles ORDER BY id")
    clusters = dict(rows)
    assert clusters[first.article_id] == clusters[second.article_id] == first.article_id
    assert clusters[other.article_id] is None
    _c, overview = repository.run_sql(db, "SELECT articles, outlets FROM cluster_overview")
    assert overview == [(2, 2)]


def test_condensed_copy_joins_the_cluster_but_not_a_month_later(db):
    first = _store(db, 1, "krnews21", GWANGJIN, "광진구, 2025 지방자치단체 혁신평가 ‘우수’")
    condensed = GWANGJIN.split("\n\n")[0]
    second = _store(db, 2, "herald", condensed, "광진구, 혁신평가 ‘우수’")
    later = repository.save_article(db, make_item(outlet="asiae", canonical_url="https://asiae.example/3",
                                                  outlet_article_id="3", title="광진구 지난달 혁신평가 ‘우수’",
                                                  body=condensed, published_at=datetime(2026, 2, 25, 9, tzinfo=KST)))
    _c, rows = repository.run_sql(db, "SELECT id, cluster_id FROM articles ORDER BY id")
    clusters = dict(rows)
    assert clusters[second.article_id] == clusters[first.article_id] == first.article_id
    assert clusters[later.article_id] is None, "the same text five weeks later is another story"


def test_reindex_rebuilds_everything(db):
    saved = _store(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수")
    with db.engine.begin() as connection:  # simulate an archive from before the index existed
        connection.execute(text("DELETE FROM article_fts"))
    assert search_articles(db, "청년") == []
    assert reindex_all(db) == 1
    assert [r["article_id"] for r in search_articles(db, "청년")] == [saved.article_id]


def _store_on(db, n: int, outlet: str, body: str, title: str, day: int):
    return repository.save_article(db, make_item(outlet=outlet, canonical_url=f"https://{outlet}.example/{n}",
                                                 outlet_article_id=str(n), title=title, body=body,
                                                 published_at=datetime(2026, 2, day, 9, tzinfo=KST)))


def test_title_hits_first_then_newest_published(db):
    """청년 is in all three; only the oldest has it in its title. GWANGJIN says 청년 five times and
    EUNPYEONG once (서울청년센터), so a relevance order would put the Gwangjin body before it."""
    body_only_older = _store_on(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수", day=23)
    body_only_newer = _store_on(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담", day=25)
    in_title_oldest = _store_on(db, 3, "herald", "광진구가 청년포털 소통게시판을 새로 열었다. 구청장실이 직접 답한다.",
                                "광진구 청년포털 개편", day=2)
    assert [r["article_id"] for r in search_articles(db, "청년")] == [
        in_title_oldest.article_id, body_only_newer.article_id, body_only_older.article_id]


def test_a_common_word_orders_only_the_most_recently_archived_matches(db, monkeypatch):
    """The bound in action: with room for two candidates, the first stored of three matches is
    not shown even though its title has the word (the documented trade-off)."""
    monkeypatch.setattr("storage.search.CANDIDATES", 2)
    first = _store_on(db, 1, "krnews21", GWANGJIN, "광진구청장 현장 구청장실", day=23)
    second = _store_on(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담", day=24)
    third = _store_on(db, 3, "herald", "노원구 구청에서 민원 상담을 연다. 구청 1층에서 열린다.", "노원구 민원 상담", day=10)
    found = [r["article_id"] for r in search_articles(db, "구청")]
    assert found == [second.article_id, third.article_id], "구청 is in all three; second is newer than third"
    assert first.article_id not in found


def test_filters_apply_before_the_candidate_bound(db, monkeypatch):
    """An outlet's only match is found although newer matches from other outlets fill the bound."""
    monkeypatch.setattr("storage.search.CANDIDATES", 1)
    wanted = _store_on(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수", day=1)
    _store_on(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담", day=2)
    _store_on(db, 3, "herald", EUNPYEONG.replace("은평구", "노원구"), "노원구, 1인가구 주거 상담", day=3)
    assert [r["article_id"] for r in search_articles(db, "청년", outlet="krnews21")] == [wanted.article_id]


@pytest.mark.parametrize("first_window", [1, 2, 3])
def test_windows_of_newest_ids_find_the_same_candidates(db, monkeypatch, first_window):
    """PostgreSQL searches the newest ids in widening windows (SQLite in one pass): whether the first
    window holds no match (id 5 only), one (ids 4-5) or one of two wanted (ids 3-5), the two newest
    matches (ids 4 and 2; 3 and 5 lack 청년) are the ones found."""
    monkeypatch.setattr("storage.search.CANDIDATES", 2)
    monkeypatch.setattr("storage.search.PG_FIRST_WINDOW", first_window)
    first = _store_on(db, 1, "krnews21", GWANGJIN, "광진구, 혁신평가 우수", day=20)
    second = _store_on(db, 2, "asiae", EUNPYEONG, "은평구, 1인가구 주거 상담", day=3)
    _store_on(db, 3, "herald", "노원구 구청에서 민원 상담을 연다. 구청 1층에서 열린다.", "노원구 민원 상담", day=4)
    fourth = _store_on(db, 4, "sijung", EUNPYEONG.replace("은평구", "노원구"), "노원구, 1인가구 주거 상담", day=1)
    _store_on(db, 5, "slnews", "도봉구가 어르신 돌봄 서비스를 늘린다. 신청은 동 주민센터에서 받는다.", "도봉구 돌봄", day=5)
    found = [r["article_id"] for r in search_articles(db, "청년")]
    assert found == [second.article_id, fourth.article_id], "second (3 Feb) is newer than fourth (1 Feb)"
    assert first.article_id not in found
