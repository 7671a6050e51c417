"""Spending Slack's Web API budget smoothly: a token bucket per method, per channel and for
posting in the whole workspace, with interactive calls ahead of bulk DMs.

Slack limits each Web API method per app per workspace by tier (Tier 2 ≈ 20/min, Tier 3 ≈
50/min, Tier 4 ≈ 100/min, bursts tolerated); chat.postMessage allows about one message a
second per channel and has a workspace-wide limit as well. A client that sends as fast as
it can meets 429s and then waits the Retry-After; one that spends each budget evenly
hardly meets them. Every call of the app's clients takes a token from each bucket that
applies before it goes out; a 429 still answered empties that bucket for the Retry-After,
so every caller waits it out, not just the one that met it.

Priority: interactive calls (a presser's answer, a host's request DM) reserve their token,
in debt if need be; a bulk call (the dispatcher's DMs) takes one only when the bucket has
one beyond the last `RESERVE` tokens, so never while interactive calls wait: a sign-up
rush is not queued behind a wave.

Our own small bucket rather than aiolimiter: aiolimiter has neither priorities nor a way
to take tokens from several buckets at once (method, channel and workspace), nor to block
a bucket for a Retry-After, and a test clock that runs faster than real time needs an
injectable timer and sleep.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.registry.metrics import ERROR, OK, RATELIMITED, Metrics

Timer = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}  # Slack's published tiers, per method
# The methods the app calls and their tiers (Slack's method reference). chat.postMessage is
# a special tier: per channel and per workspace, see POSTS_PER_SECOND_PER_CHANNEL.
TIER: dict[str, int] = {
    "auth.test": 4,
    "chat.delete": 3,
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "conversations.open": 3,
    "files.completeUploadExternal": 4,
    "files.getUploadURLExternal": 4,
    "files.info": 4,
    "users.info": 4,
    "users.lookupByEmail": 3,
    "usergroups.list": 2,
    "usergroups.users.list": 2,
    "views.open": 4,
    "views.publish": 4,
    "views.push": 4,
    "views.update": 4,
}
POST = "chat.postMessage"
POSTS_PER_SECOND_PER_CHANNEL = 1.0
WORKSPACE_POSTS_PER_MINUTE = 500  # reported by operators of large workspaces
SAFETY = 0.95  # spend a little under each limit: Slack's clock is not ours
RESERVE = 1.0  # tokens a bulk call leaves to interactive ones


@dataclass
class Bucket:
    """`rate` tokens a second, at most `burst` saved up; blocked until `blocked_until`.

    Interactive calls reserve: they take a token even when none is left (the bucket goes
    into debt) and sleep once until their turn, in order of arrival. Bulk calls take a
    token only when one is there beyond the `RESERVE` (so never while interactive calls
    are in debt) and otherwise look again after the wait; the dispatcher has only a few of
    them in flight at once.
    """

    rate: float
    burst: float
    tokens: float
    stamp: float
    blocked_until: float = 0.0

    def _refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait(self, now: float) -> float:
        """Bulk: seconds until a token is there beyond the reserve (0: take it now)."""
        if now < self.blocked_until:
            return self.blocked_until - now
        self._refill(now)
        need = 1.0 + min(RESERVE, self.burst - 1.0)
        return 0.0 if self.tokens >= need else (need - self.tokens) / self.rate

    def reserve(self, now: float) -> float:
        """Interactive: take a token now or in debt; the seconds to wait for it."""
        self._refill(now)
        self.tokens -= 1.0
        blocked = max(0.0, self.blocked_until - now)
        return blocked + max(0.0, -self.tokens / self.rate)


@dataclass
class PacingStats:
    calls: int = 0
    ratelimited: int = 0
    waited: float = 0.0  # seconds spent waiting for tokens, all callers together


@dataclass
class Pacer:
    """The buckets of one process (shared by its interactive and its bulk client)."""

    timer: Timer = time.monotonic
    sleep: Sleep = asyncio.sleep
    posts_per_minute: float = WORKSPACE_POSTS_PER_MINUTE
    share: float = 1.0  # this process's share of each budget (1/processes)
    # False: no waiting for tokens (the sandbox and tests against a fake without limits);
    # 429s are still waited out and counted.
    paced: bool = True
    # A call that must wait for its turn wakes at the next multiple of this many seconds,
    # together with the others due by then: in a sign-up rush, the hosts' DMs queued behind
    # the posting limit woke one by one (eight a second, each waking an idle process), and
    # those wake-ups were a third of a press's CPU. Never earlier than the buckets allow.
    wake_every: float = 0.5
    stats: PacingStats = field(default_factory=PacingStats)
    # The process's Prometheus figures (bot.registry.metrics); None: not measured.
    metrics: Metrics | None = None
    _buckets: dict[str, Bucket] = field(default_factory=dict)

    def _bucket(self, key: str, rate: float, burst: float) -> Bucket:
        found = self._buckets.get(key)
        if found is None:
            if len(self._buckets) > 50_000:  # channels: drop the idle (full) ones
                now = self.timer()
                for old in [k for k, b in self._buckets.items() if b.wait(now) == 0]:
                    del self._buckets[old]
            found = self._buckets[key] = Bucket(rate, burst, burst, self.timer())
        return found

    def buckets_for(self, method: str, channel: str | None) -> list[Bucket]:
        share = SAFETY * self.share
        if method == POST:
            per_second = self.posts_per_minute / 60 * share
            found = [self._bucket(POST, per_second, max(1.0, per_second * 5))]
            if channel:
                rate = POSTS_PER_SECOND_PER_CHANNEL * SAFETY
                found.append(self._bucket(f"{POST}:{channel}", rate, 1.0))
            return found
        tier = TIER.get(method)
        if tier is None:
            return []
        per_second = PER_MINUTE[tier] / 60 * share
        return [self._bucket(method, per_second, max(1.0, per_second * 5))]

    async def acquire(self, method: str, channel: str | None, *, bulk: bool) -> None:
        buckets = self.buckets_for(method, channel)
        if not buckets:
            return
        if not self.paced:  # no budgets, but a 429's Retry-After still holds
            blocked = max(b.blocked_until for b in buckets) - self.timer()
            if blocked > 0:
                await self.sleep(blocked)
            return
        started = self.timer()
        if not bulk:
            wait = max(b.reserve(started) for b in buckets)
            if wait > 0:
                await self.sleep(self._woken_at(started + wait) - started)
                self._waited(self.timer() - started, bulk=False)
            return
        while True:
            now = self.timer()
            wait = max(b.wait(now) for b in buckets)
            if wait <= 0:
                for bucket in buckets:
                    bucket.tokens -= 1.0
                break
            await self.sleep(wait)
        self._waited(self.timer() - started, bulk=True)

    def _waited(self, seconds: float, *, bulk: bool) -> None:
        self.stats.waited += seconds
        if self.metrics is not None:
            self.metrics.waited(bulk=bulk, seconds=seconds)

    def answered(self, method: str, result: str) -> None:
        """One Web API call's result, for the process's figures."""
        if self.metrics is not None:
            self.metrics.slack_call(method, result)

    def _woken_at(self, due: float) -> float:
        if self.wake_every <= 0:
            return due
        return math.ceil(due / self.wake_every) * self.wake_every

    def blocked(self, method: str, channel: str | None, seconds: float) -> None:
        """Slack answered 429: nobody calls `method` (in that channel) for `seconds`."""
        until = self.timer() + seconds
        for bucket in self.buckets_for(method, channel)[-1:]:
            bucket.blocked_until = max(bucket.blocked_until, until)
            bucket.tokens = min(bucket.tokens, 0.0)  # reservations already made still stand


def retry_after(headers: Any) -> float:
    """Slack's Retry-After in seconds (1 when missing or malformed)."""
    raw = None
    if headers:
        raw = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(1.0, float(raw)) if raw is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


