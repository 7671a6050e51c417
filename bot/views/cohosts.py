"""Co-hosting's Block Kit: the co-host picker of the slot modal, and the hosts' names in
what the intern is told. Pure."""

from __future__ import annotations

from slack_sdk.models.blocks import InputBlock, UserSelectElement

from bot.registry.ids import Action, CohostBlock
from bot.texts import cohosts as t
from bot.views.common import mention
from bot.views.mrkdwn import NAME_SHOWN, literal
from models.hosts import hosts
from models.placements import Deal


def cohost_input(current: str | None) -> InputBlock:
    return InputBlock(
        block_id=CohostBlock.SLOT_COHOST,
        label=t.LABEL,
        hint=t.HINT,
        optional=True,
        element=UserSelectElement(action_id=Action.FIELD, initial_user=current),
    )


def host_names(deal: Deal) -> list[str]:
    """Whoever hosts, for the intern's messages: "Bo Hansen", "Cille Dahl" (a mention when
    Slack never told us the name)."""
    return [
        literal(p.name, NAME_SHOWN) if p.name else mention(p.slack_user_id) for p in hosts(deal)
    ]
