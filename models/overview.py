"""Everything one user has going on this season: for /praktik status and App Home."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import BindParameter, and_, bindparam, or_
from sqlmodel import Session, col, select

from bot.domain.placement import HAPPENED, Span, State
from models.cohosts import cohosted
from models.goals import PlacementGoals, goals_of
from models.hosts import with_cohosts
from models.placements import Deal, deals_of, pending_where
from models.programme import programmes_of
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Programme,
    Proposal,
    ProposalStatus,
    Wish,
    Workshop,
    WorkshopAnswer,
)
from models.workshop import own_answer


@dataclass
class Overview:
    slot: HostSlot | None = None
    wish: Wish | None = None
    pending: list[Deal] = field(default_factory=list)
    placements: list[Deal] = field(default_factory=list)
    next_dms: list[OutboxMessage] = field(default_factory=list)
    cohosted: list[tuple[HostSlot, Participant]] = field(default_factory=list)  # (slot, host)
    # Placements under way or history (bot.domain.placement): nothing may change them any more.
    begun: frozenset[int] = frozenset()
    # Of those, the ones whose last agreed day is over: told in the past tense.
    completed: frozenset[int] = frozenset()
    # The season's workshop and the person's answer, once they were invited to it.
    workshop: tuple[Workshop, WorkshopAnswer | None] | None = None
    # The intern's learning goals of each confirmed placement, by proposal ID.
    goals: dict[int, PlacementGoals] = field(default_factory=dict)
    # The programme of each placement that has one, by proposal ID.
    programmes: dict[int, Programme] = field(default_factory=dict)


def overview(
    session: Session, *, user_id: str, year: int, now: datetime, earlier_year: int | None = None
) -> Overview:
    """`earlier_year`: last season while its follow-up still runs; its placements show too.

    App Home is redrawn after every change, for both sides: the person is looked up once and
    every list is read by their ID, the deals of both lists in one query."""
    view = Overview()
    found = session.exec(_PERSON, params={"user": user_id, "year": year}).first()
    person, slot, wish = found if found is not None else (None, None, None)
    if person is not None and person.id is not None:
        view.slot, view.wish = slot, wish
        years = [y for y in (earlier_year, year) if y is not None]
        params = {"me": person.id, "year": year, "years": years}
        proposals = session.exec(_PROPOSALS, params=params).all()
        deals = deals_of(session, proposals=list(proposals))
        view.pending = [d for d in deals if d.proposal.status == ProposalStatus.PENDING]
        view.placements = [d for d in deals if d.proposal.status != ProposalStatus.PENDING]
    view.next_dms = list(session.exec(_NEXT_DMS, params={"user": user_id, "now": now}).all())
    view.cohosted = cohosted(session, user_id=user_id, year=year)
    view.workshop = own_answer(session, user_id=user_id, year=year)
    if view.cohosted:
        # A co-host sees the slot's open requests and proposals, and its placements.
        ids = [slot.id for slot, _ in view.cohosted]
        shared = session.exec(
            select(Proposal)
            .where(
                col(Proposal.slot_id).in_(ids),
                or_(
                    col(Proposal.status) == ProposalStatus.PENDING,
                    col(Proposal.id).in_(
                        select(Placement.proposal_id).where(
                            col(Placement.status) == PlacementStatus.CONFIRMED
                        )
                    ),
                ),
            )
            .order_by(col(Proposal.id))
        ).all()
        for deal in deals_of(session, proposals=list(shared)):
            pending = deal.proposal.status == ProposalStatus.PENDING
            (view.pending if pending else view.placements).append(deal)
    # The intern's placements name whoever hosts her.
    view.placements = with_cohosts(session, view.placements)
    stages = {
        d.proposal.id: span.stage(now)
        for d in view.placements
        if d.proposal.id is not None
        and (span := Span.of_week(d.proposal.season_year, d.proposal.days)) is not None
    }
    view.goals = goals_of(
        session, proposal_ids=[d.proposal.id for d in view.placements if d.proposal.id is not None]
    )
    view.begun = frozenset(i for i, stage in stages.items() if stage in HAPPENED)
    view.completed = frozenset(i for i, stage in stages.items() if stage is State.COMPLETED)
    view.programmes = programmes_of(session, proposal_ids=[i for i in stages if i is not None])
    return view


# The statements are built once: App Home runs them for both sides of every change, and
# building them cost about as much CPU as running them.
_ME: BindParameter[int] = bindparam("me")
_YEAR: BindParameter[int] = bindparam("year")
_USER: BindParameter[str] = bindparam("user")
_PERSON = (
    select(Participant, HostSlot, Wish)
    .outerjoin(
        HostSlot,
        and_(col(HostSlot.host_id) == col(Participant.id), col(HostSlot.season_year) == _YEAR),
    )
    .outerjoin(
        Wish, and_(col(Wish.intern_id) == col(Participant.id), col(Wish.season_year) == _YEAR)
    )
    .where(col(Participant.slack_user_id) == _USER)
)
# Open ones (as host or intern) and the ones that became this person's placements; an
# agreed proposal is confirmed, so the two never overlap.
_AGREED_IDS = select(Placement.proposal_id).where(
    or_(col(Placement.intern_id) == _ME, col(Placement.host_id) == _ME),
    col(Placement.season_year).in_(bindparam("years", expanding=True)),
    col(Placement.status) == PlacementStatus.CONFIRMED,
)
_PROPOSALS = (
    select(Proposal)
    .where(or_(pending_where(_ME, _YEAR), col(Proposal.id).in_(_AGREED_IDS)))
    .order_by(col(Proposal.id))
)
_NEXT_DMS = (
    select(OutboxMessage)
    .where(
        col(OutboxMessage.recipient) == _USER,
        col(OutboxMessage.status) == OutboxStatus.PLANNED,
        col(OutboxMessage.due_at) >= bindparam("now"),
    )
    .order_by(col(OutboxMessage.due_at))
    .limit(3)
)
