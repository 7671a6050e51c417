"""The coordinator's locked, placed-by-hand and forbidden pairs, honoured by both modes."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.matching.preferences import build_preferences
from bot.matching.rules import SlotProfile, WishProfile
from bot.matching.solvers import Mode, blocking_pairs, without_pairs
from bot.matching.steering import Steering, SteeringError, steered
from tests.unit.matching_rounds import ANNA, BO, CAI, ROUND, X, Y, instances


def test_a_locked_pair_stays_and_the_rest_is_matched_around_it() -> None:
    # Unsteered, stabil gives Anna X (her first choice) and leaves Bo out.
    locked = steered(*ROUND, Mode.STABIL, Steering(fixed={"bo": "X"}))
    assert locked.assignments == {"anna": "Y", "bo": "X"}
    assert locked.ranks == {"anna": 2, "bo": 1}
    assert locked.metrics.placed == 2 and locked.metrics.seats_left == 0


def test_a_forbidden_pair_is_never_proposed_in_either_mode() -> None:
    for mode in Mode:
        result = steered(*ROUND, mode, Steering(forbidden=frozenset({("anna", "X")})))
        assert result.assignments.get("anna") != "X"
        assert result.assignments["bo"] == "X"


def test_an_intern_placed_by_hand_off_their_list_counts_without_a_rank() -> None:
    result = steered(*ROUND, Mode.FLEST, Steering(fixed={"cai": "Y"}))  # Cai can't Tuesday
    assert result.assignments["cai"] == "Y" and result.ranks["cai"] == 0
    assert result.metrics.placed == 2 and result.metrics.mean_rank == 1.0


def test_a_steering_that_cannot_be_honoured_is_refused() -> None:
    with pytest.raises(SteeringError):
        steered(*ROUND, Mode.STABIL, Steering(fixed={"anna": "X", "bo": "X"}))  # one seat
    with pytest.raises(SteeringError):
        steered(
            *ROUND,
            Mode.STABIL,
            Steering(fixed={"anna": "X"}, forbidden=frozenset({("anna", "X")})),
        )
    assert {ANNA.id, BO.id, CAI.id} and {X.id, Y.id}


@st.composite
def steered_instances(
    draw: st.DrawFn,
) -> tuple[list[SlotProfile], list[WishProfile], Steering]:
    slots, wishes = draw(instances())
    seats = Counter({s.id: s.capacity for s in slots})
    fixed = {}
    for w in wishes:
        free = [s for s, n in seats.items() if n > 0]
        if free and draw(st.booleans()) and draw(st.booleans()):
            chosen = draw(st.sampled_from(sorted(free)))
            fixed[w.id] = chosen
            seats[chosen] -= 1
    pairs = [(w.id, s.id) for w in wishes for s in slots if fixed.get(w.id) != s.id]
    forbidden = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=6)) if pairs else [])
    return slots, wishes, Steering(fixed=fixed, forbidden=forbidden)


@settings(max_examples=150, deadline=None)
@given(steered_instances(), st.sampled_from(list(Mode)))
def test_steering_is_always_honoured(
    case: tuple[list[SlotProfile], list[WishProfile], Steering], mode: Mode
) -> None:
    slots, wishes, steering = case
    result = steered(slots, wishes, mode, steering, list_cap=len(slots) + 1)
    for wish_id, slot_id in steering.fixed.items():
        assert result.assignments[wish_id] == slot_id  # locked pairs always present
    for pair in steering.forbidden:
        assert pair not in result.assignments.items()  # forbidden never
    load = Counter(result.assignments.values())
    capacity = {s.id: s.capacity for s in slots}
    assert all(load[s] <= capacity[s] for s in load)  # capacity kept
    if mode is Mode.STABIL:
        # No blocking pair among the unlocked: the rest, over the seats the locks left.
        taken = Counter(steering.fixed.values())
        rest_slots = [
            dataclasses.replace(s, capacity=s.capacity - taken[s.id])
            for s in slots
            if s.capacity > taken[s.id]
        ]
        rest_wishes = [w for w in wishes if w.id not in steering.fixed]
        prefs = build_preferences(rest_slots, rest_wishes, list_cap=len(slots) + 1)
        prefs = without_pairs(prefs, steering.forbidden)
        rest = {w: s for w, s in result.assignments.items() if w not in steering.fixed}
        assert blocking_pairs(prefs, rest) == []
