"""The network: participants of this and earlier seasons who chose to be findable as
sparring partners, searched as slots are; only they are ever shown, and they can leave."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from bot.domain.season import COPENHAGEN
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.registry.ids import NetworkAction, PrivacyAction
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import network as t
from bot.texts import privacy as privacy_texts
from models.tables import NetworkEntry
from tests.conftest import ADMIN
from tests.scenario.flows import WEEK, offer, placed, wish
from tests.talk import shown


def local(y: int, mo: int, d: int, h: int = 10) -> datetime:
    return datetime(y, mo, d, h, tzinfo=COPENHAGEN)


def in_network(session: Session) -> list[str]:
    return sorted(e.slack_user_id for e in session.exec(select(NetworkEntry)).all())


async def search(person: Person, query: str) -> str:
    await person.command("/praktik", f"netværk {query}")
    return shown(person.ephemerals[-1])


async def test_only_those_who_opted_in_are_found_across_seasons_until_they_leave(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen", title="Klimakoordinator")
    anna = ws.person("UANNA", "anna", "Anna Jensen", title="Udviklingskonsulent")
    emil = ws.person("UEMIL", "emil", "Emil Krog", title="Planlægger")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")

    # 2026: Anna is in placement with Bo at Ærø Kommune.
    clock.set(local(2026, 5, 4))
    await offer(bo, days=WEEK)
    await wish(anna, days=WEEK)
    await placed(bo, anna, "ærø")

    # After the week, Anna chooses to be findable; `til` shows first what others will see.
    clock.set(local(2026, 10, 5))
    await anna.command("/praktik", "netværk til")
    preview = shown(anna.ephemerals[-1])
    assert t.PREVIEW_INTRO in preview
    assert t.did_intern("Ærø Kommune", 2026) in preview and "Udviklingskonsulent" in preview
    assert await harness.db.read(in_network) == []  # nothing is stored before she confirms
    await anna.press(NetworkAction.CONFIRM)
    assert t.JOINED in shown(anna.ephemerals[-1])

    # 2027: Emil, new this season, searches. Bo works at Ærø too, but never opted in.
    clock.set(local(2027, 5, 3))
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    for query in ("ærø", "aeroe kommune", "2026", "klima", "styrelsen dataforsyning", "stat"):
        found = await search(emil, query)
        assert t.found(1, query) in found, query
        assert "<@UANNA>" in found and t.write_to("<@UANNA>") in found
        assert "<@UBO>" not in found
    assert t.none_found("borgerinddragelse") in await search(emil, "borgerinddragelse")

    # Emil opts in too; nobody is shown to themselves.
    await emil.command("/praktik", "netværk til")
    await emil.press(NetworkAction.CONFIRM)
    assert "<@UEMIL>" in await search(anna, "viborg")
    assert "<@UEMIL>" not in await search(emil, "viborg")

    # The coordinators see how many have opted in.
    await kim.command("/praktik", "admin stats")
    assert t.opted_in(2) in shown(kim.ephemerals[-1])

    # `fra`: Anna is no longer found.
    await anna.command("/praktik", "netværk fra")
    assert t.LEFT in shown(anna.ephemerals[-1])
    assert t.none_found("ærø") in await search(emil, "ærø")
    await anna.command("/praktik", "netværk fra")
    assert t.NOT_IN in shown(anna.ephemerals[-1])

    # Back in, then her data erased: her entry goes with it.
    await anna.command("/praktik", "netværk til")
    await anna.press(NetworkAction.CONFIRM)
    assert t.found(1, "ærø") in await search(emil, "ærø")
    await anna.command("/praktik", "mine-data")
    exported = json.loads(anna.files[-1].content)
    entry = exported[privacy_texts.EXPORT_KEYS["network_entry"]]
    assert entry[privacy_texts.EXPORT_KEYS["workplace"]] == "Styrelsen for Dataforsyning"
    await anna.command("/praktik", "slet-mine-data")
    await anna.press(PrivacyAction.DELETE_MY_DATA)
    assert t.none_found("ærø") in await search(emil, "ærø")
    assert await harness.db.read(in_network) == ["UEMIL"]


async def test_the_evaluation_dm_invites_to_the_network_and_taking_part_again_refreshes_it(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    emil = ws.person("UEMIL", "emil", "Emil Krog")
    await offer(bo)
    await wish(anna)
    await placed(bo, anna, "ærø")
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")

    # The evaluation DM (3 working days after the week) has the network's own button.
    clock.set(local(2027, 9, 22, 9))
    await dispatcher.run_once(clock.now())
    await bo.press(NetworkAction.JOIN, where="message")
    assert t.did_host("Ærø Kommune", 2027) in shown(bo.ephemerals[-1])
    await bo.press(NetworkAction.CONFIRM, where="ephemeral")
    assert t.JOINED in shown(bo.ephemerals[-1])

    # Someone who never signed up has nothing to show.
    await emil.command("/praktik", "netværk til")
    assert t.NOT_SIGNED_UP in shown(emil.ephemerals[-1])

    # Bo hosts again in 2028 (another workplace by now): his entry shows it at once.
    clock.set(local(2028, 3, 1))
    await offer(bo, workplace="Fanø Kommune", municipality="Fanø", days=WEEK)
    await wish(emil, workplace="Viborg Kommune", sector="Kommune", days=WEEK)
    found = await search(emil, "fanø")
    assert t.did_host("Fanø Kommune", 2028) in found and t.did_host("Ærø Kommune", 2027) in found


async def test_network_without_words_explains_itself(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", "netværk")
    assert t.USAGE in shown(anna.ephemerals[-1])
    await anna.command("/praktik", "netvaerk ,,,")
    assert t.EMPTY_QUERY in shown(anna.ephemerals[-1])
