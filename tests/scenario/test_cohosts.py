"""Co-hosting: two colleagues share a hosting."""

from __future__ import annotations

import copy
import json

from sqlmodel import Session, select

from bot.domain.timeline import HOST_ONLY
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import days_change as days_texts
from bot.texts import network as network_texts
from bot.views.cohosts import CohostBlock
from bot.views.days_change import DaysBlock
from bot.views.feedback import FeedbackBlock
from bot.views.workshop import WorkshopBlock
from models.feedback import feedback_summary
from models.tables import CheckIn, Evaluation, HostSlot, OutboxMessage, OutboxStatus
from tests.conftest import ADMIN
from tests.meaning import clause
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import dispatcher, local, sign_up_in_may_confirm_in_june
from tests.scenario.test_season_dms import TIMELINE
from tests.talk import buttons, last_words, press_as, shown


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
    bo.fill(CohostBlock.SLOT_COHOST, "UBO")
    await bo.submit()
    assert "dig selv" in bo.modal_errors[CohostBlock.SLOT_COHOST]  # nobody co-hosts with themselves
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
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
    assert "Din praktik er bekræftet" in shown(last_words(anna))
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
    assert "<@UANNA> kommer i praktik hos dig" in shown(cille.ephemerals[-1])

    # The placement's timeline: Cille gets the host's intro (the whole season: below).
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    clock.set(local(8, 30, 9))
    await dispatcher.run_once(clock.now())
    assert "Anna Jensen" in shown(cille.last_dm)
    assert shown(cille.last_dm) == shown(bo.last_dm)  # the same intro as Bo's

    # Taking Cille off tells her.
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, None)
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
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    await bo.submit()

    await cille.command("/praktik", "mine-data")
    held = json.loads([f for f in cille.files if f.name.endswith(".json")][-1].text())
    assert held["medvært for"] == [{"sæson": 2027, "arbejdsplads": "Ærø Kommune"}]

    await cille.command("/praktik", "slet-mine-data")
    await cille.press("Slet mine data")
    assert "Dine data er slettet" in shown(cille.ephemerals[-1])
    slot = await harness.db.run(lambda s: s.exec(select(HostSlot)).one())
    assert slot.cohost_user_id is None
    await cille.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(cille.ephemerals[-1])


def _feedback(session: Session) -> dict[str, tuple[object, ...]]:
    found: dict[str, tuple[object, ...]] = {}
    for c in session.exec(select(CheckIn)).all():
        found[f"checkin:{c.role}"] = (c.rating,)
    for e in session.exec(select(Evaluation)).all():
        found[f"evaluation:{e.role}"] = (e.benefit, e.recommend)
    return found


def _calendar_text(person: Person) -> str:
    ics = [f for f in person.files if f.name.endswith(".ics")][-1]
    return ics.content.decode().replace("\r\n ", "")


