"""gupress tag: researchers' texts in (JSON Lines), districts and segments out, one line per input line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from crawler.commands.tag import tag_lines
from crawler.districts.evaluate import load_cases
from tests.support import REPO

ROUNDUP = next(case for case in load_cases() if case["id"] == "roundup-seed000-eunpyeong-geumcheon-gangnam")
INPUT = [
    {"id": "busan", "title": "강서구, 유채꽃 축제", "subtitle": None, "body": "강서구는 대저생태공원에서 축제를 연다.",
     "published_at": "2025-04-01T09:00:00+09:00", "region": "부산"},
    {"id": "seoul-outlet", "title": "강서구, 숲 체험", "body": "강서구는 마곡동에서 숲 체험을 운영한다.", "outlet": "asiae"},
    {"id": "roundup", "title": ROUNDUP["title"], "subtitle": ROUNDUP["subtitle"], "body": ROUNDUP["body"],
     "published_at": ROUNDUP["published_at"], "region": "서울"},
    {"id": "before-michuhol", "title": "미추홀구, 개청식", "body": "인천 미추홀구는 개청식을 열었다.",
     "published_at": "2017-03-01T10:00:00+09:00"},
]


def run_tag(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", "tag"], cwd=REPO, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)


def test_tag_reads_stdin_and_writes_one_line_per_input():
    lines = [json.dumps(obj, ensure_ascii=False) for obj in INPUT]
    lines.insert(2, "{not json")
    lines.insert(3, json.dumps({"id": "bad-outlet", "title": "중구, 축제", "body": "중구는 축제를 연다.", "outlet": "nope"}))
    result = run_tag("\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [obj.get("id") for obj in out] == ["busan", "seoul-outlet", None, "bad-outlet", "roundup", "before-michuhol"]
    busan, seoul, broken, bad_outlet, roundup, before = out
    assert busan["districts"] == [
        {"code": "26440", "name": "강서구", "city": "부산광역시", "role": "primary", "mention_count": 2}]
    assert busan["segments"] == [] and busan["is_roundup"] is False
    assert [d["code"] for d in seoul["districts"]] == ["11500"]  # asiae's region is 서울
    assert broken["line"] == 3 and "error" in broken
    assert bad_outlet == {"line": 4, "id": "bad-outlet", "error": "unknown outlet 'nope'"}
    # the roundup's labels come from tests/districts_eval/cases.jsonl (hand-written)
    assert [s["district_code"] for s in roundup["segments"]] == ROUNDUP["expected_segments"]
    assert roundup["is_roundup"] is True
    assert all(set(s) == {"order", "district_code", "text"} and s["text"] for s in roundup["segments"])
    assert {d["code"] for d in roundup["districts"] if d["role"] == "primary"} == set(ROUNDUP["expected_primary"])
    assert before["districts"] == []  # 미추홀구 did not exist before 2018-07-01
    assert "4 tagged, 2 with errors" in result.stderr


def test_malformed_objects_get_an_error_each_and_the_run_goes_on():
    lines = [
        "[1, 2]",
        json.dumps({"id": "n", "title": 5, "body": "x"}),
        json.dumps({"id": "e", "title": "", "body": ""}),
        json.dumps({"id": "r", "title": "중구, 축제", "body": "중구는 축제를 연다.", "region": "제주"}),
        json.dumps({"id": "d", "title": "중구, 축제", "body": "중구는 축제를 연다.", "published_at": "어제"}),
        "",
        json.dumps({"id": "ok", "title": "울산 중구, 축제", "body": "울산 중구는 축제를 연다."}),
    ]
    out = io.StringIO()
    assert tag_lines(lines, out, outlet_regions=dict) == (1, 5)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("line") for r in results[:5]] == [1, 2, 3, 4, 5]
    assert [r["id"] for r in results] == [None, "n", "e", "r", "d", "ok"]
    assert all("error" in r for r in results[:5])
    assert results[5]["districts"][0]["code"] == "31110"


def test_tag_reads_a_file_and_rejects_a_missing_one(tmp_path):
    source = tmp_path / "texts.jsonl"
    source.write_text(json.dumps(INPUT[0], ensure_ascii=False) + "\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "crawler.cli", "tag", str(source)], cwd=REPO, capture_output=True,
                        text=True, timeout=120, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)["districts"][0]["code"] == "26440"
    missing = subprocess.run([sys.executable, "-m", "crawler.cli", "tag", str(tmp_path / "none.jsonl")], cwd=REPO,
                             capture_output=True, text=True, timeout=120, check=False)
    assert missing.returncode == 2 and "is not a file" in missing.stderr
