"""`GET /metrics` in Prometheus' text format: the process's counters (or, under gunicorn,
every worker's, added up from the shared directory) and the outbox read from the database
at scrape time.

    scrape = Scrape(metrics, db, clock)
    web_app.router.add_get("/metrics", scrape.handler)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from bot.process.clock import Clock
from bot.registry.metrics import Metrics
from models.db import Database
from models.outbox_gauges import OutboxState, outbox_state

log = logging.getLogger("praktik.metrics")

METRICS_PATH = "/metrics"


class OutboxCollector(Collector):
    """The outbox's rows per status and the age of the oldest due one, from one query per
    scrape: the database is the truth, shared by every process, so no process counts it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def describe(self) -> list[Metric]:
        return []  # nothing to check at registration: collect() reads the database

    def collect(self) -> Iterator[Metric]:
        now = self.clock.now()
        up = GaugeMetricFamily(
            "praktik_database_up", "1 when the database answered the scrape's outbox query."
        )
        try:
            state = self.db.call_read(outbox_state, now=now)
        except Exception as error:  # a scrape reports the database away; it never fails
            log.warning("metrics: the outbox query failed (%s)", type(error).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from _outbox_figures(state, now)


def _outbox_figures(state: OutboxState, now: datetime) -> Iterator[Metric]:
    rows = GaugeMetricFamily(
        "praktik_outbox_rows", "Outbox rows (planned DMs) by status.", labels=["status"]
    )
    for status, count in sorted(state.by_status.items()):
        rows.add_metric([status], count)
    yield rows
    age = 0.0 if state.oldest_due is None else (now - state.oldest_due).total_seconds()
    yield GaugeMetricFamily(
        "praktik_outbox_oldest_due_age_seconds",
        "Seconds the oldest planned DM has been due without being sent (0: none due).",
        value=max(0.0, age),
    )


class Scrape:
    """The registry a scrape reads, built once: the process's own metrics, or every
    worker's from the multiprocess directory; and the outbox collector."""

    def __init__(self, metrics: Metrics, db: Database, clock: Clock) -> None:
        if metrics.multiprocess:
            self.registry = CollectorRegistry()
            MultiProcessCollector(self.registry)  # type: ignore[no-untyped-call]
        else:
            self.registry = metrics.registry
        self.registry.register(OutboxCollector(db, clock))

    def render(self) -> bytes:
        return generate_latest(self.registry)

    async def handler(self, _request: web.Request) -> web.Response:
        # In a thread: the outbox query and, under gunicorn, reading every worker's file.
        body = await asyncio.to_thread(self.render)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
