"""A round the size of a real season: ~70 waiting wishes and ~60 free seats. The preview
runs to several pages, and must still reach the coordinator with its *Send forslag* buttons
(the paging row once shared one action_id, which Slack refuses, so nothing was shown)."""

from __future__ import annotations

import pytest

from bot.sandbox.harness import Harness
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, shown

HOSTS, INTERNS = 60, 70
SEND = ["Send forslag (stabil)", "Send forslag (flest)"]


@pytest.mark.slow
async def test_a_preview_of_seventy_wishes_reaches_the_coordinator_with_its_send_buttons(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    for i in range(HOSTS):
        host = ws.person(f"UHOST{i:03}", f"vaert{i}", f"Vært Nummer{i}")
        await offer(host, workplace=f"Ærø Kommune, afdeling {i}")
    for i in range(INTERNS):
        intern = ws.person(f"UINTERN{i:03}", f"praktikant{i}", f"Praktikant Nummer{i}")
        await wish(intern, workplace=f"Styrelsen for Dataforsyning, kontor {i}")

    before = len(kim.ephemerals)
    await kim.command("/praktik", "admin match")
    assert len(kim.ephemerals) == before + 1, "the preview never reached the coordinator"
    preview = kim.ephemerals[-1]
    seen = shown(preview)
    assert f"*{INTERNS}* praktikønsker" in seen and f"*{HOSTS}* ledige pladser" in seen
    assert "*Parrene (stabil)* – Side 1 af 5" in seen
    assert buttons(preview)[:2] == SEND
    assert "Næste side" in buttons(preview) and "Vis parrene for flest" in buttons(preview)

    # A middle page has all three paging buttons in one row, each its own action_id.
    await kim.press("Næste side")
    page = kim.ephemerals[-1]
    assert "*Parrene (stabil)* – Side 2 af 5" in shown(page)
    assert {"Forrige side", "Næste side", "Vis parrene for flest"} <= set(buttons(page))
    assert buttons(page)[:2] == SEND
    await kim.press("Vis parrene for flest")
    assert "*Parrene (flest)* – Side 1 af 5" in shown(kim.ephemerals[-1])
    await kim.press(SEND[0])
    assert f"Runde 1 er sendt (stabil): {HOSTS} forslag" in shown(kim.ephemerals[-1])


async def test_a_page_button_of_an_earlier_rounds_preview_says_it_is_out_of_date(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await offer(ws.person("UBO", "bo", "Bo Hansen"))
    await wish(ws.person("UANNA", "anna", "Anna Jensen"))
    await wish(ws.person("UEMIL", "emil", "Emil Krog"), workplace="Viborg Kommune")

    # Two previews of round 1; the round is sent from the second.
    await kim.command("/praktik", "admin match")
    first = len(kim.ephemerals) - 1
    await kim.command("/praktik", "admin match")
    assert "Match – runde 1" in shown(kim.ephemerals[-1])
    await kim.press(SEND[0])
    assert "Runde 1 er sendt" in shown(kim.ephemerals[-1])

    # The first is still in the channel; its buttons must not show round 2's pairs.
    await kim.press("Vis parrene for flest")
    answer = shown(kim.ephemerals[first])  # the pressed message is replaced
    assert "forældet" in answer and "runde 1" in answer and "runde 2" in answer
    assert "`/praktik admin match`" in answer
    assert "Parrene (flest)" not in answer

    # A fresh preview pages as before.
    await kim.command("/praktik", "admin match")
    assert "Match – runde 2" in shown(kim.ephemerals[-1])
    await kim.press("Vis parrene for flest")
    assert "*Parrene (flest)*" in shown(kim.ephemerals[-1])


async def test_a_page_button_from_before_buttons_carried_the_round_names_no_round(
    harness: Harness,
) -> None:
    """Page buttons posted before the last deploy carry round 0, which never existed: the
    answer must not say "den viser runde 0"."""
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await offer(ws.person("UBO", "bo", "Bo Hansen"))
    await wish(ws.person("UANNA", "anna", "Anna Jensen"))
    await kim.command("/praktik", "admin match")
    old = kim.ephemerals[-1]
    for block in old.blocks:
        for element in block.get("elements", []):
            if element.get("value", "").startswith("flest:1:"):
                element["value"] = "flest:1:0"  # as the old buttons have it

    await kim.press("Vis parrene for flest", value="flest:1:0")
    answer = shown(old)  # the pressed message is replaced
    assert "forældet" in answer and "`/praktik admin match`" in answer
    assert "runde 0" not in answer and "Parrene (flest)" not in answer
