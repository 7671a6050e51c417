"""One local Slack: the Web API the app calls, and what each user would see.

`FakeSlack` is a real aiohttp server on a loopback port. The app talks to it with the
real `slack_sdk` client (`AsyncWebClient(base_url=fake.api_url)`), so wire formats, token
handling, retries and Block Kit limits are exercised exactly as against slack.com. The
same instance backs the tests and `praktik sandbox`.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import random
import socket
import string
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Literal, Self
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.sandbox import blockkit_limits as limits
from bot.sandbox.fake_limits import Limits, SlackLimits
from bot.slack.pacing import WORKSPACE_POSTS_PER_MINUTE

TEAM_ID = "T0PRAKTIK"
TEAM_DOMAIN = "praktik-sandbox"
BOT_USER_ID = "UBOT"
BOT_ID = "B0PRAKTIK"
APP_ID = "A0PRAKTIK"
# Not secrets: the fake accepts only this token, and nothing outside the loopback sees it.
BOT_TOKEN = "xoxb-praktik-sandbox"  # noqa: S105
VERIFICATION_TOKEN = "praktik-verification-token"  # noqa: S105
TRIGGER_TTL = 3.0
MAX_MODAL_STACK = 3
RESPONSE_URL_USES = 5
_JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata")
_ALNUM = string.ascii_uppercase + string.digits

SubmitAction = Literal["close", "errors", "update", "push", "clear"]


class AppResponseError(Exception):
    """The app answered Slack with something Slack would refuse or show as an error."""


class _ApiError(Exception):
    def __init__(self, error: str, *, messages: Iterable[str] = (), errors: Iterable[str] = ()):
        super().__init__(error)
        self.error = error
        self.messages = list(messages)
        self.errors = list(errors)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.errors:
            body["errors"] = self.errors
        if self.messages:
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    at: float
    error: str | None = None  # None when Slack answered ok


@dataclass
class StoredFile:
    id: str
    name: str
    title: str
    content: bytes
    mimetype: str
    created: int
    channels: list[str] = field(default_factory=list)
    alt_txt: str | None = None
    user: str = BOT_USER_ID

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def filetype(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else "binary"

    def text(self, encoding: str = "utf-8") -> str:
        return self.content.decode(encoding)

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": self.created,
            "name": self.name,
            "title": self.title,
            "mimetype": self.mimetype,
            "filetype": self.filetype,
            "user": self.user,
            "size": self.size,
            "channels": list(self.channels),
        }


@dataclass
class Message:
    ts: str
    channel: str
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    user: str = BOT_USER_ID
    ephemeral: bool = False
    thread_ts: str | None = None
    files: list[StoredFile] = field(default_factory=list)
    edited: bool = False
    metadata: dict[str, Any] | None = None
    seq: int = 0

    def payload(self) -> dict[str, Any]:
        """The `message` object Slack puts in API answers and block_actions payloads."""
        body: dict[str, Any] = {
            "user": self.user,
            "type": "message",
            "ts": self.ts,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": self.text,
            "team": TEAM_ID,
            "blocks": copy.deepcopy(self.blocks),
        }
        if self.thread_ts:
            body["thread_ts"] = self.thread_ts
        if self.files:
            body["files"] = [f.payload() for f in self.files]
        if self.edited:
            body["edited"] = {"user": self.user, "ts": self.ts}
        return body


@dataclass
class FakeUser:
    id: str
    name: str
    real_name: str
    title: str = ""
    email: str = ""
    deleted: bool = False
    is_bot: bool = False
    tz: str = "Europe/Copenhagen"

    def payload(self) -> dict[str, Any]:
        zone = ZoneInfo(self.tz)
        now = datetime.now(zone)
        offset = now.utcoffset()
        return {
            "id": self.id,
            "team_id": TEAM_ID,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": self.tz,
            "tz_label": now.tzname() or self.tz,
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": {
                "title": self.title,
                "real_name": self.real_name,
                "real_name_normalized": self.real_name,
                "display_name": self.name,
                "display_name_normalized": self.name,
                "email": self.email,
                "team": TEAM_ID,
            },
            "is_admin": False,
            "is_owner": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
        }


@dataclass
class Screen:
    """What one user sees: the app's DM, ephemerals, the modal stack, the home tab, files."""

    user_id: str
    dm_channel: str
    dms: list[Message] = field(default_factory=list)
    ephemerals: list[Message] = field(default_factory=list)
    modals: list[dict[str, Any]] = field(default_factory=list)
    home: dict[str, Any] | None = None
    files: list[StoredFile] = field(default_factory=list)
    view_seq: dict[str, int] = field(default_factory=dict)

    @property
    def modal(self) -> dict[str, Any] | None:
        return self.modals[-1] if self.modals else None


