"""The fake Slack's workspace state and what every Web API family shares.

`Workspace` holds users, channels and screens, hands out IDs and timestamps, resolves
channels, checks message bodies against Block Kit's limits and normalises blocks as Slack
does. The method families (`fake_chat`, `fake_views`, …) are mixins on it; `FakeSlack`
in `fake_slack` puts them together behind the HTTP server.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import random
import string
import time
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

from bot.sandbox import blockkit_limits as limits
from bot.sandbox.fake_state import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_ID,
    TRIGGER_TTL,
    ApiError,
    Call,
    FakeUser,
    Message,
    ResponseUrl,
    Screen,
    StoredFile,
    Trigger,
    Upload,
)

_JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata")
_ALNUM = string.ascii_uppercase + string.digits


class Workspace:
    """Users, channels, screens and IDs: the state every method family reads and writes."""

    def __init__(
        self,
        *,
        trigger_ttl: float | None = TRIGGER_TTL,
        clock: Callable[[], float] = time.monotonic,
        seed: int = 0,
    ) -> None:
        # None switches the trigger expiry off, for the sandbox and slow tests.
        self.trigger_ttl = trigger_ttl
        self.clock = clock
        self.team_id = TEAM_ID
        # Set to an organisation's ID (E…) to play a workspace of an Enterprise Grid.
        self.enterprise_id: str | None = None
        self.bot_user_id = BOT_USER_ID
        self.bot_id = BOT_ID
        self.app_id = APP_ID
        self.calls: list[Call] = []
        self.files: dict[str, StoredFile] = {}
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, list[Message]] = {}
        self._screens: dict[str, Screen] = {}
        self._dm_owner: dict[str, str] = {}
        self._triggers: dict[str, Trigger] = {}
        self._response_urls: dict[str, ResponseUrl] = {}
        self._uploads: dict[str, Upload] = {}
        self._rng = random.Random(seed)
        self._counter = 0
        self._last_ts = 0.0
        self._seq = 0
        self._cond = asyncio.Condition()
        self._port: int | None = None
        self.users[BOT_USER_ID] = FakeUser(BOT_USER_ID, "praktikbot", "Praktikbot", is_bot=True)

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeSlack is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}api/"

    # --- the workspace ----------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        real_name: str,
        title: str = "",
        email: str = "",
        deleted: bool = False,
    ) -> FakeUser:
        user = FakeUser(user_id, name, real_name, title=title, email=email, deleted=deleted)
        self.users[user_id] = user
        self.screen(user_id)
        return user

    def screen(self, user_id: str) -> Screen:
        screen = self._screens.get(user_id)
        if screen is None:
            dm = self._dm_id_for(user_id)
            screen = Screen(user_id=user_id, dm_channel=dm)
            self._screens[user_id] = screen
            self._dm_owner[dm] = user_id
            self.channels[dm] = screen.dms
        return screen

    def dm_channel(self, user_id: str) -> str:
        return self.screen(user_id).dm_channel

    def messages(self, channel_id: str) -> list[Message]:
        return self.channels.get(channel_id, [])

    def issue_trigger(self, user_id: str) -> str:
        self._counter += 1
        trigger = f"{self._counter}.{int(time.time())}.{self._token(16).lower()}"
        self._triggers[trigger] = Trigger(user_id, self.clock())
        return trigger

    def new_response_url(
        self, user_id: str, channel_id: str, *, original: Message | None = None
    ) -> str:
        token = self._token(24)
        self._response_urls[token] = ResponseUrl(user_id, channel_id, original)
        return f"{self.base_url}respond/{token}"

    def find_view(self, view_id: str) -> tuple[Screen, dict[str, Any]] | None:
        for screen in self._screens.values():
            for view in [*screen.modals, *([screen.home] if screen.home else [])]:
                if view_id in (view["id"], view.get("external_id") or None):
                    return screen, view
        return None

    # --- calls ------------------------------------------------------------------------

    async def _record(self, method: str, params: dict[str, Any], error: str | None) -> None:
        self.calls.append(Call(method, params, self.clock(), error))
        async with self._cond:
            self._cond.notify_all()

    # --- ids --------------------------------------------------------------------------

    def _token(self, length: int) -> str:
        return "".join(self._rng.choice(_ALNUM) for _ in range(length))

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}0{self._counter:08d}"

    def _dm_id_for(self, user_id: str) -> str:
        candidate = "D" + user_id[1:]
        while candidate in self._dm_owner or candidate in self.channels:
            candidate += "X"
        return candidate

    def _next_ts(self) -> str:
        now = max(time.time(), self._last_ts + 0.000001)
        self._last_ts = now
        return f"{now:.6f}"

    def _tick(self) -> int:
        self._seq += 1
        return self._seq

    def _new_hash(self) -> str:
        return f"{int(time.time())}.{self._token(8)}"

    # --- messages ---------------------------------------------------------------------

    def _resolve_channel(self, raw: Any) -> str:
        channel = str(raw or "")
        if channel[:1] in ("U", "W"):
            user = self.users.get(channel)
            if user is None or user.deleted or user.is_bot:
                raise ApiError("channel_not_found")
            return self.dm_channel(channel)
        if channel[:1] == "D":
            if channel not in self._dm_owner:
                raise ApiError("channel_not_found")
            return channel
        if channel[:1] in ("C", "G"):
            self.channels.setdefault(channel, [])
            return channel
        raise ApiError("channel_not_found")

    def _message_body(self, params: Mapping[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        text = params.get("text")
        blocks = params.get("blocks")
        errors = limits.validate_message(
            text=text if isinstance(text, str) else None,
            blocks=blocks if blocks is not None else None,
        )
        if errors:
            if all(e.endswith("[json-pointer:/text]") for e in errors):
                raise ApiError("msg_too_long")
            raise ApiError("invalid_blocks", errors=errors, messages=errors)
        return (text if isinstance(text, str) else ""), self._normalize_blocks(blocks or [])

    # --- Block Kit normalisation ------------------------------------------------------

    def _normalize_blocks(self, blocks: Any) -> list[dict[str, Any]]:
        """Slack fills in missing block_ids and action_ids and marks plain_text emoji."""
        result: list[dict[str, Any]] = copy.deepcopy(list(blocks))
        for block in result:
            if "block_id" not in block:
                block["block_id"] = self._token(5)
            for element in _elements_of(block):
                if (
                    element.get("type") in limits.INTERACTIVE_ELEMENTS
                    and "action_id" not in element
                ):
                    element["action_id"] = self._token(5)
            _add_emoji(block)
        return result


def _elements_of(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key in ("element", "accessory"):
        if isinstance(block.get(key), dict):
            found.append(block[key])
    if block.get("type") == "actions" and isinstance(block.get("elements"), list):
        found.extend(e for e in block["elements"] if isinstance(e, dict))
    return found


def _add_emoji(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "plain_text" and "text" in node:
            node.setdefault("emoji", True)
        for value in node.values():
            _add_emoji(value)
    elif isinstance(node, list):
        for value in node:
            _add_emoji(value)


def with_emoji(text: Any) -> Any:
    copied = copy.deepcopy(text)
    _add_emoji(copied)
    return copied


async def read_params(request: web.Request) -> dict[str, Any]:
    """Query string, then a JSON or form body; JSON-in-a-string fields decoded."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body = json.loads(await request.text() or "{}")
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    for key in _JSON_FIELDS:
        value = params.get(key)
        if isinstance(value, str) and value[:1] in ("[", "{"):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params
