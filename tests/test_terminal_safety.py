"""Terminal safety: no NUL, C0/C1 control, escape sequence or bidi override survives
normalization, and nothing gupress prints carries one, even from an archive written by an
older version that stored them."""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

import pytest

from crawler.items import ArticleItem
from crawler.korean import clean_text, strip_control_characters
from crawler.pipelines.normalize import normalize_item
from storage import repository
from storage.db import Database, migrate
from tests.support import gupress

#: What must never reach a terminal: C0 but tab/newline, DEL, C1, bidi embeddings/overrides/isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
POISON = "\x1b[31m빨간\x1b[0m \x1b]8;;http://evil.example/\x07링크\x1b]8;;\x07 \u202e역순\u202c \x9b2J\x00끝"


@pytest.mark.parametrize(("raw", "expected"), [
    ("은평구\x1b[31m청년\x1b[0m", "은평구청년"),                      # CSI colour: whole sequence, no "[31m" left
    ("제목\x1b]0;창 제목\x07본문", "제목본문"),                          # OSC window title, BEL-terminated
    ("제목\x1b]8;;http://x.example/\x1b\\링크\x1b]8;;\x1b\\", "제목링크"),  # OSC 8 hyperlink, ST-terminated
    ("a\x00b\x07c\x08d\x7fe\x85f\x9b31mg\x90h", "abcdefgh"),            # NUL, BEL, BS, DEL, C1 (NEL, 8-bit CSI, DCS)
    ("\u202e구평은\u202c \u2066격리\u2069 \u202a포함\u202c", "구평은 격리 포함"),  # bidi override, isolate, embedding
    ("줄1\n\t줄2", "줄1\n\t줄2"),                                      # newline and tab are text
    ("은평구청 보도자료 ‘청년’ — 2026년", "은평구청 보도자료 ‘청년’ — 2026년"),
])
def test_control_characters_escape_sequences_and_bidi_are_removed(raw, expected):
    assert strip_control_characters(raw) == expected


def test_clean_text_removes_controls_before_collapsing_whitespace():
    assert clean_text("은평구\x00 \x1b[1m청년\x1b[0m\u202e 정책") == "은평구 청년 정책"


def test_every_text_field_leaves_normalization_without_controls():
    item = ArticleItem(outlet="sijung", url="https://www.sijung.co.kr/news/articleView.html?idxno=1\x1b[0m",
                       title=f"제목 {POISON}", subtitle=f"부제 {POISON}", category=f"사회{POISON}",
                       reporter_raw=f"정칠석 기자{POISON}", reporter_email="a\x1b[1m@b.kr",
                       published_raw="승인 2026.01.19 14:28\x1b[0m", source_note=f"은평구청{POISON}",
                       body_paragraphs=[f"서울 은평구가 청년 정책을 발표했다{POISON}.", "둘째 문단\x00입니다."],
                       extraction={"title": "selector\x1b[0m"})
    normalize_item(item)
    texts = [v for v in vars(item).values() if isinstance(v, str)] + list(item.extraction.values())
    texts += item.body_paragraphs
    assert texts and not [t for t in texts if UNSAFE.search(t)]
    assert item.title == "제목 빨간 링크 역순 끝"
    assert item.body == "서울 은평구가 청년 정책을 발표했다빨간 링크 역순 끝.\n\n둘째 문단입니다."
    assert item.published_at == datetime(2026, 1, 19, 5, 28, tzinfo=timezone.utc)


def _poisoned_archive(url: str) -> Database:
    """An archive as an older gupress could have left it: controls stored verbatim (but NUL,
    which PostgreSQL refuses in text)."""
    poison = POISON.replace("\x00", "")
    db = Database(url)
    migrate(db)
    item = ArticleItem(outlet="sijung", url="https://www.sijung.co.kr/news/articleView.html?idxno=7",
                       canonical_url="https://www.sijung.co.kr/news/articleView.html?idxno=7",
                       outlet_name="시정일보", title=f"은평구 청년정책 {poison}",
                       body=f"서울 은평구가 청년정책을 발표했다. {poison} 구는 설명회를 연다.",
                       published_at=datetime(2026, 1, 19, 5, 28, tzinfo=timezone.utc), content_hash="x" * 64)
    repository.save_article(db, item)
    run_id = repository.start_crawl_run(db, outlet_slug="sijung", mode="full")
    repository.finish_crawl_run(db, run_id, status="finished_with_errors", exit_reason=f"finished; {poison}",
                                counters={})
    return db


@pytest.mark.parametrize("args", [("search", "청년정책"), ("search", "청년정책", "--json"), ("status", "sijung", "--json"),
                                  ("status", "sijung")])
def test_cli_output_never_carries_escape_sequences_from_an_old_archive(database_url, args):
    db = _poisoned_archive(database_url)
    db.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}
    env["GUPRESS_DATABASE_URL"] = database_url
    result = gupress(*args, env=env)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert not UNSAFE.search(result.stdout), repr(result.stdout)
    if args[0] == "search":
        assert "은평구 청년정책" in result.stdout and "빨간" in result.stdout
    else:
        assert "sijung" in result.stdout
