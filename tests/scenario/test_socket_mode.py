"""The app over Socket Mode: a real WebSocket between the app's own Socket Mode runner
(the code `praktik socket` runs) and the fake Slack's Socket Mode side.

Every gesture goes as an envelope; the assertions read the acks Slack recorded (each
within Slack's 3 s, never late, never for an unknown envelope) and what people see.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import func, select

from bot import texts
from bot.process.clock import ManualClock
from bot.sandbox.fake_slack import AppResponseError
from bot.sandbox.fake_socket_mode import ACK_LIMIT, FakeSocketMode
from bot.sandbox.harness import Harness
from bot.views.forms import FormBlock
from models.db import Database
from models.tables import HostSlot
from tests.meaning import clause
from tests.scenario.flows import offer, wish
from tests.talk import buttons, shown


@pytest.fixture
async def slack_timed(db: Database, clock: ManualClock) -> AsyncIterator[Harness]:
    """Over Socket Mode with Slack's own 3 s for an ack (not the suite's hang guard): the
    test waits that long for the ack it lost."""
    running = await Harness.start(
        db=db, clock=clock, trigger_ttl=None, socket=True, ack_timeout=ACK_LIMIT
    )
    try:
        yield running
    finally:
        await running.stop()


def _side(harness: Harness) -> FakeSocketMode:
    assert harness.socket is not None
    return harness.socket


def _all_acked_in_time(socket: FakeSocketMode) -> None:
    assert socket.failed == []
    assert socket.acks, "no ack recorded"
    for ack in socket.acks:
        assert ack.known and not ack.late and not ack.again, ack
        assert ack.latency is not None and ack.latency <= ACK_LIMIT
    acked = {a.envelope_id for a in socket.acks}
    assert acked == {e.id for e in socket.sent}, "an envelope without its ack"


async def test_command_button_submission_errors_and_event_are_acked_over_the_socket(
    socket_harness: Harness,
) -> None:
    harness = socket_harness
    socket = _side(harness)
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")

    # A slash command: /praktik tilbyd opens the slot modal with views.open.
    await bo.command("/praktik", "tilbyd")
    await harness.fake.wait_for("views.open")
    assert bo.modal is not None and bo.modal["callback_id"]
    command = socket.acks_for("slash_commands")
    assert len(command) == 1

    # A view_submission with bad input: the ack itself carries response_action errors.
    bo.fill(FormBlock.SLOT_WORKPLACE, "Ærø Kommune")
    bo.fill(FormBlock.SLOT_SECTOR, "Kommune")
    bo.fill(FormBlock.SLOT_MUNICIPALITY, "Ærø")
    bo.fill(FormBlock.SLOT_CAPACITY, "to")
    bo.fill(FormBlock.SLOT_DAYS, ["man 13. sep."])
    bo.fill(FormBlock.SLOT_DESCRIPTION, "Klimateamet.")
    outcome = await bo.submit()
    assert outcome.action == "errors"
    submitted = socket.acks_for("interactive")[-1]
    assert submitted.payload is not None
    assert submitted.payload["response_action"] == "errors"
    assert submitted.payload["errors"][FormBlock.SLOT_CAPACITY] == texts.ERR_CAPACITY
    assert await harness.db.run(lambda s: s.exec(select(HostSlot)).all()) == []
    bo.fill(FormBlock.SLOT_CAPACITY, "1")
    assert (await bo.submit()).action == "close"

    # An event: app_home_opened, answered with views.publish.
    await bo.open_home()
    await harness.fake.wait_for("views.publish")
    assert "Ærø Kommune" in shown(bo.home)
    assert len(socket.acks_for("events_api")) == 1

    # A button: block_actions from a message and from App Home.
    await wish(anna)
    await anna.open_home()
    await anna.press("Anmod")
    asked = texts.request_to_host("Anna Jensen")
    assert asked in shown(bo.last_dm)
    await bo.press("Acceptér", where="message")
    placed = clause(texts.placement_as_intern("Ærø Kommune", "man 13. sep.", ["Bo Hansen"]))
    assert placed in shown(anna.home)
    assert buttons(next(m for m in bo.dms if asked in shown(m))) == []
    _all_acked_in_time(socket)


async def test_reconnects_after_disconnect_and_after_a_dropped_socket_losing_nothing(
    socket_harness: Harness,
) -> None:
    harness = socket_harness
    socket = _side(harness)
    ws = harness.workspace
    await offer(ws.person("UBO", "bo", "Bo Hansen"), workplace="Før")

    for n, reason in enumerate(("refresh_requested", "warning")):
        await socket.disconnect(reason)  # type: ignore[arg-type]
        # Sent at once: it waits for the new connection, as Slack holds it for the app.
        host = ws.person(f"UHOST{n}", f"h{n}", f"Vært {n}")
        await offer(host, workplace=f"Efter {reason}")
        await host.open_home()
        assert "Din værtsplads" in shown(host.home)

    await socket.drop()
    ida = ws.person("UIDA", "ida", "Ida Holm")
    await offer(ida, workplace="Efter et tabt forbindelse")
    await ida.open_home()

    await socket.wait_connected(total=4)
    await socket.settled()
    _all_acked_in_time(socket)
    workplaces = await harness.db.run(lambda s: s.exec(select(HostSlot.workplace)).all())
    assert sorted(workplaces) == sorted(
        ["Før", "Efter refresh_requested", "Efter warning", "Efter et tabt forbindelse"]
    )
    assert "Din værtsplads" in shown(ida.home)


@pytest.mark.parametrize("fault", ["ack lost", "socket dropped"])
async def test_an_event_slack_sends_again_for_want_of_an_ack_changes_nothing_twice(
    slack_timed: Harness, fault: str
) -> None:
    harness = slack_timed
    socket = _side(harness)
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await offer(bo)
    published = len(harness.fake.calls_to("views.publish"))
    before = await harness.db.run(_row_counts)
    if fault == "ack lost":
        socket.lose_acks(1)  # the app acks; the ack never reaches Slack
    else:
        # Cut right after sending: the app may or may not have read the envelope, and its
        # ack cannot arrive either way.
        socket.drop_after_next_envelope()
    with pytest.raises(AppResponseError, match="did not answer"):
        await bo.open_home()
    await socket.settled()
    await harness.workspace.settle()  # the ack goes first, the listener runs on after it
    assert len(socket.failed) == 1 and socket.failed[0].type == "events_api"
    retry = socket.sent[-1]
    assert retry.retry_attempt == 1 and retry.retry_reason == "timeout"
    assert retry.payload["event_id"] == socket.failed[0].payload["event_id"]
    acked = socket.acks_for("events_api")
    assert [a.envelope_id for a in acked] == [retry.id] and not acked[0].late
    # Stored once that the tab was opened, however many deliveries the app handled.
    assert await harness.db.run(_row_counts) == {**before, "homeopened": before["homeopened"] + 1}
    publishes = harness.fake.calls_to("views.publish")[published:]
    assert publishes and all(p.params["view"] == publishes[0].params["view"] for p in publishes)
    if fault == "ack lost":
        assert len(publishes) == 2  # drawn for each delivery: the same tab, nothing more
    else:
        assert socket.connected_total == 2 and socket.connections == 1  # reconnected
    assert "Din værtsplads" in shown(bo.home)


def _row_counts(session: object) -> dict[str, int]:
    from sqlmodel import Session, SQLModel

    assert isinstance(session, Session)
    return {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }
