"""Changing a confirmed placement's agreed days: one side proposes, the other side answers.

An accepted change moves the placement's days and its DM plan in one transaction, so the
outbox never plans by days the placement no longer has. A second press, a retried payload,
a stranger or a placement that ended changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot.domain.placement import Event, Refusal, Role
from bot.domain.placement import decide as decide_move
from bot.domain.season import Season
from models.hosts import with_cohost
from models.outbox_repo import plan_for
from models.placements import Deal, deal_of, state_of_proposal
from models.programme import revision_of
from models.seasons import season_settings
from models.tables import (
    DaysChange,
    DaysChangeStatus,
    OutboxMessage,
    OutboxStatus,
    Placement,
    PlacementStatus,
    SeasonSettings,
)


class DaysRefusal(StrEnum):
    NOT_CONFIRMED = "not_confirmed"
    NOT_YOURS = "not_yours"
    NO_DAY = "no_day"
    OUTSIDE_SLOT = "outside_slot"
    SAME_DAYS = "same_days"
    OWN_PROPOSAL = "own_proposal"
    SUPERSEDED = "superseded"
    ALREADY_DECIDED = "already_decided"
    BEGUN = "begun"  # the placement is under way or history (bot.domain.placement)


@dataclass(frozen=True, slots=True)
class Changing:
    """A proposed or decided change with the deal it concerns."""

    change: DaysChange
    deal: Deal
    sequence: int = 0  # the calendar SEQUENCE after this change (accepted changes so far)


def side_of(deal: Deal, user_id: str) -> Role | None:
    """Which side a user speaks for in a deal: the co-host speaks for the host."""
    if user_id in (deal.host.slack_user_id, deal.slot.cohost_user_id):
        return Role.HOST
    if user_id == deal.intern.slack_user_id:
        return Role.INTERN
    return None


def _placement(session: Session, *, proposal_id: int, lock: bool = False) -> Placement | None:
    query = select(Placement).where(
        Placement.proposal_id == proposal_id, Placement.status == PlacementStatus.CONFIRMED
    )
    return session.exec(query.with_for_update() if lock else query).first()


def _begun(deal: Deal, placement: Placement, now: datetime) -> bool:
    """Other days only before the first agreed day (bot.domain.placement: CHANGE_DAYS)."""
    state = state_of_proposal(deal.proposal, now=now, placement=placement)
    return isinstance(decide_move(state, Event.CHANGE_DAYS, Role.HOST), Refusal)


def changeable(
    session: Session, *, proposal_id: int, user_id: str, now: datetime
) -> Deal | DaysRefusal:
    """The deal whose days this user may propose to change, or why not."""
    deal = deal_of(session, proposal_id=proposal_id)
    placement = _placement(session, proposal_id=proposal_id)
    if deal is None or placement is None:
        return DaysRefusal.NOT_CONFIRMED
    if side_of(deal, user_id) is None:
        return DaysRefusal.NOT_YOURS
    if _begun(deal, placement, now):
        return DaysRefusal.BEGUN
    return deal


def _days(values: Sequence[str]) -> list[int] | None:
    """Weekday numbers 1–5 from the checkbox values; None if any value is something else."""
    if any(v not in {"1", "2", "3", "4", "5"} for v in values):
        return None
    return sorted({int(v) for v in values})


def propose(
    session: Session, *, proposal_id: int, user_id: str, values: Sequence[str], now: datetime
) -> Changing | DaysRefusal:
    """Store a proposal of other days; an older pending one for the placement gives way."""
    found = changeable(session, proposal_id=proposal_id, user_id=user_id, now=now)
    if isinstance(found, DaysRefusal):
        return found
    placement = _placement(session, proposal_id=proposal_id, lock=True)
    if placement is None:
        return DaysRefusal.NOT_CONFIRMED
    days = _days(values)
    if days is None or not set(days) <= set(found.slot.days):
        return DaysRefusal.OUTSIDE_SLOT
    if not days:
        return DaysRefusal.NO_DAY
    if days == sorted(placement.days):
        return DaysRefusal.SAME_DAYS
    session.execute(
        update(DaysChange)
        .where(
            col(DaysChange.proposal_id) == proposal_id,
            col(DaysChange.status) == DaysChangeStatus.PENDING,
        )
        .values(status=DaysChangeStatus.SUPERSEDED, decided_at=now)
    )
    change = DaysChange(
        proposal_id=proposal_id,
        proposer_user_id=user_id,
        proposer_side=side_of(found, user_id) or Role.HOST,
        old_days=sorted(placement.days),
        days=days,
        created_at=now,
    )
    session.add(change)
    session.flush()
    return Changing(change, found)


def remember_message(session: Session, *, change_id: int, channel: str, ts: str) -> None:
    """Where a copy of the question is, so its buttons can be replaced with the outcome."""
    change = session.exec(
        select(DaysChange).where(DaysChange.id == change_id).with_for_update()
    ).one()
    change.messages = [*change.messages, {"channel": channel, "ts": ts}]
    session.add(change)


def calendar_sequence(session: Session, *, proposal_id: int) -> int:
    """The SEQUENCE of a placement's calendar events now: one up per accepted change of
    days and per saved version of the programme."""
    count = session.exec(
        select(func.count())
        .select_from(DaysChange)
        .where(
            col(DaysChange.proposal_id) == proposal_id,
            col(DaysChange.status) == DaysChangeStatus.ACCEPTED,
        )
    ).one()
    return int(count) + revision_of(session, proposal_id=proposal_id)


def decide(
    session: Session,
    *,
    change_id: int,
    user_id: str,
    accept: bool,
    season: Season,
    seasons: Callable[[SeasonSettings], Season],
    now: datetime,
) -> Changing | DaysRefusal:
    """The other side answers. On yes the placement, its proposal (what status and the
    calendar show) and its DM plan take the new days together."""
    change = session.exec(
        select(DaysChange).where(DaysChange.id == change_id).with_for_update()
    ).first()
    if change is None:
        return DaysRefusal.NOT_CONFIRMED
    deal = deal_of(session, proposal_id=change.proposal_id, lock=True)
    if deal is None:
        return DaysRefusal.NOT_CONFIRMED
    deal = with_cohost(session, deal)  # the calendar update names whoever hosts
    side = side_of(deal, user_id)
    if side is None:
        return DaysRefusal.NOT_YOURS
    if change.status == DaysChangeStatus.SUPERSEDED:
        return DaysRefusal.SUPERSEDED
    if change.status != DaysChangeStatus.PENDING:
        return DaysRefusal.ALREADY_DECIDED
    if side == change.proposer_side:
        return DaysRefusal.OWN_PROPOSAL
    placement = _placement(session, proposal_id=change.proposal_id, lock=True)
    if placement is None:
        return DaysRefusal.NOT_CONFIRMED
    if _begun(deal, placement, now):
        return DaysRefusal.BEGUN
    if sorted(placement.days) != sorted(change.old_days):
        change.status, change.decided_at = DaysChangeStatus.SUPERSEDED, now
        session.add(change)
        return DaysRefusal.SUPERSEDED
    if accept and not set(change.days) <= set(deal.slot.days):
        return DaysRefusal.OUTSIDE_SLOT  # the host took the day out of the slot since
    change.decided_at = now
    if not accept:
        change.status = DaysChangeStatus.DECLINED
        session.add(change)
        return Changing(change, deal, calendar_sequence(session, proposal_id=change.proposal_id))
    change.status = DaysChangeStatus.ACCEPTED
    placement.days = list(change.days)
    deal.proposal.days = list(change.days)
    session.add_all([change, placement, deal.proposal])
    session.flush()
    year = placement.season_year
    own = season if year == season.year else seasons(season_settings(session, year=year))
    plan_for(
        session,
        placement=placement,
        host_id=deal.host.slack_user_id,
        intern_id=deal.intern.slack_user_id,
        cohost_id=deal.slot.cohost_user_id,
        season=own,
        now=now,
    )
    _sent_once(session, placement_id=placement.id or 0)
    return Changing(change, deal, calendar_sequence(session, proposal_id=change.proposal_id))


def _sent_once(session: Session, *, placement_id: int) -> None:
    """A DM a person already got (e.g. the intro) is not planned again for the moved day:
    the re-plan's new key would otherwise send it twice."""
    sent = session.exec(
        select(OutboxMessage.recipient, OutboxMessage.kind).where(
            col(OutboxMessage.placement_id) == placement_id,
            col(OutboxMessage.status).in_([OutboxStatus.SENT, OutboxStatus.SENDING]),
        )
    ).all()
    for recipient, kind in set(sent):
        session.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.placement_id) == placement_id,
                col(OutboxMessage.recipient) == recipient,
                col(OutboxMessage.kind) == kind,
                col(OutboxMessage.status) == OutboxStatus.PLANNED,
            )
            .values(status=OutboxStatus.CANCELLED, reason="already sent")
        )
