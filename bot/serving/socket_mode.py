"""Socket Mode: the app opens a WebSocket to Slack instead of taking HTTP requests.

    run = SocketMode(app, app_token, inflight=inflight, job=job)
    await run.start()      # inside the running loop: slack_sdk's client needs one
    ...                    # envelopes in, acks out, until told to stop
    await run.stop()       # no new envelopes; those in hand finish and are acked

`praktik socket`, the sandbox and the demo (`--socket`) all run this one class.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import time
from typing import Any

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.registry.metrics import Metrics
from bot.runtime import request_metrics
from bot.runtime.http_pool import pooled_session
from bot.runtime.inflight import InFlight
from bot.serving.jobs import DRAIN_SECONDS, DispatchJob
from bot.texts import startup as t

log = logging.getLogger("praktik.socket")

# Bolt's default: a ping every 10 s, a connection without pongs for 40 s is replaced.
PING_INTERVAL = 10.0
# Waits between tries to reach Slack, as bot.process.startup waits for the database.
FIRST_RETRY_SECONDS = 1.0
MOST_RETRY_SECONDS = 30.0
# apps.connections.open answers these for a token that will never work: retrying is futile.
REFUSED = frozenset(
    {"not_authed", "invalid_auth", "not_allowed_token_type", "token_revoked", "account_inactive"}
)


class TokenRefused(Exception):
    """Slack refused the app-level token; the message is one line for the operator."""


class _Handler(AsyncSocketModeHandler):
    """Bolt's handler, counting each envelope from arrival until its listener is done, and
    (given metrics) its kind, outcome and the time until its ack went out."""

    def __init__(
        self,
        app: AsyncApp,
        app_token: str,
        inflight: InFlight,
        ping: float,
        metrics: Metrics | None = None,
    ) -> None:
        super().__init__(app, app_token, ping_interval=ping)
        self.inflight = inflight
        self.metrics = metrics

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        async with self.inflight.track():
            if self.metrics is None:
                await super().handle(client, req)
                return
            # Bolt's own handle (run_async_bolt_app, then send_async_response), measured.
            arrived = time.perf_counter()
            request = AsyncBoltRequest(
                mode="socket_mode", body=req.payload, headers=build_headers(req)
            )
            answer = await request_metrics.dispatch(self.app, request, self.metrics)
            await send_async_response(client, req, answer, time.time())
            kind = request_metrics.kind_of(request.body)
            self.metrics.acked(kind, time.perf_counter() - arrived)


class SocketMode:
    """One Socket Mode connection for the app, with the dispatch job beside it."""

    def __init__(
        self,
        app: AsyncApp,
        app_token: str,
        *,
        inflight: InFlight,
        job: DispatchJob | None = None,
        ping_interval: float = PING_INTERVAL,
        metrics: Metrics | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.app_token = app_token
        self.inflight = inflight
        self.job = job
        self.ping_interval = ping_interval
        self._handler: _Handler | None = None
        self._session: contextlib.AsyncExitStack | None = None
        self._one_line = _OneLineRetry(ping_interval)

    @property
    def client(self) -> SocketModeClient:
        if self._handler is None:
            raise RuntimeError("Socket Mode is not started")
        return self._handler.client

    async def connected(self) -> bool:
        """Whether the WebSocket to Slack is open now (for /healthz): false while connecting,
        after a drop until the new connection is made, and once stopped."""
        handler = self._handler
        return handler is not None and bool(await handler.client.is_connected())

    async def start(self) -> None:
        """Connect (retrying as slack_sdk does) and start the dispatch job."""
        stack = contextlib.AsyncExitStack()
        await stack.enter_async_context(pooled_session(self.app.client))
        self._session = stack
        # Built here, in the running loop: slack_sdk's client makes its aiohttp session and
        # its message task in its constructor, which fails outside a loop (aiohttp >= 3.10).
        self._handler = _Handler(
            self.app, self.app_token, self.inflight, self.ping_interval, self.metrics
        )
        refused = _connect_with_backoff(self._handler.client)
        stack.callback(self._handler.client.logger.removeFilter, self._one_line)
        self._handler.client.logger.addFilter(self._one_line)
        if self.job is not None:
            self.job.start()
        await self._handler.connect_async()  # type: ignore[no-untyped-call]
        if refused:
            raise TokenRefused(t.app_token_refused(refused[0]))
        log.info("Socket Mode connected; waiting for Slack")

    async def stop(self, drain: float = DRAIN_SECONDS) -> None:
        """Take no new envelope; let those in hand finish (acks go out); then close."""
        handler, self._handler = self._handler, None
        if handler is not None:
            client = handler.client
            client.auto_reconnect_enabled = False
            client.default_auto_reconnect_enabled = False
            for task in (client.message_receiver, client.current_session_monitor):
                if task is not None:
                    task.cancel()
            # Frames already read wait in the client's queue: let them be handled too.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_drained(client, self.inflight), drain)
            await handler.close_async()  # type: ignore[no-untyped-call]
        if self.job is not None:
            await self.job.stop(drain)
        if self._session is not None:
            await self._session.aclose()
            self._session = None
        log.info("Socket Mode stopped")


def _connect_with_backoff(client: SocketModeClient) -> list[str]:
    """Ask for a WebSocket URL until Slack gives one, with one log line per failed try and a
    wait that doubles (1, 2, 4 … 30 s); slack_sdk's own retrying logged a traceback every
    15 s, and its web client's retry handlers a line per attempt. A refused token ends the
    connecting instead: the list gets Slack's error when it does."""
    refused: list[str] = []
    web = client.web_client
    # Its own client without retry handlers: the waiting is done here, one line a try.
    opener = AsyncWebClient(
        base_url=web.base_url, timeout=web.timeout, ssl=web.ssl, proxy=web.proxy, retry_handlers=[]
    )

    async def issue_or_give_up() -> str:
        delay = FIRST_RETRY_SECONDS
        while True:
            wait = None
            try:
                answer = await opener.apps_connections_open(app_token=client.app_token)
                return str(answer["url"])
            except SlackApiError as error:
                reason = str(error.response.get("error"))
                if reason in REFUSED:
                    refused.append(reason)
                    client.closed = True  # connect() then returns instead of retrying
                    raise
                if reason == "ratelimited":
                    wait = float(error.response.headers.get("Retry-After", MOST_RETRY_SECONDS))
            except (aiohttp.ClientError, OSError, TimeoutError) as error:
                reason = str(error) or type(error).__name__
            wait = delay if wait is None else wait
            log.warning(t.SLACK_UNREACHABLE, reason, wait)
            await asyncio.sleep(wait)
            delay = min(delay * 2, MOST_RETRY_SECONDS)

    client.issue_new_wss_url = issue_or_give_up  # type: ignore[method-assign]
    return refused


