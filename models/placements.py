"""Placements in the database: every *Acceptér*/*Afslå*, withdrawal and supersession carried
out as `bot.domain.placement` decides it, in one transaction. A `Deal` is one placement's rows (its
proposal, slot, host, intern and wish), as the messages about it need them.

Capacity is protected by one conditional UPDATE (`confirmed < capacity`), which PostgreSQL
re-checks under the row lock and SQLite runs inside its single writer: two accepts at the
same moment can never both take the last seat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    and_,
    bindparam,
    or_,
    update,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.domain.placement import (
    Actor,
    Event,
    Move,
    Refusal,
    Role,
    Span,
    State,
    answer_event,
    decide,
    sides_conflict,
    state_of,
    waits_for_manager,
)
from bot.domain.placement import Answers as Given
from models.erasures import was_erased
from models.goals import goals_key_prefix
from models.slots import OpenSlot, slot_with_host
from models.tables import (
    Answer,
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    SlotStatus,
    Wish,
    WishStatus,
)
from models.types import changed
from models.wishes import wish_of


@dataclass(frozen=True, slots=True)
class Deal:
    """A proposal with the people and the slot it concerns, for building messages."""

    proposal: Proposal
    slot: HostSlot
    host: Participant
    intern: Participant
    wish: Wish | None
    # The slot's co-host, for what names the hosts (models.cohosts.with_cohost fills it).
    cohost: Participant | None = None


class Outcome(StrEnum):
    CREATED = "created"
    WAITING = "waiting"  # this side said yes; another side has not answered yet
    NEEDS_MANAGER = "needs_manager"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    FULL = "full"  # everyone said yes, but the last seat went to someone else first


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome | None
    deal: Deal | None = None
    refusal: Refusal | None = None
    placement: Placement | None = None
    # The intern's other open requests and proposals that this confirmation closed.
    superseded: tuple[Deal, ...] = ()
    # The move made (bot.domain.placement): its effects are what the services carry out.
    move: Move | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None


def _refuse(refusal: Refusal, deal: Deal | None = None) -> Result:
    return Result(outcome=None, deal=deal, refusal=refusal)


def _placed_query(*, intern_id: int, year: int) -> SelectOfScalar[Placement]:
    return select(Placement).where(
        Placement.intern_id == intern_id,
        Placement.season_year == year,
        Placement.status == PlacementStatus.CONFIRMED,
    )


def _placed(session: Session, *, intern_id: int, year: int) -> Placement | None:
    return session.exec(_placed_query(intern_id=intern_id, year=year)).first()


def deal_of(session: Session, *, proposal_id: int, lock: bool = False) -> Deal | None:
    query = select(Proposal).where(Proposal.id == proposal_id)
    if lock:
        query = query.with_for_update()
    proposal = session.exec(query).first()
    if proposal is None:
        return None
    found: OpenSlot | None = slot_with_host(session, slot_id=proposal.slot_id)
    intern = session.get(Participant, proposal.intern_id)
    if found is None or intern is None:
        return None
    wish = wish_of(session, slack_user_id=intern.slack_user_id, year=proposal.season_year)
    return Deal(proposal, found.slot, found.host, intern, wish)


def state_of_proposal(
    proposal: Proposal, *, now: datetime, placement: Placement | None = None
) -> State:
    """Where `proposal` stands in its life (bot.domain.placement); `placement`: its placement row,
    if it was confirmed (the agreed days and whether it was withdrawn)."""
    days = placement.days if placement is not None else proposal.days
    return state_of(
        status=proposal.status,
        from_request=proposal.origin == ProposalOrigin.REQUEST,
        cancelled=placement is not None and placement.status == PlacementStatus.WITHDRAWN,
        span=Span.of_week(proposal.season_year, days),
        deadline=proposal.deadline,
        now=now,
    )


def _actors_of(deal: Deal, role: Role) -> set[str | None]:
    """Who may answer for a side: the host's side is the host and their co-host, if any."""
    if role is Role.HOST:
        return {deal.host.slack_user_id, deal.slot.cohost_user_id} - {None}
    if role is Role.INTERN:
        return {deal.intern.slack_user_id}
    return {deal.proposal.manager_user_id}


