"""A placement's life, from the first *Anmod* or a round's proposal to history: its states,
the events that move it, who may make each move and at which moment, and what each move
must do to everything else, as data.

This is the one place that says which transitions exist. The models carry a move out in
one transaction (`models.placements`, `models.rounds`, `models.privacy`, `models.days_change`);
the services turn its effects into Slack messages. Pure: states, answers and `now` in,
decisions out.

A placement is one row of `proposal` (its answers and status) and, once confirmed, one row
of `placement` (the seat, the agreed days). Its state is derived from both and from the
clock: a confirmed placement is *under way* from the start of its first agreed day and
*completed* (history) from the end of its last, with nothing stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import tzinfo as TzInfo
from enum import StrEnum

from bot.domain.season import COPENHAGEN, start_of_day, to_utc, week37


class State(StrEnum):
    REQUESTED = "requested"  # the intern pressed *Anmod*; the host side answers
    PROPOSED = "proposed"  # a round proposed it; each side answers
    CONFIRMED = "confirmed"  # every required yes, before its first agreed day
    UNDER_WAY = "under_way"  # from the start of its first agreed day
    COMPLETED = "completed"  # from the end of its last agreed day: history
    DECLINED = "declined"
    EXPIRED = "expired"  # unanswered at its deadline, or when its first day came
    WITHDRAWN = "withdrawn"  # a side left (or was erased) while it was still open
    FULL = "full"  # every yes came, but the last seat went to someone else first
    SUPERSEDED = "superseded"  # the intern was confirmed elsewhere that season
    CANCELLED = "cancelled"  # confirmed, then withdrawn before its first day


OPEN: frozenset[State] = frozenset({State.REQUESTED, State.PROPOSED})
HAPPENED: frozenset[State] = frozenset({State.UNDER_WAY, State.COMPLETED})
PLACED: frozenset[State] = frozenset({State.CONFIRMED}) | HAPPENED
# A closed one never blocks the pair, the seat or the intern again.
CLOSED: frozenset[State] = frozenset(State) - OPEN - PLACED


class Role(StrEnum):
    """A person's part in a placement, and the one name for it in every layer (stored as its
    value: a check-in's, an evaluation's or a follow-up's `role`, a days change's proposing
    side, the keys of a proposal's `messages`).

    A co-host answers and acts for the host's side (`ANSWERING`), while their check-in,
    evaluation and follow-up are stored under COHOST, so they neither overwrite the host's
    answer nor are overwritten by it. The manager only approves (never has a DM timeline,
    nor a survey)."""

    HOST = "host"
    INTERN = "intern"
    COHOST = "cohost"
    MANAGER = "manager"

    @property
    def hosts(self) -> bool:
        """The host's side: the DMs and forms speak to a co-host as to the host."""
        return self in (Role.HOST, Role.COHOST)


# The sides whose yes a proposal waits for; a co-host's answer is the host side's.
ANSWERING: tuple[Role, ...] = (Role.HOST, Role.INTERN, Role.MANAGER)


class Actor(StrEnum):
    """Who makes a move that is not a side's: the app itself."""

    CLOCK = "clock"  # the scheduler
    APP = "app"  # a consequence of another move (the intern placed elsewhere, a seat gone)


Mover = Role | Actor


class Event(StrEnum):
    ACCEPT = "accept"  # a yes that still leaves another side to answer
    CONFIRM = "confirm"  # the last required yes
    DECLINE = "decline"
    NO_SEAT = "no_seat"  # the last yes found the slot full
    WITHDRAW = "withdraw"  # a side leaves: /praktik afmeld
    ERASE = "erase"  # a side's data is erased: /praktik slet-mine-data
    EXPIRE = "expire"  # the deadline passed, or the first agreed day came, unanswered
    SUPERSEDE = "supersede"  # the intern was confirmed elsewhere that season
    UNDELIVERED = "undelivered"  # Slack refused the request's DM to every host: nobody saw it
    CHANGE_DAYS = "change_days"  # both sides agreed other days
    WRITE_PROGRAMME = "write_programme"  # the host side writes or edits the days' programme
    BEGIN = "begin"  # the first agreed day began
    END = "end"  # the last agreed day ended


