"""Block Kit element state: the `state.values` Slack reports for what a user set.

Pure functions over view and message blocks, shared by the payload builders in `wire`,
the simulated people in `person` and the console's screen and tools.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.sandbox import blockkit_limits as limits


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
