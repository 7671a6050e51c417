"""`/praktik admin rapport [år]`: the season report as PDF and Markdown in the coordinator's
DM, with the chart the Markdown links to."""

from __future__ import annotations

import asyncio

from bot.domain.season import to_local
from bot.report.build import load_report
from bot.report.files import report_files
from bot.service import Env
from bot.service.files import upload
from bot.service.seasons import season_named
from bot.slack.message import Message
from bot.views import report as views
from bot.views.common import notice


async def report_command(env: Env, *, user_id: str, args: str) -> Message:
    season = await season_named(env, args)
    if isinstance(season, str):
        return notice(season)
    year = season.year
    report = await env.db.read(load_report, year=year)
    made = views.made_on(to_local(env.now(), season.tz).date())
    files = await asyncio.to_thread(report_files, report, made=made)
    uploaded = await upload(
        env,
        user_id=user_id,
        file_uploads=[
            {"file": content, "filename": name, "title": name} for name, content in files.all()
        ],
        initial_comment=views.upload_comment(year),
    )
    return views.report_sent(year, uploaded=uploaded)
