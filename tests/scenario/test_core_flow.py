"""Host offers → intern finds → requests → host answers: the programme's core conversation."""

from __future__ import annotations

import asyncio
import copy

from bot import texts
from bot.domain.placement import Refusal
from bot.sandbox.harness import Harness
from bot.views.forms import FormBlock
from bot.views.refusals import refusal_text
from tests.orthography import assert_one_full_stop_after_dates
from tests.scenario.flows import offer, wish
from tests.talk import buttons, last_words, press_as, shown


async def test_host_offers_intern_finds_and_requests_host_accepts(harness: Harness) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen", title="Klimakoordinator")
    anna = ws.person("UANNA", "anna", "Anna Jensen", title="Udviklingskonsulent")

    await offer(bo, days=["man 13. sep.", "tir 14. sep."])
    saved = shown(bo.last_dm)
    assert "Din værtsplads er oprettet" in saved and "Ærø Kommune" in saved
    assert buttons(bo.last_dm) == ["Rediger"]

    await anna.command("/praktik", "find ærø")
    results = anna.ephemerals[-1]
    assert "Ærø Kommune" in shown(results) and buttons(results) == ["Anmod"]

    await anna.press("Anmod")
    assert "Din anmodning er sendt" in shown(anna.ephemerals[-1])
    ask = bo.last_dm
    assert "Anna Jensen" in shown(ask) and "Udviklingskonsulent" in shown(ask)
    assert buttons(ask) == ["Acceptér", "Afslå"]

    await bo.press("Acceptér")
    to_anna, to_bo = shown(last_words(anna)), shown(last_words(bo))
    assert "Din praktik er bekræftet" in to_anna
    assert "man 13. sep., tir 14. sep." in to_anna and "<@UBO>" in to_anna
    assert "man 13. sep., tir 14. sep." in to_bo and "<@UANNA>" in to_bo
    # The request message now shows the outcome instead of buttons.
    asked = next(m for m in bo.dms if "vil gerne i praktik" in shown(m))
    assert buttons(asked) == [] and "Aftalen er bekræftet" in shown(asked)
    assert_one_full_stop_after_dates(harness.fake)


async def test_host_declines_and_the_intern_is_told_kindly_with_other_slots(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await offer(cas, workplace="Region Midtjylland", sector="Region", municipality="Viborg")
    await wish(anna)

    await anna.press("Anmod", value=None)  # the best suggestion comes first
    asked = bo.last_dm if "vil gerne i praktik" in shown(bo.last_dm) else cas.last_dm
    host = bo if asked is bo.last_dm else cas
    await host.press("Afslå")
    told = shown(anna.last_dm)
    workplace = "Ærø Kommune" if host is bo else "Region Midtjylland"
    assert texts.declined_intern(workplace) in told
    assert buttons(anna.last_dm) == ["Anmod", "Anmod"] or buttons(anna.last_dm) == ["Anmod"]
    assert "Forespørgslen blev afslået" in shown(host.dms[-1]) or "Du har afslået" in shown(
        host.dms[-1]
    )
    assert harness.fake.calls_to("chat.postMessage")[-1].params["channel"] == "UANNA"
    assert harness.fake.calls_to("conversations.open") == []  # one call per DM


async def test_intern_withdraws_after_confirmation_frees_the_seat_and_tells_the_host(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    await offer(bo)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    await dan.command("/praktik", "find ærø")
    assert "Ingen ledige pladser" in shown(dan.ephemerals[-1])  # the only seat is taken

    await anna.command("/praktik", "afmeld")
    assert buttons(anna.ephemerals[-1]) == ["Træk mit praktikønske tilbage"]
    await anna.press("Træk mit praktikønske tilbage")
    assert texts.WITHDRAWN_INTERN in shown(anna.ephemerals[-1])
    assert texts.counterpart_intern_left("Anna Jensen") in shown(bo.last_dm)
    planned = await harness.db.run(_planned_for, user="UANNA")
    assert planned == 0  # every planned DM of the placement is cancelled

    await dan.command("/praktik", "find ærø")
    assert buttons(dan.ephemerals[-1]) == ["Anmod"]  # the seat is free again


def _planned_for(session: object, *, user: str) -> int:
    from sqlmodel import Session, select

    from models.tables import OutboxMessage, OutboxStatus

    assert isinstance(session, Session)
    rows = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.recipient == user, OutboxMessage.status == OutboxStatus.PLANNED
        )
    ).all()
    return len(rows)


