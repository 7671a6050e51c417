"""Logging set-up: tokens and secrets never reach a log line; one time zone, with its offset.

A line looks like `2027-05-03T10:00:00.123+02:00 INFO praktik.serve: Listening on …`.
Libraries keep to what an operator needs: APScheduler's line per job run and Bolt's
warning about its own constructor arguments stay out.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, tzinfo

# Slack tokens (bot, user, app-level, config) and anything after "token=" in a URL or form.
_SECRET = re.compile(r"(xox[abposer]-[\w-]+|xapp-[\w-]+|(?<=token=)[^&\s'\"]+)")
# Shorter values are no secrets of ours (Slack's are 32 characters and more); replacing
# them would mangle ordinary words – a secret "s" once turned every s into [hemmelig].
MIN_SECRET_LENGTH = 8
HIDDEN = "[hemmelig]"
# Library INFO lines that come with every start or every job run and tell an operator
# nothing: APScheduler's per-run lines, Alembic's notes on how it talks to SQLite.
QUIET = {"apscheduler": logging.WARNING}
BOILERPLATE = ("Context impl ", "Will assume ")


class Redact(logging.Filter):
    def __init__(self, *secrets: str) -> None:
        super().__init__()
        kept = sorted({s for s in secrets if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)
        # Whole values only: never the middle of a longer word or token.
        self._given = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, kept)) + r")(?![\w-])")
            if kept
            else None
        )

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.scrub(message)
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.scrub(text)
        if clean != message:
            record.msg, record.args = clean, None
        return True

    def scrub(self, text: str) -> str:
        if self._given is not None:
            text = self._given.sub(HIDDEN, text)
        return _SECRET.sub(HIDDEN, text)


class NoBoilerplate(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("alembic") and str(record.msg).startswith(BOILERPLATE))


class ZonedFormatter(logging.Formatter):
    """ISO 8601 timestamps in one time zone, with its offset."""

    def __init__(self, tz: tzinfo) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.tz = tz

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, self.tz).isoformat(timespec="milliseconds")


def setup(*secrets: str, level: int = logging.INFO, tz: tzinfo = UTC) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(ZonedFormatter(tz))
    handler.addFilter(Redact(*secrets))
    handler.addFilter(NoBoilerplate())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name, quiet in QUIET.items():
        logging.getLogger(name).setLevel(max(quiet, level))
