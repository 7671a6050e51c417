"""The parts of Slack's bodies our listeners read, as small typed values.

Anyone holding the signing secret can send any JSON, and old buttons carry old values, so
parsing never raises: a missing or odd field becomes "", and the service answers that in
Danish. Bolt has already matched the listener on the action or callback ID; everything else
is ours to check – what a button's value carries, by that button's codec in bot.buttons.values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.slack.view_state import ViewState


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    """Slack sends strings; anything else is made one the way the listeners always did."""
    return str(value or "")


def _id_of(body: Mapping[str, Any], key: str) -> str:
    return _text(_dict(body.get(key)).get("id"))


@dataclass(frozen=True, slots=True)
class PressedAction:
    """The first (for a button: the only) element of a `block_actions` body's `actions`."""

    action_id: str = ""
    value: str = ""
    selected: str = ""  # the chosen option's value, for selects and radio buttons


@dataclass(frozen=True, slots=True)
class BlockAction:
    """A `block_actions` body: a button pressed or an option chosen."""

    user_id: str
    channel_id: str
    message_ts: str
    response_url: str
    trigger_id: str
    action: PressedAction
    # "modal" or "home" for a press in a view, "" in a message: a modal answers a press by
    # pushing a view on top of itself, a message through its response_url.
    view_type: str = ""

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> BlockAction:
        actions = body.get("actions")
        first = _dict(actions[0]) if isinstance(actions, list) and actions else {}
        return cls(
            user_id=_id_of(body, "user"),
            channel_id=_id_of(body, "channel"),
            message_ts=_text(_dict(body.get("message")).get("ts")),
            response_url=_text(body.get("response_url")),
            trigger_id=_text(body.get("trigger_id")),
            action=PressedAction(
                action_id=_text(first.get("action_id")),
                value=_text(first.get("value")),
                selected=_text(_dict(first.get("selected_option")).get("value")),
            ),
            view_type=_text(_dict(body.get("view")).get("type")),
        )


@dataclass(frozen=True, slots=True)
class ViewSubmission:
    """A `view_submission` body: who submitted, and the view read into a typed state that
    the services read their forms out of (models.forms validates them)."""

    user_id: str
    state: ViewState

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> ViewSubmission:
        return cls(user_id=_id_of(body, "user"), state=ViewState.parse(body.get("view")))


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """A slash command's form fields."""

    user_id: str
    channel_id: str
    trigger_id: str
    text: str

    @classmethod
    def parse(cls, command: Mapping[str, Any]) -> SlashCommand:
        return cls(
            user_id=_text(command.get("user_id")),
            channel_id=_text(command.get("channel_id")),
            trigger_id=_text(command.get("trigger_id")),
            text=_text(command.get("text")),
        )


@dataclass(frozen=True, slots=True)
class Origin:
    """Who sent a body of any kind, and from where ("" when it does not say): a slash
    command names them in flat fields, an interaction in nested objects."""

    user_id: str
    channel_id: str

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> Origin:
        user = body.get("user_id") or _dict(body.get("user")).get("id")
        channel = body.get("channel_id") or _dict(body.get("channel")).get("id")
        return cls(
            user_id=user if isinstance(user, str) else "",
            channel_id=channel if isinstance(channel, str) else "",
        )


@dataclass(frozen=True, slots=True)
class HomeOpened:
    """An `app_home_opened` event. `user_id` is None unless it looks like a Slack user ID
    (U…/W…, alphanumeric): anything else names nobody whose tab to draw."""

    user_id: str | None
    tab: str

    @classmethod
    def parse(cls, event: Mapping[str, Any]) -> HomeOpened:
        user = event.get("user")
        if not (isinstance(user, str) and _looks_like_user_id(user)):
            user = None
        return cls(user_id=user, tab=_text(event.get("tab", "home")))


@dataclass(frozen=True, slots=True)
class TeamJoin:
    """A `team_join` event: its `user` is a whole user object (as users.info returns).
    A bot or an app user joining is nobody to welcome."""

    user_id: str | None
    is_bot: bool

    @classmethod
    def parse(cls, event: Mapping[str, Any]) -> TeamJoin:
        user = _dict(event.get("user"))
        found = user.get("id")
        if not (isinstance(found, str) and _looks_like_user_id(found)):
            found = None
        bot = user.get("is_bot") is True or user.get("is_app_user") is True
        return cls(user_id=found, is_bot=bot)


def _looks_like_user_id(text: str) -> bool:
    return 2 <= len(text) <= 32 and text.isascii() and text.isalnum()
