"""`praktik sandbox`'s arguments, checked and turned into the console's `Options`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from bot.domain.season import COPENHAGEN, default_season_year, next_working_day
from bot.process.clock import SystemClock
from bot.sandbox.console_tools import SandboxError, parse_moment
from bot.texts import sandbox as say

SIGNUP_DAY = (5, 3)  # 3 May: sign-up is open, well before the June deadline
SIGNUP_TIME = time(10, 0)
MIN_YEAR, MAX_YEAR = 2000, 2100  # as PRAKTIK_YEAR allows


@dataclass(frozen=True)
class Options:
    script: Path | None  # None: read stdin
    db_url: str | None  # None: a fresh SQLite file in a temporary folder
    year: int | None
    start: datetime
    strict: bool
    socket: bool = False  # the app over Socket Mode instead of HTTP


def options_from(args: argparse.Namespace) -> Options:
    script = None
    if args.script and args.script != "-":
        script = Path(args.script)
        if not script.is_file():
            raise SandboxError(say.script_missing(args.script))
    if args.year is not None and not MIN_YEAR <= args.year <= MAX_YEAR:
        raise SandboxError(say.bad_year(args.year))
    db_url = None
    if args.db:
        if "://" in args.db:
            db_url = args.db
        else:
            path = Path(args.db).expanduser().resolve()
            if not path.parent.is_dir():
                raise SandboxError(say.db_folder_missing(args.db))
            db_url = f"sqlite:///{path}"
    if args.now:
        try:
            start = parse_moment(args.now, None, COPENHAGEN)
        except ValueError:
            raise SandboxError(say.bad_now_option(args.now)) from None
    else:
        year = args.year or default_season_year(SystemClock().now())
        first = next_working_day(date(year, *SIGNUP_DAY))
        start = datetime.combine(first, SIGNUP_TIME, tzinfo=COPENHAGEN)
    socket = bool(getattr(args, "socket", False))
    return Options(script, db_url, args.year, start, bool(args.strict), socket)
