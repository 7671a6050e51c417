"""Seasons that several scenario tests start from: a placement confirmed in June, and one
placed and one declined pair with their feedback, through the real app."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.domain.season import COPENHAGEN
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from models.tables import CheckIn, Evaluation, Placement
from tests.scenario.flows import offer, wish
from tests.talk import last_words, shown

CPH = COPENHAGEN


def local(mo: int, d: int, h: int = 0, mi: int = 0, y: int = 2027) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH)


async def sign_up_in_may_confirm_in_june(
    harness: Harness, clock: ManualClock
) -> tuple[Person, Person]:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen", title="Klimakoordinator")
    anna = ws.person("UANNA", "anna", "Anna Jensen", title="Udviklingskonsulent")
    clock.set(local(5, 3, 10))
    await offer(bo, description="Du følger vores klimateam og besøger havnen.")
    await wish(anna, text="Jeg vil lære om lokal klimatilpasning.")
    await anna.press("Anmod")  # among the suggestions the wish brought
    clock.set(local(6, 14, 11))
    await bo.press("Acceptér")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    return bo, anna


def dispatcher(harness: Harness, worker_id: str = "w1") -> Dispatcher:
    return Dispatcher.from_settings(harness.settings, harness.db, worker_id=worker_id)


async def placed_and_declined(harness: Harness) -> tuple[Person, Person]:
    """Anna (state) is placed with Bo (municipality); Cille (region) declines Emil."""
    ws = harness.workspace
    bo, cille = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UCILLE", "cille", "Cille Dahl")
    anna, emil = ws.person("UANNA", "anna", "Anna Jensen"), ws.person("UEMIL", "emil", "Emil Krog")
    await offer(bo, capacity="2")
    await offer(cille, workplace="Region Midtjylland", sector="Region", municipality="Viborg")
    await wish(anna, sector="Stat")
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér", where="message")
    await emil.command("/praktik", "find region midtjylland")
    await emil.press("Anmod")
    await cille.press("Afslå", where="message")

    def feedback(session: Session) -> None:
        placement = session.exec(select(Placement)).one()
        assert placement.id is not None
        at = datetime(2027, 9, 17, 13, 0, tzinfo=UTC)
        session.add_all(
            [
                CheckIn(placement_id=placement.id, role="host", rating=4, updated_at=at),
                CheckIn(placement_id=placement.id, role="intern", rating=5, updated_at=at),
                Evaluation(
                    placement_id=placement.id,
                    role="intern",
                    benefit="ja",
                    recommend=10,
                    text="=Meget lærerigt",
                    updated_at=at,
                ),
                Evaluation(
                    placement_id=placement.id,
                    role="host",
                    benefit="delvist",
                    recommend=7,
                    updated_at=at,
                ),
            ]
        )

    await harness.db.run(feedback)
    return bo, anna
