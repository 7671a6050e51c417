"""Gestures sent straight over the wire, without waiting for quiet in between, so that
many of them can be in flight at once (bot.sandbox.person waits after every gesture)."""

from __future__ import annotations

import copy
import time

from bot.registry.ids import PlacementAction
from bot.sandbox.fake_slack import FakeSlack, Message
from bot.sandbox.wire import Actor, SlackWire, WireResponse, action_entry, block_actions_payload


async def press(
    wire: SlackWire, fake: FakeSlack, actor: Actor, message: Message, label: str
) -> WireResponse:
    """`actor` presses the button labelled `label` on a snapshot of `message`."""
    for block in message.blocks:
        elements = list(block.get("elements", []))
        if "accessory" in block:
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button" and element["text"]["text"] == label:
                payload = block_actions_payload(
                    actor=actor,
                    actions=[action_entry(block["block_id"], element)],
                    trigger_id=fake.issue_trigger(actor.id),
                    message=message,
                    response_url=fake.new_response_url(actor.id, message.channel),
                )
                return await wire.interactive(payload)
    raise AssertionError(f"no button {label!r} in the message")


def request_message(fake: FakeSlack, user_id: str, slot_id: int) -> Message:
    """A search result with one *Anmod* button, as /praktik find shows it (ephemeral)."""
    button = {
        "type": "button",
        "action_id": PlacementAction.REQUEST.value,
        "value": str(slot_id),
        "style": "primary",
        "text": {"type": "plain_text", "text": "Anmod", "emoji": True},
    }
    return Message(
        ts=f"{time.time():.6f}",
        channel=fake.dm_channel(user_id),
        blocks=[{"type": "actions", "block_id": f"hit_{slot_id}", "elements": [button]}],
        ephemeral=True,
    )


def snapshot(message: Message) -> Message:
    return copy.deepcopy(message)


def anmod(fake: FakeSlack, actor: Actor, slot_id: int) -> dict[str, object]:
    """The payload of `actor` pressing *Anmod* on a search result for `slot_id`."""
    message = request_message(fake, actor.id, slot_id)
    block = message.blocks[0]
    return block_actions_payload(
        actor=actor,
        actions=[action_entry(block["block_id"], block["elements"][0])],
        trigger_id=fake.issue_trigger(actor.id),
        message=message,
        response_url=fake.new_response_url(actor.id, message.channel),
    )
