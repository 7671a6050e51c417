"""What the stress tests read from the local Slack: deliveries, counted."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot import texts
from bot.sandbox.fake_slack import Call, FakeSlack


def delivered(fake: FakeSlack, method: str = "chat.postMessage") -> list[Call]:
    """Calls Slack accepted (a refused or failed call delivered nothing)."""
    return [c for c in fake.calls_to(method) if c.error is None]


def outbox_key(call: Call) -> str | None:
    metadata = call.params.get("metadata")
    if isinstance(metadata, dict):
        key = (metadata.get("event_payload") or {}).get("key")
        return str(key) if key is not None else None
    return None


def keys_delivered(fake: FakeSlack) -> Counter[str]:
    """How many times each outbox DM (by its key) reached its recipient."""
    return Counter(k for c in delivered(fake) if (k := outbox_key(c)) is not None)


def same_message_twice(fake: FakeSlack) -> dict[tuple[str, str], int]:
    """(channel, content) pairs posted more than once: a DM the person would see twice."""
    seen: Counter[tuple[str, str]] = Counter()
    for call in delivered(fake):
        content = json.dumps([call.params.get("text"), call.params.get("blocks")], sort_keys=True)
        seen[(str(call.params.get("channel")), content)] += 1
    return {pair: n for pair, n in seen.items() if n > 1}


def error_sentences(fake: FakeSlack) -> list[Call]:
    """Calls that showed someone the global error handler's sentence."""
    return [c for c in fake.calls if texts.INTERNAL_ERROR in json.dumps(c.params)]


_recorded: ContextVar[Call | None] = ContextVar("recorded", default=None)


@dataclass
class Answered:
    key: str | None
    accepted_at: float  # time.monotonic() when Slack stored the message
    answered_at: float | None = None  # when the answer was written back; None: never


class LateSlack(FakeSlack):
    """A Slack that posts the message at once and answers `answer_delay` seconds later:
    the worst moment for a sender to die, since every message in flight has arrived."""

    def __init__(self, *, answer_delay: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.answer_delay = answer_delay
        self.answers: list[Answered] = []
        self._late: list[float] = []  # one-off delays for the next accepted posts

    def answer_late(self, delay: float, *, times: int = 1) -> None:
        """Post the next `times` messages, but answer each only after `delay` seconds (past
        the client's timeout: the sender cannot know the message arrived)."""
        self._late.extend([delay] * times)

    async def _record(self, method: str, params: dict[str, Any], error: str | None) -> None:
        _recorded.set(Call(method, params, 0.0, error))
        await super()._record(method, params, error)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        _recorded.set(None)
        response = await super()._api(request)
        call = _recorded.get()
        if call is None or call.method != "chat.postMessage" or call.error is not None:
            return response
        entry = Answered(outbox_key(call), time.monotonic())
        self.answers.append(entry)
        delay = self._late.pop(0) if self._late else self.answer_delay
        # If the sender gives up or dies meanwhile, aiohttp cancels this handler.
        await asyncio.sleep(delay)
        entry.answered_at = time.monotonic()
        return response


class HoldingSlack(FakeSlack):
    """A Slack that can hold the next call to some methods until the test lets it go: the
    moment just after the app committed a change and before Slack has heard of it, where a
    test kills the app."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._hold: frozenset[str] = frozenset()
        self.held = asyncio.Event()
        self._released = asyncio.Event()

    def hold_next(self, *methods: str) -> None:
        self._hold = frozenset(methods)
        self.held.clear()
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["method"] in self._hold:
            self._hold = frozenset()
            self.held.set()
            # If the app dies meanwhile, aiohttp cancels this handler: the call never ran.
            await self._released.wait()
        return await super()._api(request)


class WaveSlack(FakeSlack):
    """A Slack that does something (goes down, starts refusing) once it has posted `n`
    messages: an outage in the middle of a wave of DMs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.accepted = 0
        self._trigger: tuple[int, Callable[[], None]] | None = None

    def after_posts(self, n: int, happen: Callable[[], None]) -> None:
        self._trigger = (n, happen)

    async def _record(self, method: str, params: dict[str, Any], error: str | None) -> None:
        await super()._record(method, params, error)
        if method != "chat.postMessage" or error is not None:
            return
        self.accepted += 1
        if self._trigger is not None and self.accepted >= self._trigger[0]:
            _, happen = self._trigger
            self._trigger = None
            happen()
