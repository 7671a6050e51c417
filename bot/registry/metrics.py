"""The process's Prometheus metrics: what happened (counters, a histogram, a timestamp).

    metrics = Metrics()                      # one per process, given to what it measures
    metrics.request("command", "ok")
    metrics.slack_call("chat.postMessage", "ok")

Figures that describe the database's state (the outbox) are not counted here but read at
scrape time (bot.runtime.exposition): a counter kept beside the data would drift from it.

Under `praktik serve --workers N` every worker writes its figures to files in a directory
shared by the set (prometheus_client's multiprocess mode, bot.runtime.multiproc), and a
scrape of any worker adds them all up. Label values come from short fixed vocabularies and
Slack's method names: never a user ID, a channel or a text.
"""

from __future__ import annotations

import time
from typing import Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

# What reached /slack/events or a Socket Mode envelope, by Slack's payload type.
KINDS: Final = frozenset(
    {"command", "action", "view_submission", "view_closed", "event", "options", "shortcut"}
)
OTHER_KIND: Final = "other"
UNKNOWN_KIND: Final = "unknown"  # refused before its body was read (a bad signature)
OK, REFUSED, ERROR = "ok", "refused", "error"
RATELIMITED = "429"
# Slack answers within 3 s or shows the user an error: the buckets resolve that range.
ACK_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)


class Metrics:
    """Every figure the app counts, in a registry of its own (nothing process-global).

    In multiprocess mode the values live in the shared directory, whatever the registry;
    the scrape then reads that directory instead (bot.runtime.exposition).
    """

    def __init__(self, *, multiprocess: bool = False) -> None:
        self.multiprocess = multiprocess
        # Multiprocess metrics must not be registered anywhere: a scrape reads the files.
        self.registry = CollectorRegistry(auto_describe=True)
        into = None if multiprocess else self.registry
        self.requests = Counter(
            "praktik_requests",
            "Requests from Slack (HTTP or Socket Mode) by payload kind and outcome.",
            ["kind", "outcome"],
            registry=into,
        )
        self.ack_seconds = Histogram(
            "praktik_ack_seconds",
            "Seconds from a request's arrival until its acknowledgement went back to Slack.",
            ["kind"],
            buckets=ACK_BUCKETS,
            registry=into,
        )
        self.slack_calls = Counter(
            "praktik_slack_calls",
            "Slack Web API calls by method and result (ok, error, 429).",
            ["method", "result"],
            registry=into,
        )
        self.pacing_wait = Counter(
            "praktik_slack_pacing_wait_seconds",
            "Seconds Web API calls waited for Slack's rate budget, all callers together.",
            ["priority"],
            registry=into,
        )
        self.dispatched = Counter(
            "praktik_outbox_dispatched",
            "Outbox rows the dispatcher settled, by outcome.",
            ["outcome"],
            registry=into,
        )
        self.dispatch_last_run = Gauge(
            "praktik_dispatch_last_run_timestamp_seconds",
            "When a dispatcher run last finished (Unix time), the latest of all processes.",
            registry=into,
            multiprocess_mode="max",
        )
        self.database_errors = Counter(
            "praktik_database_errors",
            "Errors raised by the database driver, by SQLAlchemy's error class.",
            ["kind"],
            registry=into,
        )

    def request(self, kind: str, outcome: str) -> None:
        self.requests.labels(kind, outcome).inc()

    def acked(self, kind: str, seconds: float) -> None:
        self.ack_seconds.labels(kind).observe(seconds)

    def slack_call(self, method: str, result: str) -> None:
        self.slack_calls.labels(method, result).inc()

    def waited(self, *, bulk: bool, seconds: float) -> None:
        if seconds > 0:
            self.pacing_wait.labels("bulk" if bulk else "interactive").inc(seconds)

    def dispatch_run(self, outcomes: dict[str, int], *, at: float | None = None) -> None:
        for outcome, count in outcomes.items():
            if count:
                self.dispatched.labels(outcome).inc(count)
        self.dispatch_last_run.set(time.time() if at is None else at)

    def watch(self, engine: Engine) -> None:
        """Count every error the database driver raises on `engine` (connecting included)."""

        def counted(context: ExceptionContext) -> None:
            error = context.sqlalchemy_exception
            self.database_errors.labels(type(error).__name__ if error else "DBAPIError").inc()

        event.listen(engine, "handle_error", counted)
