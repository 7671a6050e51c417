"""/praktik status and App Home: the user's own overview, fresh after every change."""

from __future__ import annotations

import asyncio
import json

from sqlmodel import select

from bot import texts
from bot.registry.ids import DMKind
from bot.runtime.coalesce import WINDOW_SECONDS
from bot.sandbox.harness import Harness
from bot.texts import welcome as welcome_texts
from bot.views.forms import FormBlock
from models.tables import HostSlot
from tests.meaning import clause
from tests.scenario.flows import offer, wish
from tests.stress.gestures import anmod
from tests.talk import buttons, shown

# How the intern's home tells her where she is placed, whatever the days and hosts.
PLACED_AT_AERO = clause(texts.placement_as_intern("Ærø Kommune", "man 13. sep.", ["Bo Hansen"]))


async def test_app_home_is_drawn_when_opened_and_redrawn_after_each_change(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")

    await bo.open_home()
    assert "Du har ingen værtsplads" in shown(bo.home)
    # Sign-ups are open and he has neither: the welcome, with the season's two ways in.
    assert buttons(bo.home)[:2] == [welcome_texts.OFFER, welcome_texts.FIND]

    await offer(bo)
    assert "Ærø Kommune" in shown(bo.home) and "Rediger" in buttons(bo.home)

    await wish(anna)
    await anna.open_home()
    await anna.press("Anmod")
    assert texts.pending_for_host("<@UANNA>") in shown(bo.home)
    assert "venter på værtens svar" in shown(anna.home)

    await bo.press("Acceptér", where="home")  # answered from App Home, not from the DM
    assert "kommer i praktik hos dig" in shown(bo.home)
    assert PLACED_AT_AERO in shown(anna.home)
    assert "Introduktion til hinanden" in shown(anna.home)  # the next planned DMs
    # The host side's next DMs hold the T−7 programme reminder; the intern's do not.
    reminder = texts.DM_KIND_LABELS[DMKind.PROGRAMME_REMINDER]
    assert reminder in shown(bo.home) and reminder not in shown(anna.home)
    asked = next(m for m in bo.dms if texts.request_to_host("Anna Jensen") in shown(m))
    assert buttons(asked) == []  # the DM's buttons are gone too


async def test_a_home_tab_never_opened_is_not_drawn_until_it_is_opened(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await bo.open_home()
    harness.fake.clear_calls()

    await anna.press("Anmod")
    drawn = [c.params["user_id"] for c in harness.fake.calls_to("views.publish")]
    assert drawn == ["UBO"]  # Bo has the tab; Anna never opened hers
    assert anna.home is None

    await anna.open_home()  # drawn when opened, with what happened before
    assert "venter på værtens svar" in shown(anna.home)
    harness.fake.clear_calls()
    await bo.press("Acceptér")
    drawn = sorted(c.params["user_id"] for c in harness.fake.calls_to("views.publish"))
    assert drawn == ["UANNA", "UBO"]
    assert PLACED_AT_AERO in shown(anna.home)


async def test_status_shows_slot_wish_requests_and_placement(harness: Harness) -> None:
    ws = harness.workspace
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", "status")
    first = shown(anna.ephemerals[-1])
    assert "Du har ingen værtsplads" in first and "Du har intet praktikønske" in first

    await wish(anna, topics=["klima", "ledelse"])
    await anna.command("/praktik", "status")
    now = shown(anna.ephemerals[-1])
    assert "klima, ledelse" in now and "Ingen bekræftede aftaler endnu" in now


async def test_edit_slot_from_the_confirmation_keeps_one_slot(harness: Harness) -> None:
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await offer(bo, capacity="1")
    await bo.press("Rediger")
    assert bo.modal is not None
    bo.fill(FormBlock.SLOT_CAPACITY, "3")
    assert (await bo.submit()).action == "close"
    assert "Din værtsplads er opdateret" in shown(bo.last_dm)
    assert "3 af 3 ledige" in shown(bo.last_dm)


async def test_an_app_home_opened_naming_no_real_user_draws_and_stores_nothing(
    harness: Harness,
) -> None:
    from bot.sandbox.wire import app_home_opened_envelope
    from models.tables import HomeOpened

    for bogus in ("U" + "X" * 60, "<!channel>", "U1 2", ""):
        envelope = app_home_opened_envelope(user_id=bogus, channel_id="D1", view=None)
        answer = await harness.workspace.wire.event(envelope)
        assert answer.status == 200
    await harness.workspace.settle()
    assert harness.fake.calls_to("views.publish") == []
    assert await harness.db.run(lambda s: s.exec(select(HomeOpened)).all()) == []


async def test_rapid_changes_redraw_a_home_at_most_twice_and_the_last_shows_them_all(
    harness: Harness,
) -> None:
    """Five requests to Bo's slot at once: one views.publish at once, one for the rest at
    the end of the window (bot.runtime.coalesce), never a stale tab last."""
    assert harness.homes is not None
    harness.homes.window = WINDOW_SECONDS  # Slack's pace, as in production
    ws, fake = harness.workspace, harness.fake
    bo = ws.person("UBO", "bo", "Bo Hansen")
    await offer(bo, capacity="5")
    await bo.open_home()
    slot_id = await harness.db.run(lambda s: s.exec(select(HostSlot.id)).one())
    interns = [ws.person(f"UIN{i}", f"i{i}", f"Praktikant Nr{i}") for i in range(5)]
    fake.clear_calls()

    answers = await asyncio.gather(
        *(ws.wire.interactive(anmod(fake, p.actor, int(slot_id))) for p in interns)
    )
    assert {a.status for a in answers} == {200}
    await ws.settle()

    drawn = [c for c in fake.calls_to("views.publish") if c.params["user_id"] == "UBO"]
    assert 1 <= len(drawn) <= 2
    last = json.dumps(drawn[-1].params["view"], ensure_ascii=False)
    assert all(f"<@UIN{i}>" in last for i in range(5))  # the final state, all five
    assert all(f"<@UIN{i}>" in shown(bo.home) for i in range(5))
