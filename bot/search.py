"""Free-text search over open host slots: `/praktik find <søgeord>`.

Every word of the query must occur somewhere in the slot (AND); fields weigh differently,
so a hit in the workplace or municipality ranks above one deep in the description.
Danish letters are matched as written and in their two-letter spelling, so `århus`,
`aarhus` and `AARHUS` all find Aarhus, and `ærø` finds Ærø Kommune.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot import texts
from bot.geo import municipality

_WORD = re.compile(r"[\w-]+", re.UNICODE)
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
    """Lower-case, two-letter Danish spelling, accents removed: the form both sides meet in."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_TWO_LETTER)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query: str) -> list[str]:
    found = [fold(w) for w in _WORD.findall(query[:MAX_QUERY])]
    return list(dict.fromkeys(w for w in found if w))[:MAX_WORDS]


@dataclass(frozen=True, slots=True)
class Doc:
    slot_id: int
    fields: dict[str, str]  # field name → folded text


def document(
    *,
    slot_id: int,
    workplace: str,
    sector: str,
    municipality_code: str,
    region: str | None,
    topics: Sequence[str],
    description: str,
) -> Doc:
    place = municipality(municipality_code)
    where = f"{place.name} {place.official_name}" if place else texts.CENTRAL_ADMINISTRATION_LABEL
    return Doc(
        slot_id=slot_id,
        fields={
            "workplace": fold(workplace),
            "municipality": fold(where),
            "region": fold(region or ""),
            "topics": fold(" ".join(topics)),
            "sector": fold(texts.SECTOR_LABELS.get(sector, sector)),
            "description": fold(description),
        },
    )


def _word_score(word: str, doc: Doc) -> int:
    best = 0
    for name, text in doc.fields.items():
        if word not in text:
            continue
        weight = WEIGHTS[name]
        # A whole-word or word-start hit counts double: "aarhus" in "aarhus kommune".
        if re.search(rf"(?<![\w]){re.escape(word)}", text):
            weight *= 2
        best = max(best, weight)
    return best


def rank(query: str, docs: Sequence[Doc]) -> list[int]:
    """Slot IDs that match every word, best first; ties by slot ID (oldest first)."""
    terms = words(query)
    if not terms:
        return []
    scored: list[tuple[int, int]] = []
    for doc in docs:
        total = 0
        for term in terms:
            score = _word_score(term, doc)
            if score == 0:
                break
            total += score
        else:
            scored.append((-total, doc.slot_id))
    return [slot_id for _, slot_id in sorted(scored)]
