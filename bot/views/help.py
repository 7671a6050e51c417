"""The help answer to `/praktik` and `/praktik hjælp`."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.slack.message import Message
from bot.texts import commands as ct
from bot.views.mrkdwn import angles, literal


def help_message(unknown: str | None = None) -> Message:
    # "<søgeord>" must reach Slack as &lt;…&gt; or it is read as a link.
    lines = "\n".join(f"`{angles(command)}` – {angles(what)}" for command, what in texts.HELP_LINES)
    blocks: list[Block] = []
    if unknown is not None:
        blocks.append(SectionBlock(text=texts.unknown_subcommand(literal(unknown, 60))))
    blocks += [
        HeaderBlock(text=texts.HELP_TITLE),
        SectionBlock(text=MarkdownTextObject(text=texts.HELP_INTRO)),
        SectionBlock(text=MarkdownTextObject(text=lines)),
        ContextBlock(elements=[MarkdownTextObject(text=texts.HELP_FOOTER)]),
    ]
    fallback = texts.unknown_subcommand(literal(unknown, 60)) if unknown else texts.HELP_TITLE
    return Message.of(fallback, blocks)


def typo_message(word: str, command: str, *, admin: bool = False) -> Message:
    """A word that is not a command but close to one: name the command it most likely meant.
    `command` is the whole suggested command line (the user's own arguments included)."""
    sentence = ct.did_you_mean_admin if admin else ct.did_you_mean
    shown = literal(command.strip(), 120).replace("`", "'")
    text = sentence(literal(word, 60), shown)
    return Message(text, (SectionBlock(text=MarkdownTextObject(text=text)),))
