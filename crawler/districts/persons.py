"""A head's name links a bare district to the city written for the same person elsewhere.

'김길성 중구청장' in a headline and '김길성 서울 중구청장' in the body are one person, so the bare
중구 is 서울's even when the article also names 인천 중구 (the venue) and five other cities' 중구
heads.  The name is the word right before the head title; only heads (…청장) are linked.
"""

from __future__ import annotations

import re

_NAME_BEFORE = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,4})\s+(?:(?:신임|현)\s+)?$")


def person_before(text: str, start: int) -> str | None:
    """The person's name written right before position ``start`` ('김길성 ' before '중구청장')."""
    match = _NAME_BEFORE.search(text[max(0, start - 12):start])
    return match["name"] if match else None


def linked_city(texts: dict[str, str], bare: list, explicit: list) -> str | None:
    """The one city that explicit head mentions give to the persons named in bare head mentions.

    ``bare``/``explicit``: Mention objects of one district name (without / with a city prefix).
    """
    cities_by_person: dict[str, set[str]] = {}
    for mention in explicit:
        text = texts.get(mention.field) or ""
        if not text.startswith("청장", mention.end):
            continue
        person = person_before(text, mention.start_with_city(text))
        if person:
            cities_by_person.setdefault(person, set()).add(mention.prefix_city)
    found: set[str] = set()
    for mention in bare:
        text = texts.get(mention.field) or ""
        person = person_before(text, mention.start) if text.startswith("청장", mention.end) else None
        if person in cities_by_person:
            found |= cities_by_person[person]
    return found.pop() if len(found) == 1 else None
