"""A message as the bot sends it: the fallback text and the blocks, as one typed value.

Views build it, services pass it on, and it becomes Slack's JSON only where Slack is called
(`bot.slack.dm`, the handlers' ack and respond, the outbox's stored payload), so nothing above
that edge reads or edits a message as a dict. Modals and App Home are slack_sdk's `View`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block


@dataclass(frozen=True, slots=True)
class Message:
    """`text` is what notifications and screen readers show; Slack draws `blocks`."""

    text: str
    blocks: tuple[Block, ...] = ()

    @classmethod
    def of(cls, text: str, blocks: Sequence[Block]) -> Message:
        return cls(text, tuple(blocks))

    def to_dict(self) -> dict[str, Any]:
        """The arguments of chat.postMessage, chat.update, respond and ack (`**` them)."""
        return {"text": self.text, "blocks": [b.to_dict() for b in self.blocks]}


class Rendered(Block):
    """A block already turned into Slack's dict, for a cache of blocks that are sent often
    (search results): serialising slack_sdk's objects again each time cost most of a
    search's CPU under load."""

    def __init__(self, rendered: dict[str, Any]) -> None:
        super().__init__(type=rendered.get("type"), block_id=rendered.get("block_id"))
        self._rendered = rendered

    @classmethod
    def of(cls, block: Block) -> Rendered:
        return cls(block.to_dict())

    def to_dict(self, *args: Any) -> dict[str, Any]:
        return self._rendered
