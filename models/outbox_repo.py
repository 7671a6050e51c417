"""Storing a placement's DM plan as outbox rows, claiming and settling them for the
dispatcher (bot.outbox.dispatcher), and the queries behind `praktik outbox`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.domain.placement import Role
from bot.domain.season import Season
from bot.domain.timeline import TIMELINE, PlannedDM, cohost_copies, diff_plans, plan_placement
from models import placements
from models.hosts import with_cohost
from models.seasons import season_settings
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    SeasonSettings,
)
from models.types import changed
from models.undelivered import refused_prefix

# Why a re-plan cancels a row. A key planned again later (the days moved back, a co-host
# named again) plans that row again rather than a second one; a row cancelled for another
# reason (the placement withdrawn, already sent on another day) stays cancelled.
REPLANNED = ("days changed", "co-host changed")


def store_plan(
    session: Session,
    *,
    placement_id: int,
    planned: Sequence[PlannedDM],
    now: datetime,
    reason: str = REPLANNED[0],
) -> tuple[int, int]:
    """Insert what is new, cancel what is no longer planned (saying `reason`); (added,
    cancelled).

    Planning the same placement twice adds nothing: keys are unique and already there.
    """
    # The timeline's DMs only: a DM an edit planned (the intern told that the programme
    # changed) is not the days' to cancel; it is built from the programme when it goes out.
    rows = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.placement_id == placement_id,
            col(OutboxMessage.kind).in_([kind.value for kind in TIMELINE]),
        )
    ).all()
    existing = {row.key for row in rows}
    to_add, to_cancel = diff_plans(existing, planned)
    by_key = {dm.key: dm for dm in planned}
    revived = 0
    for row in rows:
        dm = by_key.get(row.key)
        if dm is not None and row.status == OutboxStatus.CANCELLED and row.reason in REPLANNED:
            row.status, row.due_at, row.reason, row.attempts = (
                OutboxStatus.PLANNED,
                dm.due_at,
                "",
                0,
            )
            session.add(row)
            revived += 1
    for dm in to_add:
        session.add(
            OutboxMessage(
                key=dm.key,
                placement_id=placement_id,
                recipient=dm.recipient,
                kind=dm.kind.value,
                due_at=dm.due_at,
                created_at=now,
            )
        )
    cancelled = 0
    if to_cancel:
        result = session.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.key).in_(to_cancel),
                col(OutboxMessage.status) == OutboxStatus.PLANNED,
            )
            .values(status=OutboxStatus.CANCELLED, reason=reason)
        )
        cancelled = changed(result)
    session.flush()
    return len(to_add) + revived, cancelled


def plan_for(
    session: Session,
    *,
    placement: Placement,
    host_id: str,
    intern_id: str,
    cohost_id: str | None,
    season: Season,
    now: datetime,
    reason: str = REPLANNED[0],
) -> tuple[int, int]:
    """Store the DM plan of a confirmed placement, in the caller's transaction; a co-host
    gets every DM the host gets."""
    assert placement.id is not None
    days = [season.day(d) for d in placement.days]
    planned = plan_placement(
        placement_id=placement.id,
        host_id=host_id,
        intern_id=intern_id,
        days=days,
        season=season,
        now=now,
    )
    planned += cohost_copies(planned, cohost=cohost_id, placement_id=placement.id, days=days)
    return store_plan(session, placement_id=placement.id, planned=planned, now=now, reason=reason)


def answer_and_plan(
    session: Session,
    *,
    proposal_id: int,
    role: Role,
    user_id: str,
    accept: bool,
    season: Season,
    seasons: Callable[[SeasonSettings], Season],
    now: datetime,
) -> placements.Result:
    """One side answers; a placement it confirms gets its DM plan in the same transaction,
    so no crash, timeout or deploy can leave a confirmed placement without its DMs.
    `season` is the one in force; a proposal of another season is planned by its own."""
    result = placements.answer(
        session, proposal_id=proposal_id, role=role, user_id=user_id, accept=accept, now=now
    )
    deal = result.deal
    if result.outcome is placements.Outcome.CONFIRMED and result.placement and deal:
        year = deal.proposal.season_year
        own = season if year == season.year else seasons(season_settings(session, year=year))
        plan_for(
            session,
            placement=result.placement,
            host_id=deal.host.slack_user_id,
            intern_id=deal.intern.slack_user_id,
            cohost_id=deal.slot.cohost_user_id,
            season=own,
            now=now,
        )
    if deal is not None:  # the intern's messages name whoever hosts
        result = replace(result, deal=with_cohost(session, deal))
    return result


def plan_missing(
    session: Session,
    *,
    seasons: Callable[[SeasonSettings], Season],
    now: datetime,
    limit: int = 500,
) -> int:
    """Plan confirmed placements that have no outbox row at all (confirmed before plans
    were written with the placement); how many got a plan. Locked rows are skipped: another
    process is planning them."""
    host, intern = aliased(Participant), aliased(Participant)
    has_plan = exists().where(col(OutboxMessage.placement_id) == col(Placement.id))
    rows = session.exec(
        select(Placement, host.slack_user_id, intern.slack_user_id, HostSlot.cohost_user_id)
        .join(host, col(host.id) == col(Placement.host_id))
        .join(intern, col(intern.id) == col(Placement.intern_id))
        .join(HostSlot, col(HostSlot.id) == col(Placement.slot_id))
        .where(col(Placement.status) == PlacementStatus.CONFIRMED, ~has_plan)
        .order_by(col(Placement.id))
        .limit(limit)
        .with_for_update(of=Placement, skip_locked=True)
    ).all()
    by_year: dict[int, Season] = {}
    planned = 0
    for placement, host_id, intern_id, cohost_id in rows:
        year = placement.season_year
        if year not in by_year:
            by_year[year] = seasons(season_settings(session, year=year))
        added, _ = plan_for(
            session,
            placement=placement,
            host_id=host_id,
            intern_id=intern_id,
            cohost_id=cohost_id,
            season=by_year[year],
            now=now,
        )
        planned += 1 if added else 0
    return planned


# Claiming and settling (bot.outbox.dispatcher) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claimed:
    """An outbox row this worker now holds in status `sending`."""

    id: int
    key: str
    placement_id: int | None
    recipient: str
    kind: str
    due_at: datetime
    attempts: int  # claims so far, this one included
    outage_tries: int = 0  # tries Slack answered "not now" (counted apart from attempts)
    send_until: datetime | None = None  # fixed content: skipped from then on
    payload: dict[str, Any] = field(default_factory=dict)  # fixed content, if any


def claim_due(
    session: Session, *, now: datetime, worker_id: str, limit: int, lease: timedelta
) -> list[Claimed]:
    """Take up to `limit` due rows: planned ones whose moment has come, and `sending` ones
    whose claim is older than `lease` (their worker died mid-send; taking one over counts
    no new attempt).

    PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint rows without
    waiting for each other. SQLite: the transaction is BEGIN IMMEDIATE (models.db), so the
    select-then-update runs under the single write lock; FOR UPDATE is not rendered there.
    """
    stale = now - lease
    rows = session.exec(
        select(OutboxMessage)
        .where(
            or_(
                and_(
                    col(OutboxMessage.status) == OutboxStatus.PLANNED,
                    col(OutboxMessage.due_at) <= now,
                ),
                and_(
                    col(OutboxMessage.status) == OutboxStatus.SENDING,
                    col(OutboxMessage.claimed_at) < stale,
                ),
            )
        )
        .order_by(col(OutboxMessage.due_at), col(OutboxMessage.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not rows:
        return []
    ids = [row.id for row in rows if row.id is not None]
    # A row taken over from a worker that died keeps the attempt its first claim counted:
    # a wave killed five times must not use up the attempts of DMs nobody ever posted.
    taken_over = col(OutboxMessage.status) == OutboxStatus.SENDING
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(ids))
        .values(
            status=OutboxStatus.SENDING,
            claimed_by=worker_id,
            claimed_at=now,
            attempts=col(OutboxMessage.attempts) + case((taken_over, 0), else_=1),
        )
        .execution_options(synchronize_session=False)
    )
    return [
        Claimed(
            id=row.id,
            key=row.key,
            placement_id=row.placement_id,
            recipient=row.recipient,
            kind=row.kind,
            due_at=row.due_at,
            attempts=row.attempts + (0 if row.status == OutboxStatus.SENDING else 1),
            outage_tries=row.outage_tries,
            send_until=row.send_until,
            payload=dict(row.payload or {}),
        )
        for row in rows
        if row.id is not None
    ]


def _held(outbox_id: int, worker_id: str) -> ColumnElement[bool]:
    # Only the worker holding the claim settles a row: if its lease ran out and another
    # worker took the row over, the late answer changes nothing (and is logged).
    return and_(
        col(OutboxMessage.id) == outbox_id,
        col(OutboxMessage.status) == OutboxStatus.SENDING,
        col(OutboxMessage.claimed_by) == worker_id,
    )


def mark_sent(
    session: Session, *, outbox_id: int, worker_id: str, channel: str, ts: str, now: datetime
) -> bool:
    item = Settlement(outbox_id=outbox_id, status=OutboxStatus.SENT, channel=channel, ts=ts)
    return outbox_id in mark_sent_many(session, worker_id=worker_id, items=[item], now=now)


def mark_done(
    session: Session, *, outbox_id: int, worker_id: str, status: OutboxStatus, reason: str
) -> bool:
    """Settle a held row as failed, skipped or cancelled, with the reason."""
    if status not in (OutboxStatus.FAILED, OutboxStatus.SKIPPED, OutboxStatus.CANCELLED):
        raise ValueError(f"not a final status without a message: {status}")
    result = session.execute(
        update(OutboxMessage)
        .where(_held(outbox_id, worker_id))
        .values(status=status, reason=reason[:500])
    )
    return changed(result) == 1


def release(
    session: Session,
    *,
    outbox_id: int,
    worker_id: str,
    due_at: datetime,
    reason: str,
    count_attempt: bool = True,
    outage: bool = False,
) -> bool:
    """Give a held row back as planned for `due_at` (a retry, or a wait Slack asked for).

    `count_attempt=False` takes back the attempt the claim counted: waiting because Slack
    said so, or because the send window is shut, is no failed try. `outage=True` (Slack
    away or busy) counts the try among the row's outage tries instead.
    """
    attempts = col(OutboxMessage.attempts)
    outages = col(OutboxMessage.outage_tries)
    result = session.execute(
        update(OutboxMessage)
        .where(_held(outbox_id, worker_id))
        .values(
            status=OutboxStatus.PLANNED,
            due_at=due_at,
            reason=reason[:500],
            claimed_by=None,
            claimed_at=None,
            attempts=attempts if count_attempt else attempts - 1,
            outage_tries=outages + 1 if outage else outages,
        )
    )
    return changed(result) == 1


@dataclass(frozen=True, slots=True)
class Settlement:
    """One held row's outcome: sent (channel + ts), final (failed/skipped/cancelled with a
    reason), or planned again for `due_at`."""

    outbox_id: int
    status: OutboxStatus
    reason: str = ""
    channel: str = ""
    ts: str = ""
    due_at: datetime | None = None
    count_attempt: bool = True
    outage: bool = False


def mark_sent_many(
    session: Session, *, worker_id: str, items: Sequence[Settlement], now: datetime
) -> set[int]:
    """Record many sends in one statement; the ids this worker still held.

    One statement rather than one per row keeps recording as fast as sending, so the DMs
    Slack has accepted but the outbox does not yet show as sent (those a crash would send
    again) stay a handful instead of a backlog that grows through a long run.
    """
    if not items:
        return set()
    # CASE on the id rather than UPDATE … FROM (VALUES …): SQLite cannot name a VALUES
    # list's columns, and the same statement must run on both databases.
    oid = col(OutboxMessage.id)
    result = session.execute(
        update(OutboxMessage)
        .where(
            oid.in_([i.outbox_id for i in items]),
            col(OutboxMessage.status) == OutboxStatus.SENDING,
            col(OutboxMessage.claimed_by) == worker_id,
        )
        .values(
            status=OutboxStatus.SENT,
            channel=case({i.outbox_id: i.channel for i in items}, value=oid),
            slack_ts=case({i.outbox_id: i.ts for i in items}, value=oid),
            sent_at=now,
            reason="",
        )
        .returning(col(OutboxMessage.id))
        .execution_options(synchronize_session=False)
    )
    return {int(held) for held in result.scalars()}


def settle(
    session: Session, *, worker_id: str, items: Sequence[Settlement], now: datetime
) -> list[bool]:
    """Record many outcomes in one transaction (the dispatcher's group commit); per item,
    whether this worker still held the row."""
    sends = [item for item in items if item.status == OutboxStatus.SENT]
    held = mark_sent_many(session, worker_id=worker_id, items=sends, now=now)
    kept = []
    for item in items:
        if item.status == OutboxStatus.SENT:
            ok = item.outbox_id in held
        elif item.status == OutboxStatus.PLANNED:
            assert item.due_at is not None
            ok = release(
                session,
                outbox_id=item.outbox_id,
                worker_id=worker_id,
                due_at=item.due_at,
                reason=item.reason,
                count_attempt=item.count_attempt,
                outage=item.outage,
            )
        else:
            ok = mark_done(
                session,
                outbox_id=item.outbox_id,
                worker_id=worker_id,
                status=item.status,
                reason=item.reason,
            )
        kept.append(ok)
    return kept


# Reports (`praktik outbox`, coordinators) -------------------------------------------------


@dataclass(frozen=True)
class OutboxReport:
    """The rows asked for, and how many match the filters in all (`rows` may be cut short
    by a limit)."""

    rows: list[OutboxMessage]
    total: int


def outbox_report(
    session: Session,
    *,
    user: str | None = None,
    kinds: Collection[str] = (),
    statuses: Collection[str] = (),
    year: int | None = None,
    limit: int | None = None,
) -> OutboxReport:
    """Outbox rows by due time, optionally for one recipient, some kinds and statuses."""
    query = select(OutboxMessage)
    if user is not None:
        query = query.where(OutboxMessage.recipient == user)
    if kinds:
        query = query.where(col(OutboxMessage.kind).in_(list(kinds)))
    if statuses:
        query = query.where(col(OutboxMessage.status).in_(list(statuses)))
    if year is not None:
        query = query.outerjoin(Placement, col(Placement.id) == OutboxMessage.placement_id).where(
            or_(
                col(Placement.season_year) == year,
                col(OutboxMessage.key).startswith(refused_prefix(year)),
            )
        )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    query = query.order_by(col(OutboxMessage.due_at), col(OutboxMessage.id))
    if limit is not None:
        query = query.limit(limit)
    return OutboxReport(list(session.exec(query).all()), total)
