"""The `praktik demo` command line: options in, the report on stdout, progress on stderr."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import TextIO

from bot.demo.run import DemoOptions, run_demo
from bot.domain.season import default_season_year
from bot.offline.progress import Progress
from bot.process.clock import SystemClock
from bot.process.config import ConfigError
from bot.sandbox.console_tools import ErrorCount, app_logging
from bot.texts import demo as t

MAX_PARTICIPANTS = 100_000


def options_from(args: argparse.Namespace) -> DemoOptions | str:
    if not 2 <= args.participants <= MAX_PARTICIPANTS:
        return t.BAD_PARTICIPANTS
    year = args.year if args.year is not None else default_season_year(SystemClock().now())
    if not 2000 <= year <= 2100:
        return t.BAD_YEAR
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and out.exists() and not out.is_dir():
        return t.out_not_folder(args.out)
    return DemoOptions(
        participants=args.participants,
        seed=args.seed,
        year=year,
        out=out,
        socket=bool(getattr(args, "socket", False)),
    )


def main(
    args: argparse.Namespace, *, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr
) -> int:
    options = options_from(args)
    if isinstance(options, str):
        stderr.write(options + "\n")
        return 2
    errors = ErrorCount()
    began = time.perf_counter()
    try:
        with app_logging(errors):
            report = asyncio.run(run_demo(options, progress=Progress(stderr), errors=errors))
    except ConfigError as error:
        stderr.write(f"{error}\n")
        return 2
    stdout.write(report.text)
    stdout.flush()
    stderr.write(t.finished(time.perf_counter() - began, str(report.path)) + "\n")
    return 1 if report.failures or report.mismatches else 0
