"""`praktik socket`'s own HTTP port (PRAKTIK_METRICS_PORT): GET /healthz and GET /metrics.

Socket Mode takes no HTTP requests from Slack, so nothing else listens; an orchestrator's
probe and Prometheus need a port all the same.

    probe = SocketProbe(db, port, scrape=scrape, metrics=metrics)
    await probe.start()              # PortUnavailable: the port cannot be opened
    probe.watch(socket_mode.connected)
    ...
    await probe.stop()

/healthz answers 200 while the app is connected to Slack and the database answers, and 503
with the reason otherwise (also before the first connection: the app is not yet serving).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import Gauge

from bot.registry.metrics import Metrics
from bot.runtime.exposition import METRICS_PATH, Scrape
from bot.texts import health as t
from models.db import Database

HEALTH_PATH = "/healthz"
Connected = Callable[[], Awaitable[bool]]


class PortUnavailable(Exception):
    """The port is taken or not allowed; the message is one line for the operator."""


async def _not_yet() -> bool:
    return False


class SocketProbe:
    def __init__(
        self,
        db: Database,
        port: int,
        *,
        scrape: Scrape | None = None,
        metrics: Metrics | None = None,
        host: str | None = None,
    ) -> None:
        self.db = db
        self.port = port
        self.host = host
        self.scrape = scrape
        self._connected: Connected = _not_yet
        self._runner: web.AppRunner | None = None
        self._gauge: Gauge | None = None
        if metrics is not None:
            self._gauge = Gauge(
                "praktik_socket_mode_connected",
                "1 while the Socket Mode connection to Slack is open.",
                registry=None if metrics.multiprocess else metrics.registry,
                multiprocess_mode="livemax",
            )

    def watch(self, connected: Connected) -> None:
        """Where to ask whether the connection to Slack is open."""
        self._connected = connected

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(HEALTH_PATH, self._health)
        if self.scrape is not None:
            app.router.add_get(METRICS_PATH, self._metrics)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as error:
            await runner.cleanup()
            raise PortUnavailable(t.port_unavailable(self.port, error.strerror or "")) from None
        self._runner = runner

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _health(self, _request: web.Request) -> web.Response:
        slack, database = await asyncio.gather(self._connected(), asyncio.to_thread(self.db.ping))
        reasons = [
            reason
            for ok, reason in ((slack, t.SLACK_NOT_CONNECTED), (database, t.DATABASE_SILENT))
            if not ok
        ]
        body: dict[str, object] = {"ok": not reasons, "slack": slack, "database": database}
        body["reason"] = t.unhealthy(reasons)
        return web.json_response(body, status=503 if reasons else 200)

    async def _metrics(self, request: web.Request) -> web.Response:
        assert self.scrape is not None
        if self._gauge is not None:
            self._gauge.set(1 if await self._connected() else 0)
        return await self.scrape.handler(request)
