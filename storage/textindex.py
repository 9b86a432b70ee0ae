"""Pure text functions behind Korean full-text search and near-duplicate clustering.

Korean particles stick to words (청년들을, 서울청년), so neither whitespace tokenizers nor
SQLite's trigram tokenizer find '청년' reliably (../shared/toolchain.md §2: a 2-character
trigram MATCH silently returns nothing). Overlapping character bigrams of each word do: every
substring of two or more characters is a run of consecutive bigrams, searchable as a phrase on
SQLite FTS5 and PostgreSQL tsvector alike, with no dictionary or model.

Near-duplicates (one press release carried by several outlets, each trimming or re-wording a
little) are found with MinHash over character shingles and LSH banding: candidates share a
band, and are confirmed by their exact *containment*, the share of the shorter text's
shingles found in the longer one (a signature estimates it too roughly near 0.5, so it only screens candidates). Containment rather than Jaccard similarity, because outlets
often print a condensed version of a release: a 480-character Herald piece inside a
1,200-character 뉴스21 one has Jaccard 0.24 but containment 0.68.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from operator import add
import re
import struct
import unicodedata

import numpy as np

WORD = re.compile(r"[0-9A-Za-z]+|[\uac00-\ud7a3]+|[\u3131-\u318e]+|[\u4e00-\u9fff]+")


def search_tokens(text: str | None) -> list[str]:
    """Words → bigram tokens ('청년정책' → 청년 년정 정책); Latin/digit words stay whole, lowercased."""
    tokens: list[str] = []
    extend, append = tokens.extend, tokens.append
    for word in WORD.findall(unicodedata.normalize("NFC", text or "")):
        if word[0] <= "z":  # WORD's Latin/digit alternative; the others are all Hangul or Hanja
            append(word.lower())
        elif len(word) == 1:
            append(word)
        else:
            extend(map(add, word, word[1:]))
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
#
# Vectorised with numpy (issue 10): shingle hashes are a polynomial of the five code points
# mixed by splitmix64, and each of the 128 permutations is a multiply-add-shift of those
# hashes, so one signature is a handful of array operations instead of 64 Python loops over
# every shingle. datasketch would do the same arithmetic but hashes each shingle in Python
# (its ``update`` takes one byte string at a time), which is the cost we are removing.

SHINGLE = 5
PERMUTATIONS = 128
#: 32 bands of 2 rows (the first 64 values) make a pair with Jaccard 0.2 a candidate 73% of
#: the time, 0.3 97%; that permissiveness is affordable because candidates are also limited to
#: articles published within a few days of each other (storage/clusters.py). The other 64
#: values only sharpen the containment estimate that screens candidates.
BANDS = 32
ROWS = 2
SAME_RELEASE_CONTAINMENT = 0.5
MIN_SHINGLES = 20
_U64 = np.uint64


def _constants(label: str, count: int) -> np.ndarray:
    """Fixed 64-bit odd constants: signatures must stay comparable across processes and releases."""
    out = []
    for i in range(count):
        digest = hashlib.sha256(f"gupress-{label}-{i}".encode()).digest()
        out.append(struct.unpack("<Q", digest[:8])[0] | 1)
    return np.array(out, dtype=_U64)


_GRAM_WEIGHTS = _constants("gram", SHINGLE)
_PERM_A = _constants("minhash-a", PERMUTATIONS)
_PERM_B = _constants("minhash-b", PERMUTATIONS)
_BAND_WEIGHTS = _constants("band", ROWS + 1)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the whole 64-bit word."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> _U64(30))
        values = values * _U64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> _U64(27))
        values = values * _U64(0x94D049BB133111EB)
        return values ^ (values >> _U64(31))


def compact_text(text: str | None) -> str:
    """Words only, lowercased: spaces and punctuation do not make two releases differ."""
    return "".join(WORD.findall(unicodedata.normalize("NFC", text or ""))).lower()


def shingles(text: str | None) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the character 5-grams of the compacted text."""
    compact = compact_text(text)
    count = len(compact) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=_U64)
    points = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    grams = np.zeros(count, dtype=_U64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE):
            grams += points[offset:offset + count] * _GRAM_WEIGHTS[offset]
    return np.unique(_mix(grams))


def signature_of(hashes: np.ndarray) -> np.ndarray | None:
    """128 minimum hash values (uint32) of a shingle set, or None when it is too small to compare."""
    if len(hashes) < MIN_SHINGLES:
        return None
    permuted = np.multiply(hashes[None, :], _PERM_A[:, None])  # wraps mod 2**64, as meant
    np.add(permuted, _PERM_B[:, None], out=permuted)
    # the top 32 bits are the permuted value; taking them is monotonic, so after the minimum
    return (permuted.min(axis=1) >> _U64(32)).astype(np.uint32)


def minhash(text: str | None) -> np.ndarray | None:
    """A 128-value signature, or None for texts too short to compare meaningfully."""
    return signature_of(shingles(text))


def bands(signature: np.ndarray) -> list[int]:
    """One signed 64-bit LSH bucket per band (the band number is mixed in); two texts
    sharing any bucket are candidates."""
    rows = signature[:BANDS * ROWS].astype(_U64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        combined = np.arange(BANDS, dtype=_U64) * _BAND_WEIGHTS[ROWS]
        for row in range(ROWS):
            combined = combined + rows[:, row] * _BAND_WEIGHTS[row]
    return _mix(combined).view(np.int64).tolist()


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(np.asarray(first) == np.asarray(second))) / len(first)


def estimated_containment(first: np.ndarray, first_size: int, second: np.ndarray, second_size: int) -> float:
    """Containment estimated from two signatures and the shingle counts: the shared shingles are
    J(|A|+|B|)/(1+J), divided by the smaller set. A screen only; the store confirms exactly."""
    jaccard = similarity(first, second)
    smaller = min(first_size, second_size)
    if not smaller:
        return 0.0
    return jaccard * (first_size + second_size) / ((1 + jaccard) * smaller)


def containment(first: np.ndarray, second: np.ndarray) -> float:
    """Share of the smaller shingle set that the other contains (1.0: one text is inside the other)."""
    if not len(first) or not len(second):
        return 0.0
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / min(len(first), len(second))


# --- computed ahead ---------------------------------------------------------------------

@dataclass(frozen=True)
class TextIndex:
    """Everything indexing derives from an article's title and body by CPU alone: the bigram
    documents, the shingle hashes and the signature. The crawl computes it in another process
    while the item waits for its batch (crawler/pipelines/text_workers.py), so the writer
    thread does database work only; ``title`` and ``body`` say which texts it belongs to."""

    title: str
    body: str
    title_grams: str
    body_grams: str
    hashes: np.ndarray
    signature: np.ndarray | None

    def belongs_to(self, title: str | None, body: str | None) -> bool:
        return self.title == (title or "") and self.body == (body or "")


def text_work(title: str | None, body: str | None) -> tuple[str, str, np.ndarray, np.ndarray | None]:
    """The CPU part of :class:`TextIndex` (a top-level function: it runs in a worker process)."""
    hashes = shingles(body)
    return search_document(title), search_document(body), hashes, signature_of(hashes)


def text_index(title: str | None, body: str | None) -> TextIndex:
    return TextIndex(title or "", body or "", *text_work(title, body))
