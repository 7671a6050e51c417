"""The coordinators' figures: `/praktik admin stats` with its chart, App Home, the export."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.domain.season import Season
from bot.report import charts
from bot.report.build import SeasonReport, chart_data, load_report
from bot.service import Env
from bot.service.audit import record_export
from bot.service.files import upload
from bot.service.seasons import season_named
from bot.slack.message import Message
from bot.views import stats as views
from bot.views.common import notice
from models.stats import ExportRow, export_rows, season_stats
from models.workshop import attendance


def chart(report: SeasonReport) -> bytes:
    return charts.png(chart_data(report))


async def stats_command(env: Env, *, user_id: str, args: str = "") -> Message:
    season = await season_named(env, args)
    if isinstance(season, str):
        return notice(season)
    report = await env.db.read(load_report, year=season.year)
    stats = report.stats
    png = await asyncio.to_thread(chart, report)
    uploaded = await upload(
        env, user_id=user_id, file=png, **views.chart_file(season.year, stats.placed).upload_args()
    )
    return views.stats_message(stats, views.chart_note(uploaded))


async def coordinator_blocks(env: Env, user_id: str) -> list[Block]:
    """The coordinators' section of App Home (the caller checks that user_id is one)."""
    stats = await env.db.read(season_stats, year=await env.year())
    return views.home_blocks(stats)


# Export --------------------------------------------------------------------------------------


def people_in(rows: Sequence[ExportRow]) -> set[str]:
    """Everyone the export names: both sides of each placement."""
    return {p.slack_user_id for row in rows for p in (row.host, row.intern)}


async def export_command(env: Env, *, user_id: str, args: str = "") -> Message:
    season = await season_named(env, args)
    if isinstance(season, str):
        return notice(season)
    rows = await env.db.read(export_rows, year=season.year)
    uploaded = await upload(
        env,
        user_id=user_id,
        file=views.export_csv(rows, season),
        **views.export_file(season.year).upload_args(),
    )
    if uploaded:
        await record_export(
            env,
            actor=user_id,
            what="placements",
            year=season.year,
            placements=len(rows),
            people=len(people_in(rows)),
        )
        await _export_workshop(env, user_id=user_id, season=season)
    return views.export_sent(len(rows), uploaded=uploaded)


async def _export_workshop(env: Env, *, user_id: str, season: Season) -> None:
    """The workshop's list beside the placements in the export, if there is one."""
    found = await env.db.read(attendance, year=season.year)
    if found is None:
        return
    uploaded = await upload(
        env,
        user_id=user_id,
        file=views.workshop_sheet(found, season),
        **views.workshop_file(season.year).upload_args(),
    )
    if uploaded:
        await record_export(
            env, actor=user_id, what="workshop", year=season.year, people=len(found.people)
        )
