"""The search index of one season's open slots, and its ranking.

A query word hits a slot's word at one of three levels: the same word (WORD), the same
stem (STEM: `plejehjemmene` – `plejehjem`), or a part (PART: the start, the head or another
part of a compound – `plejecenter` in `demensplejecenter`, `trafik` in `trafikplanlægning`;
a word one typo away; for an unknown compound, each known word it is made of). A hit weighs
its field's weight times its level, and each query word counts once per slot, by its best
hit: a slot that repeats a word or matches it in many fields does not outrank one that has
it as a whole word in its name. Slots that match every word come first, best first; when no
slot matches them all, slots are ranked by how many words they match.

Built once per change of the slots (content, not seats) and kept in memory: a search then
costs a few look-ups and set unions instead of reading and scanning every slot.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from bot import texts
from bot.geo import municipality
from bot.search.analysis import PIECE_MIN, near, pieces, spellings, stem, terms, words

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

WORD_CACHE_SIZE = 1024  # query words' scores kept per index
RANK_CACHE_SIZE = 256  # queries' orders kept per index

WEIGHTS = {
    "workplace": 8,
    "municipality": 6,
    "region": 3,
    "topics": 5,
    "sector": 3,
    "description": 1,
}
WORD, STEM, PART = 4, 3, 2  # a whole word still counts double a part, as it always did


@lru_cache(maxsize=4096)
def _shared_words(text: str) -> tuple[str, ...]:
    """`words` for the values many slots share (places, topics, sectors)."""
    return tuple(words(text))


@dataclass(frozen=True, slots=True)
class Doc:
    slot_id: int
    fields: dict[str, tuple[str, ...]]  # field name → its analysed words
    owner: str = ""  # the host's Slack user ID: their own slot is never shown to them
    capacity: int = 0  # seats offered (0: not known, never counted as full here)
    version: Hashable = None  # the slot's content version: a result's rendering is kept by it


def document(
    *,
    slot_id: int,
    workplace: str,
    sector: str,
    municipality_code: str,
    region: str | None,
    topics: Sequence[str],
    description: str,
    owner: str = "",
    capacity: int = 0,
    version: Hashable = None,
) -> Doc:
    place = municipality(municipality_code)
    where = f"{place.name} {place.official_name}" if place else texts.CENTRAL_ADMINISTRATION_LABEL
    return Doc(
        slot_id=slot_id,
        fields={
            "workplace": tuple(words(workplace)),
            "municipality": _shared_words(where),
            "region": _shared_words(region or ""),
            "topics": tuple(w for t in topics for w in _shared_words(t)),
            "sector": _shared_words(texts.SECTOR_LABELS.get(sector, sector)),
            "description": tuple(words(description)),
        },
        owner=owner,
        capacity=capacity,
        version=version,
    )


class _Vocabulary:
    """Every word of the index in every spelling, by stem, by stem's start and inside."""

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for surface in surfaces:
            self.by_stem[stem(surface)].append(surface)
            self.by_length[len(surface)].append(surface)
        self.stems = sorted(self.by_stem)
        self._text = "\n".join(self.stems)  # searched for a stem inside another
        self._starts = list(itertools.accumulate((len(s) + 1 for s in self.stems[:-1]), initial=0))

    def known(self, word: str) -> bool:
        return stem(word) in self.by_stem

    def starting(self, prefix: str) -> Iterable[str]:
        at = bisect_left(self.stems, prefix)
        while at < len(self.stems) and self.stems[at].startswith(prefix):
            yield self.stems[at]
            at += 1

    def containing(self, part: str) -> Iterable[str]:
        at = self._text.find(part)
        while at >= 0:
            which = bisect_right(self._starts, at) - 1
            yield self.stems[which]
            at = self._text.find(part, self._starts[which] + len(self.stems[which]))

    def near(self, word: str) -> list[str]:
        n = len(word)
        return near(
            word,
            self.by_length.get(n - 1, [])
            + self.by_length.get(n, [])
            + self.by_length.get(n + 1, []),
        )


