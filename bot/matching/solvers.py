"""Matching wishes to slots: two modes over the same preference orders, and their figures.

Pure: profiles in, a proposal out. Every list is ordered by id first, so the same input
in any order gives the same result.
"""

from __future__ import annotations

import dataclasses
import heapq
from array import array
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.graph.python import min_cost_flow

from bot.matching.preferences import LIST_CAP, Preferences, build_preferences
from bot.matching.rules import CROSS_SECTOR_POINTS, SlotId, SlotProfile, WishId, WishProfile


class Mode(StrEnum):
    STABIL = "stabil"  # intern-proposing deferred acceptance: no blocking pairs
    FLEST = "flest"  # most placements, then lowest total rank (min-cost flow)


class Reason(StrEnum):
    NO_COMPATIBLE_SLOT = "no_compatible_slot"
    COMPATIBLE_SLOTS_FULL = "compatible_slots_full"


@dataclass(frozen=True, slots=True)
class Unplaced:
    wish_id: WishId
    reason: Reason


@dataclass(frozen=True, slots=True)
class Metrics:
    """Figures of one preview. Shares of cross-sector, first choice and top 3, and the mean
    rank (1 = first on the intern's list), are among the placed; placed_pct is of all."""

    wishes: int
    placed: int
    placed_pct: float
    cross_sector_pct: float
    first_choice_pct: float
    top3_pct: float
    mean_rank: float | None
    blocking_pairs: int
    seats_left: int
    unplaced: tuple[Unplaced, ...]


@dataclass(frozen=True, slots=True)
class MatchResult:
    mode: Mode
    assignments: Mapping[WishId, SlotId]  # in wish id order
    ranks: Mapping[WishId, int]  # rank of the assigned slot on the intern's list
    metrics: Metrics

    def to_json_dict(self) -> dict[str, object]:
        m = self.metrics
        return {
            "mode": str(self.mode),
            "assignments": [
                {"wish": w, "slot": s, "rank": self.ranks[w]} for w, s in self.assignments.items()
            ],
            "metrics": {
                "wishes": m.wishes,
                "placed": m.placed,
                "placed_pct": m.placed_pct,
                "cross_sector_pct": m.cross_sector_pct,
                "first_choice_pct": m.first_choice_pct,
                "top3_pct": m.top3_pct,
                "mean_rank": m.mean_rank,
                "blocking_pairs": m.blocking_pairs,
                "seats_left": m.seats_left,
                "unplaced": [{"wish": u.wish_id, "reason": str(u.reason)} for u in m.unplaced],
            },
        }


def match(
    slots: Sequence[SlotProfile],
    wishes: Sequence[WishProfile],
    mode: Mode,
    *,
    cross_sector_weight: int = CROSS_SECTOR_POINTS,
    list_cap: int = LIST_CAP,
) -> MatchResult:
    prefs = build_preferences(
        slots, wishes, cross_sector_weight=cross_sector_weight, list_cap=list_cap
    )
    return result(prefs, mode, solve(prefs, mode))


def solve(prefs: Preferences, mode: Mode) -> list[int]:
    """Per wish, the position in prefs.slot_of of its assigned pair, or -1."""
    if mode is Mode.STABIL:
        return deferred_acceptance(prefs)
    return max_placements(prefs)


def deferred_acceptance(prefs: Preferences) -> list[int]:
    """Intern-proposing deferred acceptance with capacities.

    The result is the intern-optimal stable matching, which does not depend on the order
    in which interns propose. Each slot keeps a max-heap (negated keys) of the interns it
    holds; a host key embeds the intern's index, so the heap alone says whom to reject.
    """
    n = len(prefs.wishes)
    start, slot_of, host_key = prefs.start, prefs.slot_of, prefs.host_key
    room = [s.capacity for s in prefs.slots]
    held: list[list[int]] = [[] for _ in prefs.slots]
    nxt = start.tolist()
    chosen = [-1] * n
    heappush, heapreplace = heapq.heappush, heapq.heapreplace
    for first in range(n):
        i = first
        while i >= 0:
            p, end, out = nxt[i], start[i + 1], -1
            while p < end:
                s = slot_of[p]
                p += 1
                if room[s]:
                    room[s] -= 1
                    heappush(held[s], -host_key[p - 1])
                    break
                negated, heap = -host_key[p - 1], held[s]
                if negated > heap[0]:  # preferred to the worst intern the slot holds
                    out = -heapreplace(heap, negated) % n
                    break
            else:
                nxt[i] = p
                break
            nxt[i] = p
            chosen[i] = p - 1
            if out >= 0:
                chosen[out] = -1
            i = out
    return chosen


