"""The kick-off workshop's Block Kit: the coordinator's modal and overview, the invitation
(with *Jeg kommer* / *Jeg kommer ikke*), the reminder, and the coordinator's receipts. Pure."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ContextBlock,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.buttons.values import WorkshopButton
from bot.domain.season import Season
from bot.registry.ids import Action, WorkshopAction, WorkshopCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import admin as admin_texts
from bot.texts import dates
from bot.texts import workshop as t
from bot.views.common import button, md, message, modal_view, notice
from bot.views.mrkdwn import SECTION_TEXT, fit, literal
from models.forms import clean_text
from models.tables import Workshop
from models.workshop import Attendance, WorkshopDetails


class WorkshopBlock(StrEnum):
    DAY = "workshop_day"
    TIME = "workshop_time"
    PLACE = "workshop_place"
    NOTE = "workshop_note"


PLACE_MAX = 200
NOTE_MAX = 1000


def _day(day: date, season_year: int) -> str:
    """ "ons 25. aug.", with the year when it is not the season's ("ons 1. mar. 2028")."""
    return dates.day(day, year=day.year != season_year)


def when(workshop: Workshop) -> str:
    return t.when(_day(workshop.day, workshop.season_year), workshop.time)


def answer_until(workshop: Workshop) -> str:
    """The last day an answer can be given or changed: the day before (models.workshop.answer
    refuses one on the day)."""
    return _day(workshop.day - timedelta(days=1), workshop.season_year)


def modal(current: Workshop | None) -> View:
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=t.MODAL_INTRO)),
        InputBlock(
            block_id=WorkshopBlock.DAY,
            label=t.LABEL_DAY,
            element=DatePickerElement(
                action_id=Action.FIELD,
                initial_date=current.day.isoformat() if current else None,
            ),
        ),
        InputBlock(
            block_id=WorkshopBlock.TIME,
            label=t.LABEL_TIME,
            element=TimePickerElement(
                action_id=Action.FIELD, initial_time=current.time if current else "13:00"
            ),
        ),
        InputBlock(
            block_id=WorkshopBlock.PLACE,
            label=t.LABEL_PLACE,
            hint=t.HINT_PLACE,
            element=PlainTextInputElement(
                action_id=Action.FIELD,
                initial_value=current.place if current else None,
                max_length=PLACE_MAX,
            ),
        ),
        InputBlock(
            block_id=WorkshopBlock.NOTE,
            label=t.LABEL_NOTE,
            optional=True,
            element=PlainTextInputElement(
                action_id=Action.FIELD,
                initial_value=(current.note or None) if current else None,
                multiline=True,
                max_length=NOTE_MAX,
            ),
        ),
    ]
    return modal_view(
        WorkshopCallback.FORM,
        title=t.MODAL_TITLE,
        submit=t.MODAL_SUBMIT,
        close=t.MODAL_CLOSE,
        blocks=blocks,
    )


def read_form(state: ViewState, today: date, season: Season) -> WorkshopDetails | dict[str, str]:
    """The modal's values, or per block the Danish reason it cannot be saved. The workshop
    kicks the season off: it lies after today and before the season's week 37."""
    errors: dict[str, str] = {}
    day = state.date(WorkshopBlock.DAY)
    if day is None:
        errors[WorkshopBlock.DAY.value] = t.ERR_DAY
    if day is not None and day <= today:
        errors[WorkshopBlock.DAY.value] = t.ERR_DAY_PAST
    elif day is not None and day >= season.day(1):
        errors[WorkshopBlock.DAY.value] = t.err_day_late(dates.day(season.day(1)))
    time = state.time(WorkshopBlock.TIME) or ""
    hours, _, minutes = time.partition(":")
    if not (
        len(time) == 5
        and hours.isascii()
        and hours.isdigit()
        and minutes.isascii()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    ):
        errors[WorkshopBlock.TIME.value] = t.ERR_TIME
    place = clean_text(state.text(WorkshopBlock.PLACE))
    if not place or len(place) > PLACE_MAX:
        errors[WorkshopBlock.PLACE.value] = t.ERR_PLACE
    note = clean_text(state.text(WorkshopBlock.NOTE))
    if len(note) > NOTE_MAX:
        errors[WorkshopBlock.NOTE.value] = t.ERR_NOTE
    if errors or day is None:
        return errors
    return WorkshopDetails(day=day, time=time, place=place, note=note)


def invitation(workshop: Workshop, *, coming: bool | None = None) -> Message:
    """The invitation DM; after an answer it shows the answer and keeps both buttons, so the
    answer can be changed until the day before. Before and after, it names that same day."""
    head = t.invitation(when(workshop), literal(workshop.place, PLACE_MAX))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=head))]
    if workshop.note:
        blocks.append(md(literal(workshop.note, SECTION_TEXT)))
    value = WorkshopButton(workshop.id or 0).encode()
    blocks.append(
        ActionsBlock(
            elements=[
                button(t.COMING, WorkshopAction.COMING, value, style="primary"),
                button(t.NOT_COMING, WorkshopAction.NOT_COMING, value, style="danger"),
            ]
        )
    )
    until = answer_until(workshop)
    status = t.ask(until) if coming is None else t.answered(coming, until)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=status)]))
    return message(head, blocks)


def reminder(workshop: Workshop) -> Message:
    text = t.reminder(when(workshop), literal(workshop.place, PLACE_MAX))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    if workshop.note:
        blocks.append(md(literal(workshop.note, SECTION_TEXT)))
    return message(text, blocks)


def moved(workshop: Workshop) -> Message:
    """To those already invited, when the date, time or place changed."""
    text = t.moved(when(workshop), literal(workshop.place, PLACE_MAX))
    return message(text, [md(text)])


def not_coordinator() -> dict[str, str]:
    """The modal's refusal to someone who is not a coordinator, under the place field."""
    return {WorkshopBlock.PLACE.value: admin_texts.NOT_COORDINATOR}


def saved(workshop: Workshop, *, created: bool, invited: int) -> Message:
    """The coordinator's DM once the workshop is saved and its invitations planned."""
    shown = when(workshop)
    if created:
        text = t.saved(invited, shown) if invited else t.NO_PARTICIPANTS
    else:
        text = t.updated(invited, shown)
    return notice(text)


def usage() -> Message:
    return notice(t.USAGE)


def none_yet() -> Message:
    return notice(t.NONE_YET)


def _people(people: list[tuple[str, str]]) -> str:
    return ", ".join(f"<@{user}>" for user, _ in people)


def overview(found: Attendance) -> Message:
    w = found.workshop
    yes, no, waiting = (found.with_answer(x) for x in (True, False, None))
    summary = t.overview(when(w), literal(w.place, PLACE_MAX), len(yes), len(no), len(waiting))
    lines = [
        t.names(t.YES_LABEL, _people(yes)),
        t.names(t.NO_LABEL, _people(no)),
        t.names(t.WAITING_LABEL, _people(waiting)),
    ]
    blocks: list[Block] = [
        HeaderBlock(text=t.overview_title(w.season_year)),
        SectionBlock(text=MarkdownTextObject(text=summary)),
        SectionBlock(text=MarkdownTextObject(text=fit("\n".join(lines), SECTION_TEXT))),
        ContextBlock(elements=[MarkdownTextObject(text=t.STATUS_USAGE)]),
    ]
    return message(summary, blocks)
