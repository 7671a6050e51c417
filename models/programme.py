"""The programme of a confirmed placement in the database: who may write it and when (as
`bot.domain.placement` decides: the host side, before the first agreed day), saving it for one or
several of a host's placements, the intern's coalesced notice, and what a person's data
export and erasure do with it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select

from bot.domain.placement import Event, Refusal, Role, decide
from bot.registry.ids import DMKind
from models.hosts import with_cohost
from models.placements import Deal, deal_of, deals_of, state_of_proposal
from models.programme_form import ProgrammeForm
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Programme,
    Proposal,
)

# Edits saved within this long of the first one unsent are told to the intern in one DM,
# which shows the programme as it is when it goes out.
COALESCE_MINUTES = 10


@dataclass(frozen=True, slots=True)
class Saved:
    """One placement's programme as saved, with what its messages and calendar need."""

    deal: Deal
    programme: Programme
    placement: Placement


class ProgrammeRefusal(StrEnum):
    """Why the programme cannot be written: the machine's reasons (bot.domain.placement), said for
    the programme, whose only writers are the host side of a confirmed placement."""

    NOT_YOURS = "not_yours"  # the intern, or someone outside the placement
    TOO_LATE = "too_late"  # the first agreed day has begun, or the placement is history
    NOT_CONFIRMED = "not_confirmed"  # no such placement, or it is no longer confirmed
    NOT_NOW = "not_now"  # any other reason the machine gives (none is reachable today)


def _programme_refusal(refusal: Refusal) -> ProgrammeRefusal:
    if refusal is Refusal.NOT_YOURS:
        return ProgrammeRefusal.NOT_YOURS
    if refusal is Refusal.TOO_LATE:
        return ProgrammeRefusal.TOO_LATE
    if refusal is Refusal.ALREADY_DECIDED:
        return ProgrammeRefusal.NOT_CONFIRMED
    return ProgrammeRefusal.NOT_NOW


def _placement(session: Session, *, proposal_id: int, lock: bool = False) -> Placement | None:
    query = select(Placement).where(
        Placement.proposal_id == proposal_id, Placement.status == PlacementStatus.CONFIRMED
    )
    return session.exec(query.with_for_update() if lock else query).first()


def _hosts(deal: Deal, user_id: str) -> bool:
    return user_id in (deal.host.slack_user_id, deal.slot.cohost_user_id)


def writable(
    session: Session, *, proposal_id: int, user_id: str, now: datetime, lock: bool = False
) -> tuple[Deal, Placement] | ProgrammeRefusal:
    """The placement whose programme this user may write now, or why not."""
    deal = deal_of(session, proposal_id=proposal_id)
    placement = _placement(session, proposal_id=proposal_id, lock=lock)
    if deal is None or placement is None:
        return ProgrammeRefusal.NOT_CONFIRMED
    if _hosts(deal, user_id):
        mover = Role.HOST
    elif user_id == deal.intern.slack_user_id:
        mover = Role.INTERN  # bot.domain.placement refuses her: the programme is the host side's
    else:
        return ProgrammeRefusal.NOT_YOURS
    state = state_of_proposal(deal.proposal, now=now, placement=placement)
    move = decide(state, Event.WRITE_PROGRAMME, mover)
    if isinstance(move, Refusal):
        return _programme_refusal(move)
    return with_cohost(session, deal), placement


def programme_of(session: Session, *, proposal_id: int) -> Programme | None:
    return session.exec(select(Programme).where(Programme.proposal_id == proposal_id)).first()


def programmes_of(session: Session, *, proposal_ids: Iterable[int]) -> dict[int, Programme]:
    wanted = sorted(set(proposal_ids))
    if not wanted:
        return {}
    found = session.exec(select(Programme).where(col(Programme.proposal_id).in_(wanted)))
    return {p.proposal_id: p for p in found}


def also_for(session: Session, *, deal: Deal, user_id: str, now: datetime) -> list[Deal]:
    """The user's other placements that season whose programme they may write too: the same
    programme, written once, for each of a host's interns."""
    slots = select(HostSlot.id).where(
        col(HostSlot.season_year) == deal.proposal.season_year,
        or_(
            col(HostSlot.cohost_user_id) == user_id,
            col(HostSlot.host_id).in_(
                select(Participant.id).where(col(Participant.slack_user_id) == user_id)
            ),
        ),
    )
    proposals = session.exec(
        select(Proposal)
        .join(Placement, col(Placement.proposal_id) == col(Proposal.id))
        .where(
            col(Proposal.slot_id).in_(slots),
            col(Proposal.id) != deal.proposal.id,
            col(Placement.status) == PlacementStatus.CONFIRMED,
        )
        .order_by(col(Proposal.id))
    ).all()
    others = []
    for other in deals_of(session, proposals=list(proposals)):
        found = writable(session, proposal_id=other.proposal.id or 0, user_id=user_id, now=now)
        if not isinstance(found, ProgrammeRefusal):
            others.append(other)
    return others


