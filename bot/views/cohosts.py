"""Co-hosting's Block Kit: the co-host picker of the slot modal. Pure."""

from __future__ import annotations

from slack_sdk.models.blocks import InputBlock, UserSelectElement

from bot.ids import Action, CohostBlock
from bot.texts import cohosts as t


def cohost_input(current: str | None) -> InputBlock:
    return InputBlock(
        block_id=CohostBlock.SLOT_COHOST,
        label=t.LABEL,
        hint=t.HINT,
        optional=True,
        element=UserSelectElement(action_id=Action.FIELD, initial_user=current),
    )
