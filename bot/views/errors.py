"""What a user sees when something failed inside the app."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import SectionBlock

from bot import texts
from bot.ids import View as ViewId
from bot.views.common import modal_view


def error_text() -> dict[str, Any]:
    return {
        "text": texts.INTERNAL_ERROR,
        "blocks": [SectionBlock(text=texts.INTERNAL_ERROR).to_dict()],
    }


def error_modal() -> dict[str, Any]:
    return modal_view(
        ViewId.ERROR,
        title=texts.INTERNAL_ERROR_TITLE,
        close=texts.CLOSE,
        blocks=[SectionBlock(text=texts.INTERNAL_ERROR)],
    )
