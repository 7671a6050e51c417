"""The fake's Socket Mode side is as strict as Slack: a raw WebSocket client, no app.

What Slack's docs say, checked frame by frame: the app token opens the URL, `hello` first,
envelopes with their fields, acks matched by envelope_id (unknown, late and repeated acks
recorded as such), an envelope not acked in time failed, an event sent again with
retry_attempt, `disconnect` with its reason, and no new envelope on a connection told to go.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.sandbox.fake_slack import APP_ID, FakeSlack
from bot.sandbox.fake_socket_mode import APP_TOKEN, FakeSocketMode

LIMIT = 1.0  # a short ack limit (these tests wait for it to pass), long beside a busy stall


@pytest.fixture
async def side() -> AsyncIterator[FakeSocketMode]:
    fake = FakeSlack()
    socket = FakeSocketMode(fake, ack_limit=LIMIT, event_retry_delays=(0.0, 0.0))
    await fake.start()
    try:
        yield socket
    finally:
        await fake.stop()


async def _open(socket: FakeSocketMode, session: aiohttp.ClientSession) -> str:
    async with session.post(
        f"{socket.fake.api_url}apps.connections.open",
        headers={"Authorization": f"Bearer {APP_TOKEN}"},
    ) as answer:
        body = await answer.json()
    assert body["ok"] is True
    return str(body["url"])


async def _next(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    frame: dict[str, Any] = await asyncio.wait_for(ws.receive_json(), 5)
    return frame


async def test_hello_envelopes_and_acks_follow_slacks_protocol(side: FakeSocketMode) -> None:
    async with aiohttp.ClientSession() as session:
        url = await _open(side, session)
        assert url.startswith(f"ws://127.0.0.1:{side.fake.port}/link/?ticket=")
        async with session.ws_connect(url) as ws:
            hello = await _next(ws)
            assert hello["type"] == "hello" and hello["num_connections"] == 1
            assert hello["connection_info"] == {"app_id": APP_ID}
            assert {"host", "build_number", "approximate_connection_time"} <= set(
                hello["debug_info"]
            )

            # A slash command: acked with a response payload.
            command = asyncio.ensure_future(side.deliver("slash_commands", {"command": "/x"}))
            envelope = await _next(ws)
            assert envelope["type"] == "slash_commands"
            assert envelope["accepts_response_payload"] is True
            assert envelope["payload"] == {"command": "/x"}
            assert "retry_attempt" not in envelope
            await ws.send_json({"envelope_id": envelope["envelope_id"], "payload": {"text": "hej"}})
            ack = await command
            assert ack is not None and ack.payload == {"text": "hej"} and ack.known
            assert ack.latency is not None and ack.latency <= LIMIT and not ack.late

            # The same ack again, and an ack for an envelope never sent: both recorded.
            await ws.send_json({"envelope_id": envelope["envelope_id"]})
            await ws.send_json({"envelope_id": "no-such-envelope"})
            await side.wait_for_acks(3)
            assert side.acks[1].again and side.acks[1].known
            assert not side.acks[2].known and side.acks[2].type is None

            # An interaction never acked: failed, and not sent again (Slack shows an error).
            assert await side.deliver("interactive", {"type": "block_actions"}) is None
            unanswered = await _next(ws)
            assert unanswered["type"] == "interactive"
            assert unanswered["accepts_response_payload"] is False  # a button: a receipt
            assert [e.id for e in side.failed] == [unanswered["envelope_id"]]
            await ws.send_json({"envelope_id": unanswered["envelope_id"]})  # too late
            await side.wait_for_acks(4)
            assert side.acks[3].late and not side.acks[3].again

            # An event never acked: sent again, a new envelope, retry_attempt + 1.
            event = {"type": "event_callback", "event_id": "Ev1"}
            first = asyncio.ensure_future(side.deliver("events_api", event))
            sent = await _next(ws)
            assert (sent["retry_attempt"], sent["retry_reason"]) == (0, "")
            assert sent["accepts_response_payload"] is False
            assert await first is None
            again = await _next(ws)
            assert again["payload"] == event and again["envelope_id"] != sent["envelope_id"]
            assert (again["retry_attempt"], again["retry_reason"]) == (1, "timeout")
            await ws.send_json({"envelope_id": again["envelope_id"]})
            await side.settled()
            assert side.acks_for("events_api")[-1].envelope_id == again["envelope_id"]


async def test_disconnect_moves_envelopes_to_the_next_connection(side: FakeSocketMode) -> None:
    async with aiohttp.ClientSession() as session:
        old = await session.ws_connect(await _open(side, session))
        await _next(old)  # hello
        told = await side.disconnect("warning")
        frame = await _next(old)
        assert frame == {
            "type": "disconnect",
            "reason": "warning",
            "num_connections": 1,
            "debug_info": {"host": f"applink-fake-{told}"},
            "connection_info": {"app_id": APP_ID},
        }
        waiting = asyncio.ensure_future(side.deliver("interactive", {"type": "block_actions"}))
        new = await session.ws_connect(await _open(side, session))
        hello = await _next(new)
        assert hello["num_connections"] == 2  # the old one is still open
        envelope = await _next(new)  # not on the connection told to go
        await new.send_json({"envelope_id": envelope["envelope_id"]})
        ack = await waiting
        assert ack is not None and ack.connection != told
        await old.close()
        await new.close()


async def test_only_an_app_level_token_opens_a_connection(side: FakeSocketMode) -> None:
    fake = side.fake
    async with aiohttp.ClientSession() as session:
        for headers, error in (
            ({}, "not_authed"),
            ({"Authorization": f"Bearer {fake.bot_token}"}, "not_allowed_token_type"),
            ({"Authorization": "Bearer xapp-1-A0OTHER-1-x"}, "invalid_auth"),
        ):
            async with session.post(
                f"{fake.api_url}apps.connections.open", headers=headers
            ) as answer:
                assert await answer.json() == {"ok": False, "error": error}
        async with session.get(f"{fake.base_url}link/?ticket=guessed") as refused:
            assert refused.status == 401
    assert [c.error for c in fake.calls_to("apps.connections.open")] == [
        "not_authed",
        "not_allowed_token_type",
        "invalid_auth",
    ]
