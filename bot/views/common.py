"""Small pieces shared by the message builders: days, places, people, buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import Block, ButtonElement, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot import texts
from bot.domain.geo import municipality
from bot.domain.season import Season
from bot.slack.message import Message
from bot.views.mrkdwn import SECTION_TEXT, fit, literal

MAX_SHOWN_TEXT = 600


def days_text(days: Sequence[int], season: Season) -> str:
    return ", ".join(season.weekday_label(d) for d in sorted(days)) or texts.NOT_GIVEN


def place_text(code: str | None, region: str | None) -> str:
    if code is None:
        return texts.NOT_GIVEN
    found = municipality(code)
    if found is None:
        return texts.CENTRAL_ADMINISTRATION_LABEL
    return f"{found.name}, {found.region}"


def sector_text(sector: str | None) -> str:
    return texts.SECTOR_LABELS.get(sector or "", texts.NOT_GIVEN)


def user_text(text: str, limit: int = MAX_SHOWN_TEXT) -> str:
    """Free text a user wrote, safe to show in mrkdwn."""
    return literal(text, limit) if text else texts.NOT_GIVEN


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


def button(
    label: str, action_id: str, value: str, style: str | None = None, confirm: Any = None
) -> ButtonElement:
    return ButtonElement(text=label, action_id=action_id, value=value, style=style, confirm=confirm)


def message(fallback: str, blocks: Sequence[Block]) -> Message:
    """A message whose fallback is cut to what Slack shows of it."""
    return Message.of(fit(fallback, 3000), blocks)


def md(text: str) -> SectionBlock:
    """A section of mrkdwn, within Slack's 3,000 characters whatever went into it."""
    return SectionBlock(text=MarkdownTextObject(text=fit(text, SECTION_TEXT)))


def notice(text: str) -> Message:
    """A one-sentence answer: the text (mrkdwn) as the fallback and as the only block."""
    return message(text, [md(text)])


def modal_view(
    callback_id: str,
    *,
    title: str,
    close: str,
    blocks: Sequence[Block],
    submit: str | None = None,
    private_metadata: str | None = None,
) -> View:
    """A modal view; without `submit` it only informs and has just the close button."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close=close,
        private_metadata=private_metadata,
        blocks=list(blocks),
    )