def _conflict(deal: Deal) -> Refusal | None:
    return sides_conflict(
        intern=deal.intern.slack_user_id,
        host=deal.host.slack_user_id,
        cohost=deal.slot.cohost_user_id,
        manager=deal.proposal.manager_user_id,
    )


def _given(proposal: Proposal) -> Given:
    return Given(proposal.host_answer, proposal.intern_answer, proposal.manager_answer)


def _set_answer(proposal: Proposal, role: Role, given: Answer) -> None:
    if role is Role.HOST:
        proposal.host_answer = given
    elif role is Role.INTERN:
        proposal.intern_answer = given
    else:
        proposal.manager_answer = given


def answer(
    session: Session, *, proposal_id: int, role: Role, user_id: str, accept: bool, now: datetime
) -> Result:
    """One side answers. A second press, a retried payload, the wrong person or the wrong
    moment (expired, placed elsewhere, begun) changes nothing.

    Locks in the order withdrawal does – the intern, the slot, then the proposal – so that
    on PostgreSQL two transactions never wait for each other: a confirmation closes the
    intern's other proposals, so two answers for one intern queue on her row before either
    holds a proposal the other would close, and a host leaving queues on the slot."""
    found = session.exec(
        select(Proposal.intern_id, Proposal.slot_id).where(Proposal.id == proposal_id)
    ).first()
    if found is None:
        return _refuse(Refusal.UNKNOWN)
    intern_id, slot_id = found
    session.exec(
        select(Participant.id).where(Participant.id == intern_id).with_for_update()
    ).first()
    session.exec(select(HostSlot.id).where(HostSlot.id == slot_id).with_for_update()).first()
    deal = deal_of(session, proposal_id=proposal_id, lock=True)
    if deal is None:
        return _refuse(Refusal.UNKNOWN)
    if user_id not in _actors_of(deal, role):
        erased = was_erased(session, user_id=user_id)
        return _refuse(Refusal.ERASED if erased else Refusal.NOT_YOURS, deal)
    proposal = deal.proposal
    event = answer_event(_given(proposal), role, accept=accept)
    if event is None:
        return _refuse(Refusal.ALREADY_DECIDED, deal)
    move = decide(state_of_proposal(proposal, now=now), event, role)
    if isinstance(move, Refusal):
        if move is Refusal.PLACED_ELSEWHERE and role is Role.INTERN:
            move = Refusal.ALREADY_PLACED
        return _refuse(move, deal)
    if accept and _conflict(deal) is not None:
        return _refuse(Refusal.BOTH_SIDES, deal)
    waiting_for_manager = waits_for_manager(_given(proposal), role)
    _set_answer(proposal, role, Answer.ACCEPTED if accept else Answer.DECLINED)
    session.add(proposal)
    if move.event is Event.DECLINE:
        proposal.status, proposal.decided_at = ProposalStatus.DECLINED, now
        return Result(Outcome.DECLINED, deal, move=move)
    if move.event is Event.ACCEPT:
        waiting = Outcome.NEEDS_MANAGER if waiting_for_manager else Outcome.WAITING
        return Result(waiting, deal, move=move)
    return _confirm(session, deal=deal, role=role, move=move, now=now)


def _confirm(session: Session, *, deal: Deal, role: Role, move: Move, now: datetime) -> Result:
    proposal = deal.proposal
    # The intern's row is locked (answer), so two hosts accepting her at once give one
    # placement; the slot's too, so the seat is counted under that lock.
    assert deal.intern.id is not None and deal.host.id is not None and proposal.id is not None
    if _placed(session, intern_id=deal.intern.id, year=proposal.season_year):
        # Placed elsewhere a moment ago (the other confirmation closes this one too, so
        # this is only the race between the two).
        proposal.status, proposal.decided_at = ProposalStatus.SUPERSEDED, now
        session.add(proposal)
        refusal = Refusal.ALREADY_PLACED if role is Role.INTERN else Refusal.PLACED_ELSEWHERE
        return _refuse(refusal, deal)
    taken = session.execute(
        update(HostSlot)
        .where(
            col(HostSlot.id) == proposal.slot_id,
            col(HostSlot.status) == SlotStatus.OPEN,
            col(HostSlot.confirmed) < col(HostSlot.capacity),
        )
        .values(confirmed=col(HostSlot.confirmed) + 1)
    )
    if changed(taken) != 1:
        no_seat = decide(move.before, Event.NO_SEAT, Actor.APP)
        assert isinstance(no_seat, Move)
        proposal.status, proposal.decided_at = ProposalStatus.FULL, now
        session.add(proposal)
        return Result(Outcome.FULL, deal, move=no_seat)
    proposal.status, proposal.decided_at = ProposalStatus.CONFIRMED, now
    placement = Placement(
        season_year=proposal.season_year,
        proposal_id=proposal.id,
        slot_id=proposal.slot_id,
        host_id=deal.host.id,
        intern_id=deal.intern.id,
        days=list(proposal.days),
        confirmed_at=now,
        goals=deal.wish.goals if deal.wish is not None else "",
    )
    session.add_all([proposal, placement])
    session.flush()
    session.refresh(deal.slot)
    others = supersede_others(session, deal=deal, now=now)
    return Result(Outcome.CONFIRMED, deal, placement=placement, superseded=others, move=move)


