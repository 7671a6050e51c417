"""A change told after a pause – the intern's goals to the host side, the host side's
programme to the intern – is planned a few minutes ahead to gather a burst of edits. A
placement withdrawn (or erased) within those minutes takes those DMs with it, like the rest
of its planned DMs: after the pause nobody is told of a change to a placement that is gone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from bot.process.clock import ManualClock
from bot.registry.ids import (
    GOALS_CHANGED_KIND,
    DMKind,
    GoalsAction,
    PlacementAction,
    PrivacyAction,
    ProgrammeAction,
)
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import goals as goal_texts
from bot.texts import programme as programme_texts
from bot.views.goals import GoalsBlock
from bot.views.programme import ProgrammeBlock, day_block
from models.goals import GOALS_QUIET
from models.programme import COALESCE_MINUTES
from models.tables import OutboxMessage, OutboxStatus
from tests.scenario.flows import name_cohost, offer, placed, wish
from tests.scenario.seasons import dispatcher
from tests.talk import shown

TOLD_HOSTS = goal_texts.goals_changed_host("Anna Jensen", "Ærø Kommune")
TOLD_INTERN = programme_texts.changed("Ærø Kommune")
CHANGE_KINDS = (GOALS_CHANGED_KIND, DMKind.PROGRAMME_CHANGED.value)


def _changes(session: Session) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(col(OutboxMessage.kind).in_(CHANGE_KINDS))
    return list(session.exec(query.order_by(col(OutboxMessage.id))).all())


async def _placed_with_cohost(harness: Harness) -> tuple[Person, Person, Person]:
    """Bo (co-host Cille) hosts Anna at Ærø Kommune, confirmed."""
    ws = harness.workspace
    bo, cille = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await name_cohost(bo, "UCILLE")
    await wish(anna)
    await placed(bo, anna, "ærø")
    return bo, cille, anna


async def _both_changes_planned(bo: Person, anna: Person) -> None:
    """Anna refines her goals, Bo writes the programme: one DM planned to each other side."""
    await anna.command("/praktik", "status")
    await anna.press(GoalsAction.EDIT)
    anna.fill(GoalsBlock.GOALS, "Borgerpaneler og kystsikring.")
    assert (await anna.submit()).errors == {}
    await bo.command("/praktik", "status")
    await bo.press(ProgrammeAction.WRITE)
    bo.fill(day_block(ProgrammeBlock.TEXT, 1), "Havnerundtur med klimateamet")
    assert (await bo.submit()).errors == {}


# Who leaves and how: (person, the command, the button that confirms it); None for nobody.
Leaving = tuple[str, str, str] | None
LEAVINGS: dict[str, Leaving] = {
    "nobody-leaves": None,  # the control: the same steps tell both sides
    "intern-withdraws": ("anna", "afmeld", PlacementAction.WITHDRAW_INTERN),
    "host-withdraws": ("bo", "afmeld", PlacementAction.WITHDRAW_HOST),
    "host-erases": ("bo", "slet-mine-data", PrivacyAction.DELETE_MY_DATA),
    "intern-erases": ("anna", "slet-mine-data", PrivacyAction.DELETE_MY_DATA),
}


@pytest.mark.parametrize("leaving", list(LEAVINGS.values()), ids=list(LEAVINGS))
async def test_a_placement_withdrawn_within_the_pause_tells_nobody_of_a_change(
    harness: Harness, clock: ManualClock, leaving: Leaving
) -> None:
    bo, cille, anna = await _placed_with_cohost(harness)
    await _both_changes_planned(bo, anna)
    planned = await harness.db.run(_changes)
    assert sorted((r.kind, r.recipient) for r in planned) == [
        (GOALS_CHANGED_KIND, "UBO"),
        (GOALS_CHANGED_KIND, "UCILLE"),
        (DMKind.PROGRAMME_CHANGED.value, "UANNA"),
    ]
    assert {r.status for r in planned} == {OutboxStatus.PLANNED}

    clock.advance(timedelta(minutes=2))  # within both pauses
    if leaving is not None:
        who, command, button = leaving
        person = {"anna": anna, "bo": bo}[who]
        await person.command("/praktik", command)
        await person.press(button)
    clock.advance(max(GOALS_QUIET, timedelta(minutes=COALESCE_MINUTES)))
    await dispatcher(harness).run_once(clock.now())

    told = leaving is None
    for host in (bo, cille):
        assert any(TOLD_HOSTS in shown(m) for m in host.dms) is told, host.id
    assert any(TOLD_INTERN in shown(m) for m in anna.dms) is told
    # Whatever is left of the rows (an erased side's go with their data) was never sent.
    expected = OutboxStatus.SENT if told else OutboxStatus.CANCELLED
    assert {r.status for r in await harness.db.run(_changes)} <= {expected}
