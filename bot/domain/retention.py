"""When a season's personal data goes: a number of months after its evaluations close.

Pure: `now` is an argument. The default keeps a season 12 months past its evaluation
deadline (15 January the year after week 37): the next season opens at the latest on that
deadline, and its invitations, which name last year's participants and fill in last year's
answers, are sent and answered well inside the following year. Only the season after that
no longer needs them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from bot.domain.season import COPENHAGEN, at_local, default_closes_on, start_of_day, to_utc

DEFAULT_MONTHS = 12
WARNING_LEAD = timedelta(days=14)  # the coordinators are told this long before
WARNING_AT = time(9, 0)


def add_months(day: date, months: int) -> date:
    """`day` `months` calendar months later; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_day(year: int, months: int) -> date:
    """The day season `year`'s personal data is anonymised."""
    return add_months(default_closes_on(year), months)


def retention_at(year: int, months: int, tz: tzinfo = COPENHAGEN) -> datetime:
    """The instant (local midnight starting `retention_day`) as UTC."""
    return start_of_day(retention_day(year, months), tz)


def warning_at(year: int, months: int, tz: tzinfo = COPENHAGEN) -> datetime:
    """09:00 local, WARNING_LEAD before the retention day (the send window may move it)."""
    return at_local(retention_day(year, months) - WARNING_LEAD, WARNING_AT, tz)


def season_closes_at(year: int, tz: tzinfo = COPENHAGEN) -> datetime:
    """When season `year`'s evaluations close: what is older than this and belongs to no
    season (an audit entry, a DM of no placement) goes with that season."""
    return start_of_day(default_closes_on(year), tz)


def expired(years: Iterable[int], now: datetime, months: int, tz: tzinfo = COPENHAGEN) -> list[int]:
    """The seasons among `years` whose retention date has come, oldest first."""
    instant = to_utc(now)
    return sorted(y for y in set(years) if retention_at(y, months, tz) <= instant)


def to_warn(years: Iterable[int], now: datetime, months: int, tz: tzinfo = COPENHAGEN) -> list[int]:
    """The seasons whose coordinators are to be warned now: inside WARNING_LEAD of the date."""
    instant = to_utc(now)
    return sorted(
        y
        for y in set(years)
        if retention_at(y, months, tz) - WARNING_LEAD <= instant < retention_at(y, months, tz)
    )
