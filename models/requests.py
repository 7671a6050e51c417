"""*Anmod*, a placement's first move (bot.domain.placement: requested), in one transaction: the
intern's stored profile, the request itself, and whose App Home to redraw.

A press is the app's commonest write, so it is four statements, built once with parameters
so that SQLAlchemy computes each one's cache key once, not per press. What that saved is in
bench/load.py's docstring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, Exists, and_, bindparam, select
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col

from bot.domain.placement import Refusal, Span, due_to_expire, sides_conflict
from models.erasures import erased_key
from models.participants import Profile, ensure_participant
from models.placements import Deal, Outcome, Result
from models.tables import (
    Answer,
    ErasedUser,
    HomeOpened,
    HostSlot,
    MatchSteer,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    SlackProfile,
    SlotStatus,
    SteerKind,
    Wish,
)


def _opened(user: ColumnElement[Any] | Mapped[Any]) -> Exists:
    """Whether `user` has opened their App Home (models.home.opened_of, as a column)."""
    opener = col(HomeOpened.slack_user_id)
    return select(opener).where(opener == user).exists()


_PRESSER: BindParameter[str] = bindparam("user_id")
_ASKER = aliased(Participant)
# Whether the coordinator forbade the presser this slot (models.steering.forbidden_slots).
_FORBIDDEN = (
    select(col(MatchSteer.id))
    .join(Wish, col(Wish.id) == col(MatchSteer.wish_id))
    .join(_ASKER, col(_ASKER.id) == col(Wish.intern_id))
    .where(
        col(MatchSteer.slot_id) == col(HostSlot.id),
        col(MatchSteer.season_year) == col(HostSlot.season_year),
        col(MatchSteer.kind) == SteerKind.FORBID,
        col(_ASKER.slack_user_id) == _PRESSER,
    )
    .exists()
)
# Everything to be read before the intern's row is locked, in one statement: the slot and
# its host; whether the presser had their data erased (models.erasures); their stored
# profile (models.profiles: name, title and when Slack was asked); and which of those
# concerned have opened their App Home (models.home), the tabs to redraw; whether the
# coordinator forbade the pair.
_SLOT = (
    select(
        HostSlot,
        Participant,
        select(col(ErasedUser.key)).where(col(ErasedUser.key) == bindparam("erased_key")).exists(),
        col(SlackProfile.name),
        col(SlackProfile.title),
        col(SlackProfile.fetched_at),
        _opened(col(Participant.slack_user_id)),
        _opened(col(HostSlot.cohost_user_id)),
        _opened(_PRESSER),
        _FORBIDDEN,
    )
    .join(Participant, col(Participant.id) == col(HostSlot.host_id))
    .outerjoin(SlackProfile, col(SlackProfile.slack_user_id) == _PRESSER)
    .where(col(HostSlot.id) == bindparam("slot_id"))
)


class _SlotRow(NamedTuple):
    """A row of `_SLOT`, its columns in the same order."""

    slot: HostSlot
    host: Participant
    erased: bool
    name: str | None  # the presser's stored profile; None: never read from Slack
    title: str | None
    fetched_at: datetime | None
    host_opened: bool
    cohost_opened: bool
    presser_opened: bool
    forbidden: bool


# After the intern's row is locked: placed this season already? a pending request for this
# slot already? their wish, if any.
_SEEN = (
    select(
        select(col(Placement.id))
        .where(
            col(Placement.intern_id) == bindparam("intern_id"),
            col(Placement.season_year) == bindparam("year"),
            col(Placement.status) == PlacementStatus.CONFIRMED,
        )
        .exists(),
        select(col(Proposal.id))
        .where(
            col(Proposal.slot_id) == bindparam("slot_id"),
            col(Proposal.intern_id) == bindparam("intern_id"),
            col(Proposal.status) == ProposalStatus.PENDING,
        )
        .limit(1)
        .scalar_subquery(),
        Wish,
    )
    .select_from(Participant)
    .outerjoin(
        Wish,
        and_(
            col(Wish.intern_id) == col(Participant.id),
            col(Wish.season_year) == bindparam("year"),
        ),
    )
    .where(col(Participant.id) == bindparam("intern_id"))
)


@dataclass(frozen=True)
class Pressed:
    # None: no stored profile read from Slack since `fresh_since`; nothing was written.
    # The caller reads Slack (bot.slack.people) and presses again with the profile.
    result: Result | None
    intern: Profile | None = None
    opened: frozenset[str] = frozenset()  # those concerned who have opened their App Home


def _refuse(refusal: Refusal, deal: Deal | None = None) -> Pressed:
    return Pressed(Result(outcome=None, deal=deal, refusal=refusal))


def press_request(
    session: Session,
    *,
    slot_id: int,
    user_id: str,
    intern: Profile | None,
    fresh_since: datetime,
    year: int,
    now: datetime,
    approval_required: bool,
) -> Pressed:
    """`intern`: the profile if the process knows it already, else the stored one when
    fresh. A refusal needs no profile, so none is asked for then."""
    params = {"slot_id": slot_id, "user_id": user_id, "erased_key": erased_key(user_id)}
    found = session.execute(_SLOT, params).first()
    if found is None:
        return _refuse(Refusal.NOT_OPEN)
    row = _SlotRow(*found)
    slot, host = row.slot, row.host
    if slot.status != SlotStatus.OPEN or slot.season_year != year:
        return _refuse(Refusal.NOT_OPEN)
    if user_id in (host.slack_user_id, slot.cohost_user_id):
        return _refuse(Refusal.OWN_SLOT)
    if slot.confirmed >= slot.capacity:
        return _refuse(Refusal.FULL)
    if row.erased:
        return _refuse(Refusal.ERASED)
    if row.forbidden:  # an old button: to her the slot is simply not open, as in her search
        return _refuse(Refusal.NOT_OPEN)
    if intern is None:
        if row.fetched_at is None or row.fetched_at < fresh_since:
            return Pressed(None)
        intern = Profile(slack_user_id=user_id, name=row.name or "", title=row.title or "")
    opened = {host.slack_user_id} if row.host_opened else set()
    opened |= {slot.cohost_user_id} if row.cohost_opened and slot.cohost_user_id else set()
    opened |= {user_id} if row.presser_opened else set()
    # One request of an intern at a time (a double click reaching two processes): the
    # person's row is locked, so the second then sees the first one's pending proposal
    # below instead of adding another. The reads below are statements of their own, after
    # the lock: each sees what the first one committed.
    person = ensure_participant(session, profile=intern, now=now, lock=True)
    assert person.id is not None and slot.id is not None
    seen = session.execute(_SEEN, {"intern_id": person.id, "slot_id": slot.id, "year": year})
    placed, pending, wish = seen.one()
    if placed:
        return Pressed(Result(None, refusal=Refusal.ALREADY_PLACED), intern)
    existing = session.get(Proposal, pending) if pending is not None else None
    if existing is not None:
        deal = Deal(existing, slot, host, person, wish)
        return Pressed(Result(None, deal, Refusal.ALREADY_REQUESTED), intern)
    days = sorted(set(slot.days) & set(wish.days)) if wish else sorted(slot.days)
    if not days:
        return Pressed(Result(None, refusal=Refusal.NO_COMMON_DAY), intern)
    span = Span.of_week(year, days)
    if span is not None and due_to_expire(span=span, deadline=None, now=now):
        return Pressed(Result(None, refusal=Refusal.DAYS_PASSED), intern)
    manager = wish.manager_user_id if wish else None
    if approval_required and manager is None:
        return Pressed(Result(None, refusal=Refusal.NEED_MANAGER), intern)
    conflict = sides_conflict(
        intern=user_id, host=host.slack_user_id, cohost=slot.cohost_user_id, manager=manager
    )
    if conflict is not None:
        return Pressed(Result(None, refusal=conflict), intern)
    proposal = Proposal(
        season_year=year,
        slot_id=slot.id,
        intern_id=person.id,
        origin=ProposalOrigin.REQUEST,
        intern_answer=Answer.ACCEPTED,  # asking is saying yes
        manager_user_id=manager if approval_required else None,
        manager_answer=Answer.PENDING if approval_required else None,
        days=days,
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    deal = Deal(proposal, slot, host, person, wish)
    return Pressed(Result(Outcome.CREATED, deal), intern, frozenset(opened))
