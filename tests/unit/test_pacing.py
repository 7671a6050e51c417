"""Slack's limits in the fake Slack (bot.sandbox.fake_limits) and the app's pacing of its
Web API calls (bot.slack.pacing) against them."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.sandbox.fake_limits import ScaledClock
from bot.sandbox.fake_slack import FakeSlack
from bot.slack.pacing import PacedWebClient, Pacer
from tests.waiting import until


class Hand:
    """A clock moved by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_over_a_tier_slack_answers_429_with_retry_after_as_slack_does() -> None:
    hand = Hand()
    async with FakeSlack(limits="slack", clock=hand) as fake:
        fake.add_user("UANNA", name="anna", real_name="Anna")
        url = f"{fake.api_url}conversations.open"
        headers = {"Authorization": f"Bearer {fake.bot_token}"}
        async with aiohttp.ClientSession() as session:
            answers = []
            for _ in range(8):  # Tier 3: 50 a minute, a burst of a few
                async with session.post(url, headers=headers, data={"users": "UANNA"}) as r:
                    answers.append((r.status, r.headers.get("Retry-After"), await r.json()))
            refused = [a for a in answers if a[0] == 429]
            assert refused and answers[0][0] == 200
            _, retry_after, body = refused[0]
            assert body == {"ok": False, "error": "ratelimited"}
            assert retry_after is not None and int(retry_after) >= 1
            hand.now += 60  # a minute later the budget is back
            async with session.post(url, headers=headers, data={"users": "UANNA"}) as r:
                assert r.status == 200


async def test_posts_are_limited_per_channel_and_for_the_whole_workspace() -> None:
    hand = Hand()
    async with FakeSlack(limits="slack", clock=hand, posts_per_minute=60) as fake:
        for i in range(20):
            fake.add_user(f"U{i:03d}", name=f"u{i}", real_name=f"U {i}")
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url, retry_handlers=[])

        async def post(channel: str) -> int:
            try:
                await client.chat_postMessage(channel=channel, text="hej")
            except SlackApiError as error:
                return int(error.response.status_code)
            return 200

        same = [await post("U000") for _ in range(5)]  # one channel: about 1 a second
        assert same[0] == 200 and 429 in same
        hand.now += 10
        spread = [await post(f"U{i:03d}") for i in range(1, 20)]  # 60 a minute in all
        assert spread[0] == 200 and 429 in spread
        assert fake.limits is not None and fake.limits.ratelimited == same.count(
            429
        ) + spread.count(429)


async def test_a_paced_client_spends_the_budget_without_429s() -> None:
    clock = ScaledClock(speed=60.0)  # a minute of Slack's time in a second
    async with FakeSlack(limits="slack", clock=clock) as fake:
        fake.add_user("UANNA", name="anna", real_name="Anna")
        posted = await AsyncWebClient(token=fake.bot_token, base_url=fake.api_url).chat_postMessage(
            channel="UANNA", text="hej"
        )
        pacer = Pacer(timer=clock, sleep=clock.sleep)
        client = PacedWebClient(pacer=pacer, token=fake.bot_token, base_url=fake.api_url)
        for n in range(30):  # chat.update is Tier 3: 50 a minute
            await client.chat_update(channel=posted["channel"], ts=posted["ts"], text=f"{n}")
        assert pacer.stats.ratelimited == 0 and pacer.stats.calls == 30
        assert pacer.stats.waited > 0  # it did have to wait: 30 calls are over the burst
        assert [c.error for c in fake.calls_to("chat.update")] == [None] * 30


