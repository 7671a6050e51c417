"""Slack's rate limits, enforced by the fake Slack when asked (`FakeSlack(limits="slack")`).

Per method per workspace by tier (bot.slack.pacing.TIER: Tier 2 ≈ 20/min, Tier 3 ≈ 50/min,
Tier 4 ≈ 100/min), each with a burst of `BURST_SECONDS` of its rate; chat.postMessage
about one a second per channel (a burst of `CHANNEL_BURST`) and a workspace-wide posting
limit (default 500/min). Over a limit the call is not carried out and Slack's answer is
given: HTTP 429 with a Retry-After header (whole seconds) and
{"ok": false, "error": "ratelimited"}.

Slack does not publish its burst sizes; these are modest, so a client that relies on
bursts meets 429s here sooner than at Slack.

`ScaledClock` lets a bench run a whole wave in about a minute: Slack's limits are counted
in its time, which runs `speed` times faster than real time, and whoever talks to the
fake sleeps with the same clock.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.slack.pacing import PER_MINUTE, POST, TIER, WORKSPACE_POSTS_PER_MINUTE

Limits = Literal["slack"]

BURST_SECONDS = 6.0  # a method's burst: this many seconds of its rate
CHANNEL_BURST = 3.0  # posts to one channel at once before 1/s applies
WORKSPACE_BURST_SECONDS = 6.0


class ScaledClock:
    """Monotonic seconds running `speed` times faster than real time, and a sleep to match."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._start = time.monotonic()

    def __call__(self) -> float:
        return (time.monotonic() - self._start) * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)


@dataclass
class _Window:
    """A token bucket as Slack might keep one: `rate` a second, `burst` at most."""

    rate: float
    burst: float
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """0 if allowed (a token taken); else the seconds until one is there."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass
class SlackLimits:
    clock: Callable[[], float] = time.monotonic
    posts_per_minute: float = WORKSPACE_POSTS_PER_MINUTE
    per_channel_per_second: float = 1.0
    ratelimited: int = 0  # 429s answered
    _windows: dict[str, _Window] = field(default_factory=dict)

    def _window(self, key: str, rate: float, burst: float) -> _Window:
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = _Window(rate, burst, burst, self.clock())
        return found

    def check(self, method: str, channel: str | None) -> int | None:
        """None if the call may go ahead; else the Retry-After (whole seconds) to answer."""
        now = self.clock()
        windows: list[_Window] = []
        if method == POST:
            rate = self.posts_per_minute / 60
            windows.append(self._window(POST, rate, max(1.0, rate * WORKSPACE_BURST_SECONDS)))
            if channel:
                rate = self.per_channel_per_second
                windows.append(self._window(f"{POST}:{channel}", rate, CHANNEL_BURST))
        elif method in TIER:
            rate = PER_MINUTE[TIER[method]] / 60
            windows.append(self._window(method, rate, max(1.0, rate * BURST_SECONDS)))
        # Check all before taking any, so a refused call spends nothing.
        waits = [_peek(w, now) for w in windows]
        if any(waits):
            self.ratelimited += 1
            return max(1, math.ceil(max(waits)))
        for window in windows:
            window.take(now)
        return None


def _peek(window: _Window, now: float) -> float:
    tokens = min(window.burst, window.tokens + (now - window.stamp) * window.rate)
    return 0.0 if tokens >= 1.0 else (1.0 - tokens) / window.rate
