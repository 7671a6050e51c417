"""Reading what a person sees, for assertions that read like the conversation."""

from __future__ import annotations

from typing import Any


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found += _texts(value)
        return found
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def shown(message: Any) -> str:
    """Every piece of text in a message or view: its fallback text and all its blocks."""
    if message is None:
        return ""
    if isinstance(message, dict):
        return "\n".join(_texts(message))
    parts = [getattr(message, "text", "") or "", *_texts(getattr(message, "blocks", []))]
    return "\n".join(parts)


def buttons(message: Any) -> list[str]:
    blocks = (
        message.get("blocks", []) if isinstance(message, dict) else getattr(message, "blocks", [])
    )
    labels = []
    for block in blocks:
        for element in block.get("elements", []) + (
            [block["accessory"]] if "accessory" in block else []
        ):
            if element.get("type") == "button":
                labels.append(element["text"]["text"])
    return labels


async def submit_raw(person: Any) -> Any:
    """Submit the open modal as a hostile client would: no client-side length checks."""
    from bot.sandbox.wire import view_submission_payload

    ws, fake = person.ws, person.ws.fake
    view = person.modal
    payload = view_submission_payload(
        actor=person.actor, view=view, trigger_id=fake.issue_trigger(person.id)
    )
    res = await ws.wire.interactive(payload)
    action, errors = (None, {})
    if res.status == 200:
        action, errors = fake.apply_submission_response(person.id, res.body)
    person.modal_errors = errors
    await ws.settle()
    return res.status, action, errors


async def press_as(intruder: Any, message: Any, label: str) -> int:
    """Someone else presses a button on a message that was not sent to them."""
    from bot.sandbox.wire import action_entry, block_actions_payload

    for block in message.blocks:
        for element in block.get("elements", []) + (
            [block["accessory"]] if "accessory" in block else []
        ):
            if element.get("type") == "button" and element["text"]["text"] == label:
                ws, fake = intruder.ws, intruder.ws.fake
                payload = block_actions_payload(
                    actor=intruder.actor,
                    actions=[action_entry(block["block_id"], element)],
                    trigger_id=fake.issue_trigger(intruder.id),
                    message=message,
                    response_url=fake.new_response_url(intruder.id, message.channel),
                )
                res = await ws.wire.interactive(payload)
                await ws.settle()
                return int(res.status)
    raise AssertionError(f"no button {label!r}")


def last_words(person: Any) -> Any:
    """The person's latest DM that says something of its own: a file (the calendar after a
    confirmation) comes after the message it belongs to."""
    said = [m for m in person.dms if not getattr(m, "files", None)]
    return said[-1] if said else None
