"""What the two-process stress tests (HTTP and Socket Mode) share: the moment and the slots,
settling the outbox, both dispatchers racing for one announcement, and the final checks."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from bot.sandbox.fake_slack import FakeSlack
from models.db import Database
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalStatus,
)
from tests.stress.slack import LateSlack, error_sentences, keys_delivered, same_message_twice
from tests.waiting import wait_until

# Friday before week 37, 10:00: a placement confirmed now has its intro (30 Aug, late but
# still useful) and practical (9 Sep) DMs due at once, so both dispatchers race for them.
NOW = "2027-09-10T10:00:00+02:00"
DUE_BY = datetime(2027, 9, 11, tzinfo=UTC)
CAPACITIES = (1, 2, 3, 1, 2)
ANNOUNCED = 100
BATCH = 25  # rows per claim; a dispatcher holds at most 50 (production: 100 and 1,000)
INTERNS = 16


def slot_ids(session: Session) -> dict[str, int]:
    rows = session.exec(
        select(Participant.slack_user_id, HostSlot.id).join(
            HostSlot, col(HostSlot.host_id) == Participant.id
        )
    ).all()
    return {user: int(slot_id) for user, slot_id in rows if slot_id is not None}


def _outbox_due(session: Session) -> int:
    """Rows due by the processes' clock and not yet settled (welcome etc. come later)."""
    return len(
        session.exec(
            select(OutboxMessage.id).where(
                col(OutboxMessage.status).in_([OutboxStatus.PLANNED, OutboxStatus.SENDING]),
                col(OutboxMessage.due_at) < DUE_BY,
            )
        ).all()
    )


async def settle_outbox(fake: FakeSlack, db: Database, what: str) -> None:
    """Until no DM due by the processes' clock is left, and Slack has heard the last one."""
    await asyncio.to_thread(
        wait_until, lambda: db.call(_outbox_due) == 0, limit=60, step=0.2, what=what
    )
    await fake.quiet(0.5, limit=30)


async def both_dispatchers_send_each_dm_once(fake: LateSlack, db: Database, pids: set[str]) -> None:
    """Both dispatchers at once on many due rows: an announcement to 100 people, four times.

    Slack answers each post after 50 ms, so the first dispatcher to wake is still busy with
    the first 50 rows (its most in flight) when the other wakes and takes the rest. Every
    DM so far must then have reached its recipient once, sent by one of `pids`.
    """
    fake.answer_delay = 0.05
    for i in range(ANNOUNCED):
        fake.add_user(f"UANN{i:03d}", name=f"a{i}", real_name=f"Deltager {i}")
    await db.run(_announce)
    await settle_outbox(fake, db, "every announcement sent")
    doubled = same_message_twice(fake)
    assert doubled == {}, f"{len(doubled)} messages shown twice: {list(doubled)[:3]}"
    per_key = keys_delivered(fake)
    assert per_key and set(per_key.values()) == {1}
    sent = await db.run(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.status == "sent")).all()
    )
    placed = len(await db.run(confirmed_placements))
    assert len(sent) == 4 * placed + 4 * ANNOUNCED  # intro and practical to both sides
    assert sorted(per_key) == sorted(r.key for r in sent)
    workers = Counter(r.claimed_by.split(":")[1] for r in sent if r.claimed_by)
    assert set(workers) == pids, f"both dispatchers take part: {workers}"
    assert error_sentences(fake) == []


def _announce(session: Session) -> None:
    due = datetime(2027, 9, 10, 7, 0, tzinfo=UTC)
    for n in range(4):
        for i in range(ANNOUNCED):
            session.add(
                OutboxMessage(
                    key=f"besked:2027:stress{n}:UANN{i:03d}",
                    recipient=f"UANN{i:03d}",
                    kind="announcement",
                    due_at=due,
                    created_at=due,
                    payload={"text": f"Besked nr. {n} til alle"},
                )
            )


def confirmed_placements(session: Session) -> list[Placement]:
    return list(
        session.exec(select(Placement).where(Placement.status == PlacementStatus.CONFIRMED)).all()
    )


def check_capacity_and_answers(session: Session) -> None:
    placements = confirmed_placements(session)
    per_slot = Counter(p.slot_id for p in placements)
    per_intern = Counter(p.intern_id for p in placements)
    for slot in session.exec(select(HostSlot)).all():
        assert slot.confirmed == per_slot[slot.id] <= slot.capacity, slot
    assert set(per_intern.values()) <= {1}, "an intern placed twice"
    proposals = session.exec(select(Proposal)).all()
    for slot in session.exec(select(HostSlot)).all():
        if slot.confirmed < slot.capacity:  # a seat is left only if no one could take it:
            # turned down, withdrawn, or the intern was placed elsewhere first (superseded)
            assert all(
                p.status
                in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN, ProposalStatus.SUPERSEDED)
                for p in proposals
                if p.slot_id == slot.id and p.status != ProposalStatus.CONFIRMED
            ), slot
    by_status = Counter(p.status for p in proposals)
    assert by_status[ProposalStatus.CONFIRMED] == len(placements)
    assert by_status[ProposalStatus.PENDING] == 0
    for proposal in proposals:
        if proposal.status == ProposalStatus.DECLINED:
            assert proposal.host_answer == "declined"
        if proposal.status == ProposalStatus.CONFIRMED:
            assert proposal.host_answer == "accepted"
