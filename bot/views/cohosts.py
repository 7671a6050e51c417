"""Co-hosting's Block Kit: the co-host picker of the slot modal, and the hosts' names in
what the intern is told, and what a co-host is told. Pure."""

from __future__ import annotations

from enum import StrEnum

from slack_sdk.models.blocks import InputBlock, UserSelectElement

from bot.registry.ids import Action
from bot.slack.message import Message
from bot.texts import cohosts as t
from bot.views.common import mention, notice
from bot.views.mrkdwn import NAME_SHOWN, literal
from bot.views.mrkdwn import workplace as workplace_text
from models.hosts import hosts
from models.placements import Deal
from models.tables import HostSlot


class CohostBlock(StrEnum):
    """Co-hosting (a *medvært* shares the host's side): the slot modal's co-host picker."""

    SLOT_COHOST = "slot_cohost"


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


def cohost_error(*, both_sides: bool) -> dict[str, str]:
    """The inline error on the co-host field: the host named themselves, or someone on the
    other side of one of the slot's placements (`both_sides`)."""
    return {CohostBlock.SLOT_COHOST.value: t.ERR_BOTH_SIDES if both_sides else t.ERR_SELF}


def cohost_added(host: str, slot: HostSlot) -> Message:
    return notice(t.added(host, workplace_text(slot.workplace)))


def cohost_removed(host: str, slot: HostSlot) -> Message:
    return notice(t.removed(host, workplace_text(slot.workplace)))
