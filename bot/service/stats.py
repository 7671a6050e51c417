"""The coordinators' figures: `/praktik admin stats` with its chart, App Home, the export."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot import charts, csvio
from bot.scoring import EXACT_SCAN, LIST_CAP, WishProfile, build_preferences
from bot.season import Season, to_local
from bot.service import Env
from bot.service.find import slot_profile, wish_profile
from bot.service.seasons import parse_year
from bot.texts import stats as t
from bot.views import stats as views
from bot.views.rounds import notice
from models.stats import UNKNOWN_SECTOR, ExportRow, SeasonStats, export_rows, season_stats
from models.tables import Wish

log = logging.getLogger("praktik.stats")

SECTOR_ORDER = ("stat", "region", "kommune")
# Bars of the rank chart: 1, 2, 3, 4–5, 6–10, then everything further down the list.
RANK_BARS = ((1, 1, "1"), (2, 2, "2"), (3, 3, "3"), (4, 5, "4–5"), (6, 10, "6–10"))


def placement_ranks(stats: SeasonStats, weight: int) -> Counter[int | None]:
    """Where each confirmed placement's slot stands on the intern's list by the transparent
    score, over every slot of the season (full ones too); None: beyond the list."""
    if not stats.placements or not stats.slots:
        return Counter()
    slots = [replace(slot_profile(s), capacity=max(1, s.capacity)) for s in stats.slots]
    wishes: list[WishProfile] = []
    for k, pair in enumerate(stats.placements):
        # Someone placed by request without a wish was open to every slot and day.
        wish = pair.wish or Wish(id=0, intern_id=0, season_year=stats.year, days=[1, 2, 3, 4, 5])
        wishes.append(replace(wish_profile(wish, pair.intern), id=k))
    cap = len(slots) if len(slots) <= EXACT_SCAN else LIST_CAP
    prefs = build_preferences(slots, wishes, cross_sector_weight=weight, list_cap=cap)
    ranks: Counter[int | None] = Counter()
    for k, pair in enumerate(stats.placements):
        order = prefs.order(k)
        ranks[order.index(pair.slot_id) + 1 if pair.slot_id in order else None] += 1
    return ranks


def rank_bars(ranks: Counter[int | None]) -> list[tuple[str, int]]:
    bars = [(label, sum(ranks[r] for r in range(lo, hi + 1))) for lo, hi, label in RANK_BARS]
    beyond = sum(n for r, n in ranks.items() if r is None or r > RANK_BARS[-1][1])
    return [*bars, (t.CHART_RANK_BEYOND, beyond)]


def chart_sectors(stats: SeasonStats) -> Sequence[str]:
    unknown = any(p.intern_sector == UNKNOWN_SECTOR for p in stats.placements)
    return (*SECTOR_ORDER, UNKNOWN_SECTOR) if unknown else SECTOR_ORDER


def chart(stats: SeasonStats, weight: int) -> bytes:
    return charts.stats_png(
        title=t.title(stats.year),
        sectors=chart_sectors(stats),
        flows=stats.flows,
        ranks=rank_bars(placement_ranks(stats, weight)),
    )


async def upload_file(env: Env, *, user_id: str, **file: Any) -> bool:
    """A file into the user's DM with the app (files.upload v2 needs a channel ID)."""
    try:
        opened = await env.client.conversations_open(users=user_id)
        await env.client.files_upload_v2(channel=opened["channel"]["id"], **file)
    except SlackApiError as error:
        log.warning("upload failed: %s", error.response.get("error"))
        return False
    return True


async def stats_command(env: Env, *, user_id: str, args: str = "") -> dict[str, Any]:
    year = parse_year(args)
    if isinstance(year, str):
        return notice(year)
    season, overrides = await env.season(year)
    stats = await env.db.run(season_stats, year=season.year)
    png = await asyncio.to_thread(chart, stats, overrides.cross_sector_weight)
    uploaded = await upload_file(
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
    stats = await env.db.run(season_stats, year=await env.year())
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
        slot.municipality,
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
    ]


def export_csv(rows: Sequence[ExportRow], season: Season) -> bytes:
    return csvio.write_sheet(t.EXPORT_HEADER, [export_line(r, season) for r in rows])


async def export_command(env: Env, *, user_id: str, args: str = "") -> dict[str, Any]:
    year = parse_year(args)
    if isinstance(year, str):
        return notice(year)
    season, _ = await env.season(year)
    rows = await env.db.run(export_rows, year=season.year)
    uploaded = await upload_file(
        env,
        user_id=user_id,
        file=export_csv(rows, season),
        filename=t.export_filename(season.year),
        title=t.export_title(season.year),
    )
    return notice(t.export_sent(len(rows)) if uploaded else t.EXPORT_FAILED)
