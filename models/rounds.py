"""Matching rounds in the database: who takes part, writing a round's proposals, expiry.

A round is sent at most once. Sending locks the season's settings row, re-reads who takes
part, and records the round in the audit log ("match send") in the same transaction as its
proposals; a second press, a retried payload or a stale preview then finds the round taken
and writes nothing. The audit entry, not the proposals, marks the round, so a round that
placed nobody (and only told the unplaced) is not sent twice either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from bot.domain.placement import Span, State, blocks_pair, due_to_expire
from bot.matching.returning import repeats
from models import audit
from models.db import insert_unless_present
from models.fixed_dms import plan_fixed
from models.placements import Deal, deal_of, state_of_proposal
from models.returning import visits
from models.steering import steers
from models.tables import (
    Answer,
    AuditEntry,
    HostSlot,
    MatchSteer,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    SeasonSettings,
    SlotStatus,
    Wish,
    WishStatus,
)

SENT_ACTION = "match send"
KIND_EXPIRED = "expired"  # the outbox kind of the DM that tells a side its proposal expired


@dataclass(frozen=True, slots=True)
class FreeSlot:
    slot: HostSlot
    host: Participant
    free: int  # seats neither confirmed nor held by a pending proposal of an earlier round


@dataclass(frozen=True, slots=True)
class Waiting:
    wish: Wish
    intern: Participant


@dataclass
class RoundRows:
    """Everything a round is computed from, read in one transaction."""

    year: int
    round_no: int
    slots: list[FreeSlot] = field(default_factory=list)
    wishes: list[Waiting] = field(default_factory=list)
    # (wish id, slot id) pairs never to propose: asked or proposed before, or one's own slot.
    excluded: set[tuple[int, int]] = field(default_factory=set)
    pending: int = 0  # proposals of earlier rounds still waiting for answers
    placed: int = 0  # confirmed placements so far
    steers: list[MatchSteer] = field(default_factory=list)  # the coordinator's hand
    # (wish id, slot id) → the year the intern was at that workplace before: left off the
    # round's lists, but a coordinator may still place the pair by hand (and sees it marked).
    repeats: dict[tuple[int, int], int] = field(default_factory=dict)


def sent_rounds(session: Session, *, year: int) -> list[int]:
    rows = session.exec(
        select(AuditEntry.detail).where(AuditEntry.action == SENT_ACTION, col(AuditEntry.allowed))
    ).all()
    return sorted(int(d["round"]) for d in rows if d.get("year") == year and "round" in d)


def next_round(session: Session, *, year: int) -> int:
    from_proposals = session.exec(
        select(func.max(Proposal.round)).where(
            Proposal.season_year == year, Proposal.origin == ProposalOrigin.MATCH
        )
    ).one()
    return max([int(from_proposals or 0), *sent_rounds(session, year=year)]) + 1


def round_rows(session: Session, *, year: int, now: datetime) -> RoundRows:
    """Open slots with free seats, and the active wishes of interns who are neither placed
    nor waiting on a proposal of an earlier round."""
    rows = RoundRows(year=year, round_no=next_round(session, year=year))
    proposals = session.exec(select(Proposal).where(Proposal.season_year == year)).all()
    waiting = [
        p
        for p in proposals
        if p.status == ProposalStatus.PENDING and p.origin == ProposalOrigin.MATCH
    ]
    held = Counter(p.slot_id for p in waiting)
    busy = {p.intern_id for p in waiting}
    placements = {
        p.proposal_id: p
        for p in session.exec(select(Placement).where(Placement.season_year == year)).all()
    }
    placed = {p.intern_id for p in placements.values() if p.status == PlacementStatus.CONFIRMED}
    rows.pending, rows.placed = len(waiting), len(placed)
    for slot, host in session.exec(
        select(HostSlot, Participant)
        .join(Participant, col(Participant.id) == HostSlot.host_id)
        .where(HostSlot.season_year == year, HostSlot.status == SlotStatus.OPEN)
        .order_by(col(HostSlot.id))
    ).all():
        free = slot.capacity - slot.confirmed - held[slot.id or 0]
        if free > 0:
            rows.slots.append(FreeSlot(slot, host, free))
    for wish, intern in session.exec(
        select(Wish, Participant)
        .join(Participant, col(Participant.id) == Wish.intern_id)
        .where(Wish.season_year == year, Wish.status == WishStatus.ACTIVE)
        .order_by(col(Wish.id))
    ).all():
        if intern.id not in placed and intern.id not in busy:
            rows.wishes.append(Waiting(wish, intern))
    wish_of_intern = {w.intern.id: w.wish.id for w in rows.wishes}
    for p in proposals:
        wish_id = wish_of_intern.get(p.intern_id)
        # A closed request or proposal (declined, expired, withdrawn, …) never blocks the
        # pair again (bot.domain.placement.blocks_pair); an open or placed one does.
        state = state_of_proposal(p, now=now, placement=placements.get(p.id or 0))
        if wish_id is not None and blocks_pair(state):
            rows.excluded.add((wish_id, p.slot_id))
    # Nobody is on both sides of one placement (bot.domain.placement.sides_conflict): not the host,
    # the co-host or the intern's manager. By who hosts, so a large round stays linear.
    hosting: dict[str, list[int]] = {}
    for free_slot in rows.slots:
        for user in (free_slot.host.slack_user_id, free_slot.slot.cohost_user_id):
            if user and free_slot.slot.id is not None:
                hosting.setdefault(user, []).append(free_slot.slot.id)
    for asking in rows.wishes:
        sides = (asking.intern.slack_user_id, asking.wish.manager_user_id)
        for slot_id in (s for user in sides if user for s in hosting.get(user, [])):
            if asking.wish.id is not None:
                rows.excluded.add((asking.wish.id, slot_id))
    rows.steers = steers(session, year=year)
    been = visits(
        session, intern_ids=[w.intern.id for w in rows.wishes if w.intern.id], before=year
    )
    rows.repeats = repeats(
        {w.wish.id: been[w.intern.id] for w in rows.wishes if w.wish.id and w.intern.id in been},
        {f.slot.id: f.slot.workplace for f in rows.slots if f.slot.id is not None},
    )
    return rows


def _lock_season(session: Session, *, year: int) -> None:
    """Take the season's row lock (creating the row with the defaults if it is missing), so
    two sends of the same round run one after the other. SQLite's single writer already
    does that; the lock is for PostgreSQL."""
    insert_unless_present(session, SeasonSettings, **SeasonSettings(year=year).model_dump())
    session.exec(select(SeasonSettings).where(SeasonSettings.year == year).with_for_update()).one()


@dataclass(frozen=True, slots=True)
class SentRound:
    round_no: int
    deals: list[Deal]
    unplaced: list[Waiting]
    rows: RoundRows


def send_round(
    session: Session,
    *,
    year: int,
    round_no: int,
    mode: str,
    actor: str,
    now: datetime,
    deadline: datetime,
    approval_required: bool,
    choose: Callable[[RoundRows], Mapping[int, int]],
) -> SentRound | None:
    """Write round `round_no`'s proposals, chosen by `choose` (wish id -> slot id) from the
    rows read under the lock. None when that round is already sent (or the preview it came
    from is out of date): nothing is written then."""
    _lock_season(session, year=year)
    rows = round_rows(session, year=year, now=now)
    if rows.round_no != round_no:
        return None
    chosen = choose(rows)
    slots = {s.slot.id: s for s in rows.slots}
    deals: list[Deal] = []
    unplaced: list[Waiting] = []
    for waiting in rows.wishes:
        slot_id = chosen.get(waiting.wish.id or 0)
        target = slots.get(slot_id) if slot_id is not None else None
        if target is None or waiting.intern.id is None or target.slot.id is None:
            unplaced.append(waiting)
            continue
        manager = waiting.wish.manager_user_id if approval_required else None
        # A pair placed by hand may share no day: then the slot's days, to agree on.
        days = sorted(set(target.slot.days) & set(waiting.wish.days)) or sorted(target.slot.days)
        if due_to_expire(span=Span.of_week(year, days), deadline=deadline, now=now):
            unplaced.append(waiting)  # too late for those days: it would expire at once
            continue
        proposal = Proposal(
            season_year=year,
            slot_id=target.slot.id,
            intern_id=waiting.intern.id,
            origin=ProposalOrigin.MATCH,
            round=round_no,
            host_answer=Answer.PENDING,
            intern_answer=Answer.PENDING,
            manager_user_id=manager,
            manager_answer=Answer.PENDING if manager else None,
            days=days,
            created_at=now,
            deadline=deadline,
        )
        session.add(proposal)
        deals.append(Deal(proposal, target.slot, target.host, waiting.intern, waiting.wish))
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=SENT_ACTION,
        allowed=True,
        now=now,
        detail={
            "year": year,
            "round": round_no,
            "mode": mode,
            "proposals": len(deals),
            "unplaced": len(unplaced),
        },
    )
    return SentRound(round_no, deals, unplaced, rows)


def expire_due(
    session: Session,
    *,
    now: datetime,
    due: datetime,
    notice: Callable[[Deal], dict[str, Any]],
) -> list[Deal]:
    """Requests and proposals still open at their deadline, or when their first agreed day
    began: expired (bot.domain.placement). Their seats and people are free again, and the pair may
    be asked or proposed again. Each side gets one DM of `notice`, planned in the same
    transaction for `due` (inside the send window), so a crash loses none and a second
    process sends none twice."""
    # Only a proposal with a deadline, or of this season or an earlier one, can be due.
    candidates = session.exec(
        select(Proposal)
        .where(
            Proposal.status == ProposalStatus.PENDING,
            or_(
                and_(col(Proposal.deadline).is_not(None), col(Proposal.deadline) <= now),
                col(Proposal.season_year) <= now.year,
            ),
        )
        .order_by(col(Proposal.id))
        .with_for_update(skip_locked=True)
    ).all()
    due_now = [p for p in candidates if state_of_proposal(p, now=now) is State.EXPIRED]
    for proposal in due_now:
        proposal.status, proposal.decided_at = ProposalStatus.EXPIRED, now
        session.add(proposal)
    session.flush()
    deals = [d for p in due_now if p.id and (d := deal_of(session, proposal_id=p.id)) is not None]
    rows: dict[str, tuple[str, dict[str, Any]]] = {}
    for deal in deals:
        content = notice(deal)
        sides = [deal.host.slack_user_id, deal.slot.cohost_user_id, deal.intern.slack_user_id]
        for user in dict.fromkeys(u for u in sides if u):
            rows[f"{KIND_EXPIRED}:{deal.proposal.id}:{user}"] = (user, content)
    plan_fixed(session, rows=rows, kind=KIND_EXPIRED, now=now, due=due)
    return deals