async def test_a_429_is_waited_out_and_the_call_made_again() -> None:
    clock = ScaledClock(speed=20.0)
    async with FakeSlack(clock=clock) as fake:
        fake.add_user("UANNA", name="anna", real_name="Anna")
        fake.fail("chat.postMessage", status=429, retry_after=2, times=1)
        pacer = Pacer(timer=clock, sleep=clock.sleep)
        client = PacedWebClient(pacer=pacer, token=fake.bot_token, base_url=fake.api_url)
        await client.chat_postMessage(channel="UANNA", text="hej")
        calls = fake.calls_to("chat.postMessage")
        assert [c.error for c in calls] == ["ratelimited", None]
        assert calls[1].at - calls[0].at >= 2.0  # Slack's time: the Retry-After was kept
        bulk = PacedWebClient(
            pacer=pacer, bulk=True, retries_on_429=0, token=fake.bot_token, base_url=fake.api_url
        )
        fake.fail("chat.postMessage", status=429, retry_after=1, times=1)
        with pytest.raises(SlackApiError):  # the dispatcher retries through the outbox
            await bulk.chat_postMessage(channel="UANNA", text="hej")
        assert pacer.stats.ratelimited == 2


async def test_interactive_calls_go_ahead_of_bulk_dms() -> None:
    clock = ScaledClock(
        speed=10.0
    )  # slow enough that a busy machine's stall does not reorder the calls
    async with FakeSlack(limits="slack", clock=clock, posts_per_minute=120) as fake:
        for i in range(40):
            fake.add_user(f"U{i:03d}", name=f"u{i}", real_name=f"U {i}")
        pacer = Pacer(timer=clock, sleep=clock.sleep, posts_per_minute=120)
        common = {"token": fake.bot_token, "base_url": fake.api_url}
        bulk = PacedWebClient(pacer=pacer, bulk=True, retries_on_429=0, **common)
        interactive = PacedWebClient(pacer=pacer, **common)
        done: list[str] = []

        async def post(client: PacedWebClient, channel: str, who: str) -> None:
            await client.chat_postMessage(channel=channel, text=who)
            done.append(who)

        wave = [asyncio.ensure_future(post(bulk, f"U{i:03d}", "bulk")) for i in range(30)]
        # The wave has spent the workspace's burst and waits for tokens (a bulk call
        # waits while none is left beyond the reserve).
        workspace = pacer.buckets_for("chat.postMessage", None)[0]
        await until(lambda: workspace.wait(clock()) > 0, limit=5, what="the wave waiting")
        answers = [post(interactive, f"U{i:03d}", "answer") for i in range(30, 35)]
        await asyncio.gather(*answers, *wave)
        assert pacer.stats.ratelimited == 0
        last_answer = max(i for i, who in enumerate(done) if who == "answer")
        assert done[last_answer + 1 :].count("bulk") > 10, done  # the answers did not queue


async def test_calls_waiting_their_turn_wake_together_on_the_half_second_never_early() -> None:
    hand = Hand()
    hand.now = 100.1
    woken: list[float] = []

    async def sleep(seconds: float) -> None:
        woken.append(hand.now + seconds)

    pacer = Pacer(timer=hand, sleep=sleep)  # 500 posts a minute: 4 a half second
    workspace = pacer.buckets_for("chat.postMessage", None)[0]
    due: list[float] = []
    for i in range(80):  # a rush of host DMs, one channel each
        tokens_before = workspace.tokens
        await pacer.acquire("chat.postMessage", f"D{i:03d}", bulk=False)
        if tokens_before < 1.0:  # this one had to wait: when its token came
            due.append(hand.now + (1.0 - tokens_before) / workspace.rate)
    assert len(woken) == len(due) > 20
    assert all(w * 2 == round(w * 2) for w in woken)  # on the half second
    assert all(w >= d - 1e-9 for w, d in zip(woken, due, strict=True))  # never early
    assert all(w - d < 0.5 for w, d in zip(woken, due, strict=True))  # at most half a second late
    assert len(set(woken)) < len(woken)  # several wake together
    one_by_one = Pacer(timer=hand, sleep=sleep, wake_every=0)
    woken.clear()
    for i in range(80):
        await one_by_one.acquire("chat.postMessage", f"D{i:03d}", bulk=False)
    assert len(set(woken)) == len(woken)  # without the grid each wakes on its own