async def test_host_withdraws_and_the_intern_gets_other_slots(harness: Harness) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await offer(cas, workplace="Viborg Bibliotek", municipality="Viborg")
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér")

    await bo.command("/praktik", "afmeld")
    await bo.press("Træk min værtsplads tilbage")
    assert texts.WITHDRAWN_HOST in shown(bo.ephemerals[-1])
    told = anna.last_dm
    assert texts.counterpart_host_left("Ærø Kommune") in shown(told)
    assert "Viborg Bibliotek" in shown(told) and buttons(told) == ["Anmod"]
    await anna.command("/praktik", "find ærø")
    assert "Ingen ledige pladser" in shown(anna.ephemerals[-1])


async def test_a_double_click_and_a_retried_payload_change_nothing(harness: Harness) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    ask = copy.deepcopy(bo.last_dm)  # as the host's client still shows it before any update

    await asyncio.gather(press_as(bo, ask, "Acceptér"), press_as(bo, ask, "Acceptér"))
    posted = len(harness.fake.calls_to("chat.postMessage"))
    assert await press_as(bo, ask, "Acceptér") == 200  # the same payload once more
    assert await press_as(bo, ask, "Afslå") == 200
    assert len(harness.fake.calls_to("chat.postMessage")) == posted
    assert await harness.db.run(_placements) == 1
    confirmations = [m for m in anna.dms if "Din praktik er bekræftet" in shown(m)]
    assert len(confirmations) == 1


def _placements(session: object) -> int:
    from sqlmodel import Session, select

    from models.tables import Placement, PlacementStatus

    assert isinstance(session, Session)
    return len(
        session.exec(select(Placement).where(Placement.status == PlacementStatus.CONFIRMED)).all()
    )


async def test_only_the_host_can_press_the_hosts_buttons(harness: Harness) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    eve = ws.person("UEVE", "eve", "Eve Mallory")
    await offer(bo)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    ask = bo.last_dm

    for who in (eve, anna):
        assert await press_as(who, ask, "Acceptér") == 200
        # Not in the host's DM, so the refusal reaches them where they are: a DM.
        seen = who.ephemerals + who.dms
        refusal = refusal_text(Refusal.NOT_YOURS)
        assert refusal in shown(seen[-1]) or refusal in shown(who.last_dm)
    assert await harness.db.run(_placements) == 0
    assert buttons(bo.last_dm) == ["Acceptér", "Afslå"]  # untouched
    await bo.press("Acceptér")
    assert await harness.db.run(_placements) == 1


async def test_search_shows_the_seats_left_as_they_change(harness: Harness) -> None:
    """Results are kept rendered per slot and seats taken: a filled seat shows at once."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    await offer(bo, capacity="2")
    await dan.command("/praktik", "find ærø")
    assert "2 af 2 ledige" in shown(dan.ephemerals[-1])
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    await dan.command("/praktik", "find ærø")
    assert "1 af 2 ledige" in shown(dan.ephemerals[-1])
    await bo.command("/praktik", "tilbyd")
    bo.fill(FormBlock.SLOT_CAPACITY, "3")
    await bo.submit()
    await dan.command("/praktik", "find ærø")
    assert "2 af 3 ledige" in shown(dan.ephemerals[-1])


async def test_a_profile_read_from_slack_is_kept_for_the_next_presses(harness: Harness) -> None:
    """users.info is rate-limited: one press after another asks Slack once."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    anna = ws.person("UANNA", "anna", "Anna Jensen", title="Udviklingskonsulent")
    await offer(bo)
    await offer(cas, workplace="Viborg Bibliotek", municipality="Viborg")
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await anna.command("/praktik", "find bibliotek")
    await anna.press("Anmod")
    asked = [c for c in harness.fake.calls_to("users.info") if c.params.get("user") == "UANNA"]
    assert len(asked) == 1
    assert sum("vil gerne i praktik" in shown(m) for m in bo.dms + cas.dms) == 2
    assert any("Udviklingskonsulent" in shown(m) for m in bo.dms + cas.dms)
