"""Two `praktik socket` processes on one PostgreSQL database, connected to one Slack.

Slack spreads envelopes over an app's open connections, and so does the fake: the two
processes share the work as two `praktik serve` behind a load balancer do. The same
guarantees hold (tests/stress/test_two_processes.py): a double press stores one request,
hosts answering at both processes at once never overfill a slot or answer a proposal
twice, and the two dispatchers never send one DM twice.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.sandbox.fake_socket_mode import APP_TOKEN, FakeSocketMode, SocketWire
from bot.sandbox.person import Person, Workspace
from bot.sandbox.wire import Actor, WireResponse
from models.db import Database
from models.tables import Proposal, ProposalStatus
from tests.scenario.flows import offer
from tests.stress.gestures import anmod, press, snapshot
from tests.stress.procs import ROOT, free_port, scratch_database, serve_env
from tests.stress.slack import LateSlack
from tests.stress.two_sites import (
    BATCH,
    CAPACITIES,
    INTERNS,
    NOW,
    both_dispatchers_send_each_dm_once,
    check_capacity_and_answers,
    settle_outbox,
    slot_ids,
)
from tests.talk import shown

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@dataclass
class SocketProcess:
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> SocketProcess:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.stress.serve", "socket"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        return self

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
async def two_sockets(
    tmp_path: Path,
) -> AsyncIterator[tuple[LateSlack, FakeSocketMode, Database, list[SocketProcess]]]:
    with scratch_database() as url:
        fake = LateSlack(trigger_ttl=None)
        socket = FakeSocketMode(fake, ack_limit=3.0)
        await fake.start()
        processes = []
        for name in ("a", "b"):
            env = serve_env(
                database_url=url,
                api_url=fake.api_url,
                token=fake.bot_token,
                secret="",
                port=3000,  # unused: Socket Mode takes no requests from Slack
                now=NOW,
                interval=1.0,
                batch=BATCH,
                # This fake enforces no limits; pacing would only slow the race down.
                extra={
                    "SLACK_APP_TOKEN": APP_TOKEN,
                    "PRAKTIK_STRESS_UNPACED": "1",
                    # Two processes on one machine: a /healthz and /metrics port each.
                    "PRAKTIK_METRICS_PORT": str(free_port()),
                },
            )
            del env["SLACK_SIGNING_SECRET"], env["PORT"]
            processes.append(SocketProcess(env, tmp_path / f"socket-{name}.log").start())
        db = Database(url)
        try:
            await socket.wait_connected(2)
            yield fake, socket, db, processes
        finally:
            codes = await asyncio.gather(*(asyncio.to_thread(p.stop) for p in processes))
            await fake.stop()
            db.dispose()
            for p in processes:
                assert "Traceback" not in p.output(), p.output()[-3000:]
            assert codes == [0, 0], [p.output()[-2000:] for p in processes]


async def test_two_socket_processes_share_the_work_without_overfilling_or_doubling(
    two_sockets: tuple[LateSlack, FakeSocketMode, Database, list[SocketProcess]],
) -> None:
    fake, socket, db, processes = two_sockets
    wire = SocketWire(socket)
    ws = Workspace(fake, "", "", wire=wire, quiet_period=0.2)
    rng = random.Random(37)
    hosts: list[Person] = [ws.person(f"UHOST{i}", f"h{i}", f"Vært {i}") for i in range(5)]
    await asyncio.gather(
        *(
            offer(host, workplace=f"Kommune nr. {i}", capacity=str(capacity))
            for i, (host, capacity) in enumerate(zip(hosts, CAPACITIES, strict=True))
        )
    )
    slot_of = await db.run(slot_ids)
    assert len(slot_of) == len(CAPACITIES)

    interns = [Actor(f"UINT{i:02d}", f"i{i}") for i in range(INTERNS)]
    for actor in interns:
        fake.add_user(actor.id, name=actor.name, real_name=f"Praktikant {actor.id[-2:]}")
    asks: list[tuple[Actor, int]] = []
    for n, actor in enumerate(interns):
        for slot in rng.sample(sorted(slot_of.values()), 3):
            asks.append((actor, slot))
        if n % 4 == 0:  # a double press: the same request twice at once
            asks.append(asks[-1])
    rng.shuffle(asks)
    answers = await asyncio.gather(*(wire.interactive(anmod(fake, a, s)) for a, s in asks))
    assert {r.status for r in answers} == {200}
    await fake.quiet(0.5, limit=60)

    def pending(session: Session) -> list[tuple[int, int]]:
        rows = session.exec(select(Proposal).where(Proposal.status == ProposalStatus.PENDING))
        return [(p.slot_id, p.intern_id) for p in rows.all()]

    pairs = await db.run(pending)
    assert len(pairs) == len(set(pairs)) == len({(a.id, s) for a, s in asks})

    # Every host answers every request twice at the same moment (the envelopes go to both
    # processes); a few press Acceptér and Afslå at once.
    presses = []
    for host in hosts:
        asked = [snapshot(m) for m in host.dms if "vil gerne i praktik" in shown(m)]
        for k, message in enumerate(asked):
            for label in ("Acceptér", "Afslå") if k % 5 == 4 else ("Acceptér", "Acceptér"):
                presses.append(press(wire, fake, host.actor, message, label))
    rng.shuffle(presses)
    answered: list[WireResponse] = await asyncio.gather(*presses)
    assert {r.status for r in answered} == {200}
    await fake.quiet(0.5, limit=60)
    await settle_outbox(fake, db, "every due DM sent")
    await db.run(check_capacity_and_answers)

    # Both connections carried envelopes, every one acked in time, none for an unknown id.
    assert socket.failed == []
    assert all(a.known and not a.late and not a.again for a in socket.acks)
    per_connection = Counter(a.connection for a in socket.acks)
    assert len(per_connection) == 2 and min(per_connection.values()) > len(socket.acks) // 4
    pids = {str(p.process.pid) for p in processes if p.process}
    await both_dispatchers_send_each_dm_once(fake, db, pids)