@dataclass
class _Trigger:
    user_id: str
    issued_at: float
    used: bool = False


@dataclass
class _ResponseUrl:
    user_id: str
    channel_id: str
    original: Message | None
    uses: int = 0


@dataclass
class _Fault:
    error: str | None
    status: int
    retry_after: int
    delay: float
    remaining: int | None


@dataclass
class _Upload:
    file_id: str
    filename: str
    length: int
    alt_txt: str | None
    content: bytes | None = None


Handler = Callable[[dict[str, Any]], dict[str, Any]]


class FakeSlack:
    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        trigger_ttl: float | None = TRIGGER_TTL,
        clock: Callable[[], float] = time.monotonic,
        seed: int = 0,
        limits: Limits | None = None,
        posts_per_minute: float = WORKSPACE_POSTS_PER_MINUTE,
    ) -> None:
        self.bot_token = bot_token
        # None switches the trigger expiry off, for the sandbox and slow tests.
        self.trigger_ttl = trigger_ttl
        self.clock = clock
        # Slack's rate limits (bot.sandbox.fake_limits), counted on `clock`; None: none.
        self.limits = (
            SlackLimits(clock=clock, posts_per_minute=posts_per_minute)
            if limits == "slack"
            else None
        )
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
        self._triggers: dict[str, _Trigger] = {}
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._uploads: dict[str, _Upload] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._limits: dict[str, int] = {}
        self._limit_log: dict[tuple[str, str], deque[float]] = {}
        self._rng = random.Random(seed)
        self._counter = 0
        self._last_ts = 0.0
        self._seq = 0
        self._cond = asyncio.Condition()
        self._in_flight = 0
        self._last_activity = 0.0
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        # Route installers run at start, before /api/{method} (e.g. fake_socket_mode).
        self.extensions: list[Callable[[web.Application], None]] = []
        self._handlers: dict[str, Handler] = {
            "api.test": lambda p: {"args": p},
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "conversations.open": self._conversations_open,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "files.info": self._files_info,
        }
        self.users[BOT_USER_ID] = FakeUser(BOT_USER_ID, "praktikbot", "Praktikbot", is_bot=True)

    # --- lifecycle --------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._track_activity], client_max_size=1024**3)
        for extend in self.extensions:
            extend(app)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/v1/{token}", self._upload)
        app.router.add_post("/respond/{token}", self._respond)
        # A client that gives up (timeout tests) cancels its slow answer, as at Slack.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

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
        self._triggers[trigger] = _Trigger(user_id, self.clock())
        return trigger

    def new_response_url(
        self, user_id: str, channel_id: str, *, original: Message | None = None
    ) -> str:
        token = self._token(24)
        self._response_urls[token] = _ResponseUrl(user_id, channel_id, original)
        return f"{self.base_url}respond/{token}"

    def find_view(self, view_id: str) -> tuple[Screen, dict[str, Any]] | None:
        for screen in self._screens.values():
            for view in [*screen.modals, *([screen.home] if screen.home else [])]:
                if view_id in (view["id"], view.get("external_id") or None):
                    return screen, view
        return None

    # --- calls and waiting ------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def clear_calls(self) -> None:
        self.calls.clear()

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the test-facing API names its own limit
    ) -> Call:
        """The first recorded call (earlier ones count too) to `method` matching `predicate`."""

        def match() -> Call | None:
            for c in self.calls:
                if c.method == method and (predicate is None or predicate(c)):
                    return c
            return None

        async def wait() -> Call:
            async with self._cond:
                while (found := match()) is None:
                    await self._cond.wait()
                return found

        try:
            return await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            seen = ", ".join(c.method for c in self.calls) or "nothing"
            raise TimeoutError(f"no matching {method} within {timeout}s (saw: {seen})") from None

    async def quiet(self, period: float = 0.1, limit: float = 10.0) -> None:
        """Return once nothing has reached the fake for `period` seconds."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        while True:
            now = loop.time()
            if self._in_flight == 0 and now - max(start, self._last_activity) >= period:
                return
            if now - start > limit:
                raise TimeoutError(f"the app kept calling Slack for {limit}s")
            await asyncio.sleep(period / 5)

    # --- faults -----------------------------------------------------------------------

    def fail(
        self,
        method: str,
        error: str | None = None,
        *,
        times: int | None = 1,
        status: int | None = None,
        retry_after: int = 1,
        delay: float = 0.0,
    ) -> None:
        """Make the next `times` calls (None: all) to `method` fail or answer slowly.

        Without `error` and `status`: "ratelimited" with 429 and Retry-After, unless only
        `delay` is given, which answers normally after the delay. `status=500` without
        an error answers with an HTML body, as Slack's edge does.
        """
        if error is None and status is None and delay == 0.0:
            error = "ratelimited"
        if status is None:
            status = 429 if error == "ratelimited" else 200
        elif status == 429 and error is None:
            error = "ratelimited"
        fault = _Fault(error, status, retry_after, delay, times)
        self._faults.setdefault(method, []).append(fault)

    def rate_limit(self, method: str, per_channel_per_second: int | None = 1) -> None:
        """Answer 429 + Retry-After when a channel gets more than N calls in a second."""
        if per_channel_per_second is None:
            self._limits.pop(method, None)
        else:
            self._limits[method] = per_channel_per_second

    def reset_faults(self) -> None:
        self._faults.clear()
        self._limits.clear()
        self._limit_log.clear()

    # --- HTTP plumbing ----------------------------------------------------------------

    @web.middleware
    async def _track_activity(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            opened: web.StreamResponse = await handler(request)  # Socket Mode: open for hours
            return opened
        loop = asyncio.get_running_loop()
        self._in_flight += 1
        self._last_activity = loop.time()
        try:
            response: web.StreamResponse = await handler(request)
            return response
        finally:
            self._in_flight -= 1
            self._last_activity = loop.time()

    async def _record(self, method: str, params: dict[str, Any], error: str | None) -> None:
        self.calls.append(Call(method, params, self.clock(), error))
        async with self._cond:
            self._cond.notify_all()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params = await _read_params(request)
        except ValueError:
            await self._record(method, {}, "invalid_json")
            return web.json_response({"ok": False, "error": "invalid_json"})
        token = _bearer(request) or params.pop("token", None)
        params.pop("token", None)
        fault = self._take_fault(method)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.error is not None or fault.status != 200:
                await self._record(method, params, fault.error or f"http_{fault.status}")
                return _fault_response(fault)
        handler = self._handlers.get(method)
        try:
            if handler is None:
                raise _ApiError("unknown_method")
            if not token:
                raise _ApiError("not_authed")
            if token != self.bot_token:
                raise _ApiError("invalid_auth")
            if self.limits is not None:
                wait = self.limits.check(method, self._limited_channel(method, params))
                if wait is not None:
                    await self._record(method, params, "ratelimited")
                    return web.json_response(
                        {"ok": False, "error": "ratelimited"},
                        status=429,
                        headers={"Retry-After": str(wait)},
                    )
            if self._over_limit(method, params):
                await self._record(method, params, "ratelimited")
                return web.json_response(
                    {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
                )
            result = handler(params)
        except _ApiError as e:
            await self._record(method, params, e.error)
            return web.json_response(e.body())
        await self._record(method, params, None)
        return web.json_response({"ok": True, **result})

    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        if fault.remaining is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                queue.pop(0)
        return fault

    def _limited_channel(self, method: str, params: Mapping[str, Any]) -> str | None:
        """The channel a post counts against: a user ID means their DM with the app."""
        if method != "chat.postMessage":
            return None
        channel = str(params.get("channel") or "")
        if channel[:1] in ("U", "W") and channel in self.users:
            return self.dm_channel(channel)
        return channel or None

    def _over_limit(self, method: str, params: Mapping[str, Any]) -> bool:
        limit = self._limits.get(method)
        if limit is None:
            return False
        key = str(params.get("channel") or params.get("user_id") or params.get("user") or "")
        log = self._limit_log.setdefault((method, key), deque())
        now = self.clock()
        while log and now - log[0] >= 1.0:
            log.popleft()
        if len(log) >= limit:
            return True
        log.append(now)
        return False

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

    # --- auth and users ---------------------------------------------------------------

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.base_url,
            "team": "Praktik Sandbox",
            "user": "praktikbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
            **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
        }

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user", "")))
        if user is None:
            raise _ApiError("user_not_found")
        return {"user": user.payload()}

    def _users_lookup_by_email(self, params: dict[str, Any]) -> dict[str, Any]:
        email = str(params.get("email", "")).lower()
        for user in self.users.values():
            if user.email and user.email.lower() == email:
                return {"user": user.payload()}
        raise _ApiError("users_not_found")

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if channel:
            if channel not in self._dm_owner:
                raise _ApiError("channel_not_found")
            return {"no_op": True, "already_open": True, "channel": {"id": channel}}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            raise _ApiError("users_list_not_supplied")
        if len(users) > 1:
            raise _ApiError("method_not_supported_for_channel_type")
        user = self.users.get(users[0])
        if user is None:
            raise _ApiError("user_not_found")
        if user.deleted:
            raise _ApiError("user_disabled")
        return {"no_op": True, "already_open": True, "channel": {"id": self.dm_channel(user.id)}}

    # --- messages ---------------------------------------------------------------------

    def _resolve_channel(self, raw: Any) -> str:
        channel = str(raw or "")
        if channel[:1] in ("U", "W"):
            user = self.users.get(channel)
            if user is None or user.deleted or user.is_bot:
                raise _ApiError("channel_not_found")
            return self.dm_channel(channel)
        if channel[:1] == "D":
            if channel not in self._dm_owner:
                raise _ApiError("channel_not_found")
            return channel
        if channel[:1] in ("C", "G"):
            self.channels.setdefault(channel, [])
            return channel
        raise _ApiError("channel_not_found")

    def _message_body(self, params: Mapping[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        text = params.get("text")
        blocks = params.get("blocks")
        errors = limits.validate_message(
            text=text if isinstance(text, str) else None,
            blocks=blocks if blocks is not None else None,
        )
        if errors:
            if all(e.endswith("[json-pointer:/text]") for e in errors):
                raise _ApiError("msg_too_long")
            raise _ApiError("invalid_blocks", errors=errors, messages=errors)
        return (text if isinstance(text, str) else ""), self._normalize_blocks(blocks or [])

    def _chat_post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(params.get("channel"))
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            raise _ApiError("no_text")
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
            raise _ApiError("channel_not_found")
        if channel not in self.channels:
            raise _ApiError("channel_not_found")
        for message in self.channels[channel]:
            if message.ts == ts:
                return message
        raise _ApiError("message_not_found")

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
            raise _ApiError("user_not_found")
        channel = self._resolve_channel(params.get("channel"))
        owner = self._dm_owner.get(channel)
        if owner is not None and owner != user.id:
            raise _ApiError("user_not_in_channel")
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            raise _ApiError("no_text")
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

    # --- views ------------------------------------------------------------------------

    def _take_trigger(self, params: Mapping[str, Any]) -> _Trigger:
        trigger_id = params.get("trigger_id")
        if not trigger_id:
            raise _ApiError("invalid_arguments", messages=["missing required field: trigger_id"])
        trigger = self._triggers.get(str(trigger_id))
        if trigger is None:
            raise _ApiError("invalid_trigger_id")
        if trigger.used:
            raise _ApiError("exchanged_trigger_id")
        if self.trigger_ttl is not None and self.clock() - trigger.issued_at > self.trigger_ttl:
            raise _ApiError("expired_trigger_id")
        return trigger

    def _checked_view(self, params: Mapping[str, Any], kind: str) -> dict[str, Any]:
        view = params.get("view")
        if not isinstance(view, dict):
            raise _ApiError(
                "invalid_arguments", messages=["must provide an object [json-pointer:/view]"]
            )
        errors = limits.validate_view(view)
        if not errors and view.get("type") != kind:
            errors = ["must be a valid enum value [json-pointer:/view/type]"]
        if errors:
            raise _ApiError("invalid_arguments", messages=errors)
        return view

    def build_view(
        self,
        raw: Mapping[str, Any],
        *,
        view_id: str | None = None,
        previous: Mapping[str, Any] | None = None,
        root_view_id: str | None = None,
    ) -> dict[str, Any]:
        """A view as Slack stores and returns it: ids, hash, state and defaults filled in."""
        view_id = view_id or self._next_id("V")
        blocks = self._normalize_blocks(raw.get("blocks") or [])
        values: dict[str, Any] = {}
        if previous is not None:
            # Slack keeps what the user typed in an input whose block_id and action_id survive.
            kept = {(b.get("block_id"), (b.get("element") or {}).get("action_id")) for b in blocks}
            for block_id, entries in previous.get("state", {}).get("values", {}).items():
                for action_id, entry in entries.items():
                    if (block_id, action_id) in kept:
                        values.setdefault(block_id, {})[action_id] = entry
        title = raw.get("title")
        return {
            "id": view_id,
            "team_id": self.team_id,
            "type": raw.get("type"),
            "blocks": blocks,
            "private_metadata": raw.get("private_metadata", ""),
            "callback_id": raw.get("callback_id", ""),
            "state": {"values": values},
            "hash": self._new_hash(),
            "title": _with_emoji(title) if title else None,
            "clear_on_close": bool(raw.get("clear_on_close", False)),
            "notify_on_close": bool(raw.get("notify_on_close", False)),
            "close": _with_emoji(raw["close"]) if raw.get("close") else None,
            "submit": _with_emoji(raw["submit"]) if raw.get("submit") else None,
            "previous_view_id": previous.get("previous_view_id") if previous else None,
            "root_view_id": root_view_id or view_id,
            "app_id": self.app_id,
            "external_id": raw.get("external_id", ""),
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }

    def _mark_shown(self, screen: Screen, view: Mapping[str, Any]) -> None:
        screen.view_seq[view["id"]] = self._tick()

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        trigger.used = True
        screen = self.screen(trigger.user_id)
        view = self.build_view(raw)
        screen.modals[:] = [view]
        self._mark_shown(screen, view)
        return {"view": view}

    def _views_push(self, params: dict[str, Any]) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        screen = self.screen(trigger.user_id)
        view = self.push_view(screen, raw)
        trigger.used = True
        return {"view": view}

    def push_view(self, screen: Screen, raw: Mapping[str, Any]) -> dict[str, Any]:
        if not screen.modals:
            raise _ApiError("not_found")
        if len(screen.modals) >= MAX_MODAL_STACK:
            raise _ApiError("push_limit_reached")
        below = screen.modals[-1]
        view = self.build_view(raw, root_view_id=below["root_view_id"])
        view["previous_view_id"] = below["id"]
        screen.modals.append(view)
        self._mark_shown(screen, view)
        return view

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        wanted = params.get("view_id") or params.get("external_id")
        if not wanted:
            raise _ApiError("invalid_arguments", messages=["missing required field: view_id"])
        found = self.find_view(str(wanted))
        if found is None:
            raise _ApiError("not_found")
        screen, current = found
        if params.get("hash") and params["hash"] != current["hash"]:
            raise _ApiError("hash_conflict")
        raw = self._checked_view(params, current["type"])
        return {"view": self.replace_view(screen, current, raw)}

    def replace_view(
        self, screen: Screen, current: dict[str, Any], raw: Mapping[str, Any]
    ) -> dict[str, Any]:
        view = self.build_view(
            raw, view_id=current["id"], previous=current, root_view_id=current["root_view_id"]
        )
        if screen.home is current:
            screen.home = view
        else:
            screen.modals[screen.modals.index(current)] = view
        self._mark_shown(screen, view)
        return view

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user_id", "")))
        if user is None:
            raise _ApiError("user_not_found")
        screen = self.screen(user.id)
        if params.get("hash") and screen.home and params["hash"] != screen.home["hash"]:
            raise _ApiError("hash_conflict")
        raw = self._checked_view(params, "home")
        if screen.home is None:
            screen.home = self.build_view(raw)
            self._mark_shown(screen, screen.home)
            return {"view": screen.home}
        return {"view": self.replace_view(screen, screen.home, raw)}

    # --- files ------------------------------------------------------------------------

    def _files_get_upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        filename = params.get("filename")
        length = params.get("length")
        if not filename or length is None or not str(length).isdigit():
            raise _ApiError("invalid_arguments", messages=["missing required field: length"])
        upload = _Upload(self._next_id("F"), str(filename), int(length), params.get("alt_txt"))
        token = self._token(20)
        self._uploads[token] = upload
        return {"upload_url": f"{self.base_url}upload/v1/{token}", "file_id": upload.file_id}

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        upload = self._uploads.get(request.match_info["token"])
        if upload is None:
            return web.Response(status=404, text="Not Found")
        if request.content_type == "multipart/form-data":
            form = await request.post()
            part = next((v for v in form.values() if isinstance(v, web.FileField)), None)
            data = part.file.read() if part is not None else b""
        else:
            data = await request.read()
        upload.content = data
        await self._record("upload", {"file_id": upload.file_id, "length": len(data)}, None)
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    def _files_complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        entries = params.get("files")
        if not isinstance(entries, list) or not entries:
            raise _ApiError("invalid_arguments", messages=["missing required field: files"])
        wanted = [params["channel_id"]] if params.get("channel_id") else []
        wanted += [c for c in str(params.get("channels") or "").split(",") if c]
        if any(str(c)[:1] in ("U", "W") for c in wanted):
            # Unlike chat.postMessage, sharing a file needs a real channel (conversations.open).
            raise _ApiError("channel_not_found")
        channel_ids = [self._resolve_channel(c) for c in wanted]
        stored: list[StoredFile] = []
        for entry in entries:
            upload = next((u for u in self._uploads.values() if u.file_id == entry.get("id")), None)
            if upload is None or upload.content is None:
                raise _ApiError("file_not_found")
            stored.append(
                StoredFile(
                    id=upload.file_id,
                    name=upload.filename,
                    title=entry.get("title") or upload.filename,
                    content=upload.content,
                    mimetype=_mimetype(upload.filename),
                    created=int(time.time()),
                    channels=channel_ids,
                    alt_txt=upload.alt_txt,
                )
            )
        for file in stored:
            self.files[file.id] = file
        for channel_id in channel_ids:
            message = Message(
                ts=self._next_ts(),
                channel=channel_id,
                text=str(params.get("initial_comment") or ""),
                files=stored,
                thread_ts=params.get("thread_ts"),
                seq=self._tick(),
            )
            self.channels[channel_id].append(message)
            owner = self._dm_owner.get(channel_id)
            if owner is not None:
                self.screen(owner).files.extend(stored)
        return {"files": [{"id": f.id, "title": f.title} for f in stored]}

    def _files_info(self, params: dict[str, Any]) -> dict[str, Any]:
        file = self.files.get(str(params.get("file", "")))
        if file is None:
            raise _ApiError("file_not_found")
        return {"file": file.payload()}

    # --- response_url -----------------------------------------------------------------

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        try:
            body = await _read_params(request)
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
        except _ApiError as e:
            return web.json_response(e.body(), status=400)
        return web.json_response({"ok": True})

    def _apply_response(self, target: _ResponseUrl, body: Mapping[str, Any]) -> Message | None:
        screen = self.screen(target.user_id)
        original = target.original
        if _truthy(body.get("delete_original")):
            if original is not None:
                _discard(screen.ephemerals, original)
                _discard(self.channels.get(original.channel, []), original)
                target.original = None
            return None
        if not body.get("text") and not body.get("blocks"):
            raise _ApiError("no_text")
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

    def _response_target(self, response_url: str) -> _ResponseUrl:
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
        except _ApiError as e:
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
            except _ApiError as e:
                raise AppResponseError(e.error) from None
        if action == "clear":
            screen.modals.clear()
            return "clear", {}
        raise AppResponseError(f"unknown response_action in {body!r}")

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


def _with_emoji(text: Any) -> Any:
    copied = copy.deepcopy(text)
    _add_emoji(copied)
    return copied


def _discard(items: list[Message], message: Message) -> None:
    if message in items:
        items.remove(message)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None


def _mimetype(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return {
        "csv": "text/csv",
        "json": "application/json",
        "txt": "text/plain",
        "png": "image/png",
        "pdf": "application/pdf",
    }.get(ext, "application/octet-stream")


def _fault_response(fault: _Fault) -> web.Response:
    if fault.status >= 500 and fault.error is None:
        return web.Response(
            status=fault.status,
            text="<html><body><h1>Server Error</h1></body></html>",
            content_type="text/html",
        )
    headers = {"Retry-After": str(fault.retry_after)} if fault.status == 429 else None
    return web.json_response(
        {"ok": False, "error": fault.error or "internal_error"},
        status=fault.status,
        headers=headers,
    )


async def _read_params(request: web.Request) -> dict[str, Any]:
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
