"""The intern's learning goals for a placement: refining them, and the coalesced DM that
tells the host side (one DM for edits close together, drawn as fixed content)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import tzinfo as TzInfo
from enum import StrEnum
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.domain.placement import Role, Span, State, goals_editable, state_of
from bot.registry.ids import GOALS_CHANGED_KIND
from models.anonymise import is_stand_in
from models.tables import (
    Evaluation,
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
)

# Edits within this time after the first unsent one are told in one DM, with the latest goals.
GOALS_QUIET = timedelta(minutes=5)


class GoalsRefusal(StrEnum):
    UNKNOWN = "unknown"  # no such placement, or it is not (any longer) confirmed
    NOT_YOURS = "not_yours"  # only the intern refines her goals
    TOO_LATE = "too_late"  # she has evaluated the placement against them


@dataclass(frozen=True, slots=True)
class Refined:
    placement_id: int
    changed: bool  # False: the same goals as before, nobody told
    told: tuple[str, ...] = ()  # the host side, to be told (or already due to be)


def goals_key_prefix(placement_id: int) -> str:
    return f"goals:{placement_id}:"


def _state(placement: Placement, *, tz: TzInfo, now: datetime) -> State:
    span = Span.of_week(placement.season_year, placement.days, tz)
    return state_of(status="confirmed", from_request=False, span=span, now=now)


def refusal_for(
    session: Session, *, placement: Placement | None, user_id: str, tz: TzInfo, now: datetime
) -> GoalsRefusal | None:
    """Why `user_id` may not refine the goals of `placement` now, or None."""
    if placement is None or placement.status != PlacementStatus.CONFIRMED:
        return GoalsRefusal.UNKNOWN
    intern = session.get(Participant, placement.intern_id)
    if intern is None or intern.slack_user_id != user_id:
        return GoalsRefusal.NOT_YOURS
    evaluated = session.exec(
        select(Evaluation.id).where(
            Evaluation.placement_id == placement.id, Evaluation.role == Role.INTERN
        )
    ).first()
    refused = goals_editable(_state(placement, tz=tz, now=now), evaluated=evaluated is not None)
    if refused is None:
        return None
    return GoalsRefusal.TOO_LATE if evaluated is not None else GoalsRefusal.UNKNOWN


def host_side(session: Session, *, placement: Placement) -> list[str]:
    """Who on the host side is told of changed goals. A host who erased their data during
    or after the visit keeps the placement only as a stand-in, whom no DM can reach."""
    host = session.get(Participant, placement.host_id)
    slot = session.get(HostSlot, placement.slot_id)
    found = [host.slack_user_id] if host is not None else []
    if slot is not None and slot.cohost_user_id:
        found.append(slot.cohost_user_id)
    return [user for user in found if not is_stand_in(user)]


def placement_of(session: Session, *, proposal_id: int, lock: bool = False) -> Placement | None:
    """The confirmed placement a proposal became (the buttons carry the proposal's ID)."""
    query = select(Placement).where(
        Placement.proposal_id == proposal_id, Placement.status == PlacementStatus.CONFIRMED
    )
    return session.exec(query.with_for_update() if lock else query).first()


@dataclass(frozen=True, slots=True)
class GoalsContext:
    """What the modal and the host side's DM name: the placement, where, and who."""

    placement: Placement
    workplace: str
    intern: Participant


def may_refine(
    session: Session, *, proposal_id: int, user_id: str, tz: TzInfo, now: datetime
) -> GoalsContext | GoalsRefusal:
    placement = placement_of(session, proposal_id=proposal_id)
    refused = refusal_for(session, placement=placement, user_id=user_id, tz=tz, now=now)
    if refused is not None:
        return refused
    assert placement is not None
    slot = session.get(HostSlot, placement.slot_id)
    intern = session.get(Participant, placement.intern_id)
    assert intern is not None  # refusal_for found her
    return GoalsContext(placement, slot.workplace if slot is not None else "", intern)


def refine_goals(
    session: Session,
    *,
    proposal_id: int,
    user_id: str,
    goals: str,
    payload: Callable[[str], dict[str, Any]],
    tz: TzInfo,
    now: datetime,
) -> Refined | GoalsRefusal:
    """Store the intern's new goals and plan (or refresh) the host side's DM about them, in
    one transaction. `payload(goals)` is the DM's content; a row not yet sent is given the
    latest goals and keeps its moment, so a run of edits gives each host one DM."""
    placement = placement_of(session, proposal_id=proposal_id, lock=True)
    refused = refusal_for(session, placement=placement, user_id=user_id, tz=tz, now=now)
    if refused is not None:
        return refused
    assert placement is not None and placement.id is not None
    if placement.goals == goals:
        return Refined(placement.id, changed=False)
    placement.goals, placement.goals_updated_at = goals, now
    session.add(placement)
    recipients = tuple(r for r in host_side(session, placement=placement) if r != user_id)
    content = payload(goals)
    prefix = goals_key_prefix(placement.id)
    rows = session.exec(
        select(OutboxMessage).where(col(OutboxMessage.key).startswith(prefix))
    ).all()
    for recipient in recipients:
        mine = [r for r in rows if r.recipient == recipient]
        waiting = next((r for r in mine if r.status == OutboxStatus.PLANNED), None)
        if waiting is not None:
            waiting.payload = content
            session.add(waiting)
            continue
        session.add(
            OutboxMessage(
                key=f"{prefix}{recipient}:{len(mine) + 1}",
                recipient=recipient,
                kind=GOALS_CHANGED_KIND,
                due_at=now + GOALS_QUIET,
                created_at=now,
                payload=content,
            )
        )
    session.flush()
    return Refined(placement.id, changed=True, told=recipients)


def forget_goals_dms(session: Session, *, placement_ids: Sequence[int]) -> None:
    """The DMs that carry an erased intern's goals to her hosts go with her data."""
    for placement_id in placement_ids:
        session.execute(
            delete(OutboxMessage).where(
                col(OutboxMessage.key).startswith(goals_key_prefix(placement_id))
            )
        )


@dataclass(frozen=True, slots=True)
class PlacementGoals:
    goals: str
    evaluated: bool  # the intern has evaluated the placement: the goals are fixed


def goals_of(session: Session, *, proposal_ids: Sequence[int]) -> dict[int, PlacementGoals]:
    """The goals of the confirmed placements behind these proposals, by proposal ID."""
    if not proposal_ids:
        return {}
    rows = session.exec(
        select(Placement.proposal_id, Placement.goals, Evaluation.id)
        .outerjoin(
            Evaluation,
            (col(Evaluation.placement_id) == col(Placement.id))
            & (col(Evaluation.role) == Role.INTERN),
        )
        .where(
            col(Placement.proposal_id).in_(list(proposal_ids)),
            Placement.status == PlacementStatus.CONFIRMED,
        )
    ).all()
    return {pid: PlacementGoals(goals, evaluated is not None) for pid, goals, evaluated in rows}
