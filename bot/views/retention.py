"""The coordinators' DM before a season's personal data is made anonymous."""

from __future__ import annotations

from datetime import date

from bot.slack.message import Message
from bot.texts import dates
from bot.texts import retention as t
from bot.views.common import md, message


def warning(year: int, day: date) -> Message:
    text = t.warning(year, dates.day(day, year=True))
    return message(text, [md(text)])
