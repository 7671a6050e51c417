"""The real app over HTTP or Socket Mode, talking to the local fake Slack: one process,
loopback only.

Used by the test-suite, `praktik sandbox` and `praktik demo`, so all three drive the app
exactly as Slack would: signed requests (or Socket Mode envelopes) in, Web API calls out
through slack_sdk.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal, Self

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.entry.app import EVENTS_PATH, build_app, build_web_app
from bot.process.clock import Clock
from bot.process.config import Settings, load_settings
from bot.runtime.coalesce import Coalescer
from bot.runtime.inflight import InFlight
from bot.sandbox.fake_slack import FakeSlack
from bot.sandbox.fake_socket_mode import APP_TOKEN, FakeSocketMode, SocketWire
from bot.sandbox.person import Workspace
from bot.sandbox.wire import SLACK
from bot.service.retention import retention_job
from bot.service.rounds import expiry_job
from bot.serving.socket_mode import SocketMode
from bot.slack.coordinators import Coordinators
from models.db import Database

# The local Slack enforces no limit on views.publish, and a person at the console (or a test)
# should not wait Slack's three seconds for the second redraw of a Home tab.
LOCAL_HOME_WINDOW = 0.3


@dataclass
class Harness:
    fake: FakeSlack
    db: Database
    clock: Clock
    settings: Settings
    app: AsyncApp
    inflight: InFlight
    workspace: Workspace
    url: str  # the app's /slack/events, or "" over Socket Mode
    _stop: Callable[[], Awaitable[None]]
    socket: FakeSocketMode | None = None
    homes: Coalescer | None = None
    # The app's one membership source, for jobs a test or the console runs beside the app.
    coordinators: Coordinators = field(default_factory=Coordinators)

    @classmethod
    async def start(
        cls,
        *,
        db: Database,
        clock: Clock,
        admins: frozenset[str] = frozenset(),
        trigger_ttl: float | None = None,
        ack_timeout: float | Literal["slack"] | None = SLACK,
        socket: bool = False,
        ping_interval: float = 1.0,
        home_window: float = LOCAL_HOME_WINDOW,
        **overrides: object,
    ) -> Self:
        """Socket Mode with `socket`: the app's own `SocketMode` connects to the fake."""
        fake = FakeSlack(trigger_ttl=trigger_ttl)
        # Over Socket Mode `ack_timeout` is how long the fake waits for an envelope's ack.
        socket_limit = SLACK if ack_timeout is None else ack_timeout
        socket_side = FakeSocketMode(fake, ack_limit=socket_limit) if socket else None
        await fake.start()
        signing_secret = secrets.token_hex(16)
        settings = load_settings(
            slack_bot_token=fake.bot_token,
            slack_signing_secret=signing_secret,
            slack_api_url=fake.api_url,
            database_url=db.url,
            praktik_admins=",".join(sorted(admins)),
            **({"slack_app_token": APP_TOKEN} if socket else {}),
            **overrides,
        )
        inflight = InFlight()
        homes = Coalescer(home_window, inflight=inflight)
        coordinators = Coordinators.from_settings(settings)
        app = build_app(
            settings, clock, db, inflight=inflight, homes=homes, coordinators=coordinators
        )
        if socket_side is not None:
            run = SocketMode(app, APP_TOKEN, inflight=inflight, ping_interval=ping_interval)
            await run.start()
            await socket_side.wait_connected()
            wire = SocketWire(socket_side)
            workspace = Workspace(fake, "", signing_secret, settle=inflight.idle, wire=wire)

            async def stop_socket() -> None:
                await run.stop()
                await fake.stop()

            parts = (fake, db, clock, settings, app, inflight, workspace)
            return cls(*parts, "", stop_socket, socket_side, homes, coordinators)
        web_app = build_web_app(app, db, signing_secret=signing_secret)
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
        workspace = Workspace(
            fake, url, signing_secret, settle=inflight.idle, ack_timeout=ack_timeout
        )

        async def stop_http() -> None:
            await runner.cleanup()
            await fake.stop()

        parts = (fake, db, clock, settings, app, inflight, workspace)
        return cls(*parts, url, stop_http, None, homes, coordinators)

    def expiry_job(self, clock: Clock | None = None) -> Callable[[], Awaitable[int]]:
        """The scheduler's expiry job as the serving process builds it, on the app's own
        client and coordinators (`clock`: the test's, when it is not the app's)."""
        return expiry_job(
            self.settings,
            self.db,
            clock or self.clock,
            client=self.app.client,
            coordinators=self.coordinators,
        )

    def retention_job(self, clock: Clock | None = None) -> Callable[[], Awaitable[int]]:
        """The scheduler's daily retention job as the serving process builds it."""
        return retention_job(
            self.settings,
            self.db,
            clock or self.clock,
            client=self.app.client,
            coordinators=self.coordinators,
        )

    @property
    def base_url(self) -> str:
        return self.url.removesuffix(EVENTS_PATH)

    async def stop(self) -> None:
        await self._stop()