class Effect(StrEnum):
    """What a move must do beyond changing the state, in the same transaction (the seat,
    the DM plan, the others) or right after it (messages, calendar files)."""

    TAKE_SEAT = "take_seat"
    FREE_SEAT = "free_seat"
    PLAN_DMS = "plan_dms"
    REPLAN_DMS = "replan_dms"
    CANCEL_DMS = "cancel_dms"
    SEND_CALENDAR = "send_calendar"
    UPDATE_CALENDAR = "update_calendar"
    CANCEL_CALENDAR = "cancel_calendar"
    CLOSE_OTHERS = "close_others"  # every other open one of the intern's, that season
    MARK_BUTTONS = "mark_buttons"  # each side's buttons show the outcome instead
    TELL_BOTH = "tell_both"  # the confirmation with the other's contact and the days
    TELL_COUNTERPART = "tell_counterpart"  # the side that did not move
    TELL_PLACED_ELSEWHERE = "tell_placed_elsewhere"  # the host side, once
    OFFER_ALTERNATIVES = "offer_alternatives"  # the intern, when the host side ended it
    ANONYMISE_SIDE = "anonymise_side"  # name, Slack ID and free texts of the erased side


class Refusal(StrEnum):
    """Why a move is not made: the presser is told in Danish and nothing changes."""

    NOT_OPEN = "not_open"
    FULL = "full"
    OWN_SLOT = "own_slot"  # the host or co-host of the slot asks for it
    BOTH_SIDES = "both_sides"  # the intern's manager hosts the slot
    ALREADY_PLACED = "already_placed"
    ALREADY_REQUESTED = "already_requested"
    NO_COMMON_DAY = "no_common_day"
    NEED_MANAGER = "need_manager"
    NOT_YOURS = "not_yours"
    ERASED = "erased"  # the presser had their data erased since the button was sent
    ALREADY_DECIDED = "already_decided"
    TOO_LATE = "too_late"  # the placement has begun, or is history
    EXPIRED = "expired"  # the answer came after the deadline
    DAYS_PASSED = "days_passed"  # a request for days that have begun
    PLACED_ELSEWHERE = "placed_elsewhere"  # the host side answers an intern placed elsewhere
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Rule:
    to: State
    by: frozenset[Mover]
    effects: tuple[Effect, ...] = ()


_SIDES: frozenset[Mover] = frozenset({Role.HOST, Role.INTERN, Role.MANAGER})
_PARTIES: frozenset[Mover] = frozenset({Role.HOST, Role.INTERN})
_HOST_SIDE: frozenset[Mover] = frozenset({Role.HOST})
_CLOCK: frozenset[Mover] = frozenset({Actor.CLOCK})
_APP: frozenset[Mover] = frozenset({Actor.APP})
_E = Effect

_CONFIRMING = (
    _E.TAKE_SEAT,
    _E.PLAN_DMS,
    _E.CLOSE_OTHERS,
    _E.MARK_BUTTONS,
    _E.SEND_CALENDAR,
    _E.TELL_BOTH,
)
_CANCELLING = (
    _E.FREE_SEAT,
    _E.CANCEL_DMS,
    _E.MARK_BUTTONS,
    _E.CANCEL_CALENDAR,
    _E.TELL_COUNTERPART,
)


def _open_rules(state: State) -> dict[tuple[State, Event], Rule]:
    return {
        (state, Event.ACCEPT): Rule(state, _SIDES, (_E.MARK_BUTTONS,)),
        (state, Event.CONFIRM): Rule(State.CONFIRMED, _SIDES, _CONFIRMING),
        (state, Event.DECLINE): Rule(
            State.DECLINED, _SIDES, (_E.MARK_BUTTONS, _E.TELL_COUNTERPART)
        ),
        (state, Event.NO_SEAT): Rule(State.FULL, _APP, (_E.MARK_BUTTONS, _E.OFFER_ALTERNATIVES)),
        (state, Event.WITHDRAW): Rule(
            State.WITHDRAWN, _PARTIES, (_E.MARK_BUTTONS, _E.TELL_COUNTERPART)
        ),
        (state, Event.ERASE): Rule(
            State.WITHDRAWN, _PARTIES, (_E.MARK_BUTTONS, _E.TELL_COUNTERPART, _E.ANONYMISE_SIDE)
        ),
        (state, Event.EXPIRE): Rule(State.EXPIRED, _CLOCK, (_E.MARK_BUTTONS, _E.TELL_COUNTERPART)),
        (state, Event.SUPERSEDE): Rule(
            State.SUPERSEDED, _APP, (_E.MARK_BUTTONS, _E.TELL_PLACED_ELSEWHERE)
        ),
        (state, Event.UNDELIVERED): Rule(State.WITHDRAWN, _APP, (_E.TELL_COUNTERPART,)),
    }


