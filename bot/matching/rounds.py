"""One matching round: both modes' previews side by side, and the plan that gets sent.

Pure: the free seats, the waiting wishes and the pairs not to propose again in; results
out. The database side (who takes part, writing proposals) is models.rounds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.matching.preferences import EXACT_SCAN, LIST_CAP, Preferences, build_preferences
from bot.matching.rules import CROSS_SECTOR_POINTS, SlotId, SlotProfile, WishId, WishProfile
from bot.matching.solvers import MatchResult, Mode, result, solve, without_pairs
from bot.matching.steering import NO_STEERING, Steering, steered


@dataclass(frozen=True, slots=True)
class RoundInput:
    """Slots with their free seats as capacity, wishes still waiting, pairs to leave out."""

    slots: tuple[SlotProfile, ...]
    wishes: tuple[WishProfile, ...]
    excluded: frozenset[tuple[WishId, SlotId]] = frozenset()
    steering: Steering = NO_STEERING  # the coordinator's locked, placed and forbidden pairs


@dataclass(frozen=True, slots=True)
class Comparison:
    """The same round at another cross-sector weight, to show what the weight changes."""

    weight: int
    stabil: MatchResult
    flest: MatchResult


@dataclass(frozen=True, slots=True)
class Preview:
    weight: int
    stabil: MatchResult
    flest: MatchResult
    compared: Comparison

    def of(self, mode: Mode) -> MatchResult:
        return self.stabil if mode is Mode.STABIL else self.flest


def preferences(data: RoundInput, weight: int) -> Preferences:
    """Both sides' orders for the round. A small round (every real season) ranks every
    compatible slot, so "stabil" is stable against any pair, not only the top LIST_CAP;
    a large one keeps LIST_CAP after the pairs left out."""
    most_excluded = max(Counter(w for w, _ in data.excluded).values(), default=0)
    cap = LIST_CAP + most_excluded
    if len(data.slots) <= EXACT_SCAN:
        cap = max(cap, len(data.slots))
    prefs = build_preferences(data.slots, data.wishes, cross_sector_weight=weight, list_cap=cap)
    return without_pairs(prefs, data.excluded)


def plan(data: RoundInput, mode: Mode, weight: int) -> MatchResult:
    if data.steering:
        return _steered(data, mode, weight)
    prefs = preferences(data, weight)
    return result(prefs, mode, solve(prefs, mode))


def _steered(data: RoundInput, mode: Mode, weight: int) -> MatchResult:
    return steered(
        data.slots,
        data.wishes,
        mode,
        data.steering,
        cross_sector_weight=weight,
        excluded=data.excluded,
    )


def _both(data: RoundInput, weight: int) -> tuple[MatchResult, MatchResult]:
    if data.steering:
        return _steered(data, Mode.STABIL, weight), _steered(data, Mode.FLEST, weight)
    prefs = preferences(data, weight)
    return (
        result(prefs, Mode.STABIL, solve(prefs, Mode.STABIL)),
        result(prefs, Mode.FLEST, solve(prefs, Mode.FLEST)),
    )


def compare_weight(weight: int) -> int:
    """No weight against the season's; a season without weight against the default."""
    return 0 if weight else CROSS_SECTOR_POINTS


def preview(data: RoundInput, weight: int) -> Preview:
    stabil, flest = _both(data, weight)
    other = compare_weight(weight)
    other_stabil, other_flest = _both(data, other)
    return Preview(weight, stabil, flest, Comparison(other, other_stabil, other_flest))


def seats_left(data: RoundInput, planned: MatchResult) -> frozenset[SlotId]:
    """Slots that still have a free seat once the planned proposals are counted."""
    taken = Counter(planned.assignments.values())
    return frozenset(s.id for s in data.slots if s.capacity > taken[s.id])
