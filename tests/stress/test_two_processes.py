"""Two `praktik serve` processes on one PostgreSQL database, requests spread over both.

Hosts offer slots, interns request them (some twice at once, once at each process), hosts
accept every request at both processes at the same moment, some press *Acceptér* at one
process and *Afslå* at the other. Both processes also run their dispatchers, which race
for the confirmed placements' DMs. Nothing may go over capacity, no proposal may be
answered twice and no one may get the same DM twice.
"""

from __future__ import annotations

import asyncio
import random
import secrets
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.person import Person, Workspace
from bot.sandbox.wire import (
    Actor,
    SlackWire,
    WireResponse,
)
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
from tests.scenario.flows import offer
from tests.stress.gestures import anmod, press, snapshot
from tests.stress.procs import Serve, free_port, scratch_database, serve_env, wait_until
from tests.stress.slack import LateSlack, error_sentences, keys_delivered, same_message_twice
from tests.talk import shown

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Friday before week 37, 10:00: a placement confirmed now has its intro (30 Aug, late but
# still useful) and practical (9 Sep) DMs due at once, so both dispatchers race for them.
NOW = "2027-09-10T10:00:00+02:00"
DUE_BY = datetime(2027, 9, 11, tzinfo=UTC)
CAPACITIES = (1, 2, 3, 1, 2)
ANNOUNCED = 100
BATCH = 25  # rows per claim; a dispatcher holds at most 50 (production: 100 and 1,000)
INTERNS = 16


@dataclass
class Site:
    serve: Serve
    workspace: Workspace
    wire: SlackWire


@pytest.fixture
async def two_sites(tmp_path: Path) -> AsyncIterator[tuple[LateSlack, Database, list[Site]]]:
    with scratch_database() as url:
        async with LateSlack(trigger_ttl=None) as fake:
            secret = secrets.token_hex(16)
            serves = []
            for name in ("a", "b"):
                port = free_port()
                env = serve_env(
                    database_url=url,
                    api_url=fake.api_url,
                    token=fake.bot_token,
                    secret=secret,
                    port=port,
                    now=NOW,
                    interval=1.0,
                    batch=BATCH,
                    # This fake enforces no limits; pacing would only slow the race down.
                    extra={"PRAKTIK_STRESS_UNPACED": "1"},
                )
                serves.append(Serve(env, port, tmp_path / f"serve-{name}.log"))
            db = Database(url)
            try:
                await asyncio.gather(*(asyncio.to_thread(s.start) for s in serves))
                sites = [
                    Site(
                        s,
                        Workspace(fake, s.events_url, secret, ack_timeout=10, quiet_period=0.2),
                        SlackWire(s.events_url, secret, fake=fake, timeout=10),
                    )
                    for s in serves
                ]
                yield fake, db, sites
            finally:
                await asyncio.gather(*(asyncio.to_thread(s.stop) for s in serves))
                db.dispose()
                for s in serves:
                    assert "Traceback" not in s.output(), s.output()[-3000:]


def _slot_ids(session: Session) -> dict[str, int]:
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


async def test_two_processes_share_one_database_without_overfilling_or_doubling(
    two_sites: tuple[LateSlack, Database, list[Site]],
) -> None:
    fake, db, sites = two_sites
    rng = random.Random(37)
    hosts: list[tuple[Person, Person]] = []  # the same host as seen through each process
    for i in range(len(CAPACITIES)):
        uid, name = f"UHOST{i}", f"Vært {i}"
        hosts.append(
            (
                sites[0].workspace.person(uid, f"h{i}", name),
                sites[1].workspace.person(uid, f"h{i}", name),
            )
        )
    await asyncio.gather(
        *(
            offer(pair[i % 2], workplace=f"Kommune nr. {i}", capacity=str(capacity))
            for i, (pair, capacity) in enumerate(zip(hosts, CAPACITIES, strict=True))
        )
    )
    slot_of = await db.run(_slot_ids)
    assert len(slot_of) == len(CAPACITIES)

    interns = [Actor(f"UINT{i:02d}", f"i{i}") for i in range(INTERNS)]
    for actor in interns:
        fake.add_user(actor.id, name=actor.name, real_name=f"Praktikant {actor.id[-2:]}")
    asks: list[tuple[int, Actor, int]] = []  # (process, intern, slot)
    for n, actor in enumerate(interns):
        for slot in rng.sample(sorted(slot_of.values()), 3):
            asks.append((rng.randrange(2), actor, slot))
        if n % 4 == 0:  # a double press: the same request at both processes at once
            slot = asks[-1][2]
            asks.append((1 - asks[-1][0], actor, slot))
    rng.shuffle(asks)
    answers = await asyncio.gather(
        *(sites[site].wire.interactive(anmod(fake, actor, slot)) for site, actor, slot in asks)
    )
    assert {r.status for r in answers} == {200}
    await fake.quiet(0.5, limit=60)

    def pending(session: Session) -> list[tuple[int, int]]:
        return [
            (p.slot_id, p.intern_id)
            for p in session.exec(
                select(Proposal).where(Proposal.status == ProposalStatus.PENDING)
            ).all()
        ]

    pairs = await db.run(pending)
    assert len(pairs) == len(set(pairs)), "the same request stored twice"
    assert len(pairs) == len({(a.id, s) for _, a, s in asks})

    # Every host answers every request at both processes at the same moment; a few of them
    # press Acceptér at one process and Afslå at the other.
    presses = []
    for pair in hosts:
        asked = [snapshot(m) for m in pair[0].dms if "vil gerne i praktik" in shown(m)]
        for k, message in enumerate(asked):
            first, second = ("Acceptér", "Afslå") if k % 5 == 4 else ("Acceptér", "Acceptér")
            for site, label in ((0, first), (1, second)):
                presses.append(press(sites[site].wire, fake, pair[site].actor, message, label))
    rng.shuffle(presses)
    answered: list[WireResponse] = await asyncio.gather(*presses)
    assert {r.status for r in answered} == {200}
    await fake.quiet(0.5, limit=60)
    await settle_outbox(fake, db, "every due DM sent")
    await db.run(_check_capacity_and_answers)
    pids = {str(site.serve.process.pid) for site in sites if site.serve.process}
    await both_dispatchers_send_each_dm_once(fake, db, pids)
    confirmed = await db.run(_confirmed)
    for placement in confirmed:
        intern = await db.run(lambda s, p=placement: s.get(Participant, p.intern_id))
        assert intern is not None
        told = [
            m
            for m in fake.screen(intern.slack_user_id).dms
            if "Din praktik er bekræftet" in shown(m)
        ]
        assert len(told) == 1


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
    placed = len(await db.run(_confirmed))
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


def _confirmed(session: Session) -> list[Placement]:
    return list(
        session.exec(select(Placement).where(Placement.status == PlacementStatus.CONFIRMED)).all()
    )


def _check_capacity_and_answers(session: Session) -> None:
    placements = _confirmed(session)
    per_slot = Counter(p.slot_id for p in placements)
    per_intern = Counter(p.intern_id for p in placements)
    for slot in session.exec(select(HostSlot)).all():
        assert slot.confirmed == per_slot[slot.id] <= slot.capacity, slot
    assert set(per_intern.values()) <= {1}, "an intern placed twice"
    proposals = session.exec(select(Proposal)).all()
    for slot in session.exec(select(HostSlot)).all():
        if slot.confirmed < slot.capacity:  # a seat is left only if no one could take it
            assert all(
                p.status in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN)
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
