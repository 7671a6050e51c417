"""The season's life in Danish: a command's year that is none, the invitation back, the
sign-up-not-open notice, and the answers to `/praktik admin sæson åbn`."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import ActionsBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot import texts
from bot.registry.ids import FindAction, SlotAction
from bot.registry.ids import View as ViewId
from bot.slack.message import Message
from bot.texts import dates
from bot.texts import season as t
from bot.views.common import button, message, modal_view, notice


def date_label(day: date) -> str:
    """A day as the season's commands and notices write it, with the year."""
    return dates.day(day, year=True)


def bad_year(example: int) -> str:
    """A command's year that is not four digits; `example` is one it would take."""
    return t.err_year(example)


def no_such_season(year: int) -> str:
    return t.no_such_season(year)


def invitation(year: int, *, host: bool, intern: bool) -> Message:
    """The DM to last year's participants when a season opens: one button per role they had,
    each opening its form filled in with last year's answers."""
    buttons = []
    if host:
        buttons.append(button(t.INVITE_AS_HOST, SlotAction.EDIT, "again", style="primary"))
    if intern:
        buttons.append(button(t.INVITE_AS_INTERN, FindAction.EDIT_WISH, "again", style="primary"))
    text = t.invite(year)
    return message(
        text, [SectionBlock(text=MarkdownTextObject(text=text)), ActionsBlock(elements=buttons)]
    )


def signup_not_open(year: int, opens: date) -> View:
    """A modal in place of the sign-up form between seasons (a command and a button both
    carry a trigger, so both are answered the same way)."""
    when = date_label(opens)
    return modal_view(
        ViewId.ERROR,
        title=t.SIGNUP_CLOSED_TITLE,
        close=texts.CLOSE,
        blocks=[SectionBlock(text=MarkdownTextObject(text=t.signup_not_open(year, when)))],
    )


# /praktik admin sæson åbn ÅR [ÅÅÅÅ-MM-DD] ----------------------------------------------


def open_usage() -> str:
    return t.OPEN_USAGE


def pinned(year: int) -> str:
    return t.pinned(year)


def open_wrong_year(year: int, expected: int) -> str:
    return t.open_wrong_year(year, expected)


def already_open(year: int) -> str:
    return t.already_open(year)


def open_date_past(day: date) -> str:
    return t.open_date_past(date_label(day))


def open_date_too_late(day: date, latest: date) -> str:
    return t.open_date_too_late(date_label(day), date_label(latest))


def opened(year: int, day: date, invited: int, *, today: bool) -> Message:
    """The coordinator's answer: the season is open now, or opens on `day`."""
    if today:
        return notice(t.opened(year, invited))
    return notice(t.opens_planned(year, date_label(day), invited))
