"""Where features meet in a placement's life (bot.domain.placement): placed elsewhere, an expired
proposal, an erasure after the week, a co-host on both sides, a press after the first day."""

from __future__ import annotations

import copy
from datetime import datetime

from sqlmodel import Session, select

from bot import texts
from bot.domain.placement import Refusal
from bot.domain.season import COPENHAGEN
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import days_change as days_texts
from bot.texts import privacy as privacy_texts
from bot.views.cohosts import CohostBlock
from bot.views.refusals import refusal_text
from models.tables import (
    CheckIn,
    HostSlot,
    OutboxMessage,
    Placement,
    PlacementStatus,
    Proposal,
    ProposalStatus,
)
from tests.conftest import ADMIN
from tests.meaning import clause
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import dispatcher, sign_up_in_may_confirm_in_june
from tests.talk import buttons, last_words, press_as, shown

SEND_STABIL = "Send forslag (stabil)"


def local(mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(2027, mo, d, h, mi, tzinfo=COPENHAGEN)


async def _status(person: Person) -> str:
    await person.command("/praktik", "status")
    return shown(person.ephemerals[-1])


async def _ask(intern: Person, words: str) -> None:
    await intern.command("/praktik", f"find {words}")
    await intern.press("Anmod")


async def test_confirmed_elsewhere_closes_her_other_requests_and_tells_each_host_side_once(
    harness: Harness,
) -> None:
    ws = harness.workspace
    anna, bo = ws.person("UANNA", "anna", "Anna Holm"), ws.person("UBO", "bo", "Bo Berg")
    ole = ws.person("UOLE", "ole", "Ole Lund")
    cecilie = ws.person("UCECILIE", "cecilie", "Cecilie Krog")
    await offer(anna)
    await anna.command("/praktik", "tilbyd")
    anna.fill(CohostBlock.SLOT_COHOST, "UBO")
    assert (await anna.submit()).action == "close"
    await offer(ole, workplace="Jobcenter Odense", municipality="Odense")
    await wish(cecilie)
    await _ask(cecilie, "ærø")
    await _ask(cecilie, "jobcenter odense")
    anna_ask, bo_ask = copy.deepcopy(anna.last_dm), copy.deepcopy(bo.last_dm)
    assert buttons(anna_ask) == buttons(bo_ask) == ["Acceptér", "Afslå"]
    anna_had, bo_had = len(anna.dms), len(bo.dms)

    await ole.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(last_words(cecilie))

    # Ærø's request closed in the same moment; each of its hosts is told once, and the
    # request messages' buttons are gone.
    for host, had, ask in ((anna, anna_had, anna_ask), (bo, bo_had, bo_ask)):
        news = [shown(m) for m in host.dms[had:]]
        told = clause(texts.placed_elsewhere_host("Cecilie Krog"))
        assert sum(told in n for n in news) == 1, news
        updated = next(m for m in host.dms if m.ts == ask.ts)
        assert buttons(updated) == [] and texts.OUTCOME_PLACED_ELSEWHERE in shown(updated)
    statuses = await harness.db.run(
        lambda s: sorted(p.status for p in s.exec(select(Proposal)).all())
    )
    assert statuses == [ProposalStatus.CONFIRMED, ProposalStatus.SUPERSEDED]
    assert "venter på værtens svar" not in await _status(cecilie)
    assert "<@UCECILIE>" not in await _status(anna)

    # Their stale buttons change nothing and tell Cecilie nothing; the answer is the truth.
    cecilie_had = len(cecilie.dms)
    await press_as(anna, anna_ask, "Acceptér")
    assert refusal_text(Refusal.PLACED_ELSEWHERE) in shown(anna.ephemerals[-1])
    assert "afmeld" not in shown(anna.ephemerals[-1])
    await press_as(bo, bo_ask, "Afslå")
    assert refusal_text(Refusal.PLACED_ELSEWHERE) in shown(bo.ephemerals[-1])
    assert len(cecilie.dms) == cecilie_had
    placements = await harness.db.run(lambda s: s.exec(select(Placement)).all())
    assert len(placements) == 1


async def test_an_expired_proposal_is_expired_by_the_job_and_blocks_nothing_afterwards(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, dan = ws.person("UBO", "bo", "Bo Berg"), ws.person("UDAN", "dan", "Dan Friis")
    await offer(bo, capacity="2")
    await wish(dan)
    clock.set(local(6, 14, 10))
    await kim.command("/praktik", "admin match")
    await kim.press(SEND_STABIL)
    assert "Runde 1 er sendt" in shown(kim.ephemerals[-1])

    # Nobody answers. The scheduler's job expires it at the deadline, not a coordinator.
    expire = harness.expiry_job(clock)
    clock.set(local(6, 21, 9, 59))
    assert await expire() == 0
    clock.set(local(6, 21, 10, 5))
    assert await expire() == 1
    assert await expire() == 0
    for person in (bo, dan):
        asked = next(m for m in person.dms if "Koordinatoren foreslår" in shown(m))
        assert buttons(asked) == [] and texts.OUTCOME_EXPIRED in shown(asked)
    # Both sides are told once, through the outbox, inside the send window.
    await dispatcher(harness).run_once(clock.now())
    expired = clause(texts.expired_notice("Ærø Kommune", next_round=True))
    for person in (bo, dan):
        told = [m for m in person.dms if expired in shown(m)]
        assert len(told) == 1, person
    await dispatcher(harness).run_once(clock.now())
    assert sum(expired in shown(m) for m in dan.dms) == 1

    # The pair is free again: find offers the slot, the coordinator can place it by hand,
    # and the next round proposes it.
    await dan.command("/praktik", "find ærø")
    assert "Anmod" in buttons(dan.ephemerals[-1])
    await kim.command("/praktik", "admin match")
    seen = shown(kim.ephemerals[-1])
    assert "runde 2" in seen and "*1* praktikønske venter" in seen and "*2* ledige" in seen
    await kim.command("/praktik", "admin match placér P1 V1")
    assert "allerede anmodet" not in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin match")
    await kim.press(SEND_STABIL)
    assert "Runde 2 er sendt (stabil): 1 forslag" in shown(kim.ephemerals[-1])
    await dan.press("Acceptér", where="message")
    await bo.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(last_words(dan))


async def _erase(person: Person) -> None:
    """`/praktik slet-mine-data`, confirmed."""
    await person.command("/praktik", "slet-mine-data")
    await person.press("Slet mine data")
    assert privacy_texts.DELETED in shown(person.ephemerals[-1])


async def test_erasure_after_the_week_keeps_the_placement_and_tells_nobody(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    clock.set(local(9, 17, 15))
    await dispatcher(harness).run_once(clock.now())
    await bo.press("5")  # Bo's check-in on the last day
    clock.set(local(9, 20, 10))
    await kim.command("/praktik", "admin stats")
    before = shown(kim.ephemerals[-1])
    assert "1 bekræftet hos 1 vært" in before
    bo_had, bo_files = len(bo.dms), len(bo.files)

    await _erase(anna)

    # Nobody is told of a cancellation and no calendar file goes out: it happened.
    assert len(bo.dms) == bo_had and len(bo.files) == bo_files

    def check(session: Session) -> None:
        placement = session.exec(select(Placement)).one()
        assert placement.status == PlacementStatus.CONFIRMED
        assert session.exec(select(HostSlot)).one().confirmed == 1
        assert [c.role for c in session.exec(select(CheckIn)).all()] == ["host"]
        # Bo's own DMs (evaluation, follow-up) are still planned; Anna's are gone.
        mine = session.exec(select(OutboxMessage.recipient)).all()
        assert "UANNA" not in mine and "UBO" in mine

    await harness.db.run(check)
    await kim.command("/praktik", "admin stats")
    assert shown(kim.ephemerals[-1]) == before
    assert "i praktik hos dig" in await _status(bo)


async def test_a_host_erased_after_the_week_keeps_the_figures_and_is_named_by_nobody(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    clock.set(local(9, 20, 10))
    await dispatcher(harness).run_once(clock.now())
    await kim.command("/praktik", "admin stats")
    before = shown(kim.ephemerals[-1])
    assert "1 vært med" in before

    await _erase(bo)
    # The host took part: the season's figures hold him still, without his name.
    await kim.command("/praktik", "admin stats")
    assert shown(kim.ephemerals[-1]) == before

    # Three months on, Anna is asked about practice with no name or mention in his place.
    clock.set(local(12, 17, 10))
    await dispatcher(harness).run_once(clock.now())
    follow_up = shown(anna.dms[-1])
    assert texts.timeline.FOLLOWUP_INTERN_ALONE.split(".")[0] in follow_up
    assert "slettet-" not in follow_up and "<@" not in str(anna.last_dm.blocks)


async def test_a_host_erased_during_the_week_leaves_the_intern_an_evaluation_without_him(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    clock.set(local(9, 14, 10))  # the placement has begun: it stays, with a stand-in
    await _erase(bo)
    told = len(anna.dms)
    for moment in (local(9, 17, 15, 30), local(9, 23, 10)):  # the check-in, the evaluation
        clock.set(moment)
        await dispatcher(harness).run_once(clock.now())
    since = anna.dms[told:]
    said = "\n".join(shown(m) for m in since)
    assert texts.timeline.evaluation_intern(texts.timeline.ERASED_WORKPLACE) in said
    assert texts.timeline.checkin_intern(texts.timeline.ERASED_WORKPLACE) in said
    assert "slettet" not in said and "<@" not in str([m.blocks for m in since])


async def test_nobody_is_on_both_sides_of_a_placement(harness: Harness) -> None:
    ws = harness.workspace
    anna, bo = ws.person("UANNA", "anna", "Anna Holm"), ws.person("UBO", "bo", "Bo Berg")
    eva = ws.person("UEVA", "eva", "Eva Sand")
    await offer(anna)
    await anna.command("/praktik", "tilbyd")
    anna.fill(CohostBlock.SLOT_COHOST, "UBO")
    assert (await anna.submit()).action == "close"
    # The co-host cannot ask for his own slot, by search or an old button.
    await wish(bo)
    await eva.command("/praktik", "find ærø")  # another intern sees the slot, with Anmod
    old_button = copy.deepcopy(eva.ephemerals[-1])
    assert "Anmod" in buttons(old_button)
    await bo.command("/praktik", "find ærø")
    assert "Anmod" not in buttons(bo.ephemerals[-1])
    await press_as(bo, old_button, "Anmod")
    assert refusal_text(Refusal.OWN_SLOT) in shown(bo.ephemerals[-1])
    # An intern whose named manager hosts the slot cannot ask for it either.
    await wish(eva, manager="UANNA")
    await eva.command("/praktik", "find ærø")
    await eva.press("Anmod")
    assert refusal_text(Refusal.BOTH_SIDES) in shown(eva.ephemerals[-1])
    assert await harness.db.run(lambda s: s.exec(select(Proposal)).all()) == []
    assert not any("Acceptér" in buttons(m) for m in anna.dms)
    # Someone who asked for the slot cannot become its co-host.
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    await wish(cille)
    await _ask(cille, "ærø")
    await anna.command("/praktik", "tilbyd")
    anna.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    outcome = await anna.submit()
    assert outcome.action == "errors"
    assert "begge sider" in outcome.errors[CohostBlock.SLOT_COHOST]


async def test_a_placement_under_way_cannot_be_withdrawn_and_the_host_hears_nothing(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    await anna.command("/praktik", "afmeld")  # a prompt she leaves open until the week
    clock.set(local(9, 14, 10))
    bo_had = len(bo.dms)
    await anna.command("/praktik", "afmeld")
    assert texts.WITHDRAW_BEGUN in shown(anna.ephemerals[-1])
    assert buttons(anna.ephemerals[-1]) == []
    # Her old withdraw button (from before the week) changes nothing either.
    await anna.press("Træk mit praktikønske tilbage", where="ephemeral")
    assert texts.WITHDRAW_BEGUN in shown(anna.ephemerals[-1])
    assert len(bo.dms) == bo_had
    placement = await harness.db.run(lambda s: s.exec(select(Placement)).one())
    assert placement.status == PlacementStatus.CONFIRMED
    # Nor can its days be changed: status offers no button for it, in either side's view.
    for person in (anna, bo):
        await person.command("/praktik", "status")
        assert days_texts.BUTTON not in buttons(person.ephemerals[-1])
