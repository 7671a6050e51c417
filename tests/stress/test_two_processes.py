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
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.sandbox.person import Person, Workspace
from bot.sandbox.wire import (
    Actor,
    SlackWire,
    WireResponse,
)
from models.db import Database
from models.tables import (
    Participant,
    Proposal,
    ProposalStatus,
)
from tests.scenario.flows import offer
from tests.stress.gestures import anmod, press, snapshot
from tests.stress.procs import Serve, free_port, scratch_database, serve_env
from tests.stress.slack import LateSlack
from tests.stress.two_sites import (
    BATCH,
    CAPACITIES,
    INTERNS,
    NOW,
    both_dispatchers_send_each_dm_once,
    check_capacity_and_answers,
    confirmed_placements,
    settle_outbox,
    slot_ids,
)
from tests.talk import shown

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


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
    slot_of = await db.run(slot_ids)
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
    await db.run(check_capacity_and_answers)
    pids = {str(site.serve.process.pid) for site in sites if site.serve.process}
    await both_dispatchers_send_each_dm_once(fake, db, pids)
    confirmed = await db.run(confirmed_placements)
    for placement in confirmed:
        intern = await db.run(lambda s, p=placement: s.get(Participant, p.intern_id))
        assert intern is not None
        told = [
            m
            for m in fake.screen(intern.slack_user_id).dms
            if "Din praktik er bekræftet" in shown(m)
        ]
        assert len(told) == 1
