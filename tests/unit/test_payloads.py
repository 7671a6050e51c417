"""Parsing Slack's bodies never raises: whatever arrives, a listener gets plain values."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.fake_state import FakeUser
from bot.sandbox.wire import team_join_envelope
from handlers.payloads import (
    BlockAction,
    HomeOpened,
    Origin,
    SlashCommand,
    TeamJoin,
    ViewSubmission,
)

# Anything JSON can carry, so anything a signed request can put in a body.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
# Generating nested JSON is slow on a busy machine; the parsing itself is not under test
# for speed here.
patient = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = ("user", "channel", "message", "response_url", "trigger_id", "actions", "view")
bodies = st.dictionaries(st.sampled_from(KEYS), json_values)


def press(**body: Any) -> BlockAction:
    return BlockAction.parse(body)


def test_a_real_button_press_is_read_whole() -> None:
    got = press(
        user={"id": "U1", "team_id": "T1"},
        channel={"id": "D1"},
        message={"ts": "1700000000.000100"},
        response_url="https://hooks.slack.com/actions/1",
        trigger_id="1.2.3",
        actions=[{"action_id": "request_slot", "value": "42"}],
    )
    assert (got.user_id, got.channel_id, got.message_ts) == ("U1", "D1", "1700000000.000100")
    assert (got.response_url, got.trigger_id) == ("https://hooks.slack.com/actions/1", "1.2.3")
    assert (got.action.action_id, got.action.value) == ("request_slot", "42")


def test_a_chosen_option_is_read() -> None:
    got = press(actions=[{"action_id": "pick", "selected_option": {"value": "2026"}}])
    assert (got.action.selected, got.action.value) == ("2026", "")


def test_an_empty_body_gives_empty_values() -> None:
    got = press()
    assert (got.user_id, got.channel_id, got.message_ts, got.trigger_id) == ("", "", "", "")
    assert (got.action.action_id, got.action.value) == ("", "")


@pytest.mark.parametrize(
    "body",
    [
        {"user": "U1", "channel": ["D1"], "message": 7, "actions": "anmod"},
        {"user": None, "channel": None, "actions": None},
        {"actions": []},
        {"actions": [None]},
        {"actions": ["request_slot"]},
        {"actions": {"0": {"value": "1"}}},
        {"actions": [{"value": None, "selected_option": "x"}]},
        {"trigger_id": None, "response_url": 0},
    ],
)
def test_a_body_of_the_wrong_shape_gives_empty_values(body: dict[str, Any]) -> None:
    got = BlockAction.parse(body)
    assert (got.user_id, got.channel_id, got.message_ts, got.response_url) == ("", "", "", "")
    assert (got.action.value, got.action.selected) == ("", "")


def test_values_that_are_not_strings_are_read_as_the_listeners_always_did() -> None:
    got = press(user={"id": 5}, actions=[{"value": 17}])
    assert (got.user_id, got.action.value) == ("5", "17")


def test_a_huge_string_is_kept_as_sent() -> None:
    huge = "ø" * 1_000_000
    got = press(user={"id": huge}, actions=[{"value": huge}])
    assert got.user_id == huge and got.action.value == huge


@patient
@given(bodies)
def test_no_body_makes_parsing_raise(body: dict[str, Any]) -> None:
    BlockAction.parse(body)
    ViewSubmission.parse(body)
    Origin.parse(body)


@given(
    st.dictionaries(st.sampled_from(("user_id", "channel_id", "trigger_id", "text")), json_values)
)
def test_no_command_makes_parsing_raise(command: dict[str, Any]) -> None:
    SlashCommand.parse(command)


@patient
@given(st.dictionaries(st.sampled_from(("user", "tab", "type")), json_values))
def test_no_event_makes_parsing_raise(event: dict[str, Any]) -> None:
    HomeOpened.parse(event)


def test_a_view_submission_is_read_into_its_state() -> None:
    view = {
        "id": "V1",
        "callback_id": "slot_form",
        "private_metadata": "7",
        "state": {"values": {"slot_workplace": {"field": {"value": "Ærø"}}}},
    }
    got = ViewSubmission.parse({"user": {"id": "U1"}, "view": view})
    state = got.state
    assert (got.user_id, state.view_id, state.callback_id, state.private_metadata) == (
        "U1",
        "V1",
        "slot_form",
        "7",
    )
    assert state.text("slot_workplace") == "Ærø"


@pytest.mark.parametrize("view", [None, "V1", [], {"state": "x"}, {"state": {"values": []}}])
def test_a_view_of_the_wrong_shape_gives_empty_values(view: object) -> None:
    got = ViewSubmission.parse({"user": {"id": "U1"}, "view": view})
    assert (got.state.view_id, got.state.callback_id, got.state.private_metadata) == ("", "", "")
    assert got.state.blocks == {}


def test_a_slash_command_without_its_fields_gives_empty_values() -> None:
    got = SlashCommand.parse({"text": None})
    assert (got.user_id, got.channel_id, got.trigger_id, got.text) == ("", "", "", "")
    full = SlashCommand.parse(
        {"user_id": "U1", "channel_id": "C1", "trigger_id": "1.2", "text": "find klima"}
    )
    assert (full.user_id, full.channel_id, full.trigger_id, full.text) == (
        "U1",
        "C1",
        "1.2",
        "find klima",
    )


@pytest.mark.parametrize(
    ("event", "user_id", "tab"),
    [
        ({"user": "U0HOST"}, "U0HOST", "home"),
        ({"user": "W0GRID", "tab": "home"}, "W0GRID", "home"),
        ({"user": "U0HOST", "tab": "messages"}, "U0HOST", "messages"),
        ({"user": "U0HOST", "tab": None}, "U0HOST", ""),
        ({"user": "U'; DROP"}, None, "home"),
        ({"user": "U" * 33}, None, "home"),
        ({"user": "U"}, None, "home"),
        ({"user": ["U1"]}, None, "home"),
        ({}, None, "home"),
    ],
)
def test_home_opened_names_a_user_only_when_it_looks_like_one(
    event: dict[str, Any], user_id: str | None, tab: str
) -> None:
    assert HomeOpened.parse(event) == HomeOpened(user_id=user_id, tab=tab)


@pytest.mark.parametrize(
    ("body", "user_id", "channel_id"),
    [
        ({"user_id": "U1", "channel_id": "C1"}, "U1", "C1"),  # a slash command
        ({"user": {"id": "U1"}, "channel": {"id": "D1"}}, "U1", "D1"),  # an interaction
        ({"user": {"id": "U1"}}, "U1", ""),  # a modal: no channel
        ({"user": "U1", "channel": "C1"}, "", ""),
        ({"user_id": 5, "user": {"id": ["U1"]}}, "", ""),
        ({}, "", ""),
    ],
)
def test_origin_names_only_what_the_body_says_plainly(
    body: dict[str, Any], user_id: str, channel_id: str
) -> None:
    assert Origin.parse(body) == Origin(user_id=user_id, channel_id=channel_id)


def test_team_join_names_the_newcomer_from_the_whole_user_object() -> None:
    user = FakeUser("U0NEW", "nina", "Nina Friis").payload()
    envelope = team_join_envelope(user=user)
    # As Slack documents it: an event_callback whose event's user is the user object.
    assert envelope["type"] == "event_callback" and envelope["event_id"].startswith("Ev")
    assert envelope["event"]["type"] == "team_join"
    assert envelope["event"]["user"]["profile"]["real_name"] == "Nina Friis"
    assert TeamJoin.parse(envelope["event"]) == TeamJoin(user_id="U0NEW", is_bot=False)
    bot = FakeUser("B0BOT", "botty", "Botty", is_bot=True).payload()
    assert TeamJoin.parse({"type": "team_join", "user": bot}).is_bot
    assert TeamJoin.parse({"type": "team_join", "user": "U0NEW"}).user_id is None
    assert TeamJoin.parse({"type": "team_join", "user": {"id": "<script>"}}).user_id is None


@patient
@given(st.dictionaries(st.sampled_from(("user", "type")), json_values))
def test_team_join_parse_never_raises(event: dict[str, Any]) -> None:
    TeamJoin.parse(event)
