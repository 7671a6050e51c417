"""Block Kit of the season's life: the invitation back, the sign-up-not-open notice."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot import texts
from bot.registry.ids import FindAction, SlotAction
from bot.registry.ids import View as ViewId
from bot.slack.message import Message
from bot.texts import season as t
from bot.views.common import button, message, modal_view


def invitation(year: int, *, host: bool, intern: bool) -> Message:
    """The DM to last year's participants when a season opens: one button per role they had,
    each opening its form filled in with last year's answers."""
    buttons = []
    if host:
        buttons.append(button(t.INVITE_AS_HOST, SlotAction.EDIT, "again", style="primary"))
    if intern:
        buttons.append(button(t.INVITE_AS_INTERN, FindAction.EDIT_WISH, "again", style="primary"))
    text = t.invite(year)
    return message(
        text, [SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(elements=buttons)]
    )


def signup_not_open(year: int, opens: str) -> View:
    """A modal in place of the sign-up form between seasons (a command and a button both
    carry a trigger, so both are answered the same way)."""
    return modal_view(
        ViewId.ERROR,
        title=t.SIGNUP_CLOSED_TITLE,
        close=texts.CLOSE,
        blocks=[SectionBlock(text=MarkdownTextObject(text=t.signup_not_open(year, opens)))],
    )
