"""Odd, long and hostile text: stored as given or refused in Danish, shown as text."""

from __future__ import annotations

from sqlmodel import Session, select

from bot import texts
from bot.registry.ids import Action
from bot.sandbox.harness import Harness
from bot.views.forms import FormBlock
from models.tables import HostSlot, Participant, Wish
from tests.scenario.flows import offer
from tests.talk import shown, submit_raw

HOSTILE = [
    "🎉 Klima & kaffe ☕ – ÆØÅ æøå",
    "'; DROP TABLE hostslot; --",
    "<!channel> ring til <@UANNA> og <https://evil.example|klik her>",
    "*fed* _kursiv_ ~streg~ `kode`",
    "tab\tog\x00nul\x07klokke",
]


def _slot(session: Session) -> HostSlot:
    return session.exec(select(HostSlot)).one()


def _wish(session: Session) -> Wish:
    return session.exec(select(Wish)).one()


def _assert_never_markup(harness: Harness) -> None:
    """Nothing the bot showed may carry a live mention, link or broadcast from user text.

    Modals are left out: their inputs hold the text as plain text, which Slack never renders.
    """
    shown_to_people = [
        str(c.params) for c in harness.fake.calls if not c.method.startswith("views.open")
    ]
    for person in harness.workspace.people.values():
        shown_to_people += [str(m.blocks) + m.text for m in person.ephemerals]
    for raw in shown_to_people:
        assert "<!channel>" not in raw and "<!here>" not in raw
        assert "<https://evil.example" not in raw


async def test_slot_text_fields_store_what_was_written_and_show_it_as_text(
    harness: Harness,
) -> None:
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    for text in HOSTILE:
        await offer(bo, workplace=text[:150], description=text)
        slot = await harness.db.run(_slot)
        expected = text.replace("\x00", "").replace("\x07", "")
        assert slot.description == expected and slot.workplace == expected[:150]
        await anna.command("/praktik", f"find {text}")
        assert anna.ephemerals[-1].blocks  # an answer, never an error sentence
        assert "Beklager" not in shown(anna.ephemerals[-1])
        if text.startswith("*fed*"):
            assert "*fed*" not in shown(bo.last_dm)  # formatting characters are neutralised…
            assert "fed" in shown(bo.last_dm) and "kursiv" in shown(bo.last_dm)  # …words stay
    _assert_never_markup(harness)


async def test_empty_and_too_long_fields_are_refused_inline_and_nothing_is_saved(
    harness: Harness,
) -> None:
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await bo.command("/praktik", "tilbyd")
    bo.fill(FormBlock.SLOT_WORKPLACE, "x" * 5000)
    bo.fill(FormBlock.SLOT_SECTOR, "Kommune")
    bo.fill(FormBlock.SLOT_MUNICIPALITY, "Ærø")
    bo.fill(FormBlock.SLOT_CAPACITY, "to")
    bo.fill(FormBlock.SLOT_DAYS, [])
    bo.fill(FormBlock.SLOT_DESCRIPTION, "y" * 5000)
    status, action, errors = await submit_raw(bo)
    assert (status, action) == (200, "errors")
    assert errors[FormBlock.SLOT_WORKPLACE] == texts.err_too_long(150, 5000)
    assert errors[FormBlock.SLOT_CAPACITY] == texts.ERR_CAPACITY
    assert errors[FormBlock.SLOT_DAYS] == texts.ERR_NO_DAY
    assert errors[FormBlock.SLOT_DESCRIPTION] == texts.err_too_long(2000, 5000)
    for capacity in ("0", "11", "-1", "2.5", "١", " "):
        bo.fill(FormBlock.SLOT_CAPACITY, capacity)
        _, action, errors = await submit_raw(bo)
        assert action == "errors" and FormBlock.SLOT_CAPACITY in errors
    assert await harness.db.run(lambda s: s.exec(select(HostSlot)).all()) == []
    assert harness.fake.calls_to("chat.postMessage") == []


async def test_a_forged_option_value_is_refused(harness: Harness) -> None:
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await bo.command("/praktik", "tilbyd")
    bo.fill(FormBlock.SLOT_WORKPLACE, "Ærø Kommune")
    bo.fill(FormBlock.SLOT_SECTOR, "Kommune")
    bo.fill(FormBlock.SLOT_MUNICIPALITY, "Ærø")
    bo.fill(FormBlock.SLOT_DAYS, ["man 13. sep."])
    values = bo.modal["state"]["values"]
    values[FormBlock.SLOT_SECTOR][Action.FIELD]["selected_option"]["value"] = "kongehuset"
    values[FormBlock.SLOT_DAYS][Action.FIELD]["selected_options"][0]["value"] = "7"
    _, action, errors = await submit_raw(bo)
    assert action == "errors" and set(errors) >= {FormBlock.SLOT_SECTOR, FormBlock.SLOT_DAYS}


async def test_wish_text_fields_and_search_survive_hostile_text(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    for text in [*HOSTILE, "z" * 2000]:
        await anna.command("/praktik", "find")
        anna.fill(FormBlock.WISH_WORKPLACE, text[:150])
        anna.fill(FormBlock.WISH_SECTOR, "Region")
        anna.fill(FormBlock.WISH_TEXT, text)
        status, action, errors = await submit_raw(anna)
        assert (status, action, errors) == (200, "close", {})
        wish = await harness.db.run(_wish)
        assert wish.text == text.replace("\x00", "").replace("\x07", "")
    await anna.command("/praktik", "find")
    anna.fill(FormBlock.WISH_TEXT, "æ" * 5000)
    _, action, errors = await submit_raw(anna)
    assert action == "errors" and errors[FormBlock.WISH_TEXT].startswith("Højst 2000 tegn")
    await anna.close()
    for query in ["x" * 20000, "\x00\x01", "%", "_", "'; DROP TABLE wish; --", "<!here>"]:
        await anna.command("/praktik", f"find {query}")
        assert "Beklager" not in shown(anna.ephemerals[-1])
        assert "Ingen ledige pladser" in shown(anna.ephemerals[-1]) or "søgeord" in shown(
            anna.ephemerals[-1]
        )
    person = await harness.db.run(lambda s: s.exec(select(Participant)).one())
    assert person.slack_user_id == "UANNA"
    _assert_never_markup(harness)
