"""Block Kit of mine-data and slet-mine-data: the prompt before erasing."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ConfirmObject, SectionBlock

from bot.ids import PrivacyAction
from bot.texts import privacy as t
from bot.views.common import button, message


def delete_prompt() -> dict[str, Any]:
    confirm = ConfirmObject(
        title=t.DELETE_CONFIRM_TITLE,
        text=t.DELETE_CONFIRM_TEXT,
        confirm=t.DELETE_YES,
        deny=t.DELETE_NO,
        style="danger",
    )
    return message(
        t.DELETE_PROMPT,
        [
            SectionBlock(text=t.DELETE_PROMPT),
            ActionsBlock(
                elements=[
                    button(
                        t.DELETE_BUTTON,
                        PrivacyAction.DELETE_MY_DATA,
                        "delete",
                        style="danger",
                        confirm=confirm,
                    )
                ]
            ),
        ],
    )
