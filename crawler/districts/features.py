"""Features of one (article, candidate district) pair, read off what the rules already computed.

The learned decision layer (learned.py) decides primary/mentioned per candidate from these numbers.  Every
feature is general — where and how the district is written, what the rules said about it — never a name, an
outlet or an article id, so a model fitted on the corpus can carry over to other text.  Candidates are the
districts the rules tag at all (resolved mentions and dongs, as in ``DistrictAnalysis.districts``): the
layer changes roles, never which districts or which city.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from crawler.districts.actors import is_former_head, is_quoted_name
from crawler.districts.clauses import clause_start
from crawler.districts.gazetteer import District
from crawler.districts.dongs import PLACE
from crawler.districts.mentions import (
    CONSTITUENCY, DISTRICT, FIELDS, ORGANISATION, Mention, dateline_city, normalise_region,
)
from crawler.districts.associations import is_association_business
from crawler.districts.leads import lead_span
from crawler.districts.tagger import _AGREEMENT, Evidence, _lead_has_other_subject

#: A subject particle after the name, its head/office/council, a parenthesis and a person's name:
#: '은평구가', '은평구청장은', '중구(구청장 김길성)는', '서구청장 당선인이'.
_SUBJECT_AFTER = re.compile(
    r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*(?:[가-힣]{2,4}\s*)?(?:당선자|당선인|의장)?\s*(?:은|는|이|가)(?![가-힣])"
)
#: A head named before the district's head title: '김영길 중구청장은' (the name, then the district).
_PERSON_BEFORE_HEAD = re.compile(r"(?<![가-힣])[가-힣]{2,4}\s+(?:[가-힣]{2,4}(?:특별시|광역시|시)?\s+)?$")
_HEAD_NAMED_IN_PARENS = re.compile(r"(?:의회)?\s?\(\s*(?:구청장|의장)")
_DONG_OFFICE = re.compile(r"\s?(?:행정복지센터|주민센터|동사무소)")
_PARTNER_AFTER = re.compile(r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*(?:와|과)(?![가-힣])")
_LIST_AFTER = re.compile(r"(?:청장|청|의회)?\s*(?:\([^)]*\))?\s*[·ㆍ,]")
_LIST_BEFORE = re.compile(r"[·ㆍ,]\s*(?:[가-힣]{2,4}\s+)?$")
_CITY_ACTS = re.compile(r"(?:서울|부산|대구|인천|광주|대전|울산)(?:특별|광역)?시(?:는|가)\s|시장(?:은|이)\s")

#: Rules whose vote is its own feature; the rarer ones are pooled in ``rule_other``.
_OWN_RULES = ("title_subject", "lead_subject", "clause_subject", "fallback", "segments", "head_list",
              "line_topic", "press_release")

FEATURE_NAMES: tuple[str, ...] = (
    "in_title", "in_subtitle", "in_lead", "first_body_position", "log_count", "share", "most_mentioned",
    "first_named", "log_candidates", "only_candidate", "district_kind_share", "organisation", "constituency",
    "place_only", "explicit_city", "subject", "subject_opens_clause", "head", "office", "council",
    "head_named_in_parens", "person_before_head", "dong_office", "partner", "in_list", "former_or_quoted",
    "association_business", "lead_other_subject", "city_acts", "agreement", "roundup", "outlet_home_city",
    "dateline_city", "several_cities", "rule_primary", "log_rules_fired",
    *(f"rule_{name}" for name in _OWN_RULES), "rule_other",
)


@dataclass(frozen=True)
class Candidate:
    code: str
    district: District
    features: dict[str, float]

    def vector(self) -> list[float]:
        return [self.features[name] for name in FEATURE_NAMES]


def _mentions_by_code(evidence: Evidence) -> dict[str, list[tuple[Mention, District]]]:
    found: dict[str, list[tuple[Mention, District]]] = {}
    ordered = sorted(evidence.resolved + evidence.places, key=lambda p: (FIELDS.index(p[0].field), p[0].start))
    for mention, district in ordered:
        found.setdefault(district.code, []).append((mention, district))
    return found


def _grammar(texts: dict[str, str], pairs: list[tuple[Mention, District]]) -> dict[str, float]:
    """How the district's own (district-kind) mentions sit in their sentences."""
    flags = dict.fromkeys(("subject", "subject_opens_clause", "head", "office", "council", "head_named_in_parens",
                           "person_before_head", "dong_office", "partner", "in_list", "former_or_quoted"), 0.0)
    for mention, _ in pairs:
        text = texts[mention.field]
        if mention.kind == PLACE:
            flags["dong_office"] = max(flags["dong_office"], float(bool(_DONG_OFFICE.match(text, mention.end))))
            continue
        if mention.kind != DISTRICT:
            continue
        if is_former_head(text, mention) or is_quoted_name(text, mention):
            flags["former_or_quoted"] = 1.0
            continue
        head = text.startswith("청장", mention.end)
        subject = _SUBJECT_AFTER.match(text, mention.end) is not None
        updates = {
            "subject": subject,
            "subject_opens_clause": subject and clause_start(text, mention),
            "head": head,
            "office": text.startswith("청", mention.end) and not head,
            "council": text.startswith("의회", mention.end),
            "head_named_in_parens": _HEAD_NAMED_IN_PARENS.match(text, mention.end) is not None,
            "person_before_head": head and _PERSON_BEFORE_HEAD.search(text[max(0, mention.start - 20):mention.start])
            is not None,
            "partner": _PARTNER_AFTER.match(text, mention.end) is not None,
            "in_list": _LIST_AFTER.match(text, mention.end) is not None
            or _LIST_BEFORE.search(text[max(0, mention.start - 8):mention.start]) is not None,
        }
        for name, value in updates.items():
            flags[name] = max(flags[name], float(bool(value)))
    return flags


