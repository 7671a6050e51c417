"""A newcomer to the workspace (Slack's team_join) is welcomed once, inside the send window,
while a season is open; App Home welcomes anyone with neither a slot nor a wish."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN, Season
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.registry.ids import Callback, SlotAction
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import welcome as t
from bot.views import welcome as views
from models.tables import OutboxMessage
from models.welcome import KIND
from tests.scenario.flows import offer
from tests.talk import shown

WELCOME = views.text(Season.for_year(2027))


def local(mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(2027, mo, d, h, mi, tzinfo=COPENHAGEN)


def welcomes(person: Person) -> int:
    return sum(1 for m in person.dms if WELCOME in shown(m))


def planned(session: Session) -> list[tuple[str, str]]:
    rows = session.exec(
        select(OutboxMessage).where(OutboxMessage.kind == KIND).order_by(col(OutboxMessage.id))
    ).all()
    return [(r.recipient, r.status) for r in rows]


async def test_one_welcome_per_person_with_the_seasons_dates_and_both_ways_in(
    harness: Harness, clock: ManualClock
) -> None:
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    ws = harness.workspace
    nina = await ws.join("UNINA", "nina", "Nina Friis")  # Monday 3 May, 10:00
    await ws.announce_join("UNINA")  # Slack tells again: still one welcome
    assert (await dispatcher.run_once(clock.now())).sent == 1
    assert (await dispatcher.run_once(clock.now())).sent == 0
    assert welcomes(nina) == 1
    assert "13. sep." in WELCOME and "17. sep. 2027" in WELCOME and "11. jun. 2027" in WELCOME

    # Both buttons open the sign-up forms.
    await nina.press(t.FIND, where="message")
    assert nina.modal is not None and nina.modal["callback_id"] == Callback.WISH_FORM
    await nina.close()
    await nina.press(SlotAction.EDIT, where="message")
    assert nina.modal is not None and nina.modal["callback_id"] == Callback.SLOT_FORM

    # A bot joining is welcomed by nobody.
    ws.fake.add_user("UBOTTY", name="botty", real_name="Botty")
    ws.fake.users["UBOTTY"].is_bot = True
    await ws.announce_join("UBOTTY")
    assert await harness.db.read(planned) == [("UNINA", "sent")]


async def test_a_join_on_saturday_is_welcomed_monday_at_eight(
    harness: Harness, clock: ManualClock
) -> None:
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    clock.set(local(5, 8, 11))  # Saturday
    ole = await harness.workspace.join("UOLE", "ole", "Ole Dahl")
    for moment in (local(5, 8, 11), local(5, 9, 16), local(5, 10, 7, 59)):
        clock.set(moment)
        assert (await dispatcher.run_once(clock.now())).sent == 0
    assert welcomes(ole) == 0
    clock.set(local(5, 10, 8))
    assert (await dispatcher.run_once(clock.now())).sent == 1
    assert welcomes(ole) == 1


async def test_no_welcome_while_no_season_is_open(harness: Harness, clock: ManualClock) -> None:
    await offer(harness.workspace.person("UBO", "bo", "Bo Hansen"))  # 2027 is held
    clock.set(local(10, 4, 10))  # its week is over, its follow-up runs; 2028 opens in January
    await harness.workspace.join("UPER", "per", "Per Lund")
    assert await harness.db.read(planned) == []


async def test_app_home_welcomes_whoever_has_neither_slot_nor_wish(harness: Harness) -> None:
    ida = harness.workspace.person("UIDA", "ida", "Ida Berg")
    await ida.open_home()
    assert WELCOME in shown(ida.home)
    await ida.press(t.OFFER, where="home")
    assert ida.modal is not None and ida.modal["callback_id"] == Callback.SLOT_FORM


async def test_team_join_over_socket_mode_welcomes_once_too(
    socket_harness: Harness, clock: ManualClock
) -> None:
    harness = socket_harness
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    lis = await harness.workspace.join("ULIS", "lis", "Lis Holm")
    await harness.workspace.announce_join("ULIS")
    assert (await dispatcher.run_once(clock.now())).sent == 1
    assert welcomes(lis) == 1
