"""The welcome: the season's dates and the two ways in, as a DM and at the top of App Home."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block

from bot.domain.season import Season
from bot.registry.ids import FindAction, SlotAction
from bot.slack.message import Message
from bot.texts import welcome as t
from bot.views.common import button, md, message


def text(season: Season) -> str:
    return t.welcome(season.days[0], season.days[-1], season.signup_deadline)


def starters() -> ActionsBlock:
    """*Tilbyd en plads* / *Find en praktik*: each opens its sign-up form."""
    return ActionsBlock(
        elements=[
            button(t.OFFER, SlotAction.EDIT, "new", style="primary"),
            button(t.FIND, FindAction.EDIT_WISH, "new", style="primary"),
        ]
    )


def blocks(season: Season) -> list[Block]:
    return [md(text(season)), starters()]


def welcome_dm(season: Season) -> Message:
    return message(text(season), blocks(season))