def supersede_others(session: Session, *, deal: Deal, now: datetime) -> tuple[Deal, ...]:
    """Close every other open request and proposal of the intern that season, in the
    confirming transaction: she cannot be placed twice, and each counterpart is to be told."""
    others = session.exec(
        select(Proposal)
        .where(
            Proposal.intern_id == deal.intern.id,
            Proposal.season_year == deal.proposal.season_year,
            Proposal.status == ProposalStatus.PENDING,
            Proposal.id != deal.proposal.id,
        )
        .order_by(col(Proposal.id))
        .with_for_update()
    ).all()
    for other in others:
        move = decide(state_of_proposal(other, now=now), Event.SUPERSEDE, Actor.APP)
        # One past its moment is expired instead, by the scheduler, and told so then.
        if isinstance(move, Refusal):
            continue
        other.status, other.decided_at = ProposalStatus.SUPERSEDED, now
        session.add(other)
    session.flush()
    closed = [o for o in others if o.status == ProposalStatus.SUPERSEDED]
    return tuple(deals_of(session, proposals=closed))


@dataclass
class Withdrawal:
    """What a withdrawal touched, so the handler can tell everyone concerned."""

    placements: list[Deal] = field(default_factory=list)  # confirmed ones now cancelled
    proposals: list[Deal] = field(default_factory=list)  # pending ones now withdrawn
    begun: list[Deal] = field(default_factory=list)  # under way or history: kept as they are
    had_slot: bool = False
    had_wish: bool = False


def _free_seat(session: Session, *, slot_id: int) -> None:
    session.execute(
        update(HostSlot)
        .where(col(HostSlot.id) == slot_id, col(HostSlot.confirmed) > 0)
        .values(confirmed=col(HostSlot.confirmed) - 1)
    )


