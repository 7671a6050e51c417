"""The search index of one season's open slots, and its ranking.

A query word hits a slot's word at one of three levels: the same word (WORD), the same
stem (STEM: `plejehjemmene` – `plejehjem`), or a part (PART: the start, the head or another
part of a compound – `plejecenter` in `demensplejecenter`, `trafik` in `trafikplanlægning`;
a word one typo away, or with its stem one typo from the word's stem; for an unknown
compound, each known word it is made of). A hit weighs its field's weight times its level,
and each query word counts once per slot, by its best hit: a slot that repeats a word or
matches it in many fields does not outrank one that has it as a whole word in its name. Slots
that match every word come first, best first; when no slot matches them all, slots are
ranked by how many words they match.

Built once per change of the slots (content, not seats) and kept in memory: a search then
costs a few look-ups and set unions instead of reading and scanning every slot.
"""

from __future__ import annotations

import itertools
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from cachetools import LRUCache

from bot import texts
from bot.domain.geo import municipality
from bot.search.analysis import (
    PIECE_MIN,
    near,
    pieces,
    spellings,
    stem,
    stems,
    terms,
    words,
)

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
MATCHED = 1000  # above any one word's score: a slot hit by more words ranks first


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


@dataclass(frozen=True, slots=True)
class _Ranked:
    ordered: tuple[int, ...]  # best first
    matched: frozenset[int]
    every: bool  # the slots have every word (or there are none)


class _Vocabulary:
    """Every word of the index in every spelling: by stem, by length, and each stem by its
    start and by each run of PIECE_MIN letters in it (so the stems that contain a part are
    found among the few that share its first and last run)."""

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.stem_of = {surface: stem(surface) for surface in surfaces}
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for surface in self.stem_of:
            self.by_length[len(surface)].append(surface)
        self.stems = sorted(set(self.stem_of.values()))
        self.stems_by_length: dict[int, list[str]] = defaultdict(list)
        for root in self.stems:
            self.stems_by_length[len(root)].append(root)
        self.starts = {root[:3] for root in self.stems}
        self._runs: dict[str, set[str]] = defaultdict(set)
        for root in self.stems:
            for at in range(len(root) - PIECE_MIN + 1):
                self._runs[root[at : at + PIECE_MIN]].add(root)

    def containing(self, part: str) -> set[str]:
        """Stems that begin with `part`, or contain it when it has PIECE_MIN letters or more."""
        if len(part) < PIECE_MIN:
            return set(
                self.stems[bisect_left(self.stems, part) : bisect_left(self.stems, part + "\uffff")]
            )
        found = self._runs.get(part[:PIECE_MIN], set())
        if len(part) == PIECE_MIN:
            return found
        found = found & self._runs.get(part[-PIECE_MIN:], set())
        return {root for root in found if part in root}

    def near(self, word: str) -> list[str]:
        lengths = range(len(word) - 1, len(word) + 2)
        return near(word, [w for n in lengths for w in self.by_length.get(n, ())])

    def near_stems(self, root: str) -> list[str]:
        lengths = range(len(root) - 1, len(root) + 2)
        return near(root, [r for n in lengths for r in self.stems_by_length.get(n, ())])