TABLE: Mapping[tuple[State, Event], Rule] = {
    **_open_rules(State.REQUESTED),
    **_open_rules(State.PROPOSED),
    (State.CONFIRMED, Event.WITHDRAW): Rule(State.CANCELLED, _PARTIES, _CANCELLING),
    # A manager's erasure takes only their name (models.privacy): the placement is not theirs.
    (State.CONFIRMED, Event.ERASE): Rule(
        State.CANCELLED, _PARTIES, (*_CANCELLING, _E.ANONYMISE_SIDE)
    ),
    (State.CONFIRMED, Event.CHANGE_DAYS): Rule(
        State.CONFIRMED, _PARTIES, (_E.REPLAN_DMS, _E.UPDATE_CALENDAR, _E.TELL_BOTH)
    ),
    # The programme is the host side's to write (a co-host acts as the host), while the
    # placement is ahead: once it is under way the days are what happened, not a plan.
    (State.CONFIRMED, Event.WRITE_PROGRAMME): Rule(
        State.CONFIRMED, _HOST_SIDE, (_E.UPDATE_CALENDAR, _E.TELL_COUNTERPART)
    ),
    (State.CONFIRMED, Event.BEGIN): Rule(State.UNDER_WAY, _CLOCK),
    (State.UNDER_WAY, Event.END): Rule(State.COMPLETED, _CLOCK),
    # Once it has begun it happened: erasure takes a side's identity, never the placement,
    # the other side's answers or the season's figures, and tells nobody anything.
    (State.UNDER_WAY, Event.ERASE): Rule(State.UNDER_WAY, _SIDES, (_E.ANONYMISE_SIDE,)),
    (State.COMPLETED, Event.ERASE): Rule(State.COMPLETED, _SIDES, (_E.ANONYMISE_SIDE,)),
}


@dataclass(frozen=True, slots=True)
class Move:
    before: State
    event: Event
    to: State
    effects: tuple[Effect, ...]

    def does(self, effect: Effect) -> bool:
        return effect in self.effects


def decide(state: State, event: Event, mover: Mover) -> Move | Refusal:
    """The move `event` makes from `state`, or why `mover` may not make it there."""
    rule = TABLE.get((state, event))
    if rule is None:
        return _refusal_in(state)
    if mover not in rule.by:
        return Refusal.NOT_YOURS
    return Move(state, event, rule.to, rule.effects)


def _refusal_in(state: State) -> Refusal:
    if state in HAPPENED:
        return Refusal.TOO_LATE
    if state is State.EXPIRED:
        return Refusal.EXPIRED
    if state is State.SUPERSEDED:
        return Refusal.PLACED_ELSEWHERE
    return Refusal.ALREADY_DECIDED


# --- a placement's state from its rows and the clock ----------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """From the start of the first agreed day to the end of the last, as UTC instants."""

    begins: datetime
    ends: datetime

    @classmethod
    def of(cls, days: Sequence[date], tz: TzInfo = COPENHAGEN) -> Span:
        first, last = min(days), max(days)
        return cls(start_of_day(first, tz), start_of_day(last + timedelta(days=1), tz))

    @classmethod
    def of_week(cls, year: int, weekdays: Sequence[int], tz: TzInfo = COPENHAGEN) -> Span | None:
        """The span of ISO weekdays 1..5 of week 37 of `year`; None without days."""
        week = week37(year)
        days = [week[d - 1] for d in weekdays if 1 <= d <= len(week)]
        return cls.of(days, tz) if days else None

    def stage(self, now: datetime) -> State:
        instant = to_utc(now)
        if instant >= self.ends:
            return State.COMPLETED
        if instant >= self.begins:
            return State.UNDER_WAY
        return State.CONFIRMED


