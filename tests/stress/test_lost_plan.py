"""A placement confirmed just before the app is killed keeps its DM plan: the plan is
written in the transaction that confirms the placement, before Slack hears of it. The app
is a real `praktik serve` process, killed with SIGKILL while the fake Slack holds its first
call after the confirm; after a restart the placement's DMs go out, and nobody's DM
channel is opened more than once."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.sandbox.person import Workspace
from models.db import Database
from models.tables import HostSlot, OutboxMessage, OutboxStatus, Placement
from tests.scenario.flows import offer
from tests.stress.gestures import anmod, press, snapshot
from tests.stress.procs import Serve, free_port, scratch_database, serve_env
from tests.stress.slack import HoldingSlack, keys_delivered
from tests.talk import shown
from tests.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Friday before week 37, 10:00: a placement confirmed now has its intro and practical DMs
# due at once (late but still useful).
NOW = "2027-09-10T10:00:00+02:00"
SLACK_CALLS_AFTER_COMMIT = ("chat.update", "chat.postMessage", "views.publish")


@pytest.fixture
async def holding() -> AsyncIterator[HoldingSlack]:
    async with HoldingSlack(trigger_ttl=None) as fake:
        yield fake


def _plan(session: Session) -> list[tuple[str, str]]:
    placement_ids = session.exec(select(Placement.id)).all()
    rows = session.exec(
        select(OutboxMessage).where(col(OutboxMessage.placement_id).in_(placement_ids))
    ).all()
    return sorted((r.status, r.key) for r in rows)


async def test_a_kill_between_confirm_and_slack_keeps_the_plan_and_the_dms_go_out(
    holding: HoldingSlack, tmp_path: Path
) -> None:
    fake = holding
    secret = secrets.token_hex(16)
    with scratch_database() as url:
        db = Database(url)
        try:

            def serve(n: int) -> Serve:
                port = free_port()
                env = serve_env(
                    database_url=url,
                    api_url=fake.api_url,
                    token=fake.bot_token,
                    secret=secret,
                    port=port,
                    now=NOW,
                    interval=1.0,
                )
                return Serve(env, port, tmp_path / f"serve-{n}.log")

            first = serve(0)
            await asyncio.to_thread(first.start)
            ws = Workspace(fake, first.events_url, secret, ack_timeout=10, quiet_period=0.2)
            bo = ws.person("UBO", "bo", "Bo Hansen")
            anna = ws.person("UANNA", "anna", "Anna Jensen")
            await offer(bo)
            slot = await db.run(lambda s: s.exec(select(HostSlot.id)).one())
            answered = await ws.wire.interactive(anmod(fake, anna.actor, int(slot)))
            assert answered.status == 200
            await fake.wait_for(  # the intern is answered first, then the host asked
                "chat.postMessage",
                lambda c: "vil gerne i praktik" in json.dumps(c.params, ensure_ascii=False),
                timeout=30,
            )
            await fake.quiet(0.3, limit=30)
            asked = snapshot(next(m for m in bo.dms if "vil gerne i praktik" in shown(m)))

            fake.hold_next(*SLACK_CALLS_AFTER_COMMIT)
            accepted = await press(ws.wire, fake, bo.actor, asked, "Acceptér")
            assert accepted.status == 200
            await asyncio.wait_for(fake.held.wait(), 30)
            await asyncio.to_thread(first.kill)
            fake.release()

            plan = await db.run(_plan)
            assert plan, "the confirmed placement has no DM plan"
            assert {status for status, _ in plan} == {OutboxStatus.PLANNED}
            assert not any("bekræftet" in shown(m) for m in anna.dms)  # Slack heard nothing

            second = serve(1)
            await asyncio.to_thread(second.start)
            try:
                due = [key for _, key in plan if ":intro:" in key or ":practical:" in key]
                assert len(due) == 4
                await asyncio.to_thread(
                    wait_until,
                    lambda: all(keys_delivered(fake)[k] == 1 for k in due),
                    limit=60,
                    step=0.2,
                    what="the placement's due DMs delivered",
                )
            finally:
                await asyncio.to_thread(second.stop)
            await fake.quiet(0.3, limit=10)
        finally:
            db.dispose()
    assert all(keys_delivered(fake)[k] == 1 for k in due)
    # Every DM is posted to the user ID; only the calendar file needs the DM channel, and it
    # is opened once per person, before the kill or after the restart.
    opened = Counter(c.params["users"] for c in fake.calls_to("conversations.open"))
    assert all(n == 1 for n in opened.values()), opened
    assert {c.params["channel"] for c in fake.calls_to("chat.postMessage")} <= {"UBO", "UANNA"}
    for process in (first, second):
        assert "Traceback" not in process.output(), process.output()[-3000:]
