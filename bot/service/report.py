"""`/praktik admin rapport [år]`: the season report as PDF and Markdown in the coordinator's
DM, with the chart the Markdown links to."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.report import load_report
from bot.report_files import report_files
from bot.season import to_local
from bot.service import Env
from bot.service.files import upload
from bot.texts import dates
from bot.texts import report as t
from bot.views.rounds import notice

FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_year(args: str, default: int) -> int | None:
    """The year typed after `rapport`, the current season's when none; None: not a year."""
    text = args.strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


async def report_command(env: Env, *, user_id: str, args: str) -> dict[str, Any]:
    season, _ = await env.season()
    year = parse_year(args, season.year)
    if year is None:
        return notice(t.BAD_YEAR)
    report = await env.db.run(load_report, year=year)
    made = dates.day(to_local(env.now(), season.tz).date(), year=True)
    files = await asyncio.to_thread(report_files, report, made=made)
    uploaded = await upload(
        env,
        user_id=user_id,
        file_uploads=[
            {"file": content, "filename": name, "title": name} for name, content in files.all()
        ],
        initial_comment=t.comment(year),
    )
    return notice(t.sent(year) if uploaded else t.FAILED)
