"""The coordinators' rough edges of a season: an announcement that reaches last
season's people while their evaluations run, and the examples and counts they are shown."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

from sqlmodel import select

from bot import texts
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.texts import admin as admin_texts
from bot.texts.season import err_year
from models.tables import OutboxMessage
from tests.conftest import ADMIN
from tests.meaning import clause
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import local, sign_up_in_may_confirm_in_june
from tests.talk import buttons, press_as, shown

DAYS_2028 = ("man 11. sep.", "tir 12. sep.")


def confirm_texts(message: Any) -> dict[str, str]:
    """Each button's label -> the question its confirm dialog asks."""
    return {
        element["text"]["text"]: element["confirm"]["text"]["text"]
        for block in message.blocks
        for element in block.get("elements", [])
        if element.get("type") == "button"
    }


async def announced_to(harness: Harness) -> list[str]:
    rows = await harness.db.run(
        lambda s: s.exec(select(OutboxMessage).where(OutboxMessage.kind == "announcement")).all()
    )
    return sorted(r.recipient for r in rows)


async def test_an_announcement_reaches_last_seasons_people_while_their_evaluations_run(
    harness: Harness, clock: ManualClock
) -> None:
    await sign_up_in_may_confirm_in_june(harness, clock)  # Bo and Anna, 2027
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    clock.set(local(12, 20, 10))
    await kim.command("/praktik", "admin sæson åbn 2028")
    eve = harness.workspace.person("UEVE", "eve", "Eve Nielsen")
    await offer(eve, days=DAYS_2028)

    await kim.command("/praktik", "admin besked Husk at svare på evalueringen")
    preview = copy.deepcopy(kim.ephemerals[-1])
    assert admin_texts.announce_choose(2028, 1, 2027, 2, "fre 14. jan. 2028") in shown(preview)
    assert buttons(preview) == ["Kun sæson 2028", "Kun sæson 2027", "Begge sæsoner"]
    # Each confirm dialog says whom that button reaches, as a whole sentence.
    assert confirm_texts(preview) == {
        "Kun sæson 2028": admin_texts.announce_recipients(1, (2028,)),
        "Kun sæson 2027": admin_texts.announce_recipients(2, (2027,)),
        "Begge sæsoner": admin_texts.announce_recipients(3, (2027, 2028)),
    }
    await kim.press("Kun sæson 2027")
    assert admin_texts.announce_planned(2) in shown(kim.ephemerals[-1])
    assert await announced_to(harness) == ["UANNA", "UBO"]
    await press_as(kim, preview, "Begge sæsoner")  # nobody gets it twice
    assert admin_texts.announce_planned(1) in shown(kim.ephemerals[-1])
    assert await announced_to(harness) == ["UANNA", "UBO", "UEVE"]

    # From 15 January 2027's follow-up is over: the preview offers the new season alone.
    clock.set(local(1, 17, 10, y=2028))
    await kim.command("/praktik", "admin besked Velkommen til 2028")
    alone = kim.ephemerals[-1]
    assert admin_texts.announce_preview(1, (2028,)) in shown(alone)
    assert confirm_texts(alone) == {"Send til alle": admin_texts.announce_recipients(1, (2028,))}
    await press_as(kim, preview, "Kun sæson 2027")  # an old preview's button
    assert admin_texts.announce_season_over(2027) in shown(kim.ephemerals[-1])


async def test_a_year_written_wrong_is_shown_as_the_season_the_command_takes(
    harness: Harness, clock: ManualClock
) -> None:
    await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin sæson åbn abc")  # in June, too, 2028 is the next
    assert err_year(2028) in shown(kim.ephemerals[-1])
    clock.set(local(11, 2, 10))  # 2027 is in force, 2028 is the next to open
    await kim.command("/praktik", "admin sæson åbn abc")
    assert err_year(2028) in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin stats 27")
    assert err_year(2027) in shown(kim.ephemerals[-1])


async def test_a_rounds_proposal_reads_as_the_coordinators_in_status_and_app_home(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await bo.open_home()
    await anna.open_home()
    await offer(bo)
    await wish(anna)
    await kim.command("/praktik", "admin match")
    await kim.press("Send forslag (stabil)")

    await bo.command("/praktik", "status")
    host_sees = shown(bo.ephemerals[-1])
    assert texts.proposal_pending_for_host("<@UANNA>") in host_sees
    assert clause(texts.pending_for_host("<@UANNA>")) not in host_sees + shown(bo.home)
    assert clause(texts.proposal_pending_for_host("<@UANNA>")) in shown(bo.home)
    await anna.command("/praktik", "status")
    assert texts.pending_for_intern("Ærø Kommune") in shown(anna.ephemerals[-1])

    # Once one side has said yes, each sees whose answer is missing – not "du skal svare".
    await bo.press("Acceptér", where="home")
    await bo.command("/praktik", "status")
    assert texts.proposal_waiting_for_intern("<@UANNA>") in shown(bo.ephemerals[-1])
    assert "du skal svare" in shown(anna.home)


async def test_the_export_names_the_municipality_and_the_central_administration(
    harness: Harness,
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, dan = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UDAN", "dan", "Dan Berg")
    anna, emil = ws.person("UANNA", "anna", "Anna Jensen"), ws.person("UEMIL", "emil", "Emil Krog")
    await offer(bo)  # Ærø, kommunekode 0492
    await offer(
        dan,
        workplace="Digitaliseringsstyrelsen",
        sector="Stat",
        municipality="Centraladministrationen (flere steder)",
    )
    await wish(anna)
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    for intern, host, search in ((anna, bo, "ærø"), (emil, dan, "digitaliseringsstyrelsen")):
        await intern.command("/praktik", f"find {search}")
        await intern.press("Anmod")
        await host.press("Acceptér", where="message")

    await kim.command("/praktik", "admin eksport")
    rows = list(csv.reader(io.StringIO(kim.files[-1].content.decode("utf-8-sig")), delimiter=";"))
    places = sorted(dict(zip(rows[0], row, strict=True))["Kommune"] for row in rows[1:])
    assert places == ["Centraladministrationen", "Ærø"]


async def test_a_sign_up_after_the_deadline_is_told_it_joins_the_next_matching_round(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    clock.set(local(6, 11, 15))  # the deadline day itself: on time
    await offer(bo)
    assert "Tilmeldingsfristen" not in shown(bo.last_dm)

    clock.set(local(7, 5, 10))  # the deadline was fre 11. jun.
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    await offer(cille, workplace="Region Midtjylland", sector="Region", municipality="Viborg")
    assert texts.late_slot("fre 11. jun. 2027") in shown(cille.last_dm)
    await wish(anna)
    assert texts.late_wish("fre 11. jun. 2027") in shown(anna.last_dm)
    clock.set(local(7, 6, 10))
    await wish(anna, text="Jeg vil også lære om havne.")  # an edit is no new sign-up
    assert "Tilmeldingsfristen" not in shown(anna.last_dm)
