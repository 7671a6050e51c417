"""`praktik serve` (or `praktik socket`), with two knobs a test of the running process
needs, run as

    python -m tests.stress.serve [socket | --workers N]

Without the PRAKTIK_STRESS_* variables this is exactly `praktik serve`
(bot.cli.cmd_serve). With them:

- PRAKTIK_STRESS_NOW (ISO 8601 with an offset): the app and its dispatcher see this
  instant at start-up, and time runs on from there at the normal rate. A DM due on
  30 August 2027 can then be sent today, and a restart "eleven minutes later" (past the
  dispatcher's ten-minute lease) needs no eleven-minute wait.
- PRAKTIK_STRESS_DISPATCH_INTERVAL (seconds, at least 1): how often the dispatch job
  runs (30 s in production), so a test sees a DM a second after it falls due.
- PRAKTIK_STRESS_DISPATCH_BATCH (rows): the dispatcher's claim batch, and twice that as
  its most rows held at once (100 and 1,000 in production), so two processes share a few
  hundred due DMs instead of the first one to wake taking them all.

- PRAKTIK_STRESS_UNPACED=1: the process's Web API calls do not wait for Slack's budgets
  (bot.slack.pacing), for tests whose fake Slack enforces no limits and that are about something
  else (the database shared by two processes); 429s are still waited out.

Everything else (settings from the environment, the app, the HTTP server, the dispatcher
and its claims) is the real code, unchanged.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from bot import cli
from bot.cli import main
from bot.outbox import dispatcher as dispatch
from bot.process import clock
from bot.serving import jobs
from bot.slack.pacing import Pacer


class ShiftedClock:
    """The wall clock moved to start at `start`; it keeps running at the normal rate."""

    def __init__(self, start: datetime) -> None:
        self.offset: timedelta = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def install() -> None:
    start = os.environ.get("PRAKTIK_STRESS_NOW")
    interval = os.environ.get("PRAKTIK_STRESS_DISPATCH_INTERVAL")
    shifted = ShiftedClock(datetime.fromisoformat(start)) if start else None
    if shifted is not None:
        # cmd_serve imports SystemClock when it runs, so the app gets the shifted clock.
        clock.SystemClock = lambda: shifted  # type: ignore[assignment,misc,return-value]
    attach = jobs.attach

    def attach_with(web_app: Any, dispatcher: Any, **options: Any) -> jobs.DispatchJob:
        if shifted is not None:
            options["clock"] = shifted
        if interval:
            options["interval"] = float(interval)
        return attach(web_app, dispatcher, **options)

    jobs.attach = attach_with  # type: ignore[assignment]

    class DispatchJob(jobs.DispatchJob):  # `praktik socket` makes its job itself
        def __init__(self, dispatcher: Any, **options: Any) -> None:
            if shifted is not None:
                options["clock"] = shifted
            if interval:
                options["interval"] = float(interval)
            super().__init__(dispatcher, **options)

    jobs.DispatchJob = DispatchJob  # type: ignore[misc]
    if os.environ.get("PRAKTIK_STRESS_UNPACED") == "1":

        def unpaced(processes: int = 1, metrics: Any = None) -> Pacer:
            return Pacer(paced=False, metrics=metrics)

        cli._pacer = unpaced
    batch = os.environ.get("PRAKTIK_STRESS_DISPATCH_BATCH")
    if batch:
        build = dispatch.Dispatcher.from_settings

        def from_settings(settings: Any, db: Any, **options: Any) -> dispatch.Dispatcher:
            options.update(batch=int(batch), max_in_flight=2 * int(batch))
            return build(settings, db, **options)

        dispatch.Dispatcher.from_settings = from_settings  # type: ignore[method-assign]


if __name__ == "__main__":
    import sys

    install()
    # `socket`, or `serve` with its own options (`--workers N`: the workers are forked from
    # this process, so they run with the knobs above too).
    raise SystemExit(main(["socket"] if sys.argv[1:] == ["socket"] else ["serve", *sys.argv[1:]]))