def cancel_outbox(session: Session, *, placement_id: int) -> int:
    """Cancel every unsent DM about the placement. The host side's note of changed goals is
    of fixed content and so carries no placement_id (the dispatcher sends such a row as it
    is): it is found by its key, or it would still go out after the pause that gathers edits."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            or_(
                col(OutboxMessage.placement_id) == placement_id,
                col(OutboxMessage.key).startswith(goals_key_prefix(placement_id)),
            ),
            col(OutboxMessage.status) == OutboxStatus.PLANNED,
        )
        .values(status=OutboxStatus.CANCELLED, reason="placement withdrawn")
    )
    return changed(result)


def withdraw(
    session: Session,
    *,
    user_id: str,
    role: Role,
    year: int,
    now: datetime,
    event: Event = Event.WITHDRAW,
) -> Withdrawal:
    """The user leaves as host (their slot) or as intern (their wish and placement); with
    `event` ERASE, because their data is being erased. A placement that has begun is not
    undone by either (bot.domain.placement): it stays, and nobody is told anything."""
    done = Withdrawal()
    person = session.exec(
        select(Participant).where(Participant.slack_user_id == user_id).with_for_update()
    ).first()
    if person is None or person.id is None:
        return done
    if role is Role.HOST:
        slot = session.exec(
            select(HostSlot)
            .where(HostSlot.host_id == person.id, HostSlot.season_year == year)
            .with_for_update()
        ).first()
        if slot is None or slot.status != SlotStatus.OPEN:
            return done
        done.had_slot = True
        slot.status, slot.updated_at = SlotStatus.WITHDRAWN, now
        session.add(slot)
        placements = select(Placement).where(Placement.slot_id == slot.id)
        proposals = select(Proposal).where(Proposal.slot_id == slot.id)
    else:
        wish = wish_of(session, slack_user_id=user_id, year=year)
        if wish is not None and wish.status == WishStatus.ACTIVE:
            done.had_wish = True
            wish.status, wish.updated_at = WishStatus.WITHDRAWN, now
            session.add(wish)
        placements = select(Placement).where(Placement.intern_id == person.id)
        proposals = select(Proposal).where(Proposal.intern_id == person.id)
    for placement in session.exec(
        placements.where(
            Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED
        )
    ).all():
        assert placement.id is not None
        deal = deal_of(session, proposal_id=placement.proposal_id)
        if deal is None:
            continue
        state = state_of_proposal(deal.proposal, now=now, placement=placement)
        move = decide(state, event, role)
        if isinstance(move, Refusal) or move.to is not State.CANCELLED:
            done.begun.append(deal)
            continue
        placement.status, placement.withdrawn_at = PlacementStatus.WITHDRAWN, now
        session.add(placement)
        _free_seat(session, slot_id=placement.slot_id)
        cancel_outbox(session, placement_id=placement.id)
        done.placements.append(deal)
    for proposal in session.exec(
        proposals.where(Proposal.season_year == year, Proposal.status == ProposalStatus.PENDING)
    ).all():
        move = decide(state_of_proposal(proposal, now=now), event, role)
        if isinstance(move, Refusal):
            continue  # past its moment: the scheduler expires it and tells both sides
        proposal.status, proposal.decided_at = ProposalStatus.WITHDRAWN, now
        session.add(proposal)
        assert proposal.id is not None
        deal = deal_of(session, proposal_id=proposal.id)
        if deal is not None:
            done.proposals.append(deal)
    session.flush()
    return done


def pending_proposals(session: Session, *, participant_id: int, year: int) -> list[Proposal]:
    """Open requests/proposals where the participant is host or intern, oldest first."""
    return list(
        session.exec(
            select(Proposal).where(pending_where(participant_id, year)).order_by(col(Proposal.id))
        ).all()
    )


def pending_where(
    participant_id: int | BindParameter[int], year: int | BindParameter[int]
) -> ColumnElement[bool]:
    """The condition of `pending_proposals`, for queries that combine it with more."""
    slot_ids = select(HostSlot.id).where(HostSlot.host_id == participant_id)
    return and_(
        col(Proposal.season_year) == year,
        col(Proposal.status) == ProposalStatus.PENDING,
        or_(col(Proposal.intern_id) == participant_id, col(Proposal.slot_id).in_(slot_ids)),
    )


_HOST, _INTERN = aliased(Participant, name="host"), aliased(Participant, name="intern")
# Built once: App Home runs it on every change, and building a statement with aliases cost
# more CPU than running it.
_DEALS = (
    select(HostSlot, _HOST, _INTERN, Wish, Proposal.id)  # type: ignore[call-overload]
    .select_from(Proposal)
    .join(HostSlot, col(HostSlot.id) == col(Proposal.slot_id))
    .join(_HOST, col(_HOST.id) == col(HostSlot.host_id))
    .join(_INTERN, col(_INTERN.id) == col(Proposal.intern_id))
    .outerjoin(
        Wish,
        and_(
            col(Wish.intern_id) == col(Proposal.intern_id),
            col(Wish.season_year) == col(Proposal.season_year),
        ),
    )
    .where(col(Proposal.id).in_(bindparam("ids", expanding=True)))
)


def deals_of(session: Session, *, proposals: list[Proposal]) -> list[Deal]:
    """`deal_of` for many proposals in one query (App Home lists them on every change)."""
    if not proposals:
        return []
    rows = session.exec(
        _DEALS, params={"ids": sorted({p.id for p in proposals if p.id is not None})}
    ).all()
    found: dict[int, tuple[HostSlot, Participant, Participant, Wish | None]] = {}
    for slot, host_row, intern_row, wish, proposal_id in rows:
        found.setdefault(proposal_id, (slot, host_row, intern_row, wish))
    return [
        Deal(proposal, *found[proposal.id])
        for proposal in proposals
        if proposal.id is not None and proposal.id in found
    ]
