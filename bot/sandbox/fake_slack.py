"""One local Slack: the Web API the app calls, and what each user would see.

`FakeSlack` is a real aiohttp server on a loopback port. The app talks to it with the
real `slack_sdk` client (`AsyncWebClient(base_url=fake.api_url)`), so wire formats, token
handling, retries and Block Kit limits are exercised exactly as against slack.com. The
same instance backs the tests and `praktik sandbox`.

This module is the server: routes, token checks, faults and rate limits, waiting on calls.
The methods live by Web API family: `fake_users` (auth.test, users.*, conversations.open),
`fake_usergroups` (usergroups.list, usergroups.users.list),
`fake_chat` (chat.*), `fake_views` (views.*), `fake_files` (files.* and the upload URL),
`fake_responses` (response_url and the app's HTTP answers); the state they share is in
`fake_workspace` and the records in `fake_state`.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import deque
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from bot.sandbox.fake_files import FilesApi
from bot.sandbox.fake_limits import Limits, SlackLimits
from bot.sandbox.fake_responses import ResponsesApi
from bot.sandbox.fake_state import (
    APP_ID,
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    TRIGGER_TTL,
    VERIFICATION_TOKEN,
    ApiError,
    AppResponseError,
    Call,
    FakeUser,
    Fault,
    Message,
    Screen,
    StoredFile,
    SubmitAction,
)
from bot.sandbox.fake_usergroups import UsergroupsApi
from bot.sandbox.fake_users import UsersApi
from bot.sandbox.fake_workspace import read_params
from bot.slack.pacing import WORKSPACE_POSTS_PER_MINUTE

# The public face of the fake: the app, the console, the demo and the tests import these here.
__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "VERIFICATION_TOKEN",
    "AppResponseError",
    "Call",
    "FakeSlack",
    "FakeUser",
    "Message",
    "Screen",
    "StoredFile",
    "SubmitAction",
]

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class FakeSlack(UsersApi, UsergroupsApi, FilesApi, ResponsesApi):
    """Slack's Web API on a loopback port: the method families above, served over HTTP."""

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
        super().__init__(trigger_ttl=trigger_ttl, clock=clock, seed=seed)
        # Slack's rate limits (bot.sandbox.fake_limits), counted on `clock`; None: none.
        self.limits = (
            SlackLimits(clock=clock, posts_per_minute=posts_per_minute)
            if limits == "slack"
            else None
        )
        self._faults: dict[str, list[Fault]] = {}
        self._limits: dict[str, int] = {}
        self._limit_log: dict[tuple[str, str], deque[float]] = {}
        self._in_flight = 0
        self._last_activity = 0.0
        self._runner: web.AppRunner | None = None
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
            "usergroups.list": self._usergroups_list,
            "usergroups.users.list": self._usergroups_users_list,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "files.info": self._files_info,
        }

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
        # Started again after a stop (Slack back after an outage): the same address.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._port or 0))
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
        fault = Fault(error, status, retry_after, delay, times)
        self._faults.setdefault(method, []).append(fault)

    def heal(self, method: str) -> None:
        """`method` answers normally again: the faults still queued for it are dropped."""
        self._faults.pop(method, None)

    def rate_limit(self, method: str, per_channel_per_second: int | None = 1) -> None:
        """Answer 429 + Retry-After when a channel gets more than N calls in a second."""
        if per_channel_per_second is None:
            self._limits.pop(method, None)
        else:
            self._limits[method] = per_channel_per_second

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

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params = await read_params(request)
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
                return fault_response(fault)
        handler = self._handlers.get(method)
        try:
            if handler is None:
                raise ApiError("unknown_method")
            if not token:
                raise ApiError("not_authed")
            if token != self.bot_token:
                raise ApiError("invalid_auth")
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
        except ApiError as e:
            await self._record(method, params, e.error)
            return web.json_response(e.body())
        await self._record(method, params, None)
        return web.json_response({"ok": True, **result})

    def _take_fault(self, method: str) -> Fault | None:
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


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None


def fault_response(fault: Fault) -> web.Response:
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