def save(
    session: Session,
    *,
    proposal_ids: Sequence[int],
    user_id: str,
    form: ProgrammeForm,
    now: datetime,
) -> list[Saved] | ProgrammeRefusal:
    """Write `form` as the programme of each placement, or of none: each is checked again
    under its row lock, so a placement that began or was withdrawn meanwhile refuses them all.
    A placement gets the entries for its own days; the intern's notice is planned."""
    checked = []
    for proposal_id in dict.fromkeys(proposal_ids):
        found = writable(session, proposal_id=proposal_id, user_id=user_id, now=now, lock=True)
        if isinstance(found, ProgrammeRefusal):
            return found
        checked.append(found)
    saved = []
    for deal, placement in checked:
        programme = programme_of(session, proposal_id=deal.proposal.id or 0)
        if programme is None:
            programme = Programme(proposal_id=deal.proposal.id or 0, revision=0, updated_at=now)
        programme.days = form.for_days(sorted(placement.days))
        programme.address, programme.meeting_point = form.address, form.meeting_point
        programme.phone, programme.updated_by = form.phone, user_id
        programme.revision, programme.updated_at = programme.revision + 1, now
        session.add(programme)
        session.flush()
        _plan_notice(session, placement=placement, programme=programme, deal=deal, now=now)
        saved.append(Saved(deal, programme, placement))
    return saved


def _plan_notice(
    session: Session, *, placement: Placement, programme: Programme, deal: Deal, now: datetime
) -> None:
    """One DM to the intern for a burst of edits: while one is planned and unsent, the next
    edit rides on it (the DM is built when it goes out, from the programme as it is then)."""
    intern = deal.intern.slack_user_id
    waiting = session.exec(
        select(OutboxMessage.id).where(
            col(OutboxMessage.placement_id) == placement.id,
            col(OutboxMessage.recipient) == intern,
            col(OutboxMessage.kind) == DMKind.PROGRAMME_CHANGED.value,
            col(OutboxMessage.status) == OutboxStatus.PLANNED,
        )
    ).first()
    if waiting is not None:
        return
    session.add(
        OutboxMessage(
            key=f"p{placement.id}:{DMKind.PROGRAMME_CHANGED}:{intern}:r{programme.revision}",
            placement_id=placement.id,
            recipient=intern,
            kind=DMKind.PROGRAMME_CHANGED.value,
            due_at=now + timedelta(minutes=COALESCE_MINUTES),
            created_at=now,
        )
    )
    session.flush()


def revision_of(session: Session, *, proposal_id: int) -> int:
    """How many times the programme was saved (0: never): part of the calendar's SEQUENCE."""
    found = session.exec(
        select(func.coalesce(func.max(Programme.revision), 0)).where(
            col(Programme.proposal_id) == proposal_id
        )
    ).one()
    return int(found)


def export_of(session: Session, *, user_id: str) -> list[dict[str, Any]]:
    """The programmes of the person's placements, as host, co-host or intern, and any they
    wrote, for /praktik mine-data."""
    me = select(Participant.id).where(col(Participant.slack_user_id) == user_id)
    cohosted = select(HostSlot.id).where(col(HostSlot.cohost_user_id) == user_id)
    theirs = select(Placement.proposal_id).where(
        or_(
            col(Placement.host_id).in_(me),
            col(Placement.intern_id).in_(me),
            col(Placement.slot_id).in_(cohosted),
        )
    )
    rows = session.exec(
        select(Programme)
        .where(or_(col(Programme.updated_by) == user_id, col(Programme.proposal_id).in_(theirs)))
        .order_by(col(Programme.id))
    ).all()
    return [p.model_dump(mode="json", exclude={"id", "updated_by"}) for p in rows]


def erase_of(session: Session, *, user_id: str, host_id: int | None) -> None:
    """The host's text about their placements goes with the host (`host_id`: their
    participant row). A co-host who wrote one is no longer named as its author, but the text
    stays, since it is the host's programme too. An intern's erasure leaves it: it is the
    host side's text and holds nothing the app took from her."""
    if host_id is not None:
        hosted = select(Placement.proposal_id).where(col(Placement.host_id) == host_id)
        session.execute(delete(Programme).where(col(Programme.proposal_id).in_(hosted)))
    session.execute(
        update(Programme).where(col(Programme.updated_by) == user_id).values(updated_by="")
    )
