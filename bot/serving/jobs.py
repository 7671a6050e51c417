"""APScheduler wiring: the dispatcher every 30 s (planning, at start and every 10 minutes,
any confirmed placement that lacks its DM plan), proposal expiry every 5 minutes, and
retention (bot.service.retention) once a day.

    web_app = build_web_app(app, db, signing_secret=secret)
    jobs.attach(web_app, Dispatcher.from_settings(settings, db))
    web.run_app(web_app, ...)

The first run is at start-up, so DMs that fell due while the app was down go out (or are
skipped as no longer meaningful) at once rather than 30 s later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.outbox.dispatcher import Dispatcher, DispatchReport
from bot.process.clock import Clock, SystemClock

log = logging.getLogger("praktik.jobs")

JOB_ID = "praktik-dispatch"
EXPIRE_JOB_ID = "praktik-expire"
RETENTION_JOB_ID = "praktik-retention"
RETENTION_HOURS = 24
PLAN_MINUTES = 10
INTERVAL_SECONDS = 30.0
EXPIRE_MINUTES = 5
DRAIN_SECONDS = 60.0


class DispatchJob:
    """The scheduler and the run in progress, so stopping can let that run finish."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        *,
        clock: Clock | None = None,
        interval: float = INTERVAL_SECONDS,
        tz: tzinfo | None = None,
        expire: Callable[[], Awaitable[int]] | None = None,
        retain: Callable[[], Awaitable[int]] | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.expire = expire
        self.retain = retain
        self.clock = clock or SystemClock()
        self.interval = interval
        self.tz = tz or dispatcher.tz
        self.scheduler: AsyncIOScheduler | None = None
        self._current: asyncio.Task[DispatchReport] | None = None
        self._side: dict[str, asyncio.Task[int]] = {}  # the expiry and retention runs
        self._stopping = False
        self._planned_at: float | None = None

    async def tick(self) -> None:
        # Shielded: APScheduler cancels running jobs when it shuts down, and a run cut off
        # between "Slack accepted" and "recorded as sent" would send that DM again later.
        if self._current is None or self._current.done():
            self._current = asyncio.ensure_future(self._run())
        try:
            await asyncio.shield(self._current)
        except asyncio.CancelledError:
            if self._stopping:
                return  # the run goes on and `stop` waits for it; no trace in the log
            raise
        except Exception:
            log.exception("dispatch run failed; the next run tries again")

    async def _run(self) -> DispatchReport:
        # Confirmed placements without a DM plan (data from before plans were written with
        # the placement) are planned at start-up and every PLAN_MINUTES, just before
        # sending, so what they have due goes out in the same run.
        at = time.monotonic()
        if self._planned_at is None or at - self._planned_at >= PLAN_MINUTES * 60:
            try:
                await self.dispatcher.plan_missing(self.clock.now())
                self._planned_at = at
            except Exception:
                log.exception("planning missing DM plans failed; the next run tries again")
        return await self.dispatcher.run_once(self.clock.now())

    def start(self) -> None:
        scheduler = AsyncIOScheduler(timezone=self.tz)
        scheduler.add_job(
            self.tick,
            "interval",
            seconds=self.interval,
            id=JOB_ID,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(self.interval),
            # APScheduler keeps real time; the domain's `now` comes from the clock per run.
            next_run_time=datetime.now(self.tz),
        )
        if self.expire is not None:
            # Unanswered proposals past their deadline: freed seats go to the next round.
            self._add_side_job(scheduler, self._expire, EXPIRE_JOB_ID, minutes=EXPIRE_MINUTES)
        if self.retain is not None:
            # Daily, and at start: a date that passed while the app was down is caught up.
            # The run is one transaction, so a stop in the middle of it leaves nothing half.
            self._add_side_job(scheduler, self._retain, RETENTION_JOB_ID, hours=RETENTION_HOURS)
        scheduler.start()
        self.scheduler = scheduler

    def _add_side_job(
        self,
        scheduler: AsyncIOScheduler,
        run: Callable[[], Awaitable[None]],
        job_id: str,
        **every: int,
    ) -> None:
        """A job beside the dispatcher: at start, then every `every`; one run at a time."""
        scheduler.add_job(
            run,
            "interval",
            **every,
            id=job_id,
            coalesce=True,
            max_instances=1,
            next_run_time=datetime.now(self.tz),
        )

    async def _expire(self) -> None:
        assert self.expire is not None
        await self._side_run("expire", self.expire, "proposal expiry")

    async def _retain(self) -> None:
        assert self.retain is not None
        await self._side_run("retain", self.retain, "retention")

    async def _side_run(self, name: str, job: Callable[[], Awaitable[int]], what: str) -> None:
        # Shielded like the dispatch run: expired proposals' messages are then still marked,
        # and a season's anonymisation is not cut off in the middle of its transaction.
        task = self._side.get(name)
        if task is None or task.done():
            task = self._side[name] = asyncio.ensure_future(job())
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if self._stopping:
                return  # the run goes on and `stop` waits for it; no trace in the log
            raise
        except Exception:
            log.exception("%s failed; the next run tries again", what)

    async def stop(self, drain: float = DRAIN_SECONDS) -> None:
        self._stopping = True
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        # The dispatch run and the side runs finish side by side, within one `drain`.
        runs = (self._current, *self._side.values())
        running = {r for r in runs if r is not None and not r.done()}
        if running:
            await asyncio.wait(running, timeout=drain)


JOB_KEY = web.AppKey("praktik_dispatch_job", DispatchJob)


def attach(
    web_app: web.Application,
    dispatcher: Dispatcher,
    *,
    clock: Clock | None = None,
    interval: float = INTERVAL_SECONDS,
    tz: tzinfo | None = None,
    expire: Callable[[], Awaitable[int]] | None = None,
    retain: Callable[[], Awaitable[int]] | None = None,
    ready: Callable[[], Awaitable[None]] | None = None,
) -> DispatchJob:
    """Start the dispatch job with the web app and stop it (letting a run finish) with it.

    With `ready` (e.g. waiting for the database), the job starts once that returns, while
    the server already answers (GET /healthz: 503 until the database does).
    """
    job = DispatchJob(
        dispatcher, clock=clock, interval=interval, tz=tz, expire=expire, retain=retain
    )

    web_app[JOB_KEY] = job
    waiting: list[asyncio.Task[None]] = []

    async def start_when_ready() -> None:
        if ready is not None:
            await ready()
        job.start()

    async def on_startup(_app: web.Application) -> None:
        if ready is None:
            job.start()
        else:
            waiting.append(asyncio.ensure_future(start_when_ready()))

    stopping: list[asyncio.Task[None]] = []

    async def on_shutdown(_app: web.Application) -> None:
        # aiohttp calls this before it drains the open requests: no new runs start from
        # here, and the current ones finish while the requests do, not after them, so the
        # whole stop fits in the server's grace period (bot.cli.STOP_GRACE_SECONDS).
        stopping.append(asyncio.ensure_future(job.stop()))

    async def on_cleanup(_app: web.Application) -> None:
        for task in waiting:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if not stopping:
            stopping.append(asyncio.ensure_future(job.stop()))
        await stopping[0]

    web_app.on_startup.append(on_startup)
    web_app.on_shutdown.append(on_shutdown)
    web_app.on_cleanup.append(on_cleanup)
    return job
