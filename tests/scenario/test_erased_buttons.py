"""After /praktik slet-mine-data, an old button creates nobody and tells nobody."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from models.tables import Participant, Proposal
from tests.scenario.flows import offer, wish
from tests.talk import shown


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
    assert "Dine data i Praktikbot er slettet" in said and "/praktik find" in said
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
