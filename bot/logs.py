"""Logging set-up: tokens and secrets never reach a log line."""

from __future__ import annotations

import logging
import re

# Slack tokens (bot, user, app-level, config) and anything after "token=" in a URL or form.
_SECRET = re.compile(r"(xox[abposer]-[\w-]+|xapp-[\w-]+|(?<=token=)[^&\s'\"]+)")


class Redact(logging.Filter):
    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

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
        for secret in self.secrets:
            text = text.replace(secret, "[hemmelig]")
        return _SECRET.sub("[hemmelig]", text)


def setup(*secrets: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redact(*secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
