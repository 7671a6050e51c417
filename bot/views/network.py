"""Block Kit of the network: what an entry shows, the opt-in preview, search results, the
command's other answers, and the invitation to join under the evaluation DM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.buttons.values import PlacementButton
from bot.domain.placement import Role
from bot.registry.ids import NetworkAction
from bot.slack.message import Message
from bot.texts import network as t
from bot.views.common import button, md, mention, message, notice, user_text
from bot.views.mrkdwn import literal
from models.tables import NetworkEntry

SHOWN = 10  # results shown for one search


def did_lines(did: Sequence[Mapping[str, Any]]) -> list[str]:
    """What the person did, newest first, each as a line a reader understands."""
    lines = []
    for item in did:
        workplace, year = literal(str(item.get("workplace", "")), 150), int(item.get("year", 0))
        lines.append(
            t.did_host(workplace, year)
            if item.get("role") == Role.HOST
            else t.did_intern(workplace, year)
        )
    return lines


def did_text(did: Sequence[Mapping[str, Any]]) -> str:
    """The same, as one line of plain text (what the search reads)."""
    return " · ".join(did_lines(did))


def person_block(entry: NetworkEntry) -> SectionBlock:
    did = did_lines(entry.did) or [t.NOTHING_YET]
    return SectionBlock(
        fields=[
            MarkdownTextObject(
                text=f"*{t.NAME}*\n{mention(entry.slack_user_id)} ({user_text(entry.name, 100)})"
            ),
            MarkdownTextObject(text=f"*{t.TITLE}*\n{user_text(entry.title, 150)}"),
            MarkdownTextObject(text=f"*{t.WORKPLACE}*\n{user_text(entry.workplace, 150)}"),
            MarkdownTextObject(text=f"*{t.DID}*\n" + "\n".join(did[:5])),
        ]
    )


def usage() -> Message:
    """`/praktik netværk` without a word."""
    return notice(t.USAGE)


def not_signed_up() -> Message:
    """Someone with no slot or wish has nothing to show in the network."""
    return notice(t.NOT_SIGNED_UP)


def confirmed(*, joined: bool) -> Message:
    """The confirm button: in the network now, or nothing to show after all."""
    return notice(t.JOINED if joined else t.NOT_SIGNED_UP)


def left(*, removed: bool) -> Message:
    """`/praktik netværk fra`: out of it, or never in it."""
    return notice(t.LEFT if removed else t.NOT_IN)


def empty_query() -> Message:
    return notice(t.EMPTY_QUERY)


def preview(entry: NetworkEntry, *, already: bool) -> Message:
    """`/praktik netværk til`: what others will see, and the button that makes it so."""
    blocks: list[Block] = [
        md(t.ALREADY_IN if already else t.PREVIEW_INTRO),
        person_block(entry),
        ActionsBlock(elements=[button(t.CONFIRM, NetworkAction.CONFIRM, "on", style="primary")]),
    ]
    return message(t.PREVIEW_INTRO, blocks)


def join_block(placement_id: int) -> ActionsBlock:
    """Under the evaluation DM: a separate block, so the evaluation's own blocks stay as
    they are."""
    return ActionsBlock(
        block_id=f"network_{placement_id}",
        elements=[button(t.JOIN, NetworkAction.JOIN, PlacementButton(placement_id).encode())],
    )


def join_intro() -> SectionBlock:
    return md(t.JOIN_INTRO)


def results(query: str, found: Sequence[NetworkEntry], total: int) -> Message:
    shown = literal(query, 100)
    if not found:
        return message(t.none_found(shown), [md(t.none_found(shown))])
    head = t.found(total, shown)
    blocks: list[Block] = [md(head)]
    for entry in found[:SHOWN]:
        blocks.append(person_block(entry))
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=t.write_to(mention(entry.slack_user_id)))]
            )
        )
    if total > SHOWN:
        blocks.append(md(t.more(SHOWN)))
    return message(head, blocks)