def candidate_features(evidence: Evidence) -> list[Candidate]:
    """One :class:`Candidate` per district the rules tag, in first-named order."""
    texts = evidence.texts
    by_code = _mentions_by_code(evidence)
    if not by_code:
        return []
    counts = {code: len(pairs) for code, pairs in by_code.items()}
    total, top = sum(counts.values()), max(counts.values())
    body = texts["body"]
    lead_start, lead_end = lead_span(body)
    actors = [(m, d) for m, d in evidence.resolved if m.kind == DISTRICT and m.field == "body"]
    all_body = [(m, d) for m, d in evidence.resolved if m.field == "body"]
    article = {
        "log_candidates": math.log1p(len(by_code)),
        "only_candidate": float(len(by_code) == 1),
        "association_business": float(is_association_business(texts["title"], body, body[slice(*lead_span(body))])),
        "lead_other_subject": float(_lead_has_other_subject(body, all_body)) if actors else 0.0,
        "city_acts": float(bool(_CITY_ACTS.search(body, lead_start, lead_end))),
        "agreement": float(bool(_AGREEMENT.search(texts["title"]) or _AGREEMENT.search(body))),
        "roundup": float(bool(evidence.segments)),
        "several_cities": float(len({pairs[0][1].city_short for pairs in by_code.values()}) > 1),
    }
    dateline = dateline_city(texts)
    rule_codes: Counter[str] = Counter(code for codes in evidence.votes.values() for code in codes)
    rule_primary = evidence.rule_primary
    candidates = []
    for rank, (code, pairs) in enumerate(by_code.items()):
        district = pairs[0][1]
        kinds = Counter(m.kind for m, _ in pairs)
        body_starts = [m.start for m, _ in pairs if m.field == "body"]
        features = {
            "in_title": float(any(m.field == "title" for m, _ in pairs)),
            "in_subtitle": float(any(m.field == "subtitle" for m, _ in pairs)),
            "in_lead": float(any(m.field == "body" and lead_start <= m.start < lead_end for m, _ in pairs)),
            "first_body_position": min(body_starts) / max(len(body), 1) if body_starts else 1.0,
            "log_count": math.log1p(counts[code]),
            "share": counts[code] / total,
            "most_mentioned": float(counts[code] == top),
            "first_named": float(rank == 0),
            "district_kind_share": kinds[DISTRICT] / len(pairs),
            "organisation": float(kinds[ORGANISATION] > 0),
            "constituency": float(kinds[CONSTITUENCY] > 0),
            "place_only": float(kinds[PLACE] == len(pairs)),
            "explicit_city": float(any(m.prefix_city for m, _ in pairs)),
            **_grammar(texts, pairs),
            **article,
            "outlet_home_city": float(district.city_short == normalise_region(evidence.outlet_region)),
            "dateline_city": float(district.city_short == dateline),
            "rule_primary": float(code in rule_primary),
            "log_rules_fired": math.log1p(rule_codes[code]),
            **{f"rule_{name}": float(code in evidence.votes.get(name, ())) for name in _OWN_RULES},
            "rule_other": float(any(code in codes for name, codes in evidence.votes.items() if name not in _OWN_RULES)),
        }
        candidates.append(Candidate(code, district, features))
    return candidates