class PacedWebClient(AsyncWebClient):
    """slack_sdk's client, taking tokens from the pacer before each call.

    `bulk`: the dispatcher's client (it yields to interactive calls). `retries_on_429`:
    how often a 429 is waited out (its Retry-After) and the call made again; the
    dispatcher's client makes none, as the outbox retries and records that itself.
    """

    def __init__(
        self, *, pacer: Pacer, bulk: bool = False, retries_on_429: int = 3, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.pacer = pacer
        self.bulk = bulk
        self.retries_on_429 = retries_on_429

    async def api_call(self, api_method: str, **kwargs: Any) -> AsyncSlackResponse:
        channel = _channel_of(kwargs)
        attempt = 0
        while True:
            await self.pacer.acquire(api_method, channel, bulk=self.bulk)
            self.pacer.stats.calls += 1
            try:
                answer = await super().api_call(api_method, **kwargs)
            except SlackApiError as error:
                if error.response.status_code != 429:
                    self.pacer.answered(api_method, ERROR)
                    raise
                self.pacer.answered(api_method, RATELIMITED)
                self.pacer.stats.ratelimited += 1
                wait = retry_after(error.response.headers)
                self.pacer.blocked(api_method, channel, wait)
                if attempt >= self.retries_on_429:
                    raise
                attempt += 1
            except Exception:
                self.pacer.answered(api_method, ERROR)  # no answer: a timeout, a refused connection
                raise
            else:
                self.pacer.answered(api_method, OK)
                return answer


def _channel_of(kwargs: dict[str, Any]) -> str | None:
    for part in ("json", "data", "params"):
        body = kwargs.get(part)
        if isinstance(body, dict) and body.get("channel"):
            return str(body["channel"])
    return None
