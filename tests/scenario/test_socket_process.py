"""`praktik socket` as an operator starts it: the installed command, settings from the
environment, against a Socket Mode server written from Slack's docs (the fake's).

It connects with the app-level token, acks a command (the modal opens), an event (App Home
is published) and a button on App Home (the modal opens again) within Slack's 3 s, finishes
what it has in hand when told to stop, and exits 0 on SIGTERM and on SIGINT with nothing
alarming on stderr.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.fake_socket_mode import ACK_LIMIT, APP_TOKEN, FakeSocketMode
from bot.sandbox.wire import (
    Actor,
    action_entry,
    app_home_opened_envelope,
    block_actions_payload,
    slash_command_form,
)
from bot.texts.startup import NO_COORDINATORS
from tests.waiting import wait_until

PRAKTIK = Path(sys.executable).parent / "praktik"


@dataclass
class Running:
    fake: FakeSlack
    socket: FakeSocketMode
    process: subprocess.Popen[bytes]
    stderr: Path

    def output(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    async def stop(self, signum: signal.Signals) -> int:
        self.process.send_signal(signum)
        return await asyncio.to_thread(self.process.wait, 60)


def socket_env(fake: FakeSlack, database_url: str, app_token: str = APP_TOKEN) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PRAKTIK_", "DATABASE"))
    }
    env.update(
        SLACK_APP_TOKEN=app_token,
        SLACK_BOT_TOKEN=fake.bot_token,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=database_url,
        PRAKTIK_YEAR="2027",
        PYTHONUNBUFFERED="1",
        # /healthz and /metrics on a free port: tests run side by side on one machine.
        PRAKTIK_METRICS_PORT=str(_free_port()),
    )
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    fake = FakeSlack(trigger_ttl=None)
    socket = FakeSocketMode(fake)
    await fake.start()
    stderr = tmp_path / "stderr.txt"
    env = socket_env(fake, f"sqlite:///{tmp_path / 'praktik.db'}")
    process = _start(env, tmp_path, stderr)
    try:
        yield Running(fake, socket, process, stderr)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        await fake.stop()


def _start(env: dict[str, str], folder: Path, stderr: Path) -> subprocess.Popen[bytes]:
    with stderr.open("wb") as err:
        return subprocess.Popen(  # noqa: S603 - the installed command, fixed arguments
            [str(PRAKTIK), "socket"], env=env, cwd=folder, stdout=err, stderr=err
        )


async def _command_and_home(run: Running) -> None:
    fake, socket = run.fake, run.socket
    await socket.wait_connected()
    opened = fake.calls_to("apps.connections.open")
    assert [c.error for c in opened] == [None]
    fake.add_user("UBO", name="bo", real_name="Bo Hansen")
    bo = Actor("UBO", "bo")
    fields = slash_command_form(
        actor=bo,
        command="/praktik",
        text="tilbyd",
        channel_id=fake.dm_channel("UBO"),
        channel_name="directmessage",
        trigger_id=fake.issue_trigger("UBO"),
        response_url=fake.new_response_url("UBO", fake.dm_channel("UBO")),
    )
    command = await socket.deliver("slash_commands", fields)
    assert command is not None and command.latency is not None
    assert command.latency <= ACK_LIMIT and not command.late
    await fake.wait_for("views.open", lambda c: c.params["view"]["type"] == "modal", timeout=10)
    event = app_home_opened_envelope(user_id="UBO", channel_id=fake.dm_channel("UBO"), view=None)
    home = await socket.deliver("events_api", event)
    assert home is not None and home.latency is not None and home.latency <= ACK_LIMIT
    await fake.wait_for("views.publish", lambda c: c.params["user_id"] == "UBO", timeout=10)

    # A button on App Home ("Tilbyd en plads"): block_actions, acked, the modal opens again.
    home = fake.screen("UBO").home
    assert home is not None
    block, button = next(
        (b, e)
        for b in home["blocks"]
        for e in b.get("elements", [])
        if e.get("type") == "button" and e["text"]["text"] == "Tilbyd en plads"
    )
    pressed = block_actions_payload(
        actor=bo,
        actions=[action_entry(block["block_id"], button)],
        trigger_id=fake.issue_trigger("UBO"),
        view=home,
    )
    ack = await socket.deliver("interactive", pressed)
    assert ack is not None and ack.latency is not None and ack.latency <= ACK_LIMIT
    await fake.wait_for("views.open", lambda c: c.params["trigger_id"] == pressed["trigger_id"])
    assert socket.failed == [] and all(a.known and not a.late for a in socket.acks)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_praktik_socket_acks_command_event_and_button_and_stops_on_a_signal(
    running: Running, signum: signal.Signals
) -> None:
    await _command_and_home(running)
    code = await running.stop(signum)
    output = running.output()
    assert code == 0, output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert "Socket Mode connected" in output and "Socket Mode stopped" in output
    # No PRAKTIK_ADMINS in this environment: the start says so once, and goes on.
    warned = [line for line in output.splitlines() if " WARNING " in line]
    assert len(warned) == 1 and warned[0].endswith("praktik.socket: " + NO_COORDINATORS)


async def test_a_listener_in_flight_at_sigterm_finishes_before_the_process_exits(
    running: Running,
) -> None:
    await _command_and_home(running)
    fake, socket = running.fake, running.socket
    fake.fail("views.publish", delay=1.5)  # Slack answers slowly: the listener is still busy
    before = len(fake.calls_to("views.publish"))
    event = app_home_opened_envelope(user_id="UBO", channel_id=fake.dm_channel("UBO"), view=None)
    ack = await socket.deliver("events_api", event)
    assert ack is not None  # acked first; the listener runs on
    assert len(fake.calls_to("views.publish")) == before
    code = await running.stop(signal.SIGTERM)
    assert code == 0, running.output()
    assert len(fake.calls_to("views.publish")) == before + 1  # finished, not cut off
    assert "Traceback" not in running.output()


async def test_a_bot_token_in_place_of_the_app_token_is_refused_by_slack() -> None:
    fake = FakeSlack()
    FakeSocketMode(fake)
    await fake.start()
    try:
        client = AsyncWebClient(base_url=fake.api_url)
        for token, error in (
            (fake.bot_token, "not_allowed_token_type"),
            ("xapp-1-A0OTHER-1-nope", "invalid_auth"),
        ):
            with pytest.raises(SlackApiError) as raised:
                await client.apps_connections_open(app_token=token)
            assert raised.value.response["error"] == error
        answer = await client.apps_connections_open(app_token=APP_TOKEN)
        assert str(answer["url"]).startswith(f"ws://127.0.0.1:{fake.port}/")
    finally:
        await fake.stop()


async def test_an_app_token_slack_refuses_stops_start_up_with_one_line(tmp_path: Path) -> None:
    fake = FakeSlack()
    socket = FakeSocketMode(fake)
    await fake.start()
    try:
        env = socket_env(fake, f"sqlite:///{tmp_path / 'praktik.db'}", "xapp-1-A0OTHER-1-old")
        stderr = tmp_path / "stderr.txt"
        process = _start(env, tmp_path, stderr)
        code = await asyncio.to_thread(process.wait, 60)
    finally:
        await fake.stop()
    output = stderr.read_text(encoding="utf-8")
    assert code == 2, output
    assert "Traceback" not in output
    assert "Slack afviste SLACK_APP_TOKEN (invalid_auth)" in output
    assert "xapp-1-A0OTHER-1-old" not in output  # the log never shows a token
    assert [c.error for c in fake.calls_to("apps.connections.open")] == ["invalid_auth"]
    assert socket.connected_total == 0


def test_slack_unreachable_is_one_line_per_try_with_the_wait(tmp_path: Path) -> None:
    """Slack's API on a loopback port nobody listens on: a line per try, each wait twice the
    one before, no traceback (slack_sdk logged some 60 lines every 15 s)."""
    with socket.socket() as probe:  # a port just free: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PRAKTIK_"))}
    env.update(
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_BOT_TOKEN="xoxb-1-praktik",
        SLACK_API_URL=f"http://127.0.0.1:{port}/api/",
        DATABASE_URL=f"sqlite:///{tmp_path / 'praktik.db'}",
        PRAKTIK_ADMINS="UKOORD1",
        PYTHONUNBUFFERED="1",
        PRAKTIK_METRICS_PORT=str(_free_port()),
    )
    stderr = tmp_path / "stderr.txt"
    process = _start(env, tmp_path, stderr)
    tries = re.compile(
        r"WARNING praktik.socket: Slack svarer ikke \(.*\); prøver igen om (\d+) s$", re.M
    )
    try:
        wait_until(
            lambda: len(tries.findall(stderr.read_text())) >= 3,
            limit=30,
            what="three tries",
        )
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(60)
    lines = stderr.read_text(encoding="utf-8").splitlines()
    assert code == 0, lines
    stamped = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+[+-]\d\d:\d\d (INFO|WARNING) [\w.]+: ")
    assert all(stamped.match(line) for line in lines), lines  # no traceback, no stray line
    said = [line for line in lines if "alembic" not in line]
    waits = [int(m[1]) for line in said if (m := tries.search(line))]
    assert waits[:3] == [1, 2, 4]
    # Besides: the port for /healthz and /metrics, the signal, Bolt's disconnect, the stop.
    assert len(said) == len(waits) + 4, said
    assert "Listening on port" in said[0]  # /healthz answers 503 from the start
    assert all(tries.search(line) for line in said[1 : 1 + len(waits)])
