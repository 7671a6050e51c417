"""Logging set-up: tokens and secrets never reach a log line; one time zone, with its offset.

A line looks like `2027-05-03T10:00:00.123+02:00 INFO praktik.serve: Listening on …`, or
with PRAKTIK_LOG_FORMAT=json, for a log shipper, one JSON object a line with the same fields:
`{"time": "2027-05-03T10:00:00.123+02:00", "level": "INFO", "logger": "praktik.serve",
"message": "Listening on …"}` (and `"exception"`: the traceback, when there is one).
Libraries keep to what an operator needs: APScheduler's line per job run and Bolt's
warning about its own constructor arguments stay out.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, tzinfo
from typing import Literal

# Slack tokens (bot, user, app-level, config) and anything after "token=" in a URL or form.
_SECRET = re.compile(r"(xox[abposer]-[\w-]+|xapp-[\w-]+|(?<=token=)[^&\s'\"]+)")
# Shorter values are no secrets of ours (Slack's are 32 characters and more); replacing
# them would mangle ordinary words – a secret "s" once turned every s into [hemmelig].
MIN_SECRET_LENGTH = 8
HIDDEN = "[hemmelig]"
Format = Literal["text", "json"]  # PRAKTIK_LOG_FORMAT
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


class JsonFormatter(ZonedFormatter):
    """One JSON object a line, with the text line's fields and the same redaction: the
    Redact filter has already replaced the message and the traceback when this runs.

    Four fields need no library: json.dumps escapes the line breaks of a traceback and every
    character a shipper could trip on. python-json-logger would add a dependency to do the
    same, and by default copies every attribute of the record (a listener's `extra`) into
    the line, which is where personal data would slip past the redaction.
    """

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False)


def setup(
    *secrets: str,
    level: int = logging.INFO,
    tz: tzinfo = UTC,
    fmt: Format = "text",
) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(tz) if fmt == "json" else ZonedFormatter(tz))
    handler.addFilter(Redact(*secrets))
    handler.addFilter(NoBoilerplate())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name, quiet in QUIET.items():
        logging.getLogger(name).setLevel(max(quiet, level))