async def test_a_cohost_gets_what_the_host_gets_and_the_intern_hears_of_both_all_season(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    worker = dispatcher(harness)
    both = "Bo Hansen og Cille Dahl"

    # May: Bo offers with Cille as co-host; Anna asks; June: Cille accepts for the hosts.
    clock.set(local(5, 3, 10))
    await offer(bo)
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    await bo.submit()
    await wish(anna)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    clock.set(local(6, 14, 11))
    await cille.press("Acceptér", where="message")

    # The confirmation and the calendar: Cille gets the host's; Anna's name both hosts.
    assert "Din praktik er bekræftet" in shown(last_words(anna)) and both in shown(last_words(anna))
    assert any("Aftalen er bekræftet" in shown(m) for m in cille.dms)
    assert "Anna Jensen" in _calendar_text(cille)
    assert both in _calendar_text(anna)
    # Status and App Home: Cille sees the placement; Anna sees both hosts named.
    await cille.command("/praktik", "status")
    assert "<@UANNA> kommer i praktik hos dig" in shown(cille.ephemerals[-1])
    await anna.command("/praktik", "status")
    assert both in shown(anna.ephemerals[-1])
    await anna.open_home()
    assert both in shown(anna.home)

    # The coordinator's announcement and the workshop reach the co-host too.
    await kim.command("/praktik", "admin besked Husk at aftale programmet")
    await kim.press("Send til alle")
    await kim.command("/praktik", "admin workshop")
    kim.fill(WorkshopBlock.DAY, "2027-06-24")
    kim.fill(WorkshopBlock.TIME, "13:00")
    kim.fill(WorkshopBlock.PLACE, "Slotsholmsgade 4")
    await kim.submit()
    await worker.run_once(clock.now())
    assert any("Husk at aftale programmet" in shown(m) for m in cille.dms)
    await cille.press("Jeg kommer", where="message")
    clock.set(local(6, 23, 9))
    await worker.run_once(clock.now())
    assert "Påmindelse: workshop i morgen" in shown(cille.last_dm)

    # Bo proposes other days and Anna declines: both hosts hear it, as they hear a proposal.
    clock.set(local(6, 28, 10))
    await bo.command("/praktik", "status")
    await bo.press("Ret dage")
    bo.fill(DaysBlock.DAYS, ["1", "2", "3", "4"])
    assert (await bo.submit()).action == "close"
    await anna.press("Afslå", where="message")
    for host in (bo, cille):
        assert clause(days_texts.declined("UANNA", "")) in shown(host.last_dm)

    # The timeline: Cille gets every DM Bo gets, check-in and evaluation included.
    seen: dict[str, dict[str, str]] = {}
    for moment, kind in TIMELINE:
        clock.set(moment)
        had = {p.id: len(p.dms) for p in (bo, cille, anna)}
        await worker.run_once(moment)
        expected = {"UBO": 1, "UCILLE": 1, "UANNA": int(kind not in HOST_ONLY)}
        assert {p.id: len(p.dms) - had[p.id] for p in (bo, cille, anna)} == expected, kind
        seen[kind] = {p.id: shown(p.last_dm) for p in (bo, cille, anna)}
        if kind == "checkin":
            await cille.press("4", where="message")
            assert "Du har svaret *4*" in shown(cille.last_dm)
            await bo.press("5", where="message")
        if kind == "evaluation":
            await cille.press("Evaluér", where="message")
            cille.fill(FeedbackBlock.BENEFIT, "Ja")
            cille.fill(FeedbackBlock.RECOMMEND, "9")
            assert (await cille.submit()).action == "close"
            assert buttons(cille.last_dm) == ["Ret evaluering", network_texts.JOIN]
    for _, kind in TIMELINE:
        assert seen[kind]["UCILLE"] == seen[kind]["UBO"].replace("*5*", "*4*"), kind
    # The intern's DMs about her hosts name both of them.
    assert "<@UBO> (Bo Hansen)" in seen["intro"]["UANNA"]
    assert "<@UCILLE> (Cille Dahl)" in seen["intro"]["UANNA"]
    assert "<@UCILLE> (Cille Dahl)" in seen["practical"]["UANNA"]
    assert "(Bo Hansen) og <@UCILLE> (Cille Dahl)" in seen["followup"]["UANNA"]
    # Cille's answers are her own (stored under the co-host's role) and counted.
    assert await harness.db.run(_feedback) == {
        "checkin:cohost": (4,),
        "checkin:host": (5,),
        "evaluation:cohost": ("ja", 9),
    }
    summary = await harness.db.run(feedback_summary, 2027)
    assert (summary.checkins, summary.checkin_average, summary.evaluations) == (2, 4.5, 1)


async def test_a_cohost_named_after_the_confirmation_gets_the_rest_and_one_taken_off_stops(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    dan = ws.person("UDAN", "dan", "Dan Holm")
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    worker = dispatcher(harness)

    # After the confirmation Bo names Cille: she gets the placement's DMs from now on.
    clock.set(local(7, 1, 10))
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    await bo.submit()
    clock.set(local(8, 30, 9))
    await worker.run_once(clock.now())
    assert "Om to uger kommer <@UANNA>" in shown(cille.last_dm)
    assert "<@UCILLE> (Cille Dahl)" in shown(anna.last_dm)  # her intro names both hosts

    # Bo swaps Cille for Dan: Dan gets what is left, Cille nothing more.
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, "UDAN")
    await bo.submit()
    cille_had = len(cille.dms)
    clock.set(local(9, 9, 9))
    await worker.run_once(clock.now())
    assert "begynder i praktik hos dig" in shown(dan.last_dm)
    assert len(cille.dms) == cille_had
    await dan.command("/praktik", "status")
    assert "<@UANNA> kommer i praktik hos dig" in shown(dan.ephemerals[-1])

    # Anna withdraws: Bo and Dan are told, and nobody gets the rest of the timeline.
    await anna.command("/praktik", "afmeld")
    await anna.press("Træk mit praktikønske tilbage")
    for host in (bo, dan):
        assert "Anna Jensen har meldt fra" in shown(host.last_dm)
    assert "meldt fra" not in shown(cille.last_dm)
    rows = await harness.db.run(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.recipient == "UCILLE")).all()
    )
    rest = ("programme_reminder", "practical", "welcome", "checkin", "evaluation", "followup")
    assert {r.kind: r.status for r in rows if r.status != OutboxStatus.SENT} == dict.fromkeys(
        rest, OutboxStatus.CANCELLED
    )
