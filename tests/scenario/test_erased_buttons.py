"""After /praktik slet-mine-data, an old button creates nobody and tells nobody."""

from __future__ import annotations

import copy

from sqlmodel import Session, select

from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.texts import erasure
from models.tables import CheckIn, Participant, Proposal
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import dispatcher, local, sign_up_in_may_confirm_in_june
from tests.talk import buttons, press_as, shown


def _people(session: Session) -> set[str]:
    return {p.slack_user_id for p in session.exec(select(Participant)).all()}


def _proposals(session: Session) -> int:
    return len(session.exec(select(Proposal)).all())


async def test_an_old_anmod_button_after_erasure_says_so_and_asks_no_host(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, capacity="2")
    await wish(anna)  # her suggestions, with an Anmod button for Bo's slot
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")
    assert "Dine data er slettet" in shown(anna.ephemerals[-1])
    dms_to_bo = len(bo.dms)

    await anna.press("Anmod")

    said = shown(anna.ephemerals[-1])
    assert erasure.OLD_BUTTON in said
    assert "UANNA" not in await harness.db.run(_people)
    assert await harness.db.run(_proposals) == 0
    assert len(bo.dms) == dms_to_bo

    # Signing up again is a new consent: from then on her buttons work as anyone's.
    await wish(anna)
    await anna.press("Anmod")
    assert "UANNA" in await harness.db.run(_people)
    assert await harness.db.run(_proposals) == 1
    assert "Anna Jensen" in shown(bo.last_dm)


async def test_a_newcomer_who_never_erased_anything_can_press_anmod_at_once(
    harness: Harness,
) -> None:
    """The control: only an erasure stops the press, not being new."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    eva = ws.person("UEVA", "eva", "Eva Lund")
    await offer(bo)
    await eva.command("/praktik", "find klima")
    await eva.press("Anmod")
    assert "UEVA" in await harness.db.run(_people)
    assert "Eva Lund" in shown(bo.last_dm)


async def test_an_old_accept_button_pressed_from_a_stale_screen_after_erasure(
    harness: Harness,
) -> None:
    """Slack may still show the request as it was (another device, no reload): its
    *Acceptér* reaches the app after the erasure, with the proposal's old ID."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await anna.press("Anmod")
    stale = copy.deepcopy(bo.last_dm)
    assert stale is not None
    await bo.command("/praktik", "slet-mine-data")
    await bo.press("Slet mine data")
    to_anna = len(anna.dms)

    assert await press_as(bo, stale, "Acceptér") == 200
    assert erasure.OLD_BUTTON in shown(bo.ephemerals[-1])
    assert "UBO" not in await harness.db.run(_people)
    assert len(anna.dms) == to_anna  # nobody was told anything


def _checkins(session: Session) -> int:
    return len(session.exec(select(CheckIn)).all())


async def test_an_old_check_in_button_after_erasure_says_so_and_stores_nothing(
    harness: Harness, clock: ManualClock
) -> None:
    _, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    clock.set(local(9, 17, 15))
    await dispatcher(harness).run_once(clock.now())
    checkin = copy.deepcopy(anna.last_dm)
    assert checkin is not None and buttons(checkin)[:5] == ["1", "2", "3", "4", "5"]
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")

    assert await press_as(anna, checkin, "4") == 200

    assert erasure.OLD_BUTTON in shown(anna.ephemerals[-1])
    assert await harness.db.run(_checkins) == 0
    assert "UANNA" not in await harness.db.run(_people)
