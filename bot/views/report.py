"""The season report's words in Slack: its date line, the upload's comment and the answer."""

from __future__ import annotations

from datetime import date

from bot.slack.message import Message
from bot.texts import dates
from bot.texts import report as t
from bot.views.common import notice


def made_on(day: date) -> str:
    """The day the report was made, as its files print it."""
    return dates.day(day, year=True)


def upload_comment(year: int) -> str:
    return t.comment(year)


def report_sent(year: int, *, uploaded: bool) -> Message:
    return notice(t.sent(year) if uploaded else t.FAILED)
