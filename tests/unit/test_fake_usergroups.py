"""The fake Slack's user groups, read through the real slack_sdk client as the app reads
them: usergroups.list and usergroups.users.list with Slack's arguments, answers and errors."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.fake_usergroups import READ_SCOPE


async def _error(call: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as refused:
        await call  # type: ignore[misc]
    return dict(refused.value.response.data)  # type: ignore[arg-type]


async def test_a_groups_members_are_listed_and_follow_its_changes(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup("praktik-koordinatorer", "Koordinatorer", ("UKIM", "UANNA"))
    assert group.startswith("S")
    answer = await client.usergroups_users_list(usergroup=group)
    assert answer.data == {"ok": True, "users": ["UKIM", "UANNA"]}
    fake.remove_from_usergroup(group, "UKIM")
    fake.add_to_usergroup(group, "UBO")
    fake.add_to_usergroup(group, "UBO")  # once a member is a member
    assert (await client.usergroups_users_list(usergroup=group))["users"] == ["UANNA", "UBO"]


async def test_usergroups_list_gives_handles_and_ids_and_users_or_count_when_asked(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup("praktik-koordinatorer", members=("UKIM",))
    plain = (await client.usergroups_list())["usergroups"]
    assert [(g["id"], g["handle"], g["is_usergroup"]) for g in plain] == [
        (group, "praktik-koordinatorer", True)
    ]
    assert "users" not in plain[0] and "user_count" not in plain[0]
    full = (await client.usergroups_list(include_users=True, include_count=True))["usergroups"]
    assert full[0]["users"] == ["UKIM"] and full[0]["user_count"] == "1"


async def test_a_disabled_group_is_listed_and_read_only_with_include_disabled(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup("gamle-koordinatorer", members=("UKIM",))
    fake.disable_usergroup(group)
    assert (await client.usergroups_list())["usergroups"] == []
    assert len((await client.usergroups_list(include_disabled=True))["usergroups"]) == 1
    refused = await _error(client.usergroups_users_list(usergroup=group))
    assert refused["error"] == "no_such_subteam"
    answer = await client.usergroups_users_list(usergroup=group, include_disabled=True)
    assert answer["users"] == ["UKIM"]


async def test_slacks_errors_unknown_group_missing_argument_scope_and_token(
    fake: FakeSlack, client: AsyncWebClient
) -> None:
    group = fake.add_usergroup("praktik-koordinatorer")
    assert (await _error(client.usergroups_users_list(usergroup="S0NOSUCH")))[
        "error"
    ] == "no_such_subteam"
    assert (await _error(client.api_call("usergroups.users.list")))["error"] == (
        "invalid_arguments"
    )
    fake.scopes.discard(READ_SCOPE)
    missing = await _error(client.usergroups_users_list(usergroup=group))
    assert missing["error"] == "missing_scope" and missing["needed"] == READ_SCOPE
    assert READ_SCOPE not in str(missing["provided"]).split(",")
    assert (await _error(client.usergroups_list()))["error"] == "missing_scope"
    stranger = AsyncWebClient(token="xoxb-someone-else", base_url=fake.api_url)
    refused = await _error(stranger.usergroups_users_list(usergroup=group))
    assert refused["error"] == "invalid_auth"
