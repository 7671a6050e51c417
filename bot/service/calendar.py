"""The calendar files of a placement: sent to both sides when it is confirmed, and a
cancellation of the same events when it is withdrawn (after the transaction committed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.domain import ics
from bot.domain.season import Season
from bot.service import Env
from bot.service.files import upload
from bot.views import calendar as views
from bot.views.calendar import visits
from bot.views.files import FileWords
from models.days_change import calendar_sequence
from models.placements import Deal
from models.programme import programme_of
from models.tables import Programme

FIRST = 0  # SEQUENCE of the confirmation's events; each accepted change of days adds one


async def send_calendar(env: Env, *, deal: Deal, season: Season, cancelled: bool) -> None:
    """Both sides get their .ics file in their DM with the app: the agreed days, or, once
    withdrawn, the same events cancelled one SEQUENCE above their latest version."""
    sequence = FIRST
    if cancelled:
        sequence = await env.db.run(calendar_sequence, proposal_id=deal.proposal.id or 0) + 1
    programme = await env.db.read(programme_of, proposal_id=deal.proposal.id or 0)
    for user, visit in visits(deal, season, programme=programme):
        await _send(
            env,
            user,
            replace(visit, days=[]) if cancelled else visit,
            cancelled=visit.days if cancelled else [],
            sequence=sequence,
            words=(
                views.cancelled_file(deal.proposal.season_year)
                if cancelled
                else views.confirmed_file(deal.proposal.season_year, len(visit.days))
            ),
        )


async def send_days_changed(
    env: Env, *, deal: Deal, season: Season, removed: list[int], sequence: int
) -> None:
    """After an accepted change of days (`deal` holds the new ones): one file each, with the
    kept and added days confirmed and the removed days cancelled, all at the new `sequence`;
    the UIDs depend on the day only, so kept days update the very events the first file made."""
    gone = dict(visits(deal, season, removed)) if removed else {}
    programme = await env.db.read(programme_of, proposal_id=deal.proposal.id or 0)
    for user, visit in visits(deal, season, programme=programme):
        await _send(
            env,
            user,
            visit,
            cancelled=gone[user].days if user in gone else [],
            sequence=sequence,
            words=views.days_changed_file(deal.proposal.season_year),
        )


async def send_programme_changed(
    env: Env, *, deal: Deal, season: Season, programme: Programme, sequence: int
) -> None:
    """After the programme was saved: one file each, the agreed days with their programme,
    at the new `sequence`, so every event the earlier files made is updated by its UID."""
    for user, visit in visits(deal, season, programme=programme):
        await _send(
            env,
            user,
            visit,
            cancelled=[],
            sequence=sequence,
            words=views.programme_changed_file(deal.proposal.season_year),
        )


async def _send(
    env: Env,
    user: str,
    visit: ics.Visit,
    *,
    cancelled: Sequence[date],
    sequence: int,
    words: FileWords,
) -> None:
    content = ics.calendar(visit, sequence=sequence, stamp=env.now(), cancelled=cancelled)
    await upload(
        env,
        user_id=user,
        file=content,
        **words.upload_args(),
    )
