"""Counting Slack's requests by kind and outcome, the same way over HTTP and Socket Mode.

    install(app, metrics)                                  # once, beside inflight.install
    response = await dispatch(app, bolt_request, metrics)  # in place of app.async_dispatch

A request's outcome is known only when its listener is done: Bolt acks first and runs the
listener on afterwards, so a listener that fails after the ack is an error all the same.
`dispatch` counts the requests that no listener took (Bolt or a middleware answered alone:
refused, or failed); the listener hooks count the rest when they finish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener.async_listener_completion_handler import (
    AsyncListenerCompletionHandler,
)
from slack_bolt.listener.async_listener_error_handler import AsyncListenerErrorHandler
from slack_bolt.listener.async_listener_start_handler import AsyncListenerStartHandler
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.registry.metrics import ERROR, OK, OTHER_KIND, REFUSED, Metrics

TRACKED = "praktik_request_outcome"  # the key of a request's record in Bolt's context
# Slack's payload `type` → the figures' kind (a slash command has no `type`).
TYPES = {
    "block_actions": "action",
    "interactive_message": "action",
    "view_submission": "view_submission",
    "view_closed": "view_closed",
    "event_callback": "event",
    "block_suggestion": "options",
    "dialog_suggestion": "options",
    "shortcut": "shortcut",
    "message_action": "shortcut",
}


def kind_of(body: Any) -> str:
    if not isinstance(body, dict):
        return OTHER_KIND
    if "command" in body:
        return "command"
    return TYPES.get(str(body.get("type")), OTHER_KIND)


def outcome_of(status: int) -> str:
    if status >= 500:
        return ERROR
    return REFUSED if status >= 400 else OK


@dataclass
class _Outcome:
    kind: str
    started: bool = False  # a listener took the request: it counts it when done
    failed: bool = False


async def dispatch(
    app: AsyncApp, request: AsyncBoltRequest, metrics: Metrics | None
) -> BoltResponse:
    """`app.async_dispatch`, counting the request unless its listener will."""
    if metrics is None:
        return await app.async_dispatch(request)
    tracked = _Outcome(kind_of(request.body))
    request.context[TRACKED] = tracked
    try:
        response = await app.async_dispatch(request)
    except Exception:
        metrics.request(tracked.kind, ERROR)
        raise
    if not tracked.started:
        metrics.request(tracked.kind, outcome_of(response.status))
    return response


def _tracked(request: AsyncBoltRequest) -> _Outcome | None:
    found = request.context.get(TRACKED)
    return found if isinstance(found, _Outcome) else None


class _Start(AsyncListenerStartHandler):
    def __init__(self, inner: AsyncListenerStartHandler) -> None:
        self.inner = inner

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        tracked = _tracked(request)
        if tracked is not None:
            tracked.started = True
        await self.inner.handle(request=request, response=response)


class _Error(AsyncListenerErrorHandler):
    def __init__(self, inner: AsyncListenerErrorHandler) -> None:
        self.inner = inner

    async def handle(
        self, error: Exception, request: AsyncBoltRequest, response: BoltResponse | None
    ) -> None:
        tracked = _tracked(request)
        if tracked is not None:
            tracked.failed = True
        await self.inner.handle(error=error, request=request, response=response)


class _Completion(AsyncListenerCompletionHandler):
    def __init__(self, inner: AsyncListenerCompletionHandler, metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        tracked = _tracked(request)
        if tracked is not None and tracked.started:
            self.metrics.request(tracked.kind, ERROR if tracked.failed else OK)
        await self.inner.handle(request=request, response=response)


def install(app: AsyncApp, metrics: Metrics) -> None:
    """Wrap Bolt's listener hooks (after bot.runtime.inflight has set its own)."""
    runner = app.listener_runner
    runner.listener_start_handler = _Start(runner.listener_start_handler)
    runner.listener_error_handler = _Error(runner.listener_error_handler)
    runner.listener_completion_handler = _Completion(runner.listener_completion_handler, metrics)
