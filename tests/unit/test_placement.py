"""The placement's life as a table (bot.domain.placement): every move, who may make it, and
its effects."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.domain.placement import (
    CLOSED,
    HAPPENED,
    OPEN,
    TABLE,
    Actor,
    Answers,
    Effect,
    Event,
    Move,
    Refusal,
    Role,
    Span,
    State,
    answer_event,
    blocks_pair,
    decide,
    sides_conflict,
    state_of,
    waits_for_manager,
)
from bot.domain.season import COPENHAGEN

MONDAY = datetime(2027, 9, 13, 0, 0, tzinfo=COPENHAGEN)


def test_the_states_split_into_open_placed_and_closed() -> None:
    assert {State.REQUESTED, State.PROPOSED} == OPEN
    assert {State.UNDER_WAY, State.COMPLETED} == HAPPENED
    assert {
        State.DECLINED,
        State.EXPIRED,
        State.WITHDRAWN,
        State.FULL,
        State.SUPERSEDED,
        State.CANCELLED,
    } == CLOSED
    assert [s for s in State if blocks_pair(s)] == [
        State.REQUESTED,
        State.PROPOSED,
        State.CONFIRMED,
        State.UNDER_WAY,
        State.COMPLETED,
    ]


def test_a_closed_state_has_no_way_out() -> None:
    for (state, _event), rule in TABLE.items():
        assert state not in CLOSED
        # History stays history: nothing moves a placement back from under way or completed.
        if state in HAPPENED:
            assert rule.to in HAPPENED


@pytest.mark.parametrize("state", sorted(OPEN))
def test_an_open_one_moves_to_each_end_by_its_own_mover(state: State) -> None:
    ends = {
        Event.CONFIRM: (Role.HOST, State.CONFIRMED),
        Event.DECLINE: (Role.INTERN, State.DECLINED),
        Event.WITHDRAW: (Role.INTERN, State.WITHDRAWN),
        Event.ERASE: (Role.HOST, State.WITHDRAWN),
        Event.EXPIRE: (Actor.CLOCK, State.EXPIRED),
        Event.SUPERSEDE: (Actor.APP, State.SUPERSEDED),
        Event.NO_SEAT: (Actor.APP, State.FULL),
    }
    for event, (mover, to) in ends.items():
        move = decide(state, event, mover)
        assert isinstance(move, Move) and move.to is to, event
    # Nobody but the clock expires one; no side supersedes one.
    assert decide(state, Event.EXPIRE, Role.HOST) is Refusal.NOT_YOURS
    assert decide(state, Event.SUPERSEDE, Role.INTERN) is Refusal.NOT_YOURS
    assert decide(state, Event.CHANGE_DAYS, Role.HOST) is Refusal.ALREADY_DECIDED


def test_confirming_does_everything_a_placement_needs_in_one_move() -> None:
    move = decide(State.REQUESTED, Event.CONFIRM, Role.HOST)
    assert isinstance(move, Move)
    for effect in (
        Effect.TAKE_SEAT,
        Effect.PLAN_DMS,
        Effect.CLOSE_OTHERS,
        Effect.SEND_CALENDAR,
        Effect.TELL_BOTH,
    ):
        assert move.does(effect), effect
    superseded = decide(State.PROPOSED, Event.SUPERSEDE, Actor.APP)
    assert isinstance(superseded, Move)
    # Each counterpart is told she was placed elsewhere, and nothing else.
    assert superseded.effects == (Effect.MARK_BUTTONS, Effect.TELL_PLACED_ELSEWHERE)


def test_before_the_first_day_a_placement_can_be_withdrawn_and_after_it_nothing_undoes_it() -> None:
    cancel = decide(State.CONFIRMED, Event.WITHDRAW, Role.INTERN)
    assert isinstance(cancel, Move) and cancel.to is State.CANCELLED
    assert {Effect.FREE_SEAT, Effect.CANCEL_DMS, Effect.CANCEL_CALENDAR} <= set(cancel.effects)
    assert decide(State.CONFIRMED, Event.WITHDRAW, Role.MANAGER) is Refusal.NOT_YOURS
    assert decide(State.CONFIRMED, Event.ERASE, Role.MANAGER) is Refusal.NOT_YOURS
    for state in sorted(HAPPENED):
        for event in (Event.WITHDRAW, Event.CHANGE_DAYS, Event.DECLINE, Event.CONFIRM):
            assert decide(state, event, Role.HOST) is Refusal.TOO_LATE, (state, event)
        erase = decide(state, Event.ERASE, Role.INTERN)
        # Erasure anonymises the side and keeps the placement; nobody is told anything.
        assert isinstance(erase, Move) and erase.to is state
        assert erase.effects == (Effect.ANONYMISE_SIDE,)


def test_stale_presses_on_closed_ones_are_told_why() -> None:
    assert decide(State.EXPIRED, Event.CONFIRM, Role.HOST) is Refusal.EXPIRED
    assert decide(State.SUPERSEDED, Event.CONFIRM, Role.HOST) is Refusal.PLACED_ELSEWHERE
    assert decide(State.DECLINED, Event.DECLINE, Role.HOST) is Refusal.ALREADY_DECIDED
    assert decide(State.CANCELLED, Event.WITHDRAW, Role.HOST) is Refusal.ALREADY_DECIDED


def test_the_state_follows_the_clock_across_the_agreed_days() -> None:
    span = Span.of_week(2027, [2, 3])
    assert span == Span.of([date(2027, 9, 14), date(2027, 9, 15)])
    assert span is not None
    assert span.stage(MONDAY + timedelta(days=1) - timedelta(seconds=1)) is State.CONFIRMED
    assert span.stage(MONDAY + timedelta(days=1)) is State.UNDER_WAY
    assert span.stage(MONDAY + timedelta(days=3) - timedelta(seconds=1)) is State.UNDER_WAY
    assert span.stage(MONDAY + timedelta(days=3)) is State.COMPLETED
    assert Span.of_week(2027, []) is None

    def at(status: str, now: datetime, **kw: object) -> State:
        return state_of(status=status, from_request=True, span=span, now=now, **kw)  # type: ignore[arg-type]

    before = MONDAY - timedelta(days=30)
    assert at("pending", before) is State.REQUESTED
    assert at("pending", before, deadline=before) is State.EXPIRED  # at its deadline
    assert at("pending", MONDAY + timedelta(days=1)) is State.EXPIRED  # its first day came
    assert at("confirmed", MONDAY + timedelta(days=2)) is State.UNDER_WAY
    assert at("confirmed", before, cancelled=True) is State.CANCELLED
    assert at("superseded", before) is State.SUPERSEDED


def test_the_last_required_yes_confirms() -> None:
    both_waiting = Answers("pending", "pending")
    assert answer_event(both_waiting, Role.HOST, accept=True) is Event.ACCEPT
    assert answer_event(both_waiting, Role.HOST, accept=False) is Event.DECLINE
    asked = Answers("pending", "accepted")
    assert answer_event(asked, Role.HOST, accept=True) is Event.CONFIRM
    assert answer_event(asked, Role.INTERN, accept=True) is None  # she answered already
    with_manager = Answers("pending", "accepted", "pending")
    assert answer_event(with_manager, Role.HOST, accept=True) is Event.ACCEPT
    assert waits_for_manager(with_manager, Role.HOST)
    assert answer_event(Answers("accepted", "accepted", "pending"), Role.MANAGER, accept=True) is (
        Event.CONFIRM
    )
    assert answer_event(asked, Role.MANAGER, accept=True) is None  # no manager asked


def test_nobody_is_on_both_sides() -> None:
    assert sides_conflict(intern="A", host="B", cohost=None, manager=None) is None
    assert sides_conflict(intern="A", host="A", cohost=None, manager=None) is Refusal.OWN_SLOT
    assert sides_conflict(intern="A", host="B", cohost="A", manager=None) is Refusal.OWN_SLOT
    assert sides_conflict(intern="A", host="B", cohost="C", manager="C") is Refusal.BOTH_SIDES
    assert sides_conflict(intern="A", host="B", cohost=None, manager="B") is Refusal.BOTH_SIDES
    assert sides_conflict(intern="A", host="B", cohost="C", manager="D") is None
