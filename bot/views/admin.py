"""Block Kit of /praktik admin: help, refusal, the season's settings, announcements."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.buttons.values import Announcement
from bot.slack.message import Message
from bot.texts import admin as t
from bot.views.common import button, message
from bot.views.mrkdwn import angles, literal


def not_coordinator() -> Message:
    return message(t.NOT_COORDINATOR, [SectionBlock(text=t.NOT_COORDINATOR)])


def admin_help(unknown: str | None) -> Message:
    lines = "\n".join(f"`{angles(command)}` – {angles(what)}" for command, what in t.HELP_LINES)
    head = t.unknown(literal(unknown, 60)) if unknown else f"*{t.HELP_TITLE}*"
    return message(head, [SectionBlock(text=MarkdownTextObject(text=f"{head}\n{lines}"))])


def season_settings(facts: str) -> Message:
    """The season's settings as they stand (`facts`), with how to change them."""
    return message(
        t.SEASON_TITLE,
        [
            SectionBlock(text=MarkdownTextObject(text=facts)),
            ContextBlock(elements=[MarkdownTextObject(text=t.SEASON_USAGE)]),
        ],
    )


def announcement_blocks(text: str) -> list[Block]:
    # Plain text shows the message as written and stays within Slack's 3,000 characters,
    # where escaping for mrkdwn could make 1,900 characters of "&" five times as long.
    return [
        SectionBlock(text=MarkdownTextObject(text=f"*{t.ANNOUNCE_FROM}*")),
        SectionBlock(text=PlainTextObject(text=text, emoji=False)),
    ]


def announcement(text: str) -> Message:
    """The DM: what the preview showed, the text as written, mentions and links not live
    (the fallback text for notifications is escaped the same way)."""
    return Message.of(angles(text), announcement_blocks(text))


@dataclass(frozen=True)
class AnnounceChoice:
    """One send button of the preview: its label, what it carries and whom it reaches."""

    label: str
    action_id: str
    sends: Announcement
    reaches: str


def announce_preview(text: str, head: str, choices: list[AnnounceChoice]) -> Message:
    """The announcement as its recipients will see it, under `head`, with a send button
    for each choice, whose confirm dialog says whom that button reaches."""
    buttons = [
        button(
            choice.label,
            choice.action_id,
            choice.sends.encode(),
            style="primary" if len(choices) == 1 else None,
            confirm=ConfirmObject(
                title=t.ANNOUNCE_CONFIRM_TITLE,
                text=choice.reaches,
                confirm=t.ANNOUNCE_CONFIRM_YES,
                deny=t.ANNOUNCE_CONFIRM_NO,
            ),
        )
        for choice in choices
    ]
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=head)),
        *announcement_blocks(text),
        ActionsBlock(elements=buttons),
    ]
    return message(head, blocks)
