"""The app factory: one configured AsyncApp, nothing global."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot import inflight as inflight_mod
from bot.caches import Caches
from bot.clock import Clock
from bot.coalesce import Coalescer
from bot.config import Settings
from bot.inflight import InFlight
from bot.pacing import PacedWebClient, Pacer
from handlers.errors import on_error
from handlers.middleware import inject, same_team_only
from models.db import Database

EVENTS_PATH = "/slack/events"


def build_client(settings: Settings, pacer: Pacer | None = None) -> AsyncWebClient:
    """The interactive client: paced by tier (bot.pacing, when given the process's pacer),
    and waiting out a 429's Retry-After up to five times."""
    return PacedWebClient(
        pacer=pacer or Pacer(paced=False),
        retries_on_429=5,
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=3),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_app(
    settings: Settings,
    clock: Clock,
    db: Database,
    *,
    inflight: InFlight | None = None,
    pacer: Pacer | None = None,
) -> AsyncApp:
    """`pacer`: share the process's one with its dispatcher, so DMs yield to presses."""
    app = AsyncApp(
        client=build_client(settings, pacer),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        logger=logging.getLogger("praktik.bolt"),
    )
    inflight = inflight or InFlight()
    caches = Caches(homes=Coalescer(inflight=inflight))
    app.use(inject(db=db, clock=clock, settings=settings, client=app.client, caches=caches))
    app.use(same_team_only)
    handlers.register_all(app)
    app.error(on_error)
    inflight_mod.install(app, inflight)
    return app


def build_web_app(app: AsyncApp, db: Database, *, signing_secret: str) -> web.Application:
    """`POST /slack/events` for everything Slack sends; `GET /healthz` for the operator."""
    web_app = app.web_app(path=EVENTS_PATH)
    web_app.middlewares.append(_signed_requests_only(signing_secret))

    async def healthz(_request: web.Request) -> web.Response:
        healthy = await asyncio.to_thread(db.ping)
        return web.json_response({"ok": healthy}, status=200 if healthy else 503)

    web_app.router.add_get("/healthz", healthz)
    web_app.cleanup_ctx.append(_shared_http_session(app))
    return web_app


def _signed_requests_only(signing_secret: str) -> Middleware:
    """401 for a request whose signature does not hold, before Bolt reads its body.

    Bolt parses the body first and verifies afterwards, so a body altered after signing
    into broken JSON (or bytes that are no UTF-8) was a 500 instead of a refusal.
    """
    verifier = SignatureVerifier(signing_secret)

    @web.middleware
    async def verify(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method == "POST" and request.path == EVENTS_PATH:
            body = await request.read()  # kept by aiohttp for Bolt's own read
            if not _signed(verifier, body, request.headers):
                return web.json_response({"error": "invalid request"}, status=401)
        return await handler(request)

    return verify


def _signed(verifier: SignatureVerifier, body: bytes, headers: Mapping[str, str]) -> bool:
    try:
        return verifier.is_valid(
            body=body,
            timestamp=headers.get("X-Slack-Request-Timestamp"),
            signature=headers.get("X-Slack-Signature"),
        )
    except (ValueError, TypeError):
        # A timestamp that is no number, a body that is no UTF-8, a non-ASCII signature.
        return False


def _shared_http_session(
    app: AsyncApp,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """One pooled HTTP session for all Web API calls while the server runs.

    Without it slack_sdk opens (and tears down) a new session and connection per call,
    which was most of the cost of a button press under load.
    """

    async def session(_web_app: web.Application) -> AsyncIterator[None]:
        shared = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=app.client.timeout))
        app.client.session = shared
        try:
            yield
        finally:
            app.client.session = None
            await shared.close()

    return session
