"""Sending due DMs from the outbox: claim, re-check, build fresh, send, record.

`Dispatcher.run_once(now)` is the whole job; bot.serving.jobs runs it every 30 s in the app
process, tests call it with a ManualClock's `now`.

Delivery. A row goes planned → sending (claimed, committed) → sent | skipped | failed |
cancelled, or back to planned for a later try. Every outcome is recorded by the worker
that holds the claim, so a DM is sent once in every case but one: a process that dies
after Slack accepted the message and before `sent` was committed. Its row stays `sending`;
once the claim is older than the lease (10 min) another run takes it over and sends it
again. That one message may then arrive twice (at-least-once at a kill); nothing is lost.
A network timeout on chat.postMessage is the same ambiguity and is retried the same way.
How many a kill can double is bounded: a worker holds one of its `concurrency` slots from
before a post until its outcome is committed, so at most `concurrency` messages per
process are ever posted-but-unrecorded.

Slack away (5xx, 429, a timeout, a refused connection) uses up no attempt: the row is
tried again after 1, 2, 4 … minutes up to `max_outage_backoff`, for as long as the DM still
makes sense (bot.outbox.rules.decide skips it with the reason once its moment has passed).
Only what Slack refuses for good (bot.slack.errors.PERMANENT_ERRORS) fails at once; an
error no document explains fails after `max_attempts`.
Each message carries its outbox key as Slack message metadata, so a duplicate can be
recognised afterwards.

Several processes may run dispatchers on one PostgreSQL database: claims use
`FOR UPDATE SKIP LOCKED` (models.outbox_repo.claim_due), so each row has one holder.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import partial
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import OperationalError

from bot.domain.season import COPENHAGEN, Season, SendWindow
from bot.outbox.rules import (
    METADATA_EVENT,
    Decision,
    DispatchReport,
    Later,
    Send,
    Settle,
    decide,
)
from bot.process.config import Settings
from bot.process.current import season_of
from bot.registry.metrics import Metrics
from bot.slack.errors import Verdict, verdict
from bot.slack.pacing import PacedWebClient, Pacer, retry_after
from models.db import Database
from models.feedback import PlacementContext, placement_contexts
from models.outbox_repo import Claimed, Settlement, claim_due, plan_missing, settle
from models.tables import OutboxStatus, SeasonSettings

log = logging.getLogger("praktik.dispatch")
# The reason of a row the app failed to prepare (the log line has the exception).
NOT_PREPARED = "not_prepared"

__all__ = ["CONCURRENCY", "DispatchReport", "Dispatcher", "decide", "dispatch_client"]

SeasonProvider = Callable[[SeasonSettings], Season]
Sleep = Callable[[float], Awaitable[None]]
# Seconds between tries to record outcomes while the database is away (a minute in all).
SETTLE_RETRY_WAITS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
# Slack calls in flight per process, each holding its slot until its outcome is committed:
# also the most DMs that one process killed mid-wave can have posted and not recorded.
CONCURRENCY = 16


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def dispatch_client(settings: Settings, pacer: Pacer | None = None) -> AsyncWebClient:
    """A Web API client without slack_sdk's retry handlers: the dispatcher retries itself,
    through the outbox, so a retry is never invisible and never doubles a message. Paced
    as bulk: it takes tokens only while no interactive call waits (bot.slack.pacing)."""
    return PacedWebClient(
        pacer=pacer or Pacer(paced=False),
        bulk=True,
        retries_on_429=0,
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[],
    )


class _Recorder:
    """Group commit: outcomes that arrive while a write is under way go in the next one.

    A send is recorded as soon as the database can take it (one transaction for all that
    queued up meanwhile), so the window in which a crash would re-send a DM stays as short
    as one write, while 500 DMs cost a few dozen transactions rather than 500.
    """

    def __init__(self, db: Database, worker_id: str, now: datetime) -> None:
        self.db, self.worker_id, self.now = db, worker_id, now
        self._pending: list[tuple[Settlement, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, item: Settlement) -> bool:
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending.append((item, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._write())
        return await done

    async def _write(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:200], self._pending[200:]
            try:
                kept = await self._settle([i for i, _ in batch])
            except Exception as error:
                for _, done in batch:
                    done.set_exception(error)
                continue
            for (_, done), ok in zip(batch, kept, strict=True):
                done.set_result(ok)

    async def _settle(self, items: list[Settlement]) -> list[bool]:
        """Write the outcomes, waiting out a database that is briefly away (a restart, a
        fail-over): a sent DM whose outcome is lost would be sent again after the lease.
        Writing twice is harmless: the second write finds the row no longer held."""
        for wait in SETTLE_RETRY_WAITS:
            try:
                return await self.db.run(
                    settle, worker_id=self.worker_id, items=items, now=self.now
                )
            except OperationalError:
                log.warning("database away; recording %d outcomes again in %s s", len(items), wait)
                await asyncio.sleep(wait)
        return await self.db.run(settle, worker_id=self.worker_id, items=items, now=self.now)


@dataclass
class _Run:
    now: datetime
    report: DispatchReport
    recorder: _Recorder
    client: AsyncWebClient
    # Held from before a post until its outcome is committed (not while waiting out a
    # 429): it bounds both the calls in flight and the DMs a kill could send twice.
    gate: asyncio.Semaphore
    turns: dict[str, asyncio.Lock] = field(default_factory=dict)  # one DM at a time each


class Dispatcher:
    def __init__(
        self,
        db: Database,
        client: AsyncWebClient,
        seasons: SeasonProvider,
        *,
        worker_id: str | None = None,
        batch: int = 100,
        concurrency: int = CONCURRENCY,
        max_in_flight: int = 1000,
        lease: timedelta = timedelta(minutes=10),
        max_attempts: int = 5,
        backoff: timedelta = timedelta(minutes=1),
        max_backoff: timedelta = timedelta(hours=1),
        max_outage_backoff: timedelta = timedelta(minutes=15),
        max_wait: float = 60.0,
        tz: tzinfo = COPENHAGEN,
        sleep: Sleep = asyncio.sleep,
        metrics: Metrics | None = None,
    ) -> None:
        self.db = db
        self.metrics = metrics
        self.client = client
        self.seasons = seasons
        self.worker_id = (worker_id or default_worker_id())[:64]
        self.batch = batch
        self.concurrency = concurrency
        self.max_in_flight = max(max_in_flight, batch)
        self.lease = lease
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_outage_backoff = max_outage_backoff
        # Longest Retry-After waited out while holding the claim; a longer one gives the
        # row back as planned for after the wait (well inside the lease either way).
        self.max_wait = max_wait
        self.tz = tz
        self.sleep = sleep
        self._running = asyncio.Lock()

    @classmethod
    def from_settings(
        cls, settings: Settings, db: Database, *, pacer: Pacer | None = None, **options: Any
    ) -> Dispatcher:
        client = dispatch_client(settings, pacer)
        return cls(db, client, partial(season_of, settings), tz=settings.tz, **options)

    async def plan_missing(self, now: datetime) -> int:
        """Plan the DMs of confirmed placements that have none (written before plans were
        stored with the placement); how many placements got a plan."""
        planned = await self.db.run(plan_missing, seasons=self.seasons, now=now)
        if planned:
            log.info("planned the DMs of %d placements that had none", planned)
        return planned

    async def run_once(self, now: datetime) -> DispatchReport:
        """Send everything due at `now`, until nothing due is left.

        Claiming runs ahead of sending (up to `max_in_flight` rows held), so a channel
        that Slack slows down does not hold up the others; one recipient's DMs still go
        one at a time, in claim order.
        """
        async with self._running, _connection_pool(self.client) as client:
            run = _Run(
                now,
                DispatchReport(),
                _Recorder(self.db, self.worker_id, now),
                client,
                asyncio.Semaphore(self.concurrency),
            )
            tasks: set[asyncio.Task[None]] = set()
            try:
                while True:
                    while len(tasks) + self.batch > self.max_in_flight and tasks:
                        _, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                    claimed = await self.db.run(
                        claim_due,
                        now=now,
                        worker_id=self.worker_id,
                        limit=self.batch,
                        lease=self.lease,
                    )
                    run.report.claimed += len(claimed)
                    if claimed:
                        ids = {r.placement_id for r in claimed if r.placement_id is not None}
                        contexts = await self.db.read(placement_contexts, placement_ids=ids)
                        for row in claimed:
                            ctx = contexts.get(row.placement_id) if row.placement_id else None
                            tasks.add(asyncio.ensure_future(self._in_turn(row, ctx, run)))
                    if len(claimed) < self.batch:
                        break
            finally:
                # Sends under way finish and are recorded even when claiming more failed
                # (the database went away): cut off with the HTTP session, they would
                # count as failed and go out again after the lease.
                if tasks:
                    await asyncio.gather(*tasks, return_exceptions=True)
        if run.report.claimed:
            log.info("dispatch %s: %s", self.worker_id, run.report)
        if self.metrics is not None:
            self.metrics.dispatch_run(_outcomes(run.report))
        return run.report

    async def _in_turn(self, row: Claimed, ctx: PlacementContext | None, run: _Run) -> None:
        # asyncio.Lock wakes waiters in order, so a recipient's DMs keep their claim order.
        turn = run.turns.setdefault(row.recipient, asyncio.Lock())
        async with turn:
            await self._row(row, ctx, run)

    async def _row(self, row: Claimed, ctx: PlacementContext | None, run: _Run) -> None:
        try:
            decision = self._decide(row, ctx, run.now)
            if isinstance(decision, Send):
                outcome = await self._send(row, decision.content, run)
                if outcome is None:
                    return  # posted and recorded under the slot
                decision = outcome
            await self._record(row, decision, run)
        except Exception:
            # Failed around Slack's answer (recording it, most likely): the claim stays, and
            # after the lease another run picks the row up again.
            log.exception("dispatch of outbox row %s failed", row.id)

    def _decide(self, row: Claimed, ctx: PlacementContext | None, now: datetime) -> Decision:
        try:
            season = self.seasons(ctx.overrides) if ctx is not None else None
            return decide(
                row, ctx, season, now, max_attempts=self.max_attempts, window=SendWindow(tz=self.tz)
            )
        except Exception:
            # A row the app cannot even prepare (a defect, data it does not expect) is tried
            # like a DM Slack refused: later, then failed, where the outbox and the admin
            # listing show it. Left claimed, it would be taken over after every lease for
            # ever, and a takeover counts no attempt.
            log.exception("outbox row %s could not be prepared", row.id)
            return self._counted(row, NOT_PREPARED, now)

    async def _send(self, row: Claimed, content: dict[str, Any], run: _Run) -> Decision | None:
        """Post the DM and record it as sent before the slot is given back (None), or what to
        do with the row instead."""
        waited = 0.0
        while True:
            async with run.gate:
                try:
                    # To the user ID: Slack posts in the app's DM with them, one call per DM.
                    posted = await run.client.chat_postMessage(
                        channel=row.recipient,
                        **content,
                        metadata={"event_type": METADATA_EVENT, "event_payload": {"key": row.key}},
                    )
                except SlackApiError as error:
                    answer = error.response
                    code = answer.get("error") if isinstance(answer.data, dict) else None
                    status, headers = answer.status_code, answer.headers
                except (aiohttp.ClientError, TimeoutError, OSError) as error:
                    code, status, headers = type(error).__name__, 0, {}
                else:
                    await self._record(row, (str(posted["channel"]), str(posted["ts"])), run)
                    return None
            if status == 429 or code == "ratelimited":
                run.report.rate_limited += 1
                wait = retry_after(headers)
                if waited + wait > self.max_wait:
                    return Later(run.now + timedelta(seconds=wait), "ratelimited", False)
                await self.sleep(wait)
                waited += wait
                continue
            if code == "channel_not_found":
                code = "user_not_found"  # posted to the user ID: no such (active) user
            return self._retry(row, str(code or f"http_{status}"), status, run.now)

    def _retry(self, row: Claimed, reason: str, status: int, now: datetime) -> Decision:
        match verdict(reason, status):
            case Verdict.PERMANENT:
                return Settle(OutboxStatus.FAILED, reason)
            case Verdict.TRANSIENT:
                # No attempt used: decide() skips the row once its moment has passed.
                wait = self.backoff * 2 ** min(row.outage_tries, 16)
                delay = min(wait, self.max_outage_backoff)
                return Later(now + delay, reason, count_attempt=False, outage=True)
        return self._counted(row, reason, now)

    def _counted(self, row: Claimed, reason: str, now: datetime) -> Decision:
        """An attempt used up: the row waits its backoff, or fails after the last one."""
        if row.attempts >= self.max_attempts:
            return Settle(OutboxStatus.FAILED, f"{reason} (after {row.attempts} attempts)")
        delay = min(self.backoff * 2 ** (row.attempts - 1), self.max_backoff)
        return Later(now + delay, reason, count_attempt=True)

    async def _record(self, row: Claimed, outcome: Decision | tuple[str, str], run: _Run) -> None:
        report = run.report
        if isinstance(outcome, tuple):
            channel, ts = outcome
            item = Settlement(row.id, OutboxStatus.SENT, channel=channel, ts=ts)
            report.sent += 1
        elif isinstance(outcome, Later):
            item = Settlement(
                row.id,
                OutboxStatus.PLANNED,
                reason=outcome.reason,
                due_at=outcome.due_at,
                count_attempt=outcome.count_attempt,
                outage=outcome.outage,
            )
            if outcome.count_attempt or outcome.outage:
                report.retried += 1
            else:
                report.postponed += 1
        elif isinstance(outcome, Settle):
            item = Settlement(row.id, outcome.status, reason=outcome.reason)
            counter = {
                OutboxStatus.SKIPPED: "skipped",
                OutboxStatus.FAILED: "failed",
                OutboxStatus.CANCELLED: "cancelled",
            }[outcome.status]
            setattr(report, counter, getattr(report, counter) + 1)
            report.note(outcome.reason)
        else:  # a Send never reaches here: _send turns it into an outcome
            raise TypeError(f"unexpected outcome {outcome!r}")
        if not await run.recorder.record(item):
            report.lost_claims += 1
            log.warning(
                "outbox row %s was taken over before %s recorded it", row.id, self.worker_id
            )


def _outcomes(report: DispatchReport) -> dict[str, int]:
    """A run's settled rows by outcome, as the figures name them."""
    return {
        "sent": report.sent,
        "skipped": report.skipped,
        "failed": report.failed,
        "cancelled": report.cancelled,
        "retried": report.retried,
        "postponed": report.postponed,
    }


@asynccontextmanager
async def _connection_pool(client: AsyncWebClient) -> AsyncIterator[AsyncWebClient]:
    """The client with one HTTP session for the whole run (keep-alive), unless it has one:
    slack_sdk otherwise opens a new connection for every call."""
    if client.session is not None:
        yield client
        return
    # slack_sdk applies `client.timeout` only to sessions it opens itself: a session handed
    # to it keeps its own (aiohttp's default is five minutes), so give this one the client's.
    timeout = aiohttp.ClientTimeout(total=client.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client.session = session
        try:
            yield client
        finally:
            client.session = None
