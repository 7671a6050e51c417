"""The search as it was before the Danish analysis (commit 7ccc3e1, bot/search.py), frozen.

Only its matching and ranking: every query word must begin a word somewhere in the slot
(AND); a field's weight counts double for a whole-word hit; æ/ø/å meet their two-letter
spelling. `bench/search_quality.py` and the relevance test measure against it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence

from bot import texts
from bot.domain.geo import municipality

_WORD = re.compile(r"\w+", re.UNICODE)
_TWO_LETTER = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
MAX_QUERY = 200
MAX_WORDS = 10
WEIGHTS = {
    "workplace": 8,
    "municipality": 6,
    "region": 3,
    "topics": 5,
    "sector": 3,
    "description": 1,
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().translate(_TWO_LETTER)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query: str) -> list[str]:
    found = [fold(w) for w in _WORD.findall(query[:MAX_QUERY])]
    return list(dict.fromkeys(w for w in found if w))[:MAX_WORDS]


def fields(
    *,
    workplace: str,
    sector: str,
    municipality_code: str,
    region: str | None,
    topics: Sequence[str],
    description: str,
) -> dict[str, str]:
    place = municipality(municipality_code)
    where = f"{place.name} {place.official_name}" if place else texts.CENTRAL_ADMINISTRATION_LABEL
    return {
        "workplace": fold(workplace),
        "municipality": fold(where),
        "region": fold(region or ""),
        "topics": " ".join(fold(t) for t in topics),
        "sector": fold(texts.SECTOR_LABELS.get(sector, sector)),
        "description": fold(description),
    }


class _Field:
    def __init__(self, weight: int) -> None:
        self.weight = weight
        self.postings: dict[str, set[int]] = {}
        self.vocabulary: list[str] = []

    def add(self, slot_id: int, text: str) -> None:
        for word in set(_WORD.findall(text)):
            self.postings.setdefault(word, set()).add(slot_id)

    def seal(self) -> None:
        self.vocabulary = sorted(self.postings)

    def prefixed(self, word: str) -> set[int]:
        found: set[int] = set()
        at = bisect_left(self.vocabulary, word)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
            found |= self.postings[self.vocabulary[at]]
            at += 1
        return found


class Index:
    """Built from (slot ID, fields) pairs; `rank` as `bot.search.Index.rank` was, uncached."""

    def __init__(self, docs: Sequence[tuple[int, dict[str, str]]]) -> None:
        self.fields = {name: _Field(weight) for name, weight in WEIGHTS.items()}
        for slot_id, texts_ in docs:
            for name, text in texts_.items():
                self.fields[name].add(slot_id, text)
        for index in self.fields.values():
            index.seal()

    def _word_scores(self, word: str) -> dict[int, int]:
        best: dict[int, int] = {}
        for index in self.fields.values():
            whole = index.postings.get(word, set())
            for slot_id in index.prefixed(word):
                score = index.weight * (2 if slot_id in whole else 1)
                if score > best.get(slot_id, 0):
                    best[slot_id] = score
        return best

    def rank(self, query: str) -> list[int]:
        totals: dict[int, int] | None = None
        for term in words(query):
            scores = self._word_scores(term)
            totals = (
                scores
                if totals is None
                else {i: t + scores[i] for i, t in totals.items() if i in scores}
            )
            if not totals:
                return []
        ordered = sorted((totals or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        return [slot_id for slot_id, _ in ordered]
