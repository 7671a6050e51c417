"""Free-text search over open host slots: `/praktik find <søgeord>`.

Every word of the query must begin a word somewhere in the slot (AND); fields weigh
differently, so a hit in the workplace or municipality ranks above one deep in the
description, and a whole-word hit above a prefix. Danish letters are matched as written and
in their two-letter spelling, so `århus`, `aarhus` and `AARHUS` all find Aarhus, and `ærø`
finds Ærø Kommune.

The index is built once per change of the slots (content, not seats) and kept in memory:
a search then costs a few set operations instead of reading and scanning every slot.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Hashable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from bot import heap, texts
from bot.geo import municipality

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_WORD = re.compile(r"\w+", re.UNICODE)
_TWO_LETTER = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
MAX_QUERY = 200
MAX_WORDS = 10
WORD_CACHE_SIZE = 1024  # words' scores kept per index
RANK_CACHE_SIZE = 256  # queries' orders kept per index

WEIGHTS = {
    "workplace": 8,
    "municipality": 6,
    "region": 3,
    "topics": 5,
    "sector": 3,
    "description": 1,
}


def fold(text: str) -> str:
    """Lower-case, two-letter Danish spelling, accents removed: the form both sides meet in."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_TWO_LETTER)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _fold_shared(text: str) -> str:
    """`fold` for the values many slots share (places, topics, sectors)."""
    return fold(text)


def words(query: str) -> list[str]:
    found = [fold(w) for w in _WORD.findall(query[:MAX_QUERY])]
    return list(dict.fromkeys(w for w in found if w))[:MAX_WORDS]


@dataclass(frozen=True, slots=True)
class Doc:
    slot_id: int
    fields: dict[str, str]  # field name → folded text
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
            "workplace": fold(workplace),
            "municipality": _fold_shared(where),
            "region": _fold_shared(region or ""),
            "topics": " ".join(_fold_shared(t) for t in topics),
            "sector": _fold_shared(texts.SECTOR_LABELS.get(sector, sector)),
            "description": fold(description),
        },
        owner=owner,
        capacity=capacity,
        version=version,
    )


@dataclass
class _Field:
    weight: int
    postings: dict[str, set[int]] = field(default_factory=dict)  # word → slot IDs
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefix look-ups

    def add(self, slot_id: int, text: str) -> None:
        for word in set(_WORD.findall(text)):
            self.postings.setdefault(word, set()).add(slot_id)

    def seal(self) -> None:
        self.vocabulary = sorted(self.postings)

    def exact(self, word: str) -> set[int]:
        return self.postings.get(word, set())

    def prefixed(self, word: str) -> set[int]:
        found: set[int] = set()
        at = bisect_left(self.vocabulary, word)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
            found |= self.postings[self.vocabulary[at]]
            at += 1
        return found


class Index:
    def __init__(self, docs: Sequence[Doc]) -> None:
        self.fields = {name: _Field(weight) for name, weight in WEIGHTS.items()}
        for doc in docs:
            for name, text in doc.fields.items():
                self.fields[name].add(doc.slot_id, text)
        for index in self.fields.values():
            index.seal()
        self.size = len(docs)
        self._listed = {doc.slot_id: (doc.capacity, doc.version) for doc in docs}
        self._owned: dict[str, frozenset[int]] = {}
        for doc in docs:
            if doc.owner:
                self._owned[doc.owner] = self._owned.get(doc.owner, frozenset()) | {doc.slot_id}
        # Queries repeat ("klima", "aarhus"): scores and orders are kept once computed. Plain
        # dicts, not lru_cache on bound methods: those make a cycle, and an old index would
        # then wait for a full collection (or, frozen, never go; see bot/heap.py).
        self._word_cache: dict[str, dict[int, int]] = {}
        self._rank_cache: dict[tuple[str, ...], tuple[tuple[int, ...], frozenset[int]]] = {}

    def _scores(self, word: str) -> dict[int, int]:
        return _kept(self._word_cache, word, WORD_CACHE_SIZE, self._word_scores)

    def _ranked(self, terms: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[int]]:
        return _kept(self._rank_cache, terms, RANK_CACHE_SIZE, self._rank_words)

    def _word_scores(self, word: str) -> dict[int, int]:
        best: dict[int, int] = {}
        for index in self.fields.values():
            whole = index.exact(word)
            for slot_id in index.prefixed(word):
                # A whole-word hit counts double: "aarhus" in "aarhus kommune".
                score = index.weight * (2 if slot_id in whole else 1)
                if score > best.get(slot_id, 0):
                    best[slot_id] = score
        return best

    def _totals(self, query: str) -> dict[int, int]:
        totals: dict[int, int] | None = None
        for term in words(query):
            scores = self._scores(term)
            if totals is None:
                totals = scores
            else:
                totals = {i: t + scores[i] for i, t in totals.items() if i in scores}
            if not totals:
                return {}
        return totals or {}

    def _rank_words(self, terms: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[int]]:
        totals = self._totals(" ".join(terms))
        ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(slot_id for slot_id, _ in ordered), frozenset(totals)

    def listed(self, slot_id: int) -> tuple[int, Hashable]:
        """(capacity, content version) of a slot as it was when the index was built."""
        return self._listed.get(slot_id, (0, None))

    def owned_by(self, user_id: str) -> frozenset[int]:
        """The user's own open slots (a host has one a season; the set keeps it general)."""
        return self._owned.get(user_id, frozenset())

    def rank(self, query: str) -> list[int]:
        """Slot IDs that match every word, best first; ties by slot ID (oldest first)."""
        return list(self._ranked(tuple(words(query)))[0])

    def page(
        self, query: str, *, hidden: Set[int], offset: int, limit: int
    ) -> tuple[list[int], int]:
        """One page of `rank` without the hidden slots, and how many matched in all."""
        ranked, matched = self._ranked(tuple(words(query)))
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


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The index and the seats taken per open slot (only slots with some taken), at one time."""

    index: Index
    taken: Mapping[int, int]
    full: frozenset[int]


class SearchCache:
    """One index per process, rebuilt when the slots' content version changes.

    The version and the seats taken are read again after any write by this process, and
    otherwise at most once per `recheck` seconds: a change made by another process may then
    take that long to show (a slot that filled meanwhile is refused kindly on request),
    which saves two table scans on every search under load.
    """

    def __init__(self, recheck: float = 1.0, timer: Callable[[], float] = time.monotonic) -> None:
        self.recheck = recheck
        self._timer = timer
        self._lock = threading.Lock()
        self._key: Hashable | None = None
        self._version: Hashable | None = None
        self._checked = -float("inf")
        self._writes = -1

        self._snapshot = Snapshot(Index([]), {}, frozenset())

    def get(
        self,
        key: Hashable,
        writes: int,
        version: Callable[[], Hashable],
        load: Callable[[], Sequence[Doc]],
        taken: Callable[[], Mapping[int, int]],
    ) -> Snapshot:
        """The index and the seats taken for `key` (the season), refreshed when due."""
        with self._lock:
            now = self._timer()
            stale = writes != self._writes or now - self._checked >= self.recheck
            if key != self._key or stale:
                index = self._snapshot.index
                current = version()
                if key != self._key or current != self._version:
                    index = Index(load())
                    heap.refreeze()
                    self._key, self._version = key, current
                seats = dict(taken())
                full = frozenset(i for i, n in seats.items() if 0 < index.listed(i)[0] <= n)
                self._snapshot = Snapshot(index, seats, full)
                self._checked, self._writes = now, writes
            return self._snapshot
