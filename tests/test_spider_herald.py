"""헤럴드경제 (one-off, metadata + generic extraction first) on a saved page, one test per field."""

from __future__ import annotations

import pytest

from tests.fleet_support import ArticleCase, ArticleFieldTests, list_response, parse_article, spider_for

CASES = [
    ArticleCase(
        outlet="herald", file="article-10683244.html",
        canonical_url="https://biz.heraldcorp.com/article/10683244", article_id="10683244",
        title="광진구, 2025 지자체 혁신평가 ‘우수’…청년 참여·AI 행정 성과",
        subtitle=("청년 정책 제안, 예산·제도 반영 구조 정착 AI 안부확인·침수예측 등 디지털 행정 확대 "
                  "김경호 구청장 “구민과 함께 만든 성과”"),
        category="사회", reporter="박종일", reporter_title="선임기자",
        published_at="2026-02-27T10:12:00+09:00", updated_at="2026-02-27T10:30:00+09:00",
        body_starts="광진구(구청장 김경호)가 행정안전부 주관", body_ends="혁신 행정을 이어가겠다”고 말했다.", paragraphs=5,
        layers={"title": "meta", "category": "meta", "reporter": "jsonld", "published_at": "meta",
                "updated_at": "meta", "body": "generic"},
        not_in_body=("[헤럴드경제", "부산 강서구", "인천 중구", "대구 중구", "많이 본 기사", "Copyright", "광진구 제공"),
    ),
]


@pytest.fixture(scope="module", params=CASES, ids=str)
def case(request):
    return request.param


@pytest.fixture(scope="module")
def item(case):
    return parse_article(case.outlet, case.file)


class TestArticles(ArticleFieldTests):
    pass


def test_same_release_as_krnews21_keeps_its_own_identity():
    """Herald 10683244 and krnews21 357431 carry one 광진구 release (outlets.md §2): two
    outlets, two rows, one district."""
    herald = parse_article("herald", "article-10683244.html")
    news21 = parse_article("krnews21", "article-357431.html")
    assert herald.canonical_url != news21.canonical_url
    assert "광진구" in [d["name"] for d in herald.districts] and "광진구" in [d["name"] for d in news21.districts]


def test_list_links_fold_hosts_and_parameters_and_skip_ranking():
    response = list_response("herald", "list-1.html")
    spider = spider_for("herald")
    assert spider.unique_article_urls(response) == ["https://biz.heraldcorp.com/article/10683244"]
    assert spider.next_list_page(response, 1) is None


@pytest.mark.parametrize("url, expected", [
    ("https://biz.heraldcorp.com/article/10683244", "https://biz.heraldcorp.com/article/10683244"),
    ("https://biz.heraldcorp.com/article/10683244?ref=naver", "https://biz.heraldcorp.com/article/10683244"),
    ("https://mbiz.heraldcorp.com/article/10685265?sec=011", "https://biz.heraldcorp.com/article/10685265"),
    ("http://nbiz.heraldcorp.com/view.php?ud=20180614000538", "https://biz.heraldcorp.com/view.php?ud=20180614000538"),
    ("https://biz.heraldcorp.com/amp/article/10683244", "https://biz.heraldcorp.com/article/10683244"),  # guessed AMP form
    ("https://biz.heraldcorp.com/economy", None),
    ("https://www.koreaherald.com/article/10683244", None),
])
def test_url_rules(url, expected):
    assert spider_for("herald").canonical_url(url) == expected
