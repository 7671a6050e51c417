"""chat.*: messages in channels and DMs, and ephemerals on one user's screen."""

from __future__ import annotations

from typing import Any

from bot.sandbox.fake_state import ApiError, Message
from bot.sandbox.fake_workspace import Workspace


class ChatApi(Workspace):
    def _chat_post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(params.get("channel"))
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            raise ApiError("no_text")
        text, blocks = self._message_body(params)
        message = Message(
            ts=self._next_ts(),
            channel=channel,
            text=text,
            blocks=blocks,
            thread_ts=params.get("thread_ts"),
            metadata=params.get("metadata"),
            seq=self._tick(),
        )
        self.channels[channel].append(message)
        return {"channel": channel, "ts": message.ts, "message": message.payload()}

    def _find_message(self, channel: Any, ts: Any) -> Message:
        if str(channel or "")[:1] in ("U", "W"):
            raise ApiError("channel_not_found")
        if channel not in self.channels:
            raise ApiError("channel_not_found")
        for message in self.channels[channel]:
            if message.ts == ts:
                return message
        raise ApiError("message_not_found")

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_message(params.get("channel"), params.get("ts"))
        text, blocks = self._message_body(params)
        message.text = text if "text" in params else message.text
        if "blocks" in params:
            message.blocks = blocks
        message.edited = True
        message.seq = self._tick()
        return {
            "channel": message.channel,
            "ts": message.ts,
            "text": message.text,
            "message": message.payload(),
        }

    def _chat_delete(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find_message(params.get("channel"), params.get("ts"))
        self.channels[message.channel].remove(message)
        return {"channel": message.channel, "ts": message.ts}

    def _chat_post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user", "")))
        if user is None:
            raise ApiError("user_not_found")
        channel = self._resolve_channel(params.get("channel"))
        owner = self._dm_owner.get(channel)
        if owner is not None and owner != user.id:
            raise ApiError("user_not_in_channel")
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            raise ApiError("no_text")
        text, blocks = self._message_body(params)
        message = self.show_ephemeral(user.id, channel, text=text, blocks=blocks, normalized=True)
        return {"message_ts": message.ts}

    def show_ephemeral(
        self,
        user_id: str,
        channel_id: str,
        *,
        text: str,
        blocks: list[dict[str, Any]],
        normalized: bool = False,
    ) -> Message:
        message = Message(
            ts=self._next_ts(),
            channel=channel_id,
            text=text,
            blocks=blocks if normalized else self._normalize_blocks(blocks),
            ephemeral=True,
            seq=self._tick(),
        )
        self.screen(user_id).ephemerals.append(message)
        return message
