"""Profiles from users.info: read from Slack once, kept in the database with their fetch
time, read again only when stale – also by a restarted process with empty caches."""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.season import COPENHAGEN
from bot.process.clock import ManualClock
from bot.runtime.recent import Recent
from bot.sandbox.fake_slack import FakeSlack
from bot.slack.people import STALE_AFTER, profile_of
from models.db import Database
from models.participants import Profile


async def test_a_profile_is_read_from_slack_once_and_again_only_when_stale(
    db: Database,
) -> None:
    clock = ManualClock(datetime(2027, 5, 3, 10, 0, tzinfo=COPENHAGEN))
    async with FakeSlack() as fake:
        fake.add_user("UANNA", name="anna", real_name="Anna Jensen", title="Konsulent")
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)

        async def read(known: Recent[str, Profile]) -> Profile:
            return await profile_of(client, "UANNA", db=db, clock=clock, known=known)

        first = await read(Recent(ttl=600))
        assert (first.name, first.title) == ("Anna Jensen", "Konsulent")
        for _ in range(3):  # each a new process: its own memory is empty
            assert await read(Recent(ttl=600)) == first
        assert len(fake.calls_to("users.info")) == 1

        fake.users["UANNA"].title = "Chefkonsulent"
        clock.set(clock.now() + STALE_AFTER + timedelta(minutes=1))
        assert (await read(Recent(ttl=600))).title == "Chefkonsulent"
        assert len(fake.calls_to("users.info")) == 2


async def test_a_profile_slack_cannot_give_is_not_kept(db: Database) -> None:
    clock = ManualClock(datetime(2027, 5, 3, 10, 0, tzinfo=COPENHAGEN))
    async with FakeSlack() as fake:
        fake.add_user("UANNA", name="anna", real_name="Anna Jensen")
        client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url, retry_handlers=[])
        fake.fail("users.info", "internal_error")
        known: Recent[str, Profile] = Recent(ttl=600)
        guessed = await profile_of(client, "UANNA", db=db, clock=clock, known=known)
        assert guessed.name == "UANNA"
        read = await profile_of(client, "UANNA", db=db, clock=clock, known=known)
        assert read.name == "Anna Jensen"
        assert len(fake.calls_to("users.info")) == 2
