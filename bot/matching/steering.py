"""The coordinator's hand on a round: pairs locked or placed by hand, pairs forbidden.

Pure. Fixed pairs (locked from a preview, or placed by hand even off the intern's list) take
their seats first; the chosen mode then matches everyone else over the seats left, with the
forbidden pairs (and the round's excluded ones) off every list. So both modes honour the
coordinator's choices, and "stabil" has no blocking pair among the pairs it chose itself —
a fixed pair is the coordinator's decision and is not second-guessed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot.matching.preferences import EXACT_SCAN, LIST_CAP, Preferences, build_preferences
from bot.matching.rules import CROSS_SECTOR_POINTS, SlotId, SlotProfile, WishId, WishProfile
from bot.matching.solvers import MatchResult, Metrics, Mode, Reason, Unplaced, _pct, result, solve
from bot.matching.solvers import without_pairs as _without_pairs


@dataclass(frozen=True, slots=True)
class Steering:
    fixed: Mapping[WishId, SlotId] = dataclasses.field(default_factory=dict)
    forbidden: frozenset[tuple[WishId, SlotId]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.fixed or self.forbidden)


NO_STEERING = Steering()


class SteeringError(ValueError):
    """A steering that cannot be honoured: a fixed pair that is forbidden, names an unknown
    wish or slot, or fills a slot beyond its seats."""


def check(steering: Steering, slots: Sequence[SlotProfile], wishes: Sequence[WishProfile]) -> None:
    seats = {s.id: s.capacity for s in slots}
    known = {w.id for w in wishes}
    for wish_id, slot_id in steering.fixed.items():
        if wish_id not in known:
            raise SteeringError(f"unknown wish {wish_id!r}")
        if slot_id not in seats:
            raise SteeringError(f"unknown slot {slot_id!r}")
        if (wish_id, slot_id) in steering.forbidden:
            raise SteeringError(f"{wish_id!r} -> {slot_id!r} is both fixed and forbidden")
    for slot_id, taken in Counter(steering.fixed.values()).items():
        if taken > seats[slot_id]:
            raise SteeringError(f"{taken} fixed to {slot_id!r}, which has {seats[slot_id]} seats")


def steered(
    slots: Sequence[SlotProfile],
    wishes: Sequence[WishProfile],
    mode: Mode,
    steering: Steering,
    *,
    cross_sector_weight: int = CROSS_SECTOR_POINTS,
    list_cap: int = LIST_CAP,
    excluded: Collection[tuple[WishId, SlotId]] = (),
) -> MatchResult:
    """The round in `mode` with the coordinator's fixed and forbidden pairs honoured."""
    check(steering, slots, wishes)
    taken = Counter(steering.fixed.values())
    rest_slots = [
        dataclasses.replace(s, capacity=s.capacity - taken[s.id])
        for s in slots
        if s.capacity > taken[s.id]
    ]
    rest_wishes = [w for w in wishes if w.id not in steering.fixed]
    # As a round does (bot.matching.rounds.preferences): a small round ranks every compatible
    # slot, and the pairs left out do not shorten anyone's list below the cap.
    cap = list_cap + len(steering.forbidden) + len(excluded)
    if len(rest_slots) <= EXACT_SCAN:
        cap = max(cap, len(rest_slots))
    prefs = build_preferences(
        rest_slots, rest_wishes, cross_sector_weight=cross_sector_weight, list_cap=cap
    )
    prefs = _without_pairs(prefs, {*steering.forbidden, *excluded})
    rest = result(prefs, mode, solve(prefs, mode))
    if not steering:
        return rest
    full = build_preferences(
        slots, wishes, cross_sector_weight=cross_sector_weight, list_cap=max(cap, len(slots))
    )
    return combine(rest, steering.fixed, full, slots, wishes)


def list_rank(full: Preferences, wish_id: WishId, slot_id: SlotId) -> int | None:
    """Where a slot stands on the intern's own list (1 = best), None when it is not on it."""
    order = full.order(wish_id)
    return order.index(slot_id) + 1 if slot_id in order else None


def combine(
    rest: MatchResult,
    fixed: Mapping[WishId, SlotId],
    full: Preferences,
    slots: Sequence[SlotProfile],
    wishes: Sequence[WishProfile],
) -> MatchResult:
    """The fixed pairs and the solved rest as one result, the figures over all of them.
    A pair placed by hand off the intern's list counts as placed, with rank 0 (no rank),
    left out of the rank figures."""
    sector = {s.id: s.sector for s in slots}
    assignments: dict[WishId, SlotId] = {}
    ranks: dict[WishId, int] = {}
    for w in wishes:
        slot_id = fixed.get(w.id, rest.assignments.get(w.id))
        if slot_id is None:
            continue
        assignments[w.id] = slot_id
        # The n-th best option on the intern's own list over every slot of the round.
        ranks[w.id] = list_rank(full, w.id, slot_id) or 0
    by_id = {w.id: w for w in wishes}
    placed = len(assignments)
    ranked = [r for r in ranks.values() if r]
    cross = sum(
        1 for w, s in assignments.items() if by_id[w].sector and by_id[w].sector != sector[s]
    )
    # Why someone is left out, over every seat of the round: a seat a fixed pair took was
    # a compatible one, now full.
    unplaced = tuple(
        Unplaced(
            u.wish_id,
            Reason.COMPATIBLE_SLOTS_FULL
            if full.any_compatible[full.wish_index[u.wish_id]]
            else Reason.NO_COMPATIBLE_SLOT,
        )
        for u in rest.metrics.unplaced
        if u.wish_id not in fixed
    )
    metrics = Metrics(
        wishes=len(wishes),
        placed=placed,
        placed_pct=_pct(placed, len(wishes)),
        cross_sector_pct=_pct(cross, placed),
        first_choice_pct=_pct(sum(r == 1 for r in ranked), placed),
        top3_pct=_pct(sum(r <= 3 for r in ranked), placed),
        mean_rank=round(sum(ranked) / len(ranked), 2) if ranked else None,
        blocking_pairs=rest.metrics.blocking_pairs,  # among the pairs the mode chose
        seats_left=sum(s.capacity for s in slots) - placed,
        unplaced=unplaced,
    )
    return MatchResult(rest.mode, assignments, ranks, metrics)
