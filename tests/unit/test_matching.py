"""Both matching modes: hand-made rounds with exact outcomes, and properties of random ones."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.geo import Sector
from bot.matching.preferences import build_preferences
from bot.matching.rules import SlotProfile, WishProfile, compatible, id_key, score
from bot.matching.solvers import (
    MatchResult,
    Mode,
    Reason,
    Unplaced,
    blocking_pairs,
    match,
)
from tests.unit.matching_rounds import ROUND, instances, slot, wish


def test_stabil_gives_anna_her_first_choice_and_tells_bo_why_not() -> None:
    result = match(*ROUND, Mode.STABIL)
    assert dict(result.assignments) == {"anna": "X"}
    m = result.metrics
    assert (m.wishes, m.placed, m.placed_pct) == (3, 1, 33.3)
    assert (m.first_choice_pct, m.top3_pct, m.mean_rank) == (100.0, 100.0, 1.0)
    assert (m.blocking_pairs, m.seats_left, m.cross_sector_pct) == (0, 1, 100.0)
    assert m.unplaced == (
        Unplaced("bo", Reason.COMPATIBLE_SLOTS_FULL),
        Unplaced("cai", Reason.NO_COMPATIBLE_SLOT),
    )


def test_flest_places_bo_too_at_the_price_of_one_blocking_pair() -> None:
    result = match(*ROUND, Mode.FLEST)
    assert dict(result.assignments) == {"anna": "Y", "bo": "X"}
    assert dict(result.ranks) == {"anna": 2, "bo": 1}
    m = result.metrics
    assert (m.placed, m.placed_pct, m.first_choice_pct, m.mean_rank) == (2, 66.7, 50.0, 1.5)
    assert (m.blocking_pairs, m.seats_left) == (1, 0)
    assert m.unplaced == (Unplaced("cai", Reason.NO_COMPATIBLE_SLOT),)
    prefs = build_preferences(*ROUND)
    assert blocking_pairs(prefs, result.assignments) == [("anna", "X")]


def test_json_form_for_the_cli() -> None:
    data = match(*ROUND, Mode.FLEST).to_json_dict()
    assert data["mode"] == "flest"
    assert data["assignments"] == [
        {"wish": "anna", "slot": "Y", "rank": 2},
        {"wish": "bo", "slot": "X", "rank": 1},
    ]
    metrics = data["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["unplaced"] == [{"wish": "cai", "reason": "no_compatible_slot"}]


def test_a_host_without_ranking_takes_the_better_scoring_intern() -> None:
    # Both ask for K; Dorte shares its topic, so the host prefers her; Emil goes to L.
    k = slot("K", {1}, topics=frozenset({"klima"}))
    lot = slot("L", {1})
    dorte = wish("dorte", {1}, topics=frozenset({"klima"}), choices=("K",))
    emil = wish("emil", {1}, choices=("K", "L"))
    for mode in Mode:
        assert dict(match([k, lot], [emil, dorte], mode).assignments) == {
            "dorte": "K",
            "emil": "L",
        }


def test_raising_the_cross_sector_weight_raises_the_cross_sector_share() -> None:
    # Each intern shares a topic with two slots: one of their own sector open on both
    # their days, one of another sector on one day. Without the weight the extra day
    # wins; with it, the crossing does.
    slots, wishes = [], []
    for k, sector in enumerate(Sector):
        other = list(Sector)[(k + 1) % 3]
        topic = frozenset({f"tema{k}"})
        slots.append(slot(f"same{k}", {1, 2}, sector=sector, topics=topic))
        slots.append(slot(f"cross{k}", {1}, sector=other, topics=topic))
        wishes.append(wish(f"w{k}", {1, 2}, sector=sector, topics=topic))
    for mode in Mode:
        flat = match(slots, wishes, mode, cross_sector_weight=0).metrics
        weighted = match(slots, wishes, mode, cross_sector_weight=6).metrics
        assert (flat.cross_sector_pct, weighted.cross_sector_pct) == (0.0, 100.0)
        assert flat.placed == weighted.placed == 3


def test_an_empty_round() -> None:
    for mode in Mode:
        m = match([], [], mode).metrics
        assert (m.placed, m.placed_pct, m.mean_rank, m.seats_left) == (0, 0.0, None, 0)


# --- properties of random rounds --------------------------------------------------------


def naive_blocking(
    slots: list[SlotProfile], wishes: list[WishProfile], got: dict[int | str, int | str], w8: int
) -> list[tuple[int | str, int | str]]:
    """Blocking pairs w.r.t. the full orders, written from the definition (small rounds)."""
    usable = [s for s in slots if s.capacity > 0]

    def intern_key(w: WishProfile, s: SlotProfile) -> tuple[object, ...]:
        if s.id in w.choices:
            return (0, w.choices.index(s.id))
        return (1, -score(s, w, cross_sector_weight=w8).total, id_key(s.id))

    def host_key(s: SlotProfile, w: WishProfile) -> tuple[object, ...]:
        if w.id in s.ranking:
            return (0, s.ranking.index(w.id))
        return (1, -score(s, w, cross_sector_weight=w8).total, id_key(w.id))

    found = []
    for w in wishes:
        mine = next((s for s in usable if s.id == got.get(w.id)), None)
        for s in usable:
            if not compatible(s, w) or s is mine:
                continue
            if mine is not None and intern_key(w, s) > intern_key(w, mine):
                continue
            holders = [v for v in wishes if got.get(v.id) == s.id]
            if len(holders) < s.capacity or any(host_key(s, w) < host_key(s, v) for v in holders):
                found.append((w.id, s.id))
    return found


def reference_max_placements(slots: list[SlotProfile], wishes: list[WishProfile]) -> int:
    """Augmenting paths over seats: the most interns that can be placed at all."""
    seats = [s for s in slots for _ in range(max(s.capacity, 0))]
    holder: list[int | None] = [None] * len(seats)

    def augment(w: int, seen: set[int]) -> bool:
        for k, s in enumerate(seats):
            if k not in seen and compatible(s, wishes[w]):
                seen.add(k)
                h = holder[k]
                if h is None or augment(h, seen):
                    holder[k] = w
                    return True
        return False

    return sum(augment(w, set()) for w in range(len(wishes)))


def check_feasible(
    result: MatchResult, slots: list[SlotProfile], wishes: list[WishProfile]
) -> None:
    by_id = {s.id: s for s in slots}
    wish_by_id = {w.id: w for w in wishes}
    for w_id, s_id in result.assignments.items():
        assert compatible(by_id[s_id], wish_by_id[w_id])
    for s in slots:
        assert sum(v == s.id for v in result.assignments.values()) <= max(s.capacity, 0)
    placed = set(result.assignments)
    assert [u.wish_id for u in result.metrics.unplaced] == sorted(
        (w.id for w in wishes if w.id not in placed), key=id_key
    )
    for u in result.metrics.unplaced:
        any_slot = any(s.capacity > 0 and compatible(s, wish_by_id[u.wish_id]) for s in slots)
        assert u.reason is (Reason.COMPATIBLE_SLOTS_FULL if any_slot else Reason.NO_COMPATIBLE_SLOT)


@settings(max_examples=150, deadline=None)
@given(instances(), st.sampled_from([0, 6]), st.randoms(use_true_random=False))
def test_random_rounds(
    instance: tuple[list[SlotProfile], list[WishProfile]], weight: int, rnd: random.Random
) -> None:
    slots, wishes = instance
    stabil = match(slots, wishes, Mode.STABIL, cross_sector_weight=weight, list_cap=50)
    flest = match(slots, wishes, Mode.FLEST, cross_sector_weight=weight, list_cap=50)
    for result in (stabil, flest):
        check_feasible(result, slots, wishes)

    got = dict(stabil.assignments)
    assert naive_blocking(slots, wishes, got, weight) == []
    assert stabil.metrics.blocking_pairs == 0

    most = reference_max_placements(slots, wishes)
    assert flest.metrics.placed == most >= stabil.metrics.placed
    if weight == 0 and stabil.metrics.placed == most:
        # Same count, so flest's lower total rank is at most stabil's.
        assert sum(flest.ranks.values()) <= sum(stabil.ranks.values())
    assert flest.metrics.blocking_pairs == len(
        naive_blocking(slots, wishes, dict(flest.assignments), weight)
    )

    shuffled_slots, shuffled_wishes = slots[:], wishes[:]
    rnd.shuffle(shuffled_slots)
    rnd.shuffle(shuffled_wishes)
    for mode, first in ((Mode.STABIL, stabil), (Mode.FLEST, flest)):
        again = match(
            shuffled_slots, shuffled_wishes, mode, cross_sector_weight=weight, list_cap=50
        )
        assert again == first
        assert again.to_json_dict() == first.to_json_dict()
