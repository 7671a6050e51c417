"""Returning participants: a round and the suggestions do not send an intern back to a
workplace she visited in an earlier season; she may still ask for it by name, and the host
is told; a coordinator who places her there by hand sees it marked."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.process.clock import ManualClock
from bot.registry.ids import CoordinatorAction, PlacementAction
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import returning as t
from models.tables import HostSlot, Participant, Proposal, Wish
from tests.conftest import ADMIN
from tests.scenario.flows import WEEK, offer, placed, wish
from tests.talk import shown


def local(y: int, mo: int, d: int, h: int = 10) -> datetime:
    return datetime(y, mo, d, h, tzinfo=COPENHAGEN)


def id_of(session: Session, *, table: type[HostSlot] | type[Wish], user_id: str, year: int) -> int:
    """The person's slot or wish of that season."""
    person = HostSlot.host_id if table is HostSlot else Wish.intern_id
    found = session.exec(
        select(table.id)
        .join(Participant, col(Participant.id) == person)
        .where(Participant.slack_user_id == user_id, table.season_year == year)
    ).one()
    assert found is not None
    return found


def proposed_slots(session: Session, *, user_id: str, year: int) -> list[int]:
    return list(
        session.exec(
            select(Proposal.slot_id)
            .join(Participant, col(Participant.id) == Proposal.intern_id)
            .where(Participant.slack_user_id == user_id, Proposal.season_year == year)
        ).all()
    )


def asked_for(message: object) -> set[str]:
    """The slots a message's *Anmod* buttons ask for."""
    blocks: list[dict[str, object]] = getattr(message, "blocks", None) or []
    return {
        str(element.get("value"))
        for block in blocks
        for element in [block.get("accessory"), *(block.get("elements") or [])]  # type: ignore[misc]
        if isinstance(element, dict) and element.get("action_id") == PlacementAction.REQUEST
    }


async def season_2026(bo: Person, anna: Person, clock: ManualClock) -> None:
    """Anna was in placement at Ærø Kommune in 2026 (Bo hosted)."""
    clock.set(local(2026, 5, 4))
    await offer(bo, days=WEEK)
    await wish(anna, days=WEEK)
    await placed(bo, anna, "ærø")
    clock.set(local(2027, 5, 3))


async def test_a_round_and_the_suggestions_do_not_send_her_back_but_her_request_may(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await season_2026(bo, anna, clock)

    # 2027: Cas now hosts at the same workplace, written his own way; Dan at Viborg with a
    # topic Anna did not ask for – the Ærø slot would be her best fit.
    await offer(cas, workplace="ærø  kommune")
    await offer(dan, workplace="Viborg Kommune", municipality="Viborg", topics=("ledelse",))
    await wish(anna)
    ids = {
        "cas": await harness.db.read(id_of, table=HostSlot, user_id="UCAS", year=2027),
        "dan": await harness.db.read(id_of, table=HostSlot, user_id="UDAN", year=2027),
    }
    assert asked_for(anna.last_dm) == {str(ids["dan"])}  # her suggestions: Viborg only

    # The round proposes Viborg, not Ærø again.
    await kim.command("/praktik", "admin match")
    preview = shown(kim.ephemerals[-1])
    assert t.repeat_mark(2026) not in preview
    await kim.press(CoordinatorAction.MATCH_SEND_STABIL)
    proposed = await harness.db.read(proposed_slots, user_id="UANNA", year=2027)
    assert proposed == [ids["dan"]]

    # She asks for Ærø herself, by name: allowed, and Cas is told she has been there.
    await anna.command("/praktik", "find ærø")
    await anna.press(PlacementAction.REQUEST)
    assert t.been_here(2026) in shown(cas.last_dm)
    assert sorted(await harness.db.read(proposed_slots, user_id="UANNA", year=2027)) == sorted(
        ids.values()
    )


async def test_a_coordinators_placement_may_send_her_back_and_the_preview_marks_it(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    emil = ws.person("UEMIL", "emil", "Emil Krog")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await season_2026(bo, anna, clock)

    await offer(bo)  # Bo hosts again at Ærø in 2027
    await wish(anna)
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    anna_no = await harness.db.read(id_of, table=Wish, user_id="UANNA", year=2027)
    bo_no = await harness.db.read(id_of, table=HostSlot, user_id="UBO", year=2027)

    await kim.command("/praktik", "admin match")
    assert t.repeat_mark(2026) not in shown(kim.ephemerals[-1])
    await kim.command("/praktik", f"admin match placér P{anna_no} V{bo_no}")
    said = shown(kim.ephemerals[-1])
    line = next(row for row in said.splitlines() if f"`P{anna_no}`" in row and "→" in row)
    assert f"`V{bo_no}`" in line and t.repeat_mark(2026) in line

    # Sent as placed: Bo reads that she has been with them before.
    await kim.press(CoordinatorAction.MATCH_SEND_STABIL)
    assert t.been_here(2026) in shown(bo.last_dm)


async def test_a_wish_whose_only_fit_is_a_workplace_she_visited_says_so(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await season_2026(bo, anna, clock)
    await offer(bo, days=WEEK)  # Bo hosts again in 2027: the one open slot
    await wish(anna, days=WEEK)
    assert asked_for(anna.last_dm) == set()
    # Not "no slot fits your days": one does, and she is told why it is not suggested.
    assert t.suggestions_all_visited(1) in shown(anna.last_dm)
