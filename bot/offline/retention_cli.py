"""`praktik retention [--dry-run]`: make the seasons past their retention date anonymous now
(as the app's daily job does; a second run changes nothing), or with --dry-run list every
season, its date and what would go. Needs only the database."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.retention import DEFAULT_MONTHS
from bot.domain.season import local_date
from bot.offline.commands import _query
from bot.texts import dates, startup
from bot.texts import retention as t
from models.retention import Planned, anonymise_due, dry_run

MONTHS_SETTING = "PRAKTIK_RETENTION_MONTHS"


def _months() -> int | str:
    """PRAKTIK_RETENTION_MONTHS as the app reads it, or the Danish line saying why not."""
    given = os.environ.get(MONTHS_SETTING, "").strip()
    if not given:
        return DEFAULT_MONTHS
    if not given.isdigit():
        return startup.setting_malformed(MONTHS_SETTING, startup.NOT_A_WHOLE_NUMBER)
    if not 1 <= int(given) <= 120:
        reason = startup.at_least(1) if int(given) < 1 else startup.at_most(120)
        return startup.setting_malformed(MONTHS_SETTING, reason)
    return int(given)


def _tz() -> ZoneInfo:
    try:
        return ZoneInfo(os.environ.get("PRAKTIK_TZ") or "Europe/Copenhagen")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Copenhagen")


def lines(planned: list[Planned], now: datetime, tz: ZoneInfo) -> list[str]:
    if not planned:
        return [t.NO_SEASONS]
    today = local_date(now, tz)
    found = []
    for season in planned:
        day = dates.day(season.day, year=True)
        if season.done is not None:
            state = t.done_on(dates.day(local_date(season.done, tz), year=True))
        elif season.day <= today:
            state = t.DUE_NOW
        else:
            state = t.due_in((season.day - today).days)
        found.append(t.season_line(season.year, day, state))
        if season.done is None:
            counts = [
                t.row_count(n, t.TABLE_NAMES.get(name, name))
                for name, n in season.outcome.rows.items()
            ]
            found.append(t.would_go(", ".join(counts)) if counts else t.NOTHING_LEFT)
    return found


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    months = _months()
    if isinstance(months, str):
        print(months, file=err)
        return 2
    tz, now = _tz(), datetime.now(UTC)
    if args.dry_run:
        planned = _query(args.url, dry_run, err, now=now, months=months, tz=tz)
        if planned is None:
            return 2
        print("\n".join(lines(planned, now, tz)), file=out)
        return 0
    done = _query(args.url, anonymise_due, err, now=now, months=months, tz=tz)
    if done is None:
        return 2
    print("\n".join(t.anonymised(o.year, o.total) for o in done) or t.NOTHING_DUE, file=out)
    return 0
