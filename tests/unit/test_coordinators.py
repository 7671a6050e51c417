"""Who is a coordinator: PRAKTIK_ADMINS plus the members of a Slack user group, read from the
fake Slack over HTTP through slack_sdk, with the clock moved by hand."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.fake_usergroups import READ_SCOPE
from bot.slack.coordinators import REFRESH, Coordinators
from bot.texts import coordinators as t

T0 = datetime(2027, 5, 3, 8, 0, tzinfo=UTC)
HANDLE = "praktik-koordinatorer"


def _reads(fake: FakeSlack) -> int:
    return len(fake.calls_to("usergroups.users.list"))


async def test_a_handle_is_resolved_once_and_the_members_are_kept_for_a_minute(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM",))
    who = Coordinators(admins=frozenset({"UOPS"}), group=HANDLE)
    assert await who.includes("UOPS", client=client, now=T0)
    assert _reads(fake) == 0  # PRAKTIK_ADMINS need no Slack
    assert await who.includes("UKIM", client=client, now=T0)
    fake.remove_from_usergroup(group, "UKIM")
    assert await who.includes("UKIM", client=client, now=T0 + REFRESH - timedelta(seconds=1))
    assert not await who.includes("UKIM", client=client, now=T0 + REFRESH)
    assert _reads(fake) == 2
    assert len(fake.calls_to("usergroups.list")) == 1
    assert fake.calls_to("usergroups.users.list")[-1].params["usergroup"] == group


async def test_a_non_member_reads_the_group_again_but_at_most_once_a_minute(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM",))
    who = Coordinators(group=group)  # the ID: no usergroups.list at all
    assert await who.includes("UKIM", client=client, now=T0)
    fake.add_to_usergroup(group, "UANNA")
    # Added after the read: let in at the first try, by the read her try brings about.
    assert await who.includes("UANNA", client=client, now=T0 + timedelta(seconds=10))
    assert _reads(fake) == 2
    for second in range(11, 71):  # Eve tries every second: one read in that minute
        assert not await who.includes("UEVE", client=client, now=T0 + timedelta(seconds=second))
    assert _reads(fake) == 3
    assert fake.calls_to("usergroups.list") == []


async def test_slack_out_of_reach_keeps_the_last_members_and_warns_without_names(
    fake: FakeSlack, client: AsyncWebClient, caplog: pytest.LogCaptureFixture
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM",))
    who = Coordinators(group=HANDLE)
    assert await who.includes("UKIM", client=client, now=T0)
    fake.fail("usergroups.users.list", status=500)
    caplog.set_level(logging.WARNING)
    assert await who.includes("UKIM", client=client, now=T0 + REFRESH)
    fake.scopes.discard(READ_SCOPE)
    assert await who.includes("UKIM", client=client, now=T0 + 2 * REFRESH)
    warned = [r for r in caplog.records if r.name == "praktik.coordinators"]
    assert [r.msg for r in warned] == [t.GROUP_UNREADABLE, t.GROUP_UNREADABLE]
    assert "missing_scope" in warned[-1].getMessage()
    assert not [r for r in warned if "UKIM" in r.getMessage() or r.exc_info]
    assert group  # the group is still there: only Slack could not be read


async def test_a_slow_slack_answers_from_the_last_members_and_the_read_lands_later(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM",))
    who = Coordinators(group=group, answer_within=0.05)
    fake.fail("usergroups.users.list", delay=0.5)
    assert not await who.includes("UKIM", client=client, now=T0)  # nothing known yet
    await fake.wait_for("usergroups.users.list")
    await fake.quiet()
    assert await who.includes("UKIM", client=client, now=T0 + timedelta(seconds=1))
    assert _reads(fake) == 1


async def test_a_group_deleted_or_unknown_has_no_members(
    fake: FakeSlack, client: AsyncWebClient, caplog: pytest.LogCaptureFixture
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM",))
    who = Coordinators(group=HANDLE)
    assert await who.includes("UKIM", client=client, now=T0)
    fake.disable_usergroup(group)
    caplog.set_level(logging.WARNING)
    assert not await who.includes("UKIM", client=client, now=T0 + REFRESH)
    nobody = Coordinators(group="ingen-saadan-gruppe")
    assert not await nobody.includes("UKIM", client=client, now=T0)
    assert [r.msg for r in caplog.records if r.name == "praktik.coordinators"] == [
        t.GROUP_UNKNOWN,
        t.GROUP_UNKNOWN,
    ]


def test_without_a_group_only_praktik_admins_count() -> None:
    assert not Coordinators().configured
    assert Coordinators(group="S0123ABC").configured
    assert Coordinators(admins=frozenset({"U1"})).configured


async def test_everyone_to_be_told_is_the_named_ids_and_the_groups_members_as_of_now(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup(HANDLE, members=("UKIM", "UANNA"))
    who = Coordinators(admins=frozenset({"UOPS"}), group=HANDLE)
    assert await who.everyone(client=client, now=T0) == {"UOPS", "UKIM", "UANNA"}
    fake.remove_from_usergroup(group, "UANNA")
    assert await who.everyone(client=client, now=T0 + timedelta(seconds=30)) == {
        "UOPS",
        "UKIM",
        "UANNA",
    }  # read less than a minute ago: kept
    assert await who.everyone(client=client, now=T0 + REFRESH) == {"UOPS", "UKIM"}
    assert await Coordinators(admins=frozenset({"UOPS"})).everyone(client=client, now=T0) == {
        "UOPS"
    }
