"""Pure text functions behind Korean full-text search and near-duplicate clustering.

Korean particles stick to words (청년들을, 서울청년), so neither whitespace tokenizers nor
SQLite's trigram tokenizer find '청년' reliably (../shared/toolchain.md §2: a 2-character
trigram MATCH silently returns nothing). Overlapping character bigrams of each word do: every
substring of two or more characters is a run of consecutive bigrams, searchable as a phrase on
SQLite FTS5 and PostgreSQL tsvector alike, with no dictionary or model.

Near-duplicates (one press release carried by several outlets, each trimming or re-wording a
little) are found with MinHash over character shingles and LSH banding: candidates share a
band, and are confirmed by their exact *containment*, the share of the shorter text's
shingles found in the longer one (a 64-value signature estimates it too roughly near 0.5). Containment rather than Jaccard similarity, because outlets
often print a condensed version of a release: a 480-character Herald piece inside a
1,200-character 뉴스21 one has Jaccard 0.24 but containment 0.68.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata

WORD = re.compile(r"[0-9A-Za-z]+|[\uac00-\ud7a3]+|[\u3131-\u318e]+|[\u4e00-\u9fff]+")
HANGUL_OR_HANJA = re.compile(r"[\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff]")


def search_tokens(text: str | None) -> list[str]:
    """Words → bigram tokens ('청년정책' → 청년 년정 정책); Latin/digit words stay whole, lowercased."""
    tokens: list[str] = []
    for word in WORD.findall(unicodedata.normalize("NFC", text or "")):
        if HANGUL_OR_HANJA.match(word):
            tokens.extend([word] if len(word) == 1 else [word[i:i + 2] for i in range(len(word) - 1)])
        else:
            tokens.append(word.lower())
    return tokens


def search_document(text: str | None) -> str:
    return " ".join(search_tokens(text))


def query_phrases(query: str) -> list[list[str]]:
    """One bigram phrase per query word: '청년 정책' → [[청년], [정책]]; every phrase must match."""
    return [search_tokens(word) for word in query.split() if search_tokens(word)]


def fts5_match(query: str | None) -> str:
    """The SQLite FTS5 MATCH expression of a user query: '혁신평가 청년' → '"혁신 신평 평가" AND "청년"'.

    Registered as the SQL function ``gupress_match`` on every SQLite connection (storage/db.py)
    and in the Datasette plugin, so plain SQL can search without building bigrams by hand.
    Tokens are letters and digits only, so no quoting can break out of a phrase.
    """
    return " AND ".join('"' + " ".join(phrase) + '"' for phrase in query_phrases(query or ""))


def tsquery_text(query: str | None) -> str:
    """The PostgreSQL ``to_tsquery('simple', …)`` text of a user query: '혁신평가 청년' →
    '(혁신 <-> 신평 <-> 평가) & (청년)'; migration 0008's SQL function ``gupress_match`` does the same."""
    return " & ".join("(" + " <-> ".join(phrase) + ")" for phrase in query_phrases(query or ""))


# --- MinHash -------------------------------------------------------------------------

SHINGLE = 5
PERMUTATIONS = 64
#: 32 bands of 2 rows make a pair with Jaccard 0.2 a candidate 73% of the time, 0.3 97%;
#: that permissiveness is affordable because candidates are also limited to articles published
#: within a few days of each other (storage/search.py).
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SAME_RELEASE_CONTAINMENT = 0.5
_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1


def _permutations() -> list[tuple[int, int]]:
    """Fixed (a, b) pairs: signatures must stay comparable across processes and releases."""
    out = []
    for i in range(PERMUTATIONS):
        digest = hashlib.sha256(f"gupress-minhash-{i}".encode()).digest()
        a, b = struct.unpack("<QQ", digest[:16])
        out.append((a % (_PRIME - 1) + 1, b % _PRIME))
    return out


_PERMS = _permutations()


def shingles(text: str | None) -> set[int]:
    """Hashes of character 5-grams of the text with spaces and punctuation removed."""
    compact = "".join(WORD.findall(unicodedata.normalize("NFC", text or ""))).lower()
    grams = {compact[i:i + SHINGLE] for i in range(max(len(compact) - SHINGLE + 1, 0))}
    return {struct.unpack("<Q", hashlib.blake2b(g.encode(), digest_size=8).digest())[0] for g in grams}


def minhash(text: str | None) -> list[int] | None:
    """A 64-value signature, or None for texts too short to compare meaningfully."""
    hashes = shingles(text)
    if len(hashes) < 20:
        return None
    return [min(((a * h + b) % _PRIME) & _MASK for h in hashes) for a, b in _PERMS]


def bands(signature: list[int]) -> list[tuple[int, int]]:
    """(band number, bucket) pairs; two texts sharing any bucket are candidates."""
    out = []
    for band in range(BANDS):
        rows = signature[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<{ROWS}Q", *rows), digest_size=8).digest()
        out.append((band, struct.unpack("<q", digest)[0]))
    return out


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return sum(x == y for x, y in zip(first, second)) / len(first)


def containment(first: set[int], second: set[int]) -> float:
    """Share of the smaller shingle set that the other contains (1.0: one text is inside the other)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))
