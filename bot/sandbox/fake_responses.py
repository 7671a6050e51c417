"""response_url, and what Slack shows for the app's HTTP answers to interactions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from bot.sandbox import blockkit_limits as limits
from bot.sandbox.fake_chat import ChatApi
from bot.sandbox.fake_state import (
    RESPONSE_URL_USES,
    ApiError,
    AppResponseError,
    Message,
    ResponseUrl,
    SubmitAction,
)
from bot.sandbox.fake_views import ViewsApi
from bot.sandbox.fake_workspace import read_params


class ResponsesApi(ChatApi, ViewsApi):
    async def _respond(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        try:
            body = await read_params(request)
        except ValueError:
            body = {}
        await self._record("response_url", {**body, "response_url": str(request.url)}, None)
        target = self._response_urls.get(token)
        if target is None:
            return web.json_response({"ok": False, "error": "invalid_token"}, status=404)
        target.uses += 1
        if target.uses > RESPONSE_URL_USES:
            return web.json_response({"ok": False, "error": "expired_url"}, status=404)
        try:
            self._apply_response(target, body)
        except ApiError as e:
            return web.json_response(e.body(), status=400)
        return web.json_response({"ok": True})

    def _apply_response(self, target: ResponseUrl, body: Mapping[str, Any]) -> Message | None:
        screen = self.screen(target.user_id)
        original = target.original
        if _truthy(body.get("delete_original")):
            if original is not None:
                _discard(screen.ephemerals, original)
                _discard(self.channels.get(original.channel, []), original)
                target.original = None
            return None
        if not body.get("text") and not body.get("blocks"):
            raise ApiError("no_text")
        text, blocks = self._message_body(body)
        if _truthy(body.get("replace_original")) and original is not None:
            original.text = text
            original.blocks = blocks
            original.seq = self._tick()
            return original
        if body.get("response_type") == "in_channel":
            channel = self._resolve_channel(target.channel_id)
            message = Message(
                ts=self._next_ts(), channel=channel, text=text, blocks=blocks, seq=self._tick()
            )
            self.channels[channel].append(message)
        else:
            message = self.show_ephemeral(
                target.user_id, target.channel_id, text=text, blocks=blocks, normalized=True
            )
        if target.original is None:
            target.original = message
        return message

    def response_user(self, response_url: str) -> str | None:
        """Whom an answer to `response_url` is shown to (None: not a URL we issued)."""
        target = self._response_urls.get(response_url.rsplit("/", 1)[-1])
        return target.user_id if target is not None else None

    def _response_target(self, response_url: str) -> ResponseUrl:
        return self._response_urls[response_url.rsplit("/", 1)[-1]]

    # --- the app's answers to interactions --------------------------------------------

    def show_command_response(
        self, user_id: str, channel_id: str, body: Any, response_url: str
    ) -> Message | None:
        """What Slack shows for a slash command's HTTP answer (ack with text or blocks)."""
        if body is None or body == "":
            return None
        if isinstance(body, str):
            body = {"text": body}
        try:
            return self._apply_response(self._response_target(response_url), body)
        except ApiError as e:
            raise AppResponseError(f"slash command answer refused: {e.body()}") from None

    def apply_submission_response(
        self, user_id: str, body: Any
    ) -> tuple[SubmitAction, dict[str, str]]:
        """Slack's `response_action` semantics on the user's modal stack."""
        screen = self.screen(user_id)
        if not screen.modals:
            raise AppResponseError("no modal is open")
        if body is None or body == "" or body == {}:
            screen.modals.pop()
            return "close", {}
        if not isinstance(body, dict):
            raise AppResponseError(f"a view_submission answer must be JSON, got {body!r}")
        action = body.get("response_action")
        top = screen.modals[-1]
        if action == "errors":
            errors = body.get("errors")
            inputs = {b.get("block_id") for b in top["blocks"] if b.get("type") == "input"}
            if not isinstance(errors, dict) or not errors or set(errors) - inputs:
                raise AppResponseError(f"errors must name input blocks {sorted(inputs)}: {errors}")
            return "errors", {str(k): str(v) for k, v in errors.items()}
        if action in ("update", "push"):
            raw = body.get("view")
            problems = limits.validate_view(raw)
            if problems or not isinstance(raw, dict) or raw.get("type") != "modal":
                raise AppResponseError(f"response_action {action} with an invalid view: {problems}")
            try:
                if action == "update":
                    self.replace_view(screen, top, raw)
                    return "update", {}
                self.push_view(screen, raw)
                return "push", {}
            except ApiError as e:
                raise AppResponseError(e.error) from None
        if action == "clear":
            screen.modals.clear()
            return "clear", {}
        raise AppResponseError(f"unknown response_action in {body!r}")


def _discard(items: list[Message], message: Message) -> None:
    if message in items:
        items.remove(message)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")
