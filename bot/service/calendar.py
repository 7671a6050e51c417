"""The calendar files of a placement: sent to both sides when it is confirmed, and a
cancellation of the same events when it is withdrawn (after the transaction committed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.domain import ics
from bot.domain.placement import Role
from bot.domain.season import Season
from bot.service import Env
from bot.service.files import upload
from bot.texts import calendar as t
from bot.texts import days_change as days_texts
from bot.texts import programme as programme_texts
from bot.views import programme as programme_views
from bot.views.common import place_text
from models.days_change import calendar_sequence
from models.hosts import hosts
from models.placements import Deal
from models.programme import programme_of
from models.tables import Programme

FIRST = 0  # SEQUENCE of the confirmation's events; each accepted change of days adds one


def visits(
    deal: Deal,
    season: Season,
    weekdays: list[int] | None = None,
    programme: Programme | None = None,
) -> list[tuple[str, ics.Visit]]:
    """(recipient, what their calendar shows) for the host and the intern: the agreed days,
    or `weekdays` of them, each with its programme once the host side wrote one."""
    chosen = deal.proposal.days if weekdays is None else weekdays
    per_day = programme_views.calendar_days(programme, season, list(deal.proposal.days))
    days = [season.day(d) for d in sorted(chosen) if 1 <= d <= 5]
    proposal_id = deal.proposal.id or 0
    host, intern = deal.host, deal.intern
    host_names = [h.name or h.slack_user_id for h in hosts(deal)]
    intern_name = intern.name or intern.slack_user_id
    workplace = deal.slot.workplace
    where = t.location(workplace, place_text(deal.slot.municipality, deal.slot.region))

    def visit(side: Role, summary: str, description: str) -> ics.Visit:
        return ics.Visit(
            proposal_id=proposal_id,
            side=side,
            days=days,
            summary=summary,
            description=description,
            location=where,
            programme=per_day,
        )

    found = [
        (
            host.slack_user_id,
            visit(
                Role.HOST, t.summary_host(intern_name), t.description_host(intern_name, workplace)
            ),
        ),
        (
            intern.slack_user_id,
            visit(
                Role.INTERN,
                t.summary_intern(workplace),
                t.description_intern(host_names, workplace),
            ),
        ),
    ]
    cohost = deal.slot.cohost_user_id
    if cohost:  # the co-host's calendar shows the host's side, as events of their own
        _, host_visit = found[0]
        found.append((cohost, replace(host_visit, side=Role.COHOST)))
    return found


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
            filename=t.filename(deal.proposal.season_year, cancelled),
            comment=t.COMMENT_CANCEL if cancelled else t.comment_invite(len(visit.days)),
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
            filename=days_texts.filename_update(deal.proposal.season_year),
            comment=days_texts.COMMENT_UPDATE,
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
            filename=programme_texts.filename_update(deal.proposal.season_year),
            comment=programme_texts.COMMENT_UPDATE,
        )


async def _send(
    env: Env,
    user: str,
    visit: ics.Visit,
    *,
    cancelled: Sequence[date],
    sequence: int,
    filename: str,
    comment: str,
) -> None:
    content = ics.calendar(visit, sequence=sequence, stamp=env.now(), cancelled=cancelled)
    await upload(
        env,
        user_id=user,
        file=content,
        filename=filename,
        title=t.CALENDAR_NAME,
        initial_comment=comment,
    )
