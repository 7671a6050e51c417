"""Block Kit for the programme of a placement's days: the button, the modal, and the
programme as the intern and the host side read it (status, App Home, DMs, calendar), the
form's faults and the host's receipt."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.buttons.values import ProposalButton
from bot.domain.season import Season
from bot.registry.ids import Action, ProgrammeAction, ProgrammeCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import programme as t
from bot.views.common import button, days_text, md, message, modal_view, notice
from bot.views.forms import text_input
from bot.views.mrkdwn import OPTION_TEXT, SECTION_TEXT, fit, literal, plain
from bot.views.mrkdwn import workplace as workplace_text
from models.placements import Deal
from models.programme_form import (
    DAY_PLACE_MAX,
    DAY_TEXT_MAX,
    DAY_TIME_MAX,
    PROGRAMME_FIELD_MAX,
    PROGRAMME_PHONE_MAX,
    Fault,
)
from models.tables import Programme


class ProgrammeBlock(StrEnum):
    """The modal's inputs; a day's three are `programme_text_3`, … (`day_block`)."""

    TEXT = "programme_text"
    TIME = "programme_time"
    PLACE = "programme_place"
    ADDRESS = "programme_address"
    MEETING_POINT = "programme_meeting_point"
    PHONE = "programme_phone"
    ALSO_FOR = "programme_also_for"


def day_block(block: ProgrammeBlock, day: int) -> str:
    return f"{block}_{day}"


MAX_CHOICES = 100  # options of a multi-select (Block Kit)


def write_button(proposal_id: int | None, written: bool) -> ButtonElement:
    return button(
        t.EDIT if written else t.WRITE,
        ProgrammeAction.WRITE,
        ProposalButton(proposal_id or 0).encode(),
        style=None if written else "primary",
    )


def write_actions(proposal_id: int | None, written: bool) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"programme_{proposal_id or 0}", elements=[write_button(proposal_id, written)]
    )


def _entries(programme: Programme | None) -> dict[int, dict[str, str]]:
    if programme is None:
        return {}
    return {
        int(e["day"]): {k: str(e.get(k) or "") for k in ("text", "time", "place")}
        for e in programme.days
        if isinstance(e, dict) and isinstance(e.get("day"), int)
    }


def _intern_label(deal: Deal, season: Season) -> str:
    name = deal.intern.name or deal.intern.slack_user_id
    return plain(f"{name} ({days_text(deal.proposal.days, season)})", OPTION_TEXT)


def modal(deal: Deal, season: Season, programme: Programme | None, others: list[Deal]) -> View:
    """A text, a time and a place for each agreed day, the practical block, and the host's
    other placements to give the same programme."""
    entries = _entries(programme)
    intern = literal(deal.intern.name or deal.intern.slack_user_id, 100)
    blocks: list[Block] = [md(t.intro(intern, days_text(deal.proposal.days, season)))]
    for day in sorted(deal.proposal.days):
        label = season.weekday_label(day)
        given = entries.get(day, {})
        blocks += [
            text_input(
                day_block(ProgrammeBlock.TEXT, day),
                t.day_text(label),
                given.get("text", ""),
                multiline=True,
                optional=True,
                max_length=DAY_TEXT_MAX,
            ),
            text_input(
                day_block(ProgrammeBlock.TIME, day),
                t.day_time(label),
                given.get("time", ""),
                optional=True,
                hint=t.TIME_HINT,
                max_length=DAY_TIME_MAX,
            ),
            text_input(
                day_block(ProgrammeBlock.PLACE, day),
                t.day_place(label),
                given.get("place", ""),
                optional=True,
                max_length=DAY_PLACE_MAX,
            ),
        ]
    blocks += [
        DividerBlock(),
        md(f"*{t.PRACTICAL}*"),
        text_input(
            ProgrammeBlock.ADDRESS,
            t.ADDRESS,
            programme.address if programme else "",
            optional=True,
            max_length=PROGRAMME_FIELD_MAX,
        ),
        text_input(
            ProgrammeBlock.MEETING_POINT,
            t.MEETING_POINT,
            programme.meeting_point if programme else "",
            optional=True,
            hint=t.MEETING_POINT_HINT,
            max_length=PROGRAMME_FIELD_MAX,
        ),
        text_input(
            ProgrammeBlock.PHONE,
            t.PHONE,
            programme.phone if programme else "",
            optional=True,
            hint=t.PHONE_HINT,
            max_length=PROGRAMME_PHONE_MAX,
        ),
    ]
    if others:
        options = [
            Option(value=str(o.proposal.id or 0), text=_intern_label(o, season))
            for o in others[:MAX_CHOICES]
        ]
        blocks.append(
            InputBlock(
                block_id=ProgrammeBlock.ALSO_FOR,
                label=t.ALSO_FOR,
                hint=t.ALSO_FOR_HINT,
                optional=True,
                element=StaticMultiSelectElement(
                    action_id=Action.FIELD, placeholder=t.ALSO_FOR_PLACEHOLDER, options=options
                ),
            )
        )
    return modal_view(
        ProgrammeCallback.FORM,
        title=t.TITLE,
        submit=t.SUBMIT,
        close=t.CANCEL,
        private_metadata=str(deal.proposal.id or 0),
        blocks=blocks,
    )


def chosen(state: ViewState) -> list[str]:
    """The ticked placements of *Brug også for*, as sent (checked by the caller)."""
    return state.selected_all(ProgrammeBlock.ALSO_FOR)


def days_of(state: ViewState, days: list[int]) -> dict[int, list[str | None]]:
    return {
        day: [
            state.text(day_block(b, day))
            for b in (ProgrammeBlock.TEXT, ProgrammeBlock.TIME, ProgrammeBlock.PLACE)
        ]
        for day in days
    }


# --- reading it -------------------------------------------------------------------------------


def programme_text(programme: Programme, season: Season, days: list[int]) -> str:
    """The programme as mrkdwn, day by day and then the practical block, within a section."""
    entries = _entries(programme)
    lines = []
    for day in sorted(days):
        entry = entries.get(day)
        label = season.weekday_label(day)
        if entry is None:
            lines.append(f"{t.day_line(label, '', '')} {t.NO_DAY}")
            continue
        head = t.day_line(label, literal(entry["time"], 60), literal(entry["place"], 160))
        lines.append(f"{head}\n{literal(entry['text'], 700)}" if entry["text"] else head)
    practical = [
        t.practical_line(label, literal(value, 210))
        for label, value in (
            (t.ADDRESS, programme.address),
            (t.MEETING_POINT, programme.meeting_point),
            (t.PHONE, programme.phone),
        )
        if value
    ]
    if practical:
        lines.append("\n".join(practical))
    return fit("\n\n".join(lines), SECTION_TEXT - 40)


def programme_blocks(
    programme: Programme | None, season: Season, days: list[int], *, hosts: bool
) -> list[Block]:
    """A heading and the programme, or the line saying it is still missing."""
    if programme is None:
        missing = t.MISSING_HOST if hosts else t.MISSING_INTERN
        return [md(f"*{t.HEADING}*\n{missing}")]
    return [
        SectionBlock(text=MarkdownTextObject(text=f"*{t.HEADING}*")),
        md(programme_text(programme, season, days)),
    ]


def changed_dm(
    programme: Programme | None, workplace: str, season: Season, days: list[int]
) -> Message:
    head = t.changed(workplace_text(workplace))
    return message(head, [md(head), *programme_blocks(programme, season, days, hosts=False)])


def reminder_dm(intern: str, proposal_id: int) -> Message:
    head = t.reminder(intern)
    return message(head, [md(head), write_actions(proposal_id, False)])


def calendar_days(
    programme: Programme | None, season: Season, days: list[int]
) -> dict[date, tuple[str, str]]:
    """Each agreed day's programme for its calendar event: (DESCRIPTION's addition,
    LOCATION); the practical block goes with every day."""
    if programme is None:
        return {}
    practical = t.calendar_practical(programme.address, programme.meeting_point, programme.phone)
    entries = _entries(programme)
    found = {}
    for day in sorted(d for d in days if 1 <= d <= 5):
        entry = entries.get(day, {})
        text = t.calendar_day(entry["text"], entry["time"]) if entry.get("text") else ""
        extra = "\n\n".join(p for p in (text, practical) if p)
        found[season.day(day)] = (extra, entry.get("place") or programme.address)
    return found


# The form's faults and the host's receipt ---------------------------------------------------

_LIMITS = {"text": DAY_TEXT_MAX, "time": DAY_TIME_MAX, "place": DAY_PLACE_MAX}
_BLOCKS = {"text": ProgrammeBlock.TEXT, "time": ProgrammeBlock.TIME, "place": ProgrammeBlock.PLACE}


def faults(found: dict[str, Fault]) -> dict[str, str]:
    """The form's faults next to their fields (the modal's block IDs)."""
    errors = {}
    for name, fault in found.items():
        field, _, day = name.partition(":")
        block = day_block(_BLOCKS[field], int(day)) if day else f"programme_{field}"
        if fault is Fault.PHONE:
            errors[block] = t.PHONE_FAULT
        elif fault is Fault.EMPTY:
            errors[block] = t.EMPTY
        else:
            errors[block] = t.too_long(_LIMITS.get(field, PROGRAMME_FIELD_MAX))
    return errors


def also_for_fault() -> dict[str, str]:
    """A ticked placement the programme can no longer go to (forged, or begun meanwhile)."""
    return {ProgrammeBlock.ALSO_FOR: t.ALSO_FOR_FAULT}


def saved(count: int) -> Message:
    """The host's receipt: saved for `count` placements."""
    return notice(t.saved(count))