def max_placements(prefs: Preferences) -> list[int]:
    """Most placements, then the lowest total rank.

    Min-cost flow source -> intern (1) -> slot (1) -> sink (capacity), solved as a maximum
    flow of minimum cost. An arc costs 2 * rank, less 1 when the pair crosses sector and
    crossing is weighted: a crossing is worth half a rank step. Costs stay small on
    purpose: the solver's cost scaling slows down as the cost range grows. Groups of
    interns that share no slot (often one per region) are solved apart: the solver's time
    grows faster than the size of the problem.
    """
    sector = {x: k for k, x in enumerate(dict.fromkeys(s.sector for s in prefs.slots))}
    # -1: no crossing to reward (unknown sector, or crossing not weighted).
    own = [
        sector.get(w.sector, len(sector)) if w.sector and prefs.cross_sector_weight else -1
        for w in prefs.wishes
    ]
    host = [sector[s.sector] for s in prefs.slots]
    chosen = [-1] * len(own)
    local = [0] * len(host)
    for part in _independent_groups(prefs):
        _solve_group(prefs, part, own, host, local, chosen)
    return chosen


def _independent_groups(prefs: Preferences) -> list[list[int]]:
    """Wishes with a non-empty list, grouped so that no two groups share a slot."""
    start, slot_of = prefs.start, prefs.slot_of
    parent = list(range(len(prefs.slots)))

    def root(s: int) -> int:
        while parent[s] != s:
            parent[s] = s = parent[parent[s]]
        return s

    for i in range(len(prefs.wishes)):
        first = start[i]
        if start[i + 1] - first > 1:
            top = root(slot_of[first])
            for s in slot_of[first + 1 : start[i + 1]]:
                r = s if parent[s] == s else root(s)
                if r != top:
                    parent[r] = top
    groups: dict[int, list[int]] = {}
    for i in range(len(prefs.wishes)):
        if start[i + 1] > start[i]:
            groups.setdefault(root(slot_of[start[i]]), []).append(i)
    return list(groups.values())


def _solve_group(
    prefs: Preferences,
    wishes: list[int],
    own: list[int],
    host: list[int],
    local: list[int],
    chosen: list[int],
) -> None:
    start, slot_of = prefs.start, prefs.slot_of
    pos = [p for i in wishes for p in range(start[i], start[i + 1])]
    slots = list(dict.fromkeys(slot_of[p] for p in pos))
    for j, s in enumerate(slots):
        local[s] = j
    n, m = len(wishes), len(slots)
    source, sink = n + m, n + m + 1
    tails = [source] * n
    tails += [a for a, i in enumerate(wishes) for _ in range(start[i + 1] - start[i])]
    tails += range(n, n + m)
    heads = [*range(n)]
    heads += [n + local[s] for s in (slot_of[p] for p in pos)]
    heads += [sink] * m
    capacities = [1] * (n + len(pos)) + [prefs.slots[s].capacity for s in slots]
    costs = [0] * n
    costs += [
        2 * (p - first + 1) - (o >= 0 and o != host[slot_of[p]])
        for i in wishes
        for o, first in ((own[i], start[i]),)
        for p in range(first, start[i + 1])
    ]
    costs += [0] * m
    flow = min_cost_flow.SimpleMinCostFlow()
    # Typed arrays reach the solver's bindings as buffers, much faster than lists.
    flow.add_arcs_with_capacity_and_unit_cost(
        array("i", tails), array("i", heads), array("q", capacities), array("q", costs)
    )
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(list(range(n, n + len(pos)))).tolist()
    for k, f in enumerate(used):
        if f:
            p = pos[k]
            chosen[wishes[tails[n + k]]] = p


