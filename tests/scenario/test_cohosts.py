"""Co-hosting: two colleagues share a hosting."""

from __future__ import annotations

import copy
import json
from datetime import datetime

from sqlmodel import select

from bot.clock import ManualClock
from bot.outbox.dispatcher import Dispatcher
from bot.sandbox.harness import Harness
from bot.season import COPENHAGEN
from models.tables import HostSlot
from tests.scenario.flows import offer, wish
from tests.talk import buttons, press_as, shown


def local(mo: int, d: int, h: int) -> datetime:
    return datetime(2027, mo, d, h, tzinfo=COPENHAGEN)


async def test_a_cohost_answers_a_request_and_both_hosts_get_the_placement(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")

    # Bo names Cille as co-host in the slot modal; she is told.
    await offer(bo)
    await bo.command("/praktik", "tilbyd")  # the same modal edits the slot
    bo.fill("slot_cohost", "UBO")
    await bo.submit()
    assert "dig selv" in bo.modal_errors["slot_cohost"]  # nobody co-hosts with themselves
    bo.fill("slot_cohost", "UCILLE")
    await bo.submit()
    assert "har gjort dig til medvært" in shown(cille.last_dm)

    # Cille sees the slot in App Home and in status.
    await cille.open_home()
    assert "Medvært på" in shown(cille.home) and "<@UBO>" in shown(cille.home)
    await cille.command("/praktik", "status")
    assert "Medvært på" in shown(cille.ephemerals[-1]) and "Ærø Kommune" in shown(
        cille.ephemerals[-1]
    )

    # Anna asks; both hosts get the request with buttons; Cille answers first.
    await wish(anna)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    assert buttons(bo.last_dm) == buttons(cille.last_dm) == ["Acceptér", "Afslå"]
    bo_ask = copy.deepcopy(bo.last_dm)  # as Bo's client still shows it
    await cille.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(anna.last_dm)
    # Both hosts get the placement's DMs, and Bo's buttons show what happened.
    for host in (bo, cille):
        assert any("Anna Jensen" in shown(m) and "bekræftet" in shown(m) for m in host.dms)
        assert any(f.name.endswith(".ics") for f in host.files)
    asked = next(m for m in bo.dms if m.ts == bo_ask.ts)
    assert buttons(asked) == [] and "Aftalen er bekræftet" in shown(asked)
    # The first answer counted: Bo's late *Afslå* on his stale copy changes nothing.
    anna_saw = len(anna.dms)
    await press_as(bo, bo_ask, "Afslå")
    assert len(anna.dms) == anna_saw
    await cille.command("/praktik", "status")
    assert "<@UANNA> er i praktik hos dig" in shown(cille.ephemerals[-1])

    # The placement's timeline: Cille gets the informing DMs as the host does, but not the
    # check-in, which asks for the host's own answer.
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    for moment, to_cille in ((local(8, 30, 9), 1), (local(9, 17, 15), 0)):
        clock.set(moment)
        bo_had, cille_had = len(bo.dms), len(cille.dms)
        await dispatcher.run_once(moment)
        assert len(bo.dms) == bo_had + 1 and len(cille.dms) == cille_had + to_cille
    assert "Anna Jensen" in shown(cille.dms[-1])
    assert shown(cille.dms[-1]) == shown(bo.dms[-2])  # the same intro as Bo's

    # Taking Cille off tells her.
    await bo.command("/praktik", "tilbyd")
    bo.fill("slot_cohost", None)
    await bo.submit()
    assert "har fjernet dig som medvært" in shown(cille.last_dm)
    await cille.command("/praktik", "status")
    assert "Medvært på" not in shown(cille.ephemerals[-1])


async def test_a_cohost_who_never_signed_up_can_see_and_erase_being_named(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    await offer(bo)
    await bo.command("/praktik", "tilbyd")
    bo.fill("slot_cohost", "UCILLE")
    await bo.submit()

    await cille.command("/praktik", "mine-data")
    held = json.loads([f for f in cille.files if f.name.endswith(".json")][-1].text())
    assert held["co_host_of"] == [{"season_year": 2027, "workplace": "Ærø Kommune"}]

    await cille.command("/praktik", "slet-mine-data")
    await cille.press("Slet mine data")
    assert "Dine data er slettet" in shown(cille.ephemerals[-1])
    slot = await harness.db.run(lambda s: s.exec(select(HostSlot)).one())
    assert slot.cohost_user_id is None
    await cille.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(cille.ephemerals[-1])
