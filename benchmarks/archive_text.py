"""Realistic synthetic Korean press releases for the archive builder.

Real sentences (the labelled news corpus in tests/districts_eval, the parser fixtures' expected
bodies and ../shared/seeds) are recombined with variation, so the bigram distribution looks like
an archive's: common words (구청장, 지원, 서울) are very common because real releases use them all the
time, and many distinct words exist because every article also names a facility or programme built
from random syllables (rare words, like the proper nouns of real releases) and varies its numbers.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.fixture_texts import fixture_articles

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

SEOUL = {"11110": "종로구", "11140": "중구", "11170": "용산구", "11200": "성동구", "11215": "광진구",
         "11230": "동대문구", "11260": "중랑구", "11290": "성북구", "11305": "강북구", "11320": "도봉구",
         "11350": "노원구", "11380": "은평구", "11410": "서대문구", "11440": "마포구", "11470": "양천구",
         "11500": "강서구", "11530": "구로구", "11545": "금천구", "11560": "영등포구", "11590": "동작구",
         "11620": "관악구", "11650": "서초구", "11680": "강남구", "11710": "송파구", "11740": "강동구"}
SYLLABLES = ("가나다라마바사아자차카타파하강남동서북산성해솔빛누리한울별꽃숲물들봄온새길터마루모아다온"
             "이음채움나눔품늘찬희망행복미래청춘든든")
SUFFIXES = ("센터", "복지관", "공원", "도서관", "학교", "사업", "축제", "프로그램", "캠프", "교실", "지원단", "마을")
_SENTENCE_END = re.compile(r"(?<=[다요])\.\s+|\n+")
_DISTRICT_NAME = re.compile("|".join(sorted(SEOUL.values(), key=len, reverse=True)))


@dataclass(frozen=True)
class Release:
    title: str
    body: str
    district_code: str


def _corpus_texts() -> list[tuple[str, str]]:
    """(title, body) of every real text the repository and ../shared/seeds carry."""
    texts: list[tuple[str, str]] = []
    for path in [REPO / "tests/districts_eval/real/corpus.jsonl", REPO / "tests/districts_eval/cases.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append((row.get("title") or "", row.get("body") or ""))
    texts += [(title, body) for title, body in fixture_articles() if body]
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        texts.append(("", path.read_text(encoding="utf-8")))
    return texts


class ReleaseWriter:
    """Deterministic (seeded) generator of district press releases."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        texts = _corpus_texts()
        # district names become a placeholder once, so each article names its own district cheaply
        self.titles = [_DISTRICT_NAME.sub("\x00", t) for t, _b in texts if len(t) >= 8]
        self.sentences = [_DISTRICT_NAME.sub("\x00", s.strip().rstrip(".") + ".")
                          for _t, body in texts for s in _SENTENCE_END.split(body)
                          if 20 <= len(s.strip()) <= 300 and re.search("[가-힣]", s)]
        self.codes = list(SEOUL)

    def release(self) -> Release:
        rng = self.rng
        code = rng.choice(self.codes)
        district = SEOUL[code]
        name = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3)))) + rng.choice(SUFFIXES)
        body = [f"서울 {district}(구청장 {rng.choice('김이박최정')}{rng.choice('경민영진수')}{rng.choice('호희철우')})가 "
                f"'{name}'을 운영한다고 {rng.randint(1, 28)}일 밝혔다."]
        body += rng.sample(self.sentences, rng.randint(5, 9))
        body.append(f"문의는 {district} {name[:2]}팀(02-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)})으로 하면 된다.")
        title = f"{district}, " + rng.choice(self.titles).replace("\x00", district)
        return Release(title=title[:200], body="\n\n".join(body).replace("\x00", district), district_code=code)

    def carried_copy(self, release: Release, outlet_name: str) -> Release:
        """The same release as another outlet prints it: a byline added, the last paragraph cut."""
        paragraphs = release.body.split("\n\n")
        body = f"[{outlet_name}] " + "\n\n".join(paragraphs[:-1] if len(paragraphs) > 3 else paragraphs)
        return Release(title=release.title, body=body, district_code=release.district_code)