class _OneLineRetry(logging.Filter):
    """slack_sdk logs a failed WebSocket connect with its traceback (some 60 lines) and tries
    again after the ping interval: one line instead, saying when."""

    FAILED = re.compile(r"Failed to connect \(error: (.*)\); Retrying\.\.\.", re.DOTALL)

    def __init__(self, wait: float) -> None:
        super().__init__()
        self.wait = wait

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.FAILED.fullmatch(str(record.msg))
        if found is not None:
            record.msg, record.args = t.SOCKET_RETRY, (found[1], self.wait)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


async def _drained(client: SocketModeClient, inflight: InFlight) -> None:
    while True:
        await inflight.idle(limit=DRAIN_SECONDS)
        if client.message_queue.empty():
            await asyncio.sleep(0)  # a message taken off the queue registers first
            if client.message_queue.empty() and inflight.count == 0:
                return
        await asyncio.sleep(0.01)


async def run_until_signalled(run: SocketMode) -> None:
    """`praktik socket`: connect, then serve until SIGTERM or SIGINT, then stop cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    for signum in signals:
        loop.add_signal_handler(signum, _stop_on, stop, signum)
    try:
        connecting = asyncio.ensure_future(run.start())
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({connecting, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not connecting.done():  # a signal while still connecting (Slack unreachable)
            connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await connecting
        else:
            connecting.result()  # a failure to start is the caller's to report
            await stopped
    finally:
        await run.stop()
        for signum in signals:
            loop.remove_signal_handler(signum)


def _stop_on(stop: asyncio.Event, signum: Any) -> None:
    log.info("%s: stopping after the envelopes in hand", signal.Signals(signum).name)
    stop.set()
