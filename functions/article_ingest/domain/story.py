"""Stories, pure: a MinHash signature of an article's body, its LSH band keys, and which story a body joins.

Syndicated copies of one story (a wire report on thirty sites, lightly rewritten) share most of their body's word
4-grams; different stories, even on one topic, share few. The signature estimates the Jaccard similarity of two
bodies' 4-gram sets from 128 values (one-permutation hashing: one blake2b per 4-gram, the minimum kept in each of
128 bins, empty bins filled from their right neighbour). Bands of those values are the keys of the story index:
two bodies that agree on every value of one band land on the same key, so finding the near-copies of a body reads
a fixed number of keys (`BANDS`), whatever the number of articles. The scheme, thresholds and band layout were
chosen with `benchmarks/syndication.py` (results in `benchmarks/README.md`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# Part of every band key: signatures of another scheme (shingles, hash, layout) never meet these.
SCHEME = "m1"
SHINGLE_WORDS = 4
SIGNATURE_SIZE = 128  # a power of two: the low bits of a 4-gram's hash pick its bin
BANDS = 16
ROWS = 3  # values per band: BANDS * ROWS <= SIGNATURE_SIZE
# Fewer distinct 4-grams than this (about a 40-word body) and the body is too short to tell a copy from a
# coincidence: such an article is a story of its own and its signature is never indexed.
MIN_SHINGLES = 40
# Estimated Jaccard similarity from which a body is a copy of another (copies keeping >= 70% of a body measure
# well above it, a follow-up quoting a third of it well below).
COPY_THRESHOLD = 0.4

_BIN_BITS = SIGNATURE_SIZE.bit_length() - 1
_BIN_MASK = SIGNATURE_SIZE - 1
_VALUE_BYTES = 4
_WORD_RE = re.compile(r"\w+")
_NO_VALUE = 1 << 64


class BodySignature(NamedTuple):  # NamedTuples here: cheaper to create at import than dataclasses
    """`SIGNATURE_SIZE` 32-bit values. Equal values at a position are evidence of shared 4-grams."""

    values: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return b"".join(value.to_bytes(_VALUE_BYTES, "big") for value in self.values)

    @classmethod
    def from_bytes(cls, data: bytes) -> BodySignature:
        if len(data) != SIGNATURE_SIZE * _VALUE_BYTES:
            raise ValueError(f"a signature is {SIGNATURE_SIZE * _VALUE_BYTES} bytes, not {len(data)}")
        step = _VALUE_BYTES
        return cls(tuple(int.from_bytes(data[i : i + step], "big") for i in range(0, len(data), step)))

    def band_keys(self) -> tuple[str, ...]:
        """One key per band: the scheme, the band's number and a digest of its values."""
        keys = []
        for band in range(BANDS):
            rows = self.values[band * ROWS : (band + 1) * ROWS]
            digest = hashlib.blake2b(b"".join(v.to_bytes(_VALUE_BYTES, "big") for v in rows), digest_size=8)
            keys.append(f"{SCHEME}#{band:02d}#{digest.hexdigest()}")
        return tuple(keys)


def words(body: str) -> list[str]:
    """The body's words, case-folded, without punctuation: what the 4-grams are made of."""
    return _WORD_RE.findall(body.casefold())


def shingles(body: str) -> set[str]:
    tokens = words(body)
    return {" ".join(gram) for gram in zip(*(tokens[i:] for i in range(SHINGLE_WORDS)), strict=False)}


def body_signature(body: str) -> BodySignature | None:
    """The body's signature, or None when it is too short to be judged a copy of anything."""
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return None
    minima = [_NO_VALUE] * SIGNATURE_SIZE
    blake2b = hashlib.blake2b
    for gram in grams:
        hashed = int.from_bytes(blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")
        slot = hashed & _BIN_MASK
        value = hashed >> _BIN_BITS
        if value < minima[slot]:
            minima[slot] = value
    return BodySignature(tuple(_densified(minima)))


def _densified(minima: list[int]) -> list[int]:
    """Empty bins borrow the value of the next filled bin to their right, marked with the distance (rotation
    densification): two bodies with the same 4-grams fill the same bins the same way."""
    size = len(minima)
    values = [0] * size
    for slot in range(size):
        distance = 0
        while minima[(slot + distance) % size] == _NO_VALUE:
            distance += 1
        value = minima[(slot + distance) % size] >> (64 - _BIN_BITS - 8 * _VALUE_BYTES)
        values[slot] = value if distance == 0 else _mix(value, distance)
    return values


def _mix(value: int, distance: int) -> int:
    data = value.to_bytes(_VALUE_BYTES, "big") + distance.to_bytes(2, "big")
    return int.from_bytes(hashlib.blake2b(data, digest_size=_VALUE_BYTES).digest(), "big")


def similarity(a: BodySignature, b: BodySignature) -> float:
    """Estimated Jaccard similarity of the two bodies' 4-gram sets: the share of positions that agree."""
    agree = sum(1 for x, y in zip(a.values, b.values, strict=True) if x == y)
    return agree / SIGNATURE_SIZE


# --- the story decision ---------------------------------------------------------------------------------------


class StoryMember(NamedTuple):
    """What the story index keeps under a band key: the article that first landed there, and its story."""

    article_id: str
    story_id: str
    signature: BodySignature


class StoryAssignment(NamedTuple):
    """Which story an article version belongs to. `duplicate_of` is None for a story's first article."""

    story_id: str
    duplicate_of: str | None = None
    similarity: float | None = None


def own_story(article_id: str) -> StoryAssignment:
    return StoryAssignment(story_id=article_id)


def decide_story(
    article_id: str,
    signature: BodySignature | None,
    found: Mapping[str, StoryMember],
    previous: StoryAssignment | None = None,
    previous_signature: BodySignature | None = None,
    threshold: float = COPY_THRESHOLD,
) -> StoryAssignment:
    """The story of an article version, from the members found under its band keys.

    - a body too short to judge: a story of its own;
    - an update whose body is still a near-copy of its previous body keeps its story;
    - else the most similar other article at or over the threshold gives its story (ties: the smaller id, so every
      run decides alike), and none gives a story of its own.
    """
    if signature is None:
        return own_story(article_id)
    if previous is not None and previous_signature and similarity(signature, previous_signature) >= threshold:
        return previous
    best = _best_match(article_id, signature, found.values())
    if best is None or best[0] < threshold:
        return own_story(article_id)
    score, member = best
    return StoryAssignment(story_id=member.story_id, duplicate_of=member.article_id, similarity=round(score, 4))


def _best_match(
    article_id: str, signature: BodySignature, members: Iterable[StoryMember]
) -> tuple[float, StoryMember] | None:
    best: tuple[float, StoryMember] | None = None
    for member in members:
        if member.article_id == article_id:  # its own earlier claim (a retry, an update): not a copy of itself
            continue
        score = similarity(signature, member.signature)
        if best is None or score > best[0] or (score == best[0] and member.article_id < best[1].article_id):
            best = (score, member)
    return best
