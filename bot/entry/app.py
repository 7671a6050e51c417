"""The app factory: one configured AsyncApp, nothing global."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot.process.clock import Clock
from bot.process.config import Settings
from bot.registry.metrics import REFUSED, UNKNOWN_KIND, Metrics
from bot.runtime import inflight as inflight_mod
from bot.runtime import request_metrics
from bot.runtime.coalesce import Coalescer
from bot.runtime.exposition import METRICS_PATH, Scrape
from bot.runtime.http_pool import pooled_session
from bot.runtime.inflight import InFlight
from bot.service.caches import Caches
from bot.slack.coordinators import Coordinators
from bot.slack.pacing import PacedWebClient, Pacer
from bot.slack.request_shape import content_type_of, malformed, wrong_shape
from handlers.errors import on_error
from handlers.middleware import inject, same_team_only
from models.db import Database

EVENTS_PATH = "/slack/events"
SIGNATURE_HEADERS = ("X-Slack-Signature", "X-Slack-Request-Timestamp")

log = logging.getLogger("praktik.requests")


def build_client(settings: Settings, pacer: Pacer | None = None) -> AsyncWebClient:
    """The interactive client: paced by tier (bot.slack.pacing, when given the process's pacer),
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


class _NoTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment even when given a client, and then
    warns at every start that the token goes unused. The client (with its retry handlers
    and base URL) is built from that same token: nothing to warn about."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOG = logging.getLogger("praktik.bolt")
BOLT_LOG.addFilter(_NoTokenNotice())


def build_app(
    settings: Settings,
    clock: Clock,
    db: Database,
    *,
    inflight: InFlight | None = None,
    pacer: Pacer | None = None,
    homes: Coalescer | None = None,
    coordinators: Coordinators | None = None,
    metrics: Metrics | None = None,
) -> AsyncApp:
    """`pacer`: share the process's one with its dispatcher, so DMs yield to presses.
    `homes`: how App Home redraws are gathered (default: Slack's pace, bot.runtime.coalesce).
    `coordinators`: share the process's one with its jobs (default: one of the app's own).
    `metrics`: count each request's kind and outcome (the Web API calls are counted by the
    pacer's own)."""
    app = AsyncApp(
        client=build_client(settings, pacer),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        logger=BOLT_LOG,
        # Every HTTP request's signature is checked once, before Bolt reads it, by
        # _signed_requests_only (stricter than Bolt's own check); Socket Mode signs nothing.
        request_verification_enabled=False,
    )
    inflight = inflight or InFlight()
    caches = Caches(homes=homes or Coalescer(inflight=inflight))
    app.use(
        inject(
            db=db,
            clock=clock,
            settings=settings,
            client=app.client,
            caches=caches,
            coordinators=coordinators,
        )
    )
    app.use(same_team_only)
    handlers.register_all(app)
    app.error(on_error)
    inflight_mod.install(app, inflight)
    if metrics is not None:
        request_metrics.install(app, metrics)
    return app


def build_web_app(
    app: AsyncApp,
    db: Database,
    *,
    signing_secret: str,
    metrics: Metrics | None = None,
    scrape: Scrape | None = None,
) -> web.Application:
    """`POST /slack/events` for everything Slack sends; `GET /healthz` for the operator, and
    `GET /metrics` for Prometheus when given the scrape."""
    web_app = web.Application(middlewares=[_signed_requests_only(signing_secret, metrics)])
    web_app.router.add_post(EVENTS_PATH, _events(app, metrics))
    if scrape is not None:
        web_app.router.add_get(METRICS_PATH, scrape.handler)

    async def healthz(_request: web.Request) -> web.Response:
        healthy = await asyncio.to_thread(db.ping)
        return web.json_response({"ok": healthy}, status=200 if healthy else 503)

    web_app.router.add_get("/healthz", healthz)

    async def shared_session(_web_app: web.Application) -> AsyncIterator[None]:
        async with pooled_session(app.client):
            yield

    web_app.cleanup_ctx.append(shared_session)
    return web_app


def _signed_requests_only(signing_secret: str, metrics: Metrics | None) -> Middleware:
    """401 for a request whose signature does not hold, before Bolt reads its body; the
    body of a refused request is never logged (free text, response_url).

    Bolt parses the body first and verifies afterwards, so a body altered after signing
    into broken JSON (or bytes that are no UTF-8) was a 500 instead of a refusal. Bolt also
    reads the last of two signature headers where this check read the first: two of
    either header are refused here, so both checks always look at the same request.
    """
    verifier = SignatureVerifier(signing_secret)

    @web.middleware
    async def verify(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method == "POST" and request.path == EVENTS_PATH:
            body = await request.read()  # kept by aiohttp for the handler's own read
            if _repeated_signature(request) or not _signed(verifier, body, request.headers):
                if metrics is not None:  # a body nobody signed is not read, not even its kind
                    metrics.request(UNKNOWN_KIND, REFUSED)
                return web.json_response({"error": "invalid request"}, status=401)
        return await handler(request)

    return verify


def _events(app: AsyncApp, metrics: Metrics | None) -> Handler:
    """Bolt's own aiohttp handler, plus a 400 for a signed body Bolt cannot read.

    The body is parsed once, by Bolt's request; a body that breaks that parse (or its
    reading of the context) is looked at again only to name the reason in the log.
    """

    async def events(request: web.Request) -> web.StreamResponse:
        arrived = time.perf_counter()
        raw = await request.text()
        try:
            bolt_request = AsyncBoltRequest(
                body=raw,
                query=request.query_string,
                headers=request.headers,  # type: ignore[arg-type]
            )
        except (ValueError, TypeError, AttributeError):
            reason = malformed(raw, content_type_of(request.headers))
            if reason is None:
                raise
        else:
            reason = wrong_shape(bolt_request.body)
        if reason is not None:
            log.warning("Refused a signed request with 400: %s", reason)
            if metrics is not None:
                metrics.request(UNKNOWN_KIND, REFUSED)
            return web.json_response({"error": "malformed request"}, status=400)
        answer = await request_metrics.dispatch(app, bolt_request, metrics)
        if metrics is not None:
            metrics.acked(request_metrics.kind_of(bolt_request.body), time.perf_counter() - arrived)
        return await to_aiohttp_response(answer)

    return events


def _repeated_signature(request: web.Request) -> bool:
    return any(len(request.headers.getall(name, ())) > 1 for name in SIGNATURE_HEADERS)


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
