"""`/praktik privatliv`: what is stored, why, who sees it and for how long – in answer to
the command, in `hjælp`, and behind *Om dine data* in the sign-up modals and App Home."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import pytest

from bot.process.clock import ManualClock
from bot.registry.ids import PrivacyAction, View
from bot.sandbox.harness import Harness
from bot.texts import dates
from bot.texts import privacy_notice as t
from bot.views.forms import FormBlock
from models.db import Database
from tests.talk import shown


def _how_long(months: int, kept_until: date) -> str:
    # Season 2027's evaluation closes on Saturday 15 January 2028.
    return t.how_long(
        months, 2027, dates.day(date(2028, 1, 15), year=True), dates.day(kept_until, year=True)
    )


@asynccontextmanager
async def _configured(
    db: Database, clock: ManualClock, **settings: object
) -> AsyncIterator[Harness]:
    running = await Harness.start(db=db, clock=clock, **settings)
    try:
        yield running
    finally:
        await running.stop()


async def _notice(harness: Harness, word: str) -> str:
    """The notice as Anna reads it after `/praktik <word>`."""
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", word)
    return shown(anna.ephemerals[-1])


@pytest.fixture
async def seven_months(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    async with _configured(db, clock, praktik_retention_months=7) as running:
        yield running


async def test_the_notice_says_what_is_stored_why_who_sees_it_and_for_how_long(
    harness: Harness,
) -> None:
    notice = await _notice(harness, "privatliv")
    for part in (t.TITLE, t.STORED, t.WHY, t.WHO, t.RIGHTS, t.processors(), t.responsible("")):
        assert part in notice
    # The default: twelve months after the evaluation closes.
    assert _how_long(12, date(2029, 1, 15)) in notice
    assert "/praktik mine-data" in notice and "/praktik slet-mine-data" in notice


async def test_the_retention_in_the_notice_follows_the_configuration(
    seven_months: Harness,
) -> None:
    notice = await _notice(seven_months, "PRIVATLIV")
    assert _how_long(7, date(2028, 8, 15)) in notice
    assert _how_long(12, date(2029, 1, 15)) not in notice


CONTROLLER = "Center for Offentlig Innovation, databeskyttelse@coi.example"
HOSTING = "Statens It"


@pytest.fixture
async def named(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    settings = {"praktik_controller": f"  {CONTROLLER}\n", "praktik_hosting": HOSTING}
    async with _configured(db, clock, **settings) as running:
        yield running


async def test_the_notice_names_who_is_responsible_and_who_runs_it_as_configured(
    named: Harness,
) -> None:
    notice = await _notice(named, "privatliv")
    assert t.responsible(CONTROLLER) in notice and t.COMPLAIN in notice
    assert t.processors(HOSTING) in notice
    assert t.RESPONSIBLE_UNNAMED not in notice and t.processors() not in notice


async def test_help_lists_the_notice(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", "hjælp")
    assert "/praktik privatliv" in shown(anna.ephemerals[-1])


@pytest.mark.parametrize("command", ["tilbyd", "find"])
async def test_the_sign_up_modals_show_the_notice_on_top_and_keep_what_was_filled_in(
    harness: Harness, command: str
) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", command)
    form = anna.modal
    assert form is not None and t.LINK_TEXT in shown(form)
    field = FormBlock.SLOT_WORKPLACE if command == "tilbyd" else FormBlock.WISH_WORKPLACE
    anna.fill(field, "Ærø Kommune")
    await anna.press(PrivacyAction.SHOW_NOTICE, where="modal")
    notice = anna.modal
    assert notice is not None and notice["callback_id"] == View.PRIVACY_NOTICE
    assert notice["previous_view_id"] == form["id"]
    assert t.STORED in shown(notice) and _how_long(12, date(2029, 1, 15)) in shown(notice)
    await anna.close()
    back = anna.modal
    assert back is not None and back["id"] == form["id"]
    assert back["state"]["values"][field]


async def test_app_home_opens_the_notice(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.open_home()
    assert t.LINK_TEXT in shown(anna.home)
    await anna.press(PrivacyAction.SHOW_NOTICE, where="home")
    notice = anna.modal
    assert notice is not None and notice["callback_id"] == View.PRIVACY_NOTICE
    assert "previous_view_id" not in notice or notice["previous_view_id"] is None
    assert t.WHO in shown(notice)


def test_a_configured_name_is_shown_as_text_never_as_a_mention() -> None:
    from bot.views.privacy_notice import Retention, notice_blocks

    hostile = Retention(
        12,
        2027,
        date(2028, 1, 15),
        date(2029, 1, 15),
        controller="<!channel> & Co",
        hosting="<@U1>",
    )
    text = " ".join(str(b.to_dict()) for b in notice_blocks(hostile))
    assert "&lt;!channel&gt; &amp; Co" in text and "&lt;@U1&gt;" in text
    assert "<!channel>" not in text and "<@U1>" not in text
