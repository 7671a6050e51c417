"""Coordinators from a Slack user group (PRAKTIK_ADMIN_GROUP), over HTTP with signed requests:
a member gets in, someone added gets in at the first try, someone removed is out within a
minute, and every refusal is audited. Slack is read at most once a minute for a non-member."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.texts.admin import NOT_COORDINATOR
from models.db import Database
from models.tables import AuditEntry
from tests.talk import shown

HANDLE = "praktik-koordinatorer"


@pytest.fixture
async def harness(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    running = await Harness.start(
        db=db, clock=clock, trigger_ttl=None, praktik_admin_group="@" + HANDLE
    )
    try:
        yield running
    finally:
        await running.stop()


def _audit(session: Session) -> list[tuple[str, str, bool]]:
    entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    return [(a.actor, a.action, a.allowed) for a in entries]


async def test_the_groups_members_are_coordinators_within_a_minute_of_each_change(
    harness: Harness, clock: ManualClock
) -> None:
    fake, ws = harness.fake, harness.workspace
    kim = ws.person("UKIM", "kim", "Kim Koordinator")
    anna = ws.person("UANNA", "anna", "Anna Andersen")
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    group = fake.add_usergroup(HANDLE, "Praktikkoordinatorer", (kim.id,))

    await kim.command("/praktik", "admin sæson")
    assert NOT_COORDINATOR not in shown(kim.ephemerals[-1])

    fake.add_to_usergroup(group, anna.id)
    clock.advance(timedelta(seconds=10))
    await anna.command("/praktik", "admin sæson")  # her first try reads the group again
    assert NOT_COORDINATOR not in shown(anna.ephemerals[-1])
    reads = len(fake.calls_to("usergroups.users.list"))

    for _ in range(5):  # a non-member hammering admin does not hammer Slack
        clock.advance(timedelta(seconds=5))
        await eve.command("/praktik", "admin stats")
        assert NOT_COORDINATOR in shown(eve.ephemerals[-1])
    assert len(fake.calls_to("usergroups.users.list")) == reads

    fake.remove_from_usergroup(group, kim.id)
    await kim.command("/praktik", "admin sæson")  # read 25 s ago: still in, for now
    assert NOT_COORDINATOR not in shown(kim.ephemerals[-1])
    clock.advance(timedelta(seconds=35))  # a minute after the last read
    await kim.command("/praktik", "admin sæson")
    assert NOT_COORDINATOR in shown(kim.ephemerals[-1])

    assert await harness.db.run(_audit) == [
        (kim.id, "admin sæson", True),
        (anna.id, "admin sæson", True),
        *[(eve.id, "admin stats", False)] * 5,
        (kim.id, "admin sæson", True),
        (kim.id, "admin sæson", False),
    ]
    assert len(fake.calls_to("usergroups.list")) == 1  # the handle's ID is kept


async def test_slack_out_of_reach_keeps_the_last_known_coordinators(
    harness: Harness, clock: ManualClock
) -> None:
    fake = harness.fake
    kim = harness.workspace.person("UKIM", "kim", "Kim Koordinator")
    fake.add_usergroup(HANDLE, members=(kim.id,))
    await kim.command("/praktik", "admin sæson")
    fake.fail("usergroups.users.list", status=500, times=None)
    clock.advance(timedelta(minutes=5))
    await kim.command("/praktik", "admin sæson")
    assert NOT_COORDINATOR not in shown(kim.ephemerals[-1])
    assert [allowed for *_, allowed in await harness.db.run(_audit)] == [True, True]
