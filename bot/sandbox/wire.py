"""Slack's side of the HTTP conversation: signed requests in Slack's exact wire format.

Slash commands are form-encoded fields; interactions are a form field `payload=` holding
JSON; Events API envelopes are JSON. Every request is signed with the v0 HMAC scheme that
`slack_sdk.signature.SignatureVerifier` checks. Builders are pure functions; `SlackWire`
only signs and sends, with knobs for the failure cases a test wants to provoke.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import aiohttp

from bot.sandbox import blockkit_limits as limits
from bot.sandbox.fake_slack import (
    APP_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
    FakeSlack,
    Message,
)

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class Actor:
    """The user a request comes from, as Slack names them in payloads."""

    id: str
    name: str
    team_id: str = TEAM_ID

    def payload(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.name, "name": self.name, "team_id": self.team_id}


@dataclass(frozen=True)
class Signing:
    """How to sign one request; the defaults sign it correctly, now."""

    secret: str | None = None  # another secret than the app's: a forged request
    timestamp: int | None = None  # e.g. six minutes ago: a replayed request
    tamper: Callable[[str], str] | None = None  # changes the body after signing


@dataclass(frozen=True)
class WireResponse:
    status: int
    text: str
    content_type: str

    @property
    def body(self) -> Any:
        """Parsed JSON, the raw text for other answers, None for an empty 200."""
        if not self.text:
            return None
        if self.content_type == JSON or self.text.lstrip()[:1] in ("{", "["):
            try:
                return json.loads(self.text)
            except ValueError:
                return self.text
        return self.text


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


# --- state.values formats ------------------------------------------------------------


def options_of(element: Mapping[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return options


def option_text(option: Mapping[str, Any]) -> str:
    return str((option.get("text") or {}).get("text", ""))


def find_option(element: Mapping[str, Any], wanted: str) -> dict[str, Any]:
    """An option by its value, else by its visible text (case and spaces ignored)."""
    options = options_of(element)
    for option in options:
        if option.get("value") == wanted:
            return _selected(option)
    for option in options:
        if option_text(option).strip().casefold() == wanted.strip().casefold():
            return _selected(option)
    shown = ", ".join(f"{option_text(o)!r}={o.get('value')!r}" for o in options)
    raise LookupError(f"no option {wanted!r} in {element.get('action_id')} (has {shown})")


def _selected(option: Mapping[str, Any]) -> dict[str, Any]:
    chosen = {"text": dict(option["text"]), "value": option["value"]}
    if "description" in option:
        chosen["description"] = dict(option["description"])
    return chosen


def element_state(element: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """The state entry Slack reports for `element` holding `value` (None: empty)."""
    kind = str(element.get("type"))
    many = isinstance(value, (list, tuple, set))
    values: list[Any] = list(value) if many else ([] if value is None else [value])
    if kind in ("plain_text_input", "email_text_input", "url_text_input", "number_input"):
        return {"type": kind, "value": None if value is None else str(value)}
    if kind == "rich_text_input":
        rich = None
        if value is not None:
            section = {"type": "rich_text_section", "elements": [{"type": "text", "text": value}]}
            rich = {"type": "rich_text", "elements": [section]}
        return {"type": kind, "rich_text_value": rich}
    if kind in ("static_select", "external_select", "radio_buttons"):
        return {"type": kind, "selected_option": find_option(element, value) if value else None}
    if kind in ("multi_static_select", "multi_external_select", "checkboxes"):
        return {"type": kind, "selected_options": [find_option(element, v) for v in values]}
    if kind == "datepicker":
        day = value.isoformat() if isinstance(value, date) else value
        return {"type": kind, "selected_date": day}
    singles = {
        "users_select": "selected_user",
        "conversations_select": "selected_conversation",
        "channels_select": "selected_channel",
        "timepicker": "selected_time",
        "datetimepicker": "selected_date_time",
    }
    if kind in singles:
        return {"type": kind, singles[kind]: value}
    multis = {
        "multi_users_select": "selected_users",
        "multi_conversations_select": "selected_conversations",
        "multi_channels_select": "selected_channels",
    }
    if kind in multis:
        return {"type": kind, multis[kind]: values}
    if kind == "file_input":
        return {"type": kind, "files": values}
    raise ValueError(f"{kind} holds no state")


def initial_state(element: Mapping[str, Any]) -> dict[str, Any]:
    """The state entry of an element nobody has touched: its initial value, or empty."""
    kind = str(element.get("type"))
    if "initial_option" in element:
        return {"type": kind, "selected_option": _selected(element["initial_option"])}
    if "initial_options" in element:
        return {
            "type": kind,
            "selected_options": [_selected(o) for o in element["initial_options"]],
        }
    for key, field in (
        ("initial_value", "value"),
        ("initial_user", "selected_user"),
        ("initial_users", "selected_users"),
        ("initial_conversation", "selected_conversation"),
        ("initial_conversations", "selected_conversations"),
        ("initial_channel", "selected_channel"),
        ("initial_channels", "selected_channels"),
        ("initial_date", "selected_date"),
        ("initial_time", "selected_time"),
        ("initial_date_time", "selected_date_time"),
    ):
        if key in element:
            return {"type": kind, field: element[key]}
    return element_state(element, None)


def stateful_elements(blocks: Sequence[Mapping[str, Any]]) -> list[tuple[str, Mapping[str, Any]]]:
    """(block_id, element) for every element that keeps a value, inputs first in order."""
    found: list[tuple[str, Mapping[str, Any]]] = []
    for block in blocks:
        candidates: list[Any] = [block.get("element"), block.get("accessory")]
        if block.get("type") == "actions":
            candidates.extend(block.get("elements") or [])
        for element in candidates:
            if isinstance(element, Mapping) and element.get("type") in limits.INPUT_ELEMENTS:
                found.append((str(block.get("block_id")), element))
    return found


def state_values(
    blocks: Sequence[Mapping[str, Any]], touched: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """`state.values` as Slack sends it: what the user set, else initial/empty for inputs."""
    touched = touched or {}
    input_ids = {b.get("block_id") for b in blocks if b.get("type") == "input"}
    values: dict[str, dict[str, Any]] = {}
    for block_id, element in stateful_elements(blocks):
        action_id = str(element.get("action_id"))
        entry = touched.get(block_id, {}).get(action_id)
        if entry is None and (block_id in input_ids or _has_initial(element)):
            entry = initial_state(element)
        if entry is not None:
            values.setdefault(block_id, {})[action_id] = entry
    return values


def _has_initial(element: Mapping[str, Any]) -> bool:
    return any(key.startswith("initial_") for key in element)


def view_with_state(view: Mapping[str, Any]) -> dict[str, Any]:
    """The view object as Slack puts it in payloads: stored view plus current state."""
    payload: dict[str, Any] = json.loads(json.dumps(view))
    touched = view.get("state", {}).get("values", {})
    payload["state"] = {"values": state_values(view.get("blocks", []), touched)}
    return payload


# --- payload builders ----------------------------------------------------------------


def _team(team_id: str) -> dict[str, Any]:
    return {"id": team_id, "domain": TEAM_DOMAIN}


def slash_command_form(
    *,
    actor: Actor,
    command: str,
    text: str,
    channel_id: str,
    channel_name: str,
    trigger_id: str,
    response_url: str,
    team_id: str = TEAM_ID,
) -> dict[str, str]:
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": actor.id,
        "user_name": actor.name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def action_entry(
    block_id: str, element: Mapping[str, Any], *, value: Any = None, action_ts: str | None = None
) -> dict[str, Any]:
    """One item of `actions`: a pressed button, or a chosen value for a select/picker."""
    entry: dict[str, Any] = {"action_id": element.get("action_id"), "block_id": block_id}
    if element.get("type") == "button":
        entry["text"] = element.get("text")
        if "value" in element:
            entry["value"] = element["value"]
        if "style" in element:
            entry["style"] = element["style"]
        entry["type"] = "button"
    else:
        entry.update(element_state(element, value))
        if "placeholder" in element:
            entry["placeholder"] = element["placeholder"]
    entry["action_ts"] = action_ts or f"{time.time():.6f}"
    return entry


def block_actions_payload(
    *,
    actor: Actor,
    actions: list[dict[str, Any]],
    trigger_id: str,
    message: Message | None = None,
    view: Mapping[str, Any] | None = None,
    response_url: str | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A block_actions payload from a message (needs `message`) or a view (needs `view`)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": actor.payload(),
        "api_app_id": APP_ID,
    }
    payload["token"] = VERIFICATION_TOKEN
    if message is not None:
        payload["container"] = {
            "type": "message",
            "message_ts": message.ts,
            "channel_id": message.channel,
            "is_ephemeral": message.ephemeral,
        }
    elif view is not None:
        payload["container"] = {"type": "view", "view_id": view["id"]}
    else:
        raise ValueError("a block action comes from a message or a view")
    payload.update(
        trigger_id=trigger_id,
        team=_team(team_id),
        enterprise=None,
        is_enterprise_install=False,
    )
    if message is not None:
        payload["channel"] = {"id": message.channel, "name": _channel_name(message.channel)}
        if not message.ephemeral:
            payload["message"] = message.payload()
        payload["state"] = {"values": state_values(message.blocks)}
        payload["response_url"] = response_url
    else:
        payload["view"] = view_with_state(view or {})
    payload["actions"] = actions
    return payload


def view_submission_payload(
    *, actor: Actor, view: Mapping[str, Any], trigger_id: str, team_id: str = TEAM_ID
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": _team(team_id),
        "user": actor.payload(),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id,
        "view": view_with_state(view),
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def view_closed_payload(
    *, actor: Actor, view: Mapping[str, Any], is_cleared: bool = False, team_id: str = TEAM_ID
) -> dict[str, Any]:
    return {
        "type": "view_closed",
        "team": _team(team_id),
        "user": actor.payload(),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "view": view_with_state(view),
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": None,
    }


def app_home_opened_envelope(
    *,
    user_id: str,
    channel_id: str,
    view: Mapping[str, Any] | None,
    tab: str = "home",
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    now = time.time()
    event: dict[str, Any] = {"type": "app_home_opened", "user": user_id, "channel": channel_id}
    event["tab"] = tab
    if view is not None:
        event["view"] = view_with_state(view)
    event["event_ts"] = f"{now:.6f}"
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": "Ev"
        + hashlib.sha1(f"{user_id}{now}".encode(), usedforsecurity=False).hexdigest()[:9].upper(),
        "event_time": int(now),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def _channel_name(channel_id: str) -> str:
    return "directmessage" if channel_id.startswith("D") else channel_id.lower()


def _compact(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


# --- sending -------------------------------------------------------------------------


class SlackWire:
    """Signs and POSTs requests to the app's endpoint, as Slack's servers do."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        *,
        fake: FakeSlack | None = None,
        timeout: float | None = 3.0,
    ) -> None:
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.fake = fake
        # Slack gives up after 3 s and shows the user an error; None waits for ever.
        self.timeout = timeout

    async def send(
        self, body: str, *, content_type: str, signing: Signing | None = None
    ) -> WireResponse:
        how = signing or Signing()
        timestamp = str(how.timestamp if how.timestamp is not None else int(time.time()))
        signed = signature(how.secret or self.signing_secret, timestamp, body)
        if how.tamper is not None:
            body = how.tamper(body)
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signed,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(self.app_url, data=body.encode(), headers=headers) as res,
        ):
            return WireResponse(res.status, await res.text(), res.content_type)

    async def form(
        self, fields: Mapping[str, str], *, signing: Signing | None = None
    ) -> WireResponse:
        return await self.send(urlencode(fields), content_type=FORM, signing=signing)

    async def interactive(
        self, payload: Mapping[str, Any], *, signing: Signing | None = None
    ) -> WireResponse:
        body = urlencode({"payload": _compact(payload)})
        return await self.send(body, content_type=FORM, signing=signing)

    async def event(
        self, envelope: Mapping[str, Any], *, signing: Signing | None = None
    ) -> WireResponse:
        return await self.send(_compact(envelope), content_type=JSON, signing=signing)

    async def slash_command(
        self,
        actor: Actor,
        command: str,
        text: str = "",
        *,
        channel_id: str | None = None,
        channel_name: str | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
        team_id: str = TEAM_ID,
        signing: Signing | None = None,
    ) -> WireResponse:
        """A slash command; channel, trigger_id and response_url come from the fake."""
        if channel_id is None:
            channel_id = self._need_fake().dm_channel(actor.id)
        if trigger_id is None:
            trigger_id = self._need_fake().issue_trigger(actor.id)
        if response_url is None:
            response_url = self._need_fake().new_response_url(actor.id, channel_id)
        fields = slash_command_form(
            actor=actor,
            command=command,
            text=text,
            channel_id=channel_id,
            channel_name=channel_name or _channel_name(channel_id),
            trigger_id=trigger_id,
            response_url=response_url,
            team_id=team_id,
        )
        return await self.form(fields, signing=signing)

    def _need_fake(self) -> FakeSlack:
        if self.fake is None:
            raise ValueError(
                "pass trigger_id, response_url and channel_id, or give SlackWire a fake"
            )
        return self.fake
