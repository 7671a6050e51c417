"""Slack's side of Socket Mode, for the local fake Slack: written from Slack's docs.

    socket = FakeSocketMode(fake)         # before fake.start(): it adds its routes
    await fake.start()
    ... the app calls apps.connections.open with its app-level token (xapp-...) and
        connects to the ws:// URL it got; the fake greets it with `hello` ...
    ack = await socket.deliver("slash_commands", fields)

What Slack does, and so the fake:

- `apps.connections.open` takes only an app-level token (a bot token:
  `not_allowed_token_type`) and answers a WebSocket URL, here on the fake's own port.
- On connect: `{"type": "hello", "num_connections", "debug_info", "connection_info"}`.
- Payloads come in envelopes: `{"envelope_id", "type", "payload",
  "accepts_response_payload"}`, with `retry_attempt`/`retry_reason` for `events_api`.
  The payload is what Slack would POST over HTTP, as a JSON object (a slash command's
  form fields too).
- The app acks with `{"envelope_id", "payload"?}` within 3 seconds. An ack that comes
  later, twice, or for an envelope never sent is recorded as such. An envelope not acked
  in time has failed: Slack shows the user an error for a command or an interaction, and
  sends an event again (a new envelope, the same event, `retry_attempt` + 1).
- Envelopes are spread over the app's open connections. `disconnect` (reasons
  `refresh_requested`, `warning`, `link_disabled`) asks the app to reconnect; no new
  envelope goes to a connection told so. The fake can also drop a connection outright.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Literal
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from bot.sandbox.fake_slack import APP_ID, FakeSlack, fault_response
from bot.sandbox.wire import (
    JSON,
    SLACK,
    SLACK_ANSWER_LIMIT,
    Signing,
    SlackWire,
    WireResponse,
    slack_limit,
)

# Not a secret: the fake accepts only this app-level token, on the loopback.
APP_TOKEN = "xapp-1-A0PRAKTIK-1-praktiksandbox"  # noqa: S105
ACK_LIMIT = SLACK_ANSWER_LIMIT  # Slack's time for an envelope's ack
CONNECT_WAIT = 30.0  # how long an envelope waits for the app to (re)connect
EnvelopeType = Literal["slash_commands", "interactive", "events_api"]
Reason = Literal["refresh_requested", "warning", "link_disabled"]
LINK_PATH = "/link/"


@dataclass
class Envelope:
    id: str
    type: EnvelopeType
    payload: dict[str, Any]
    retry_attempt: int = 0
    retry_reason: str = ""
    connection: int | None = None
    sent_at: float | None = None
    outcome: asyncio.Future[Ack | None] = field(default_factory=asyncio.Future)

    def frame(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "envelope_id": self.id,
            "payload": self.payload,
            "type": self.type,
            # Slack reads an answer in the ack for a command, a modal's submission and an
            # options request only; a button's or an event's ack is a receipt.
            "accepts_response_payload": self.type == "slash_commands"
            or self.payload.get("type") in ("view_submission", "block_suggestion"),
        }
        if self.type == "events_api":
            body["retry_attempt"] = self.retry_attempt
            body["retry_reason"] = self.retry_reason
        return body


@dataclass(frozen=True)
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    connection: int
    latency: float | None  # seconds from sending the envelope; None for an unknown id
    type: EnvelopeType | None = None
    known: bool = True  # False: Slack never sent an envelope with this id
    late: bool = False  # after the 3 s limit: Slack had already given up on it
    again: bool = False  # the envelope was acked before


@dataclass
class _Connection:
    number: int
    ws: web.WebSocketResponse
    request: web.Request
    draining: bool = False  # told to reconnect: gets no new envelope


class FakeSocketMode:
    def __init__(
        self,
        fake: FakeSlack,
        *,
        app_token: str = APP_TOKEN,
        ack_limit: float | Literal["slack"] = SLACK,
        event_retry_delays: tuple[float, ...] = (0.0, 60.0, 300.0),
        connect_wait: float = CONNECT_WAIT,
    ) -> None:
        self.fake = fake
        self.app_token = app_token
        # Slack's 3 s (ACK_LIMIT), unless the test suite widened every wire's wait.
        self.ack_limit = slack_limit() if ack_limit == SLACK else ack_limit
        # Slack retries an event 3 times: at once, after a minute, after five minutes.
        self.event_retry_delays = event_retry_delays
        self.connect_wait = connect_wait
        self.acks: list[Ack] = []
        self.failed: list[Envelope] = []  # not acked within the limit
        self.sent: list[Envelope] = []
        self.connected_total = 0
        self._tickets: set[str] = set()
        self._connections: dict[int, _Connection] = {}
        self._envelopes: dict[str, Envelope] = {}
        self._numbers = count(1)
        self._ids = count(1)
        self._turn = 0
        self._lose_acks = 0
        self._drop_next = False
        self._retrying = 0  # events waiting to be sent again
        self._changed = asyncio.Condition()
        self._tasks: set[asyncio.Task[Any]] = set()
        fake.extensions.append(self._install)

    # --- what a test asks --------------------------------------------------------------

    @property
    def connections(self) -> int:
        """Open connections that may get envelopes."""
        return sum(1 for c in self._connections.values() if not c.draining)

    async def wait_connected(self, n: int = 1, *, total: int | None = None) -> None:
        """Until `n` connections are open (and, given `total`, that many were ever made)."""

        def ready() -> bool:
            return self.connections >= n and (total is None or self.connected_total >= total)

        await self._wait(ready, self.connect_wait, f"{n} Socket Mode connection(s)")

    async def deliver(self, kind: EnvelopeType, payload: Mapping[str, Any]) -> Ack | None:
        """Send one envelope; the app's ack, or None when it was not acked in 3 s.

        An event not acked is sent again in the background, as Slack does.
        """
        envelope = self._new(kind, dict(payload))
        await self._send(envelope)
        return await envelope.outcome

    async def disconnect(
        self, reason: Reason = "refresh_requested", *, which: int | None = None
    ) -> int:
        """Send `disconnect` on one connection (default: the oldest open one)."""
        connection = self._pick_existing(which)
        connection.draining = True
        await connection.ws.send_json(
            {
                "type": "disconnect",
                "reason": reason,
                "num_connections": len(self._connections),
                "debug_info": {"host": _host(connection)},
                "connection_info": {"app_id": APP_ID},
            }
        )
        return connection.number

    async def drop(self, *, which: int | None = None) -> int:
        """Cut a connection without a close frame, as a network fault does."""
        connection = self._pick_existing(which)
        connection.draining = True
        transport = connection.request.transport
        if transport is not None:
            transport.abort()
        return connection.number

    def drop_after_next_envelope(self) -> None:
        """Cut the connection the next envelope goes out on, right after sending it."""
        self._drop_next = True

    def lose_acks(self, n: int = 1) -> None:
        """The next `n` acks never reach Slack (lost on the way)."""
        self._lose_acks += n

    async def wait_for_acks(self, n: int, limit: float = 5.0) -> list[Ack]:
        """Until `n` acks are recorded (any kind, unknown ones too)."""
        await self._wait(lambda: len(self.acks) >= n, limit, f"{n} acks")
        return self.acks

    def acks_for(self, kind: EnvelopeType) -> list[Ack]:
        return [a for a in self.acks if a.type == kind]

    async def settled(self) -> None:
        """Until every envelope sent is acked or has failed (events: retries included)."""
        await self._wait(
            lambda: all(e.outcome.done() for e in self.sent) and self._retrying == 0,
            self.connect_wait + 10 * self.ack_limit,
            "every envelope settled",
        )

    # --- the server ---------------------------------------------------------------------

    def _install(self, app: web.Application) -> None:
        # Before the fake's /api/{method}: this method takes another kind of token.
        app.router.add_post("/api/apps.connections.open", self._connections_open)
        app.router.add_get(LINK_PATH, self._link)
        app.on_shutdown.append(self._close_all)

    async def _connections_open(self, request: web.Request) -> web.StreamResponse:
        # An outage (`fake.fail("apps.connections.open", status=503, times=None)`): no new
        # connection until `fake.heal`, as when Slack's edge answers with server errors.
        fault = self.fake._take_fault("apps.connections.open")
        if fault is not None and (fault.error is not None or fault.status != 200):
            fault_error = fault.error or f"http_{fault.status}"
            await self.fake._record("apps.connections.open", {}, fault_error)
            return fault_response(fault)
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else None
        if token is None:
            form = await request.post()
            raw = form.get("token")
            token = raw if isinstance(raw, str) else None
        error = None
        if not token:
            error = "not_authed"
        elif not token.startswith("xapp-"):
            error = "not_allowed_token_type"
        elif token != self.app_token:
            error = "invalid_auth"
        await self.fake._record("apps.connections.open", {}, error)
        if error is not None:
            return web.json_response({"ok": False, "error": error})
        ticket = self.fake._token(16).lower()
        self._tickets.add(ticket)
        query = urlencode({"ticket": ticket, "app_id": APP_ID})
        return web.json_response(
            {"ok": True, "url": f"ws://127.0.0.1:{self.fake.port}{LINK_PATH}?{query}"}
        )

    async def _link(self, request: web.Request) -> web.StreamResponse:
        if request.query.get("ticket") not in self._tickets:
            return web.Response(status=401, text="invalid ticket")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        connection = _Connection(next(self._numbers), ws, request)
        self._connections[connection.number] = connection
        self.connected_total += 1
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self._connections),
                "debug_info": {
                    "host": _host(connection),
                    "build_number": 1,
                    "approximate_connection_time": 18060,
                },
                "connection_info": {"app_id": APP_ID},
            }
        )
        await self._notify()
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    await self._on_text(connection, message.data)
        finally:
            self._connections.pop(connection.number, None)
            await self._notify()
        return ws

    async def _on_text(self, connection: _Connection, text: str) -> None:
        try:
            body = json.loads(text)
        except ValueError:
            return  # Slack ignores what is no JSON
        if not isinstance(body, dict) or "envelope_id" not in body:
            return
        if self._lose_acks > 0:
            self._lose_acks -= 1
            return
        envelope_id = str(body["envelope_id"])
        payload = body.get("payload")
        payload = payload if isinstance(payload, dict) else None
        envelope = self._envelopes.get(envelope_id)
        if envelope is None:
            self.acks.append(Ack(envelope_id, payload, connection.number, None, known=False))
        else:
            latency = time.monotonic() - (envelope.sent_at or time.monotonic())
            done = envelope.outcome.done()
            again = done and envelope.outcome.result() is not None
            ack = Ack(
                envelope_id,
                payload,
                connection.number,
                latency,
                envelope.type,
                late=latency > self.ack_limit or (done and not again),
                again=again,
            )
            self.acks.append(ack)
            if not done:
                envelope.outcome.set_result(ack)
        await self._notify()

    async def _close_all(self, _app: web.Application) -> None:
        for task in list(self._tasks):
            task.cancel()
        for connection in list(self._connections.values()):
            await connection.ws.close(code=1001, message=b"server shutdown")

    # --- sending -----------------------------------------------------------------------

    def _new(self, kind: EnvelopeType, payload: dict[str, Any], attempt: int = 0) -> Envelope:
        number = next(self._ids)
        envelope_id = (
            f"{number:08x}-{self.fake._token(4).lower()}-4fak-e5ck-{self.fake._token(12).lower()}"
        )
        envelope = Envelope(envelope_id, kind, payload, attempt, "timeout" if attempt else "")
        self._envelopes[envelope_id] = envelope
        self.sent.append(envelope)
        return envelope

    async def _send(self, envelope: Envelope) -> None:
        connection = await self._next_connection()
        envelope.connection = connection.number
        envelope.sent_at = time.monotonic()
        # A connection going away takes the envelope with it: no ack, and the limit applies.
        with contextlib.suppress(ConnectionError, RuntimeError):
            await connection.ws.send_json(envelope.frame())
        if self._drop_next:
            self._drop_next = False
            await self.drop(which=connection.number)
        self._spawn(self._expire(envelope))

    async def _expire(self, envelope: Envelope) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(envelope.outcome), self.ack_limit)
            return
        if envelope.outcome.done():
            return
        envelope.outcome.set_result(None)
        self.failed.append(envelope)
        await self._notify()
        attempt = envelope.retry_attempt
        if envelope.type == "events_api" and attempt < len(self.event_retry_delays):
            self._retrying += 1
            try:
                await asyncio.sleep(self.event_retry_delays[attempt])
                retry = self._new("events_api", envelope.payload, attempt + 1)
            finally:
                self._retrying -= 1
            await self._send(retry)

    async def _next_connection(self) -> _Connection:
        await self._wait(lambda: self.connections > 0, self.connect_wait, "an open connection")
        open_ones = sorted(n for n, c in self._connections.items() if not c.draining)
        self._turn += 1
        return self._connections[open_ones[self._turn % len(open_ones)]]

    def _pick_existing(self, which: int | None) -> _Connection:
        if which is not None:
            return self._connections[which]
        open_ones = [c for c in self._connections.values() if not c.draining]
        if not open_ones:
            raise LookupError("no open Socket Mode connection")
        return min(open_ones, key=lambda c: c.number)

    # --- plumbing ----------------------------------------------------------------------

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _wait(self, ready: Any, limit: float, what: str) -> None:
        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(ready)

        try:
            await asyncio.wait_for(wait(), limit)
        except TimeoutError:
            raise TimeoutError(f"no {what} within {limit} s") from None


def _host(connection: _Connection) -> str:
    return f"applink-fake-{connection.number}"


class SocketWire(SlackWire):
    """Sends what `SlackWire` would POST as Socket Mode envelopes; an ack is the answer.

    `Workspace(..., wire=SocketWire(socket))` runs every gesture of the sandbox, the demo
    and the tests over Socket Mode instead of HTTP.
    """

    def __init__(self, socket: FakeSocketMode) -> None:
        super().__init__("", "", fake=socket.fake, timeout=socket.ack_limit)
        self.socket = socket

    async def send(
        self, body: str, *, content_type: str, signing: Signing | None = None
    ) -> WireResponse:
        raise TypeError("Socket Mode sends envelopes, not HTTP bodies")

    async def form(
        self, fields: Mapping[str, str], *, signing: Signing | None = None
    ) -> WireResponse:
        return await self._envelope("slash_commands", fields, signing)

    async def interactive(
        self, payload: Mapping[str, Any], *, signing: Signing | None = None
    ) -> WireResponse:
        return await self._envelope("interactive", payload, signing)

    async def event(
        self, envelope: Mapping[str, Any], *, signing: Signing | None = None
    ) -> WireResponse:
        return await self._envelope("events_api", envelope, signing)

    async def _envelope(
        self, kind: EnvelopeType, payload: Mapping[str, Any], signing: Signing | None
    ) -> WireResponse:
        if signing is not None:
            raise TypeError("Socket Mode envelopes are not signed (the app token is the proof)")
        ack = await self.socket.deliver(kind, payload)
        if ack is None:
            raise TimeoutError(f"no ack within {self.socket.ack_limit} s")
        text = json.dumps(ack.payload) if ack.payload else ""
        return WireResponse(200, text, JSON)