class Index:
    def __init__(self, docs: Sequence[Doc]) -> None:
        self.postings: dict[str, dict[str, set[int]]] = {name: {} for name in WEIGHTS}
        for doc in docs:
            for name, found in doc.fields.items():
                postings = self.postings[name]
                for word in set(found):
                    for spelling in spellings(word):
                        postings.setdefault(spelling, set()).add(doc.slot_id)
        self.vocabulary = _Vocabulary({w for postings in self.postings.values() for w in postings})
        self.size = len(docs)
        self._listed = {doc.slot_id: (doc.capacity, doc.version) for doc in docs}
        self._owned: dict[str, frozenset[int]] = {}
        for doc in docs:
            if doc.owner:
                self._owned[doc.owner] = self._owned.get(doc.owner, frozenset()) | {doc.slot_id}
        # Queries repeat ("klima", "aarhus"): scores and orders are kept once computed. Plain
        # dicts, not lru_cache on bound methods: those make a cycle, and an old index would
        # then wait for a full collection (or, frozen, never go; see bot/heap.py).
        self._word_cache: dict[str, dict[int, float]] = {}
        self._rank_cache: dict[tuple[str, ...], tuple[tuple[int, ...], frozenset[int]]] = {}

    # One query word -------------------------------------------------------------------------

    def _levels(self, term: str) -> tuple[dict[str, int], bool]:
        """The index's words a query word hits, each at its best level; and whether it hit
        any word whole or by stem."""
        levels: dict[str, int] = {}

        def hit(surfaces: Iterable[str], level: int) -> None:
            for surface in surfaces:
                if level > levels.get(surface, 0):
                    levels[surface] = level

        vocabulary = self.vocabulary
        whole = False
        for spelling in spellings(term):
            root = stem(spelling)
            hit(vocabulary.by_stem.get(root, ()), STEM)
            whole = whole or root in vocabulary.by_stem
            for other in vocabulary.starting(root):
                hit(vocabulary.by_stem[other], PART)
            if len(root) >= PIECE_MIN:
                for other in vocabulary.containing(root):
                    hit(vocabulary.by_stem[other], PART)
        hit((s for s in spellings(term) if s in levels), WORD)
        if not whole:
            for spelling in spellings(term):
                for other in vocabulary.near(spelling):
                    hit(vocabulary.by_stem[stem(other)], PART)
        return levels, whole

    def _best(self, levels: dict[str, int]) -> dict[int, float]:
        best: dict[int, float] = {}
        for name, weight in WEIGHTS.items():
            postings = self.postings[name]
            for surface, level in levels.items():
                found = postings.get(surface)
                if not found:
                    continue
                score = weight * level
                for slot_id in found:
                    if score > best.get(slot_id, 0):
                        best[slot_id] = score
        return best

    def _term_scores(self, term: str) -> dict[int, float]:
        levels, whole = self._levels(term)
        best = self._best(levels)
        if whole:
            return best
        # An unknown compound: each known word it is made of counts by the share of the
        # compound it covers, so a slot with more of them, or with the longer, ranks first
        # (`sygehusbyggeri`: `sygehus` and `byggeriet`; `borgerservicecenter`: the service
        # before any centre).
        parts: dict[int, float] = defaultdict(float)
        for piece in pieces(term, self.vocabulary.known):
            found = self.vocabulary.by_stem[stem(piece)]
            for slot_id, score in self._best(dict.fromkeys(found, PART)).items():
                parts[slot_id] += score * len(piece) / len(term)
        for slot_id, score in parts.items():
            if score > best.get(slot_id, 0):
                best[slot_id] = score
        return best

    def _scores(self, term: str) -> dict[int, float]:
        return _kept(self._word_cache, term, WORD_CACHE_SIZE, self._term_scores)

    # A query ---------------------------------------------------------------------------------

    def matches(self, query: str) -> dict[int, tuple[int, float]]:
        """Every slot any word of the query hits: (words hit, score)."""
        found: dict[int, tuple[int, float]] = {}
        for term in terms(query):
            for slot_id, score in self._scores(term).items():
                hits, total = found.get(slot_id, (0, 0.0))
                found[slot_id] = (hits + 1, total + score)
        return found

    def _rank_terms(self, asked: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[int]]:
        found = self.matches(" ".join(asked))
        every = {i: m for i, m in found.items() if m[0] == len(asked)}
        ordered = sorted((every or found).items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        return tuple(slot_id for slot_id, _ in ordered), frozenset(every or found)

    def _ranked(self, asked: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[int]]:
        return _kept(self._rank_cache, asked, RANK_CACHE_SIZE, self._rank_terms)

    def listed(self, slot_id: int) -> tuple[int, Hashable]:
        """(capacity, content version) of a slot as it was when the index was built."""
        return self._listed.get(slot_id, (0, None))

    def owned_by(self, user_id: str) -> frozenset[int]:
        """The user's own open slots (a host has one a season; the set keeps it general)."""
        return self._owned.get(user_id, frozenset())

    def rank(self, query: str) -> list[int]:
        """Matching slot IDs, best first; ties by slot ID (oldest first)."""
        return list(self._ranked(tuple(terms(query)))[0])

    def page(
        self, query: str, *, hidden: Set[int], offset: int, limit: int
    ) -> tuple[list[int], int]:
        """One page of `rank` without the hidden slots, and how many matched in all."""
        ranked, matched = self._ranked(tuple(terms(query)))
        total = len(matched) - sum(1 for slot_id in hidden if slot_id in matched)
        shown = (slot_id for slot_id in ranked if slot_id not in hidden)
        return list(itertools.islice(shown, max(0, offset), max(0, offset) + limit)), total


def _kept(cache: dict[K, V], key: K, size: int, make: Callable[[K], V]) -> V:
    """`make(key)`, kept in `cache`; a full cache starts over (queries repeat within minutes)."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= size:
            cache.clear()
        found = cache[key] = make(key)
    return found


def rank(query: str, docs: Sequence[Doc]) -> list[int]:
    return Index(docs).rank(query)
