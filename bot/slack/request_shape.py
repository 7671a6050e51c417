"""What a signed request must look like before Bolt reads it.

Bolt parses the body into a dict and reads its fields without checking their types: a
signed body that is no JSON, a payload that is a list or `null`, an `event` or `user` that
is `null`, `actions` that are no list – each was a 500 or a logged traceback. Slack never
sends these, so they are refused with 400 here, with a reason short enough for one log line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.request.internals import parse_body

# Interactive payloads: Slack always names the person who acted, as an object.
_INTERACTIVE = {
    "block_actions",
    "block_suggestion",
    "view_submission",
    "view_closed",
    "shortcut",
    "message_action",
    "interactive_message",
    "dialog_submission",
}


def content_type_of(headers: Mapping[str, str]) -> str | None:
    """The media type, as Bolt reads it (parameters such as `charset` dropped)."""
    value = headers.get("Content-Type")
    return value.split(";")[0].strip() if value else None


def malformed(body: str, content_type: str | None) -> str | None:
    """Why Bolt could not handle this body, or None when it can."""
    try:
        parsed: Any = parse_body(body, content_type)
    except ValueError:
        return "the body is not the JSON or form Slack sends"
    return wrong_shape(parsed)


def wrong_shape(parsed: object) -> str | None:
    """Why a parsed body is no payload Slack sends, or None when it could be one."""
    if not isinstance(parsed, dict):
        return f"the payload is a JSON {type(parsed).__name__}, not an object"
    return _wrong_field(parsed)


def _wrong_field(payload: dict[str, Any]) -> str | None:
    kind = payload.get("type")
    if kind == "event_callback" and not isinstance(payload.get("event"), dict):
        return "'event' is not an object"
    if "event" in payload and not isinstance(payload["event"], dict):
        return "'event' is not an object"
    if kind in _INTERACTIVE and not isinstance(payload.get("user"), dict):
        return "'user' is not an object"
    if "user" in payload and not isinstance(payload["user"], dict | str):
        return "'user' is neither an object nor an ID"
    for name in ("view", "container", "channel", "message"):
        if payload.get(name) is not None and not isinstance(payload[name], dict):
            return f"'{name}' is not an object"
    for name in ("actions", "authorizations"):
        if name in payload and not _list_of_objects(payload[name]):
            return f"'{name}' is not a list of objects"
    return None


def _list_of_objects(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
