"""What a user sees when something failed inside the app."""

from __future__ import annotations

from slack_sdk.models.blocks import SectionBlock
from slack_sdk.models.views import View

from bot import texts
from bot.registry.ids import View as ViewId
from bot.slack.message import Message
from bot.views.common import modal_view


def error_text() -> Message:
    return Message(texts.INTERNAL_ERROR, (SectionBlock(text=texts.INTERNAL_ERROR),))


def error_modal() -> View:
    return modal_view(
        ViewId.ERROR,
        title=texts.INTERNAL_ERROR_TITLE,
        close=texts.CLOSE,
        blocks=[SectionBlock(text=texts.INTERNAL_ERROR)],
    )