def _blocking(prefs: Preferences, chosen: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (wish, slot) on the wish's list that both prefer to what they have."""
    start, slot_of, host_key = prefs.start, prefs.slot_of, prefs.host_key
    load = [0] * len(prefs.slots)
    worst = [-1] * len(prefs.slots)
    for p in chosen:
        if p >= 0:
            s = slot_of[p]
            load[s] += 1
            worst[s] = max(worst[s], host_key[p])
    capacity = [s.capacity for s in prefs.slots]
    found = []
    for i, p_own in enumerate(chosen):
        for p in range(start[i], p_own if p_own >= 0 else start[i + 1]):
            s = slot_of[p]
            if load[s] < capacity[s] or host_key[p] < worst[s]:
                found.append((i, s))
    return found


def blocking_pairs(
    prefs: Preferences, assignments: Mapping[WishId, SlotId]
) -> list[tuple[WishId, SlotId]]:
    """Blocking pairs of any assignment whose pairs are all on the interns' lists."""
    return [
        (prefs.wishes[i].id, prefs.slots[s].id)
        for i, s in _blocking(prefs, positions(prefs, assignments))
    ]


def positions(prefs: Preferences, assignments: Mapping[WishId, SlotId]) -> list[int]:
    """The chosen-position form of an assignment (see solve)."""
    slot_index = {s.id: k for k, s in enumerate(prefs.slots)}
    chosen = []
    for i, wish in enumerate(prefs.wishes):
        slot_id = assignments.get(wish.id)
        if slot_id is None:
            chosen.append(-1)
            continue
        s = slot_index.get(slot_id, -1)
        row = range(prefs.start[i], prefs.start[i + 1])
        found = next((p for p in row if prefs.slot_of[p] == s), -1)
        if found < 0:
            raise ValueError(f"{wish.id!r} -> {slot_id!r} is not on the intern's list")
        chosen.append(found)
    return chosen


def without_pairs(prefs: Preferences, pairs: Collection[tuple[WishId, SlotId]]) -> Preferences:
    """The same orders less some (wish, slot) pairs: ones proposed in an earlier round, or a
    host's own slot. Each side's order among the pairs left is unchanged, so both modes and
    the blocking-pair count work on the result as on any other orders."""
    slot_index = {s.id: k for k, s in enumerate(prefs.slots)}
    drop: dict[int, set[int]] = {}
    for wish_id, slot_id in pairs:
        i, s = prefs.wish_index.get(wish_id), slot_index.get(slot_id)
        if i is not None and s is not None:
            drop.setdefault(i, set()).add(s)
    if not drop:
        return prefs
    start, slot_of, host_key = array("q", [0]), array("i"), array("q")
    for i in range(len(prefs.wishes)):
        gone = drop.get(i, ())
        for p in range(prefs.start[i], prefs.start[i + 1]):
            if prefs.slot_of[p] not in gone:
                slot_of.append(prefs.slot_of[p])
                host_key.append(prefs.host_key[p])
        start.append(len(slot_of))
    return dataclasses.replace(prefs, start=start, slot_of=slot_of, host_key=host_key)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def result(prefs: Preferences, mode: Mode, chosen: Sequence[int]) -> MatchResult:
    start, slot_of = prefs.start, prefs.slot_of
    assignments: dict[WishId, SlotId] = {}
    ranks: dict[WishId, int] = {}
    unplaced = []
    cross = first = top3 = rank_sum = 0
    for i, wish in enumerate(prefs.wishes):
        p = chosen[i]
        if p < 0:
            reason = (
                Reason.COMPATIBLE_SLOTS_FULL
                if prefs.any_compatible[i]
                else Reason.NO_COMPATIBLE_SLOT
            )
            unplaced.append(Unplaced(wish.id, reason))
            continue
        slot = prefs.slots[slot_of[p]]
        rank = p - start[i] + 1
        assignments[wish.id] = slot.id
        ranks[wish.id] = rank
        cross += wish.sector is not None and wish.sector != slot.sector
        first += rank == 1
        top3 += rank <= 3
        rank_sum += rank
    placed = len(assignments)
    metrics = Metrics(
        wishes=len(prefs.wishes),
        placed=placed,
        placed_pct=_pct(placed, len(prefs.wishes)),
        cross_sector_pct=_pct(cross, placed),
        first_choice_pct=_pct(first, placed),
        top3_pct=_pct(top3, placed),
        mean_rank=round(rank_sum / placed, 2) if placed else None,
        blocking_pairs=len(_blocking(prefs, chosen)),
        seats_left=sum(s.capacity for s in prefs.slots) - placed,
        unplaced=tuple(unplaced),
    )
    return MatchResult(mode, assignments, ranks, metrics)
