"""Sentence bounds in Korean news text, shared by the rule modules (the lowest layer: it imports none of them).

A sentence here ends at '다.' (the declarative ending nearly every news sentence closes on) or a line break;
quotes and headlines without that ending run on to the next break, which is what the rules want.
"""

from __future__ import annotations


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts: just past the '다' of the last '다.' before it (so at its
    full stop, which no rule's pattern needs to skip), or past the last line break."""
    return max(text.rfind("다.", 0, position), text.rfind("\n", 0, position)) + 1
