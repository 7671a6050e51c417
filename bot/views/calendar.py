"""The calendar files of a placement in Danish: what each side's events say, and the file's
name and comment for each reason it is sent."""

from __future__ import annotations

from dataclasses import replace

from bot.domain import ics
from bot.domain.placement import Role
from bot.domain.season import Season
from bot.texts import calendar as t
from bot.texts import days_change as days_texts
from bot.texts import programme as programme_texts
from bot.views import programme as programme_views
from bot.views.common import place_text
from bot.views.files import FileWords
from models.hosts import hosts
from models.placements import Deal
from models.tables import Programme


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


# Each .ics file is titled with the calendar's name, and says in its comment why it came.


def confirmed_file(year: int, days: int) -> FileWords:
    """The confirmation's file: `days` agreed days."""
    return FileWords(t.filename(year, False), t.CALENDAR_NAME, t.comment_invite(days))


def cancelled_file(year: int) -> FileWords:
    return FileWords(t.filename(year, True), t.CALENDAR_NAME, t.COMMENT_CANCEL)


def days_changed_file(year: int) -> FileWords:
    return FileWords(days_texts.filename_update(year), t.CALENDAR_NAME, days_texts.COMMENT_UPDATE)


def programme_changed_file(year: int) -> FileWords:
    return FileWords(
        programme_texts.filename_update(year), t.CALENDAR_NAME, programme_texts.COMMENT_UPDATE
    )