def state_of(
    *,
    status: str,
    from_request: bool,
    cancelled: bool = False,
    span: Span | None = None,
    deadline: datetime | None = None,
    now: datetime,
) -> State:
    """The state of one proposal row (`status` a ProposalStatus value; `cancelled`: its
    placement was withdrawn; `span`: its agreed days). An open one past its deadline or
    its first agreed day is expired, whether or not the scheduler has written so yet."""
    if status == "pending":
        if due_to_expire(span=span, deadline=deadline, now=now):
            return State.EXPIRED
        return State.REQUESTED if from_request else State.PROPOSED
    if status == "confirmed":
        if cancelled:
            return State.CANCELLED
        return span.stage(now) if span is not None else State.CONFIRMED
    return State(status)


def due_to_expire(*, span: Span | None, deadline: datetime | None, now: datetime) -> bool:
    """An open request or proposal expires at its deadline, and at the latest when its first
    agreed day begins (a request has no deadline, but nobody can start a visit agreed later)."""
    instant = to_utc(now)
    if deadline is not None and instant >= to_utc(deadline):
        return True
    return span is not None and instant >= span.begins


def blocks_pair(state: State) -> bool:
    """Whether a new request or proposal for the same intern and slot must wait: only while
    one is open or placed. A closed one never blocks the pair again."""
    return state not in CLOSED


# --- answers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answers:
    """Each side's answer so far: "pending", "accepted" or "declined"; `manager` None when
    the manager's approval is not required."""

    host: str
    intern: str
    manager: str | None = None

    def of(self, role: Role) -> str | None:
        return {Role.HOST: self.host, Role.INTERN: self.intern, Role.MANAGER: self.manager}[role]


def answer_event(answers: Answers, role: Role, *, accept: bool) -> Event | None:
    """The event one side's answer makes; None when that side has nothing to answer (it
    answered already, or it is not asked)."""
    if answers.of(role) != "pending":
        return None
    if not accept:
        return Event.DECLINE
    after = {
        Role.HOST: answers.host,
        Role.INTERN: answers.intern,
        Role.MANAGER: answers.manager,
    } | {role: "accepted"}
    needed = [after[Role.HOST], after[Role.INTERN]]
    if answers.manager is not None:
        needed.append(after[Role.MANAGER])
    return Event.CONFIRM if all(a == "accepted" for a in needed) else Event.ACCEPT


def waits_for_manager(answers: Answers, role: Role) -> bool:
    """After `role`'s yes, only the manager's approval is missing."""
    if answers.manager != "pending" or role is Role.MANAGER:
        return False
    after = {Role.HOST: answers.host, Role.INTERN: answers.intern} | {role: "accepted"}
    return all(a == "accepted" for a in after.values())


# --- who may be on which side ------------------------------------------------------------------


def sides_conflict(
    *, intern: str, host: str, cohost: str | None, manager: str | None
) -> Refusal | None:
    """Nobody is on both sides of one placement: the intern is neither the host nor the
    co-host of the slot, and the intern's named manager does not host it."""
    hosting = {host} | ({cohost} if cohost else set())
    if intern in hosting:
        return Refusal.OWN_SLOT
    if manager is not None and (manager in hosting or manager == intern):
        return Refusal.BOTH_SIDES
    return None


# --- the intern's learning goals -----------------------------------------------------------


def goals_editable(state: State, *, evaluated: bool) -> Refusal | None:
    """Whether the intern may refine her learning goals for a placement: from its
    confirmation, through the visit and after it, until she has evaluated the placement –
    her evaluation measures it against the goals, so they are fixed from then on."""
    if state not in PLACED:
        return Refusal.NOT_OPEN
    if evaluated:
        return Refusal.TOO_LATE
    return None


def evaluation_open(state: State) -> bool:
    """The evaluation, and with it the answer against the goals, belongs to history."""
    return state is State.COMPLETED
