"""Counts listeners (and jobs) still at work, so the sandbox and tests can wait for quiet.

Bolt acks first and runs the listener on afterwards; Slack never needs to know when it is
done, but a console that prints what the bot answered does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from slack_bolt.listener.async_listener_completion_handler import (
    AsyncListenerCompletionHandler,
)
from slack_bolt.listener.async_listener_start_handler import AsyncListenerStartHandler


class InFlight:
    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def count(self) -> int:
        return self._count

    def enter(self) -> None:
        self._count += 1
        self._idle.clear()

    def leave(self) -> None:
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self._idle.set()

    @asynccontextmanager
    async def track(self) -> AsyncIterator[None]:
        self.enter()
        try:
            yield
        finally:
            self.leave()

    async def idle(self, limit: float = 30.0) -> None:
        # One extra turn of the loop lets a just-scheduled listener task register first.
        await asyncio.sleep(0)
        await asyncio.wait_for(self._idle.wait(), limit)


class _Start(AsyncListenerStartHandler):
    def __init__(self, inflight: InFlight) -> None:
        self.inflight = inflight

    async def handle(self, request: Any, response: Any) -> None:
        self.inflight.enter()


class _Completion(AsyncListenerCompletionHandler):
    def __init__(self, inflight: InFlight) -> None:
        self.inflight = inflight

    async def handle(self, request: Any, response: Any) -> None:
        self.inflight.leave()


def install(app: Any, inflight: InFlight) -> None:
    """Hook the tracker into Bolt's public listener runner."""
    runner = app.listener_runner
    runner.listener_start_handler = _Start(inflight)
    runner.listener_completion_handler = _Completion(inflight)