class Index:
    def __init__(self, docs: Sequence[Doc]) -> None:
        self.postings: dict[str, dict[str, set[int]]] = {name: {} for name in WEIGHTS}
        for doc in docs:
            for name, found in doc.fields.items():
                postings = self.postings[name]
                for word in set(found):
                    postings.setdefault(word, set()).add(doc.slot_id)
        for postings in self.postings.values():  # each word in its collapsed spelling too
            for word in list(postings):
                for other in spellings(word)[1:]:
                    postings[other] = postings.get(other, set()) | postings[word]
        self.vocabulary = _Vocabulary({w for postings in self.postings.values() for w in postings})
        # stem → (field weight, slots with a word of that stem in the field), per field; a
        # stem with one word in a field shares that word's set (`_best` then skips it)
        self.by_stem: dict[str, list[tuple[int, set[int]]]] = defaultdict(list)
        for name, postings in self.postings.items():
            grouped: dict[str, list[set[int]]] = defaultdict(list)
            for surface, slot_ids in postings.items():
                grouped[self.vocabulary.stem_of[surface]].append(slot_ids)
            for root, sets in grouped.items():
                union = sets[0] if len(sets) == 1 else set().union(*sets)
                self.by_stem[root].append((WEIGHTS[name], union))
        self.size = len(docs)
        self._listed = {doc.slot_id: (doc.capacity, doc.version) for doc in docs}
        self._owned: dict[str, frozenset[int]] = {}
        for doc in docs:
            if doc.owner:
                self._owned[doc.owner] = self._owned.get(doc.owner, frozenset()) | {doc.slot_id}
        # Queries repeat ("klima", "aarhus"): scores and orders are kept once computed, the
        # most recently used. cachetools' LRUCache holds no reference back to the index;
        # lru_cache on bound methods would make a cycle, and an old index would then wait
        # for a full collection (or, frozen, never go; see bot/runtime/heap.py). Searches
        # run in the database threads and even a read reorders an LRU: hence the lock.
        self._word_cache: LRUCache[str, dict[int, float]] = LRUCache(maxsize=WORD_CACHE_SIZE)
        self._rank_cache: LRUCache[tuple[str, ...], _Ranked] = LRUCache(maxsize=RANK_CACHE_SIZE)
        self._cache_lock = threading.Lock()

    # One query word -------------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        # Stemming only shortens a word: one whose start begins no stem is not stemmed at all
        # (an unknown compound is tried at every split, and gibberish at every one of them).
        return word[:3] in self.vocabulary.starts and stem(word) in self.by_stem

    def _levels(self, term: str) -> tuple[set[str], dict[str, int], bool]:
        """The index's words a query word hits whole, the stems it hits (the same, or as a
        part), and whether it hit any word whole or by stem."""
        vocabulary = self.vocabulary
        whole = {s for s in spellings(term) if s in vocabulary.stem_of}
        roots = {alike for s in spellings(term) for alike in stems(s)}
        levels = {root: STEM for root in roots if root in self.by_stem}
        for root in roots:
            for other in vocabulary.containing(root):
                levels.setdefault(other, PART)
        if not levels.keys() & roots:  # no such word: one typo away, then?
            for spelling in spellings(term):
                for other in vocabulary.near(spelling):
                    levels.setdefault(vocabulary.stem_of[other], PART)
                # A slot's word is mostly inflected (`plejehjemmet`) and a query's word
                # often not (`plejhjem`): two forms that are one edit apart only in their
                # stems, so stems are compared too (a stem of TYPO_MIN letters or more).
                for other in vocabulary.near_stems(stem(spelling)):
                    levels.setdefault(other, PART)
        return whole, levels, bool(levels.keys() & roots)

    def _best(self, whole: set[str], levels: dict[str, int]) -> dict[int, float]:
        """Each slot's best hit: slots are taken highest score first, each once (set unions,
        differences and dict updates run in C; a loop over slots in Python was most of a
        search's time at 10,000 slots)."""
        by_score: dict[int, list[set[int]]] = defaultdict(list)
        taken: set[int] = set()  # the sets hit as whole words: their stems add nothing
        for name, weight in WEIGHTS.items():
            for surface in whole:
                if found := self.postings[name].get(surface):
                    by_score[weight * WORD].append(found)
                    taken.add(id(found))
        for root, level in levels.items():
            for weight, found in self.by_stem.get(root, ()):
                if id(found) not in taken:
                    by_score[weight * level].append(found)
        best: dict[int, float] = {}
        seen: set[int] = set()
        for score in sorted(by_score, reverse=True):
            found = set().union(*by_score[score]) - seen  # costs the size of `found`
            seen |= found
            best.update(dict.fromkeys(found, score))
        return best

    def _term_scores(self, term: str) -> dict[int, float]:
        whole, levels, known = self._levels(term)
        best = self._best(whole, levels)
        if known:
            return best
        # An unknown compound: each known word it is made of counts, the first in full and
        # each later one half, since a Danish compound's first part names what it is about
        # and the last is often generic (`ældrecenter`: the elderly before any centre;
        # `jobcenterchef`: the job centre, then a chief). A slot with more of them ranks
        # first (`sygehusbyggeri`: `sygehus` and `byggeriet`).
        parts: dict[int, float] = defaultdict(float)
        for at, root in enumerate(dict.fromkeys(stem(p) for p in pieces(term, self._known))):
            for slot_id, score in self._best(set(), {root: PART}).items():
                parts[slot_id] += score if at == 0 else score / 2
        for slot_id, score in parts.items():
            if score > best.get(slot_id, 0):
                best[slot_id] = score
        return best

    def _scores(self, term: str) -> dict[int, float]:
        return self._kept(self._word_cache, term, self._term_scores)

    # A query ---------------------------------------------------------------------------------

    def matches(self, query: str) -> dict[int, float]:
        """Every slot any word of the query hits, by words hit, then score: each word hit
        counts MATCHED plus its score."""
        found: dict[int, float] = {}
        for term in terms(query):
            for slot_id, score in self._scores(term).items():
                found[slot_id] = found.get(slot_id, 0) + MATCHED + score
        return found

    def _rank_terms(self, asked: tuple[str, ...]) -> _Ranked:
        each = sorted((self._scores(term) for term in asked), key=len)
        every = dict(each[0]) if each else {}
        for scores in each[1:]:
            every = {i: total + scores[i] for i, total in every.items() if i in scores}
        found = every or self.matches(" ".join(asked))
        ordered = sorted(found)  # ties by slot ID; the sort by score keeps that order
        ordered.sort(key=found.__getitem__, reverse=True)
        return _Ranked(tuple(ordered), frozenset(found), every=bool(every) or not found)

    def _ranked(self, asked: tuple[str, ...]) -> _Ranked:
        return self._kept(self._rank_cache, asked, self._rank_terms)

    def _kept(self, cache: LRUCache[K, V], key: K, make: Callable[[K], V]) -> V:
        """`make(key)`, kept in `cache`; made outside the lock, so two threads may both make
        a new one (the same value) rather than wait for each other."""
        with self._cache_lock:
            found = cache.get(key)
        if found is None:
            found = make(key)
            with self._cache_lock:
                cache[key] = found
        return found

    def listed(self, slot_id: int) -> tuple[int, Hashable]:
        """(capacity, content version) of a slot as it was when the index was built."""
        return self._listed.get(slot_id, (0, None))

    def owned_by(self, user_id: str) -> frozenset[int]:
        """The user's own open slots (a host has one a season; the set keeps it general)."""
        return self._owned.get(user_id, frozenset())

    def rank(self, query: str) -> list[int]:
        """Matching slot IDs, best first; ties by slot ID (oldest first)."""
        return list(self._ranked(tuple(terms(query))).ordered)

    def has_every_word(self, query: str) -> bool:
        """Whether the slots `rank` finds have every word of the query (or none was found);
        False when they are the slots with the most of them."""
        return self._ranked(tuple(terms(query))).every

    def page(
        self, query: str, *, hidden: Set[int], offset: int, limit: int
    ) -> tuple[list[int], int]:
        """One page of `rank` without the hidden slots, and how many matched in all."""
        ranked = self._ranked(tuple(terms(query)))
        ordered, matched = ranked.ordered, ranked.matched
        total = len(matched) - sum(1 for slot_id in hidden if slot_id in matched)
        shown = (slot_id for slot_id in ordered if slot_id not in hidden)
        return list(itertools.islice(shown, max(0, offset), max(0, offset) + limit)), total


def rank(query: str, docs: Sequence[Doc]) -> list[int]:
    return Index(docs).rank(query)
