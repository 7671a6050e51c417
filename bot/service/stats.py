"""The coordinators' figures: `/praktik admin stats` with its chart, App Home, the export."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.domain.season import Season, to_local
from bot.report import charts
from bot.report.build import SeasonReport, chart_data, load_report
from bot.service import Env
from bot.service.audit import record_export
from bot.service.files import upload
from bot.service.seasons import season_named
from bot.sheets import csvio
from bot.slack.message import Message
from bot.texts import goal_figures as goal_figure_texts
from bot.texts import stats as t
from bot.texts import workshop as workshop_texts
from bot.views import stats as views
from bot.views.common import notice
from bot.views.signups import place_name
from models.stats import ExportRow, export_rows, season_stats
from models.workshop import Attendance, attendance


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
        env,
        user_id=user_id,
        file=png,
        filename=f"innovationspraktik-{season.year}-statistik.png",
        title=t.title(season.year),
        alt_txt=t.chart_alt(season.year, stats.placed),
        initial_comment=t.chart_comment(season.year),
    )
    return views.stats_message(stats, t.CHART_SENT if uploaded else t.CHART_FAILED)


async def coordinator_blocks(env: Env, user_id: str) -> list[Block]:
    """The coordinators' section of App Home (the caller checks that user_id is one)."""
    stats = await env.db.read(season_stats, year=await env.year())
    return views.home_blocks(stats)


# Export --------------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return t.YES if value else t.NO


def export_line(row: ExportRow, season: Season) -> list[object]:
    p, slot, host, intern = row.placement, row.slot, row.host, row.intern
    proposal = row.proposal
    crossing = bool(intern.sector) and intern.sector != slot.sector
    c, e = row.checkins, row.evaluations
    return [
        p.id,
        t.STATUS.get(p.status, p.status),
        t.ORIGIN.get(proposal.origin, proposal.origin) if proposal else "",
        proposal.round if proposal and proposal.round else "",
        f"{to_local(p.confirmed_at, season.tz):%Y-%m-%d}",
        ", ".join(season.weekday_label(d) for d in sorted(p.days) if 1 <= d <= 5),
        host.name,
        host.slack_user_id,
        slot.workplace,
        t.SECTORS.get(slot.sector, slot.sector),
        place_name(slot.municipality) or slot.municipality,
        slot.region or "",
        intern.name,
        intern.slack_user_id,
        intern.workplace,
        t.SECTORS.get(intern.sector or "", intern.sector or ""),
        _yes_no(crossing),
        c["host"].rating if "host" in c else None,
        c["intern"].rating if "intern" in c else None,
        e["host"].benefit if "host" in e else None,
        e["intern"].benefit if "intern" in e else None,
        e["host"].recommend if "host" in e else None,
        e["intern"].recommend if "intern" in e else None,
        e["host"].text if "host" in e else None,
        e["intern"].text if "intern" in e else None,
        *goal_columns(row),
    ]


def goal_columns(row: ExportRow) -> list[object]:
    """The intern's goals, how far she met them, what each side took from it and whether
    it was put into practice (the columns of bot.texts.goal_figures.EXPORT_COLUMNS)."""
    e, f = row.evaluations, row.followups
    intern, host = e.get("intern"), e.get("host")
    return [
        row.placement.goals,
        intern.goals_met if intern is not None else None,
        intern.take_home if intern is not None else None,
        host.inspiration if host is not None else None,
        f["intern"].practised if "intern" in f else None,
        f["intern"].what if "intern" in f else None,
        f["host"].practised if "host" in f else None,
        f["host"].what if "host" in f else None,
    ]


def people_in(rows: Sequence[ExportRow]) -> set[str]:
    """Everyone the export names: both sides of each placement."""
    return {p.slack_user_id for row in rows for p in (row.host, row.intern)}


def export_csv(rows: Sequence[ExportRow], season: Season) -> bytes:
    header = (*t.EXPORT_HEADER, *goal_figure_texts.EXPORT_COLUMNS)
    return csvio.write_sheet(header, [export_line(r, season) for r in rows])


async def export_command(env: Env, *, user_id: str, args: str = "") -> Message:
    season = await season_named(env, args)
    if isinstance(season, str):
        return notice(season)
    rows = await env.db.read(export_rows, year=season.year)
    uploaded = await upload(
        env,
        user_id=user_id,
        file=export_csv(rows, season),
        filename=t.export_filename(season.year),
        title=t.export_title(season.year),
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
    return notice(t.export_sent(len(rows)) if uploaded else t.EXPORT_FAILED)


def workshop_sheet(found: Attendance, season: Season) -> bytes:
    rows: list[list[object]] = []
    for user, name, given in found.people:
        answered = f"{to_local(given.answered_at, season.tz):%Y-%m-%d %H:%M}" if given else ""
        word = workshop_texts.ANSWER_WORDS[given.coming if given else None]
        rows.append([user, name, word, answered])
    return csvio.write_sheet(workshop_texts.EXPORT_HEADER, rows)


async def _export_workshop(env: Env, *, user_id: str, season: Season) -> None:
    """The workshop's list beside the placements in the export, if there is one."""
    found = await env.db.read(attendance, year=season.year)
    if found is None:
        return
    uploaded = await upload(
        env,
        user_id=user_id,
        file=workshop_sheet(found, season),
        filename=workshop_texts.export_filename(season.year),
        title=workshop_texts.overview_title(season.year),
    )
    if uploaded:
        await record_export(
            env, actor=user_id, what="workshop", year=season.year, people=len(found.people)
        )
