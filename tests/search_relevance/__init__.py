"""A relevance set for `/praktik find`: realistic host slots from the three sectors and five
regions, and Danish queries each with the slots a person typing it wants to see.

The queries cover what a Danish speaker types (`kind`): plain words, inflected forms
(definite, plural, genitive), a part or the head of a compound in a slot, a compound whose
parts are in a slot, æ/ø/å typed as ae/oe/aa or as a/o/a, stop words, small typos in
longer words, and several words of which not all occur. `bench/search_quality.py` prints
the figures for today's and the former algorithm; the test holds the targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain.geo import region_of
from bot.search import Index, document

HERE = Path(__file__).parent
TOP = 10


@dataclass(frozen=True, slots=True)
class Slot:
    id: int
    workplace: str
    sector: str
    municipality: str  # a municipality code, or "stat" for the central administration
    topics: tuple[str, ...]
    description: str

    @property
    def region(self) -> str | None:
        return None if self.municipality == "stat" else region_of(self.municipality)

    def described(self) -> dict[str, Any]:
        """The keyword arguments both `bot.search.document` and the baseline's `fields` take."""
        return {
            "workplace": self.workplace,
            "sector": self.sector,
            "municipality_code": self.municipality,
            "region": self.region,
            "topics": self.topics,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    relevant: frozenset[int]
    kind: str


def slots() -> list[Slot]:
    rows = json.loads((HERE / "slots.json").read_text(encoding="utf-8"))
    return [
        Slot(
            r["id"],
            r["workplace"],
            r["sector"],
            r["municipality"],
            tuple(r["topics"]),
            r["description"],
        )
        for r in rows
    ]


def queries() -> list[Query]:
    rows = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
    return [Query(r["query"], frozenset(r["relevant"]), r["kind"]) for r in rows]


def index(listed: Sequence[Slot]) -> Index:
    """The Danish search's index of these slots."""
    return Index([document(slot_id=s.id, **s.described()) for s in listed])


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    ranked: tuple[int, ...]

    @property
    def all_in_top(self) -> bool:
        return self.query.relevant <= set(self.ranked[:TOP])

    @property
    def first_hit(self) -> bool:
        return bool(self.ranked) and self.ranked[0] in self.query.relevant

    @property
    def passed(self) -> bool:
        return self.all_in_top and self.first_hit

    @property
    def reciprocal_rank(self) -> float:
        for at, slot_id in enumerate(self.ranked, start=1):
            if slot_id in self.query.relevant:
                return 1 / at
        return 0.0


@dataclass(frozen=True, slots=True)
class Figures:
    outcomes: tuple[Outcome, ...]

    def _share(self, outcomes: Sequence[Outcome], test: Callable[[Outcome], bool]) -> float:
        return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0

    @property
    def recall(self) -> float:
        """Share of queries with every relevant slot in the top 10."""
        return self._share(self.outcomes, lambda o: o.all_in_top)

    @property
    def first_hit(self) -> float:
        return self._share(self.outcomes, lambda o: o.first_hit)

    @property
    def passed(self) -> float:
        return self._share(self.outcomes, lambda o: o.passed)

    @property
    def mrr(self) -> float:
        return sum(o.reciprocal_rank for o in self.outcomes) / len(self.outcomes)

    def of_kind(self, kind: str) -> Figures:
        return Figures(tuple(o for o in self.outcomes if o.query.kind == kind))

    def passing(self) -> set[str]:
        return {o.query.text for o in self.outcomes if o.passed}


def evaluate(rank: Callable[[str], Sequence[int]], asked: Sequence[Query]) -> Figures:
    return Figures(tuple(Outcome(q, tuple(rank(q.text))) for q in asked))
