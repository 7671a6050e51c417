"""The host slot and wish modals, and reading their state back into raw field values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot import texts
from bot.domain.geo import CENTRAL_ADMINISTRATION, REGIONS, Sector, by_region
from bot.domain.season import Season
from bot.registry.ids import Action, Callback
from bot.slack.view_state import ViewState
from bot.texts import DEFAULT_TOPICS as DEFAULT_TOPICS  # for services, which read no catalogue
from bot.texts import changes
from bot.texts import goals as goal_texts
from bot.views.cohosts import cohost_input
from bot.views.common import modal_view
from bot.views.privacy_notice import notice_link
from models.forms import DESCRIPTION_MAX, GOALS_MAX, WISH_TEXT_MAX, Raw
from models.tables import HostSlot, Participant, Wish


class FormBlock(StrEnum):
    """The slot and wish modals' inputs: one block ID per field."""

    SLOT_WORKPLACE = "slot_workplace"
    SLOT_SECTOR = "slot_sector"
    SLOT_MUNICIPALITY = "slot_municipality"
    SLOT_CAPACITY = "slot_capacity"
    SLOT_DAYS = "slot_days"
    SLOT_TOPICS = "slot_topics"
    SLOT_DESCRIPTION = "slot_description"
    WISH_WORKPLACE = "wish_workplace"
    WISH_SECTOR = "wish_sector"
    WISH_MUNICIPALITY = "wish_municipality"
    WISH_TOPICS = "wish_topics"
    WISH_SECTORS = "wish_sectors"
    WISH_REGIONS = "wish_regions"
    WISH_DAYS = "wish_days"
    WISH_TEXT = "wish_text"
    WISH_GOALS = "wish_goals"
    WISH_MANAGER = "wish_manager"


# The fields below name many blocks: a short name keeps each call on a line.
B = FormBlock

SLOT_KEYS = {
    "workplace": B.SLOT_WORKPLACE.value,
    "sector": B.SLOT_SECTOR.value,
    "municipality": B.SLOT_MUNICIPALITY.value,
    "capacity": B.SLOT_CAPACITY.value,
    "days": B.SLOT_DAYS.value,
    "topics": B.SLOT_TOPICS.value,
    "description": B.SLOT_DESCRIPTION.value,
}
WISH_KEYS = {
    "workplace": B.WISH_WORKPLACE.value,
    "sector": B.WISH_SECTOR.value,
    "municipality": B.WISH_MUNICIPALITY.value,
    "topics": B.WISH_TOPICS.value,
    "wanted_sectors": B.WISH_SECTORS.value,
    "wanted_regions": B.WISH_REGIONS.value,
    "days": B.WISH_DAYS.value,
    "text": B.WISH_TEXT.value,
    "goals": B.WISH_GOALS.value,
    "manager": B.WISH_MANAGER.value,
}


def _options(pairs: Sequence[tuple[str, str]]) -> list[Option]:
    return [Option(value=value, text=label) for value, label in pairs]


def _pick(options: list[Option], values: Sequence[str]) -> list[Option] | None:
    chosen = [o for o in options if o.value in set(values)]
    return chosen or None


def text_input(
    block: str,
    label: str,
    value: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    hint: str | None = None,
    max_length: int | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block,
        label=label,
        optional=optional,
        hint=hint,
        element=PlainTextInputElement(
            action_id=Action.FIELD,
            initial_value=value or None,
            multiline=multiline,
            max_length=max_length,
        ),
    )


def _sector_select(block: B, label: str, value: str | None) -> InputBlock:
    options = _options(list(texts.SECTOR_LABELS.items()))
    initial = _pick(options, [value] if value else [])
    return InputBlock(
        block_id=block,
        label=label,
        element=StaticSelectElement(
            action_id=Action.FIELD,
            placeholder=texts.PICK,
            options=options,
            initial_option=initial[0] if initial else None,
        ),
    )


def _municipality_select(
    block: B, label: str, value: str | None, *, optional: bool, hint: str | None = None
) -> InputBlock:
    central = [(CENTRAL_ADMINISTRATION, texts.CENTRAL_ADMINISTRATION_LABEL)]
    grouped = [(texts.STATE_GROUP_LABEL, _options(central))]
    for region, members in by_region().items():
        grouped.append((region, _options([(m.code, m.name) for m in members])))
    groups = [OptionGroup(label=name, options=options) for name, options in grouped]
    initial = next((o for _, options in grouped for o in options if o.value == value), None)
    return InputBlock(
        block_id=block,
        label=label,
        optional=optional,
        hint=hint,
        element=StaticSelectElement(
            action_id=Action.FIELD,
            placeholder=texts.PICK,
            option_groups=groups,
            initial_option=initial,
        ),
    )


def _days(block: B, label: str, season: Season, chosen: Sequence[int]) -> InputBlock:
    options = _options([(str(d), season.weekday_label(d)) for d in range(1, 6)])
    return InputBlock(
        block_id=block,
        label=label,
        element=CheckboxesElement(
            action_id=Action.FIELD,
            options=options,
            initial_options=_pick(options, [str(d) for d in chosen]),
        ),
    )


def _multi(
    block: B, label: str, pairs: Sequence[tuple[str, str]], chosen: Sequence[str]
) -> InputBlock:
    options = _options(pairs)
    return InputBlock(
        block_id=block,
        label=label,
        optional=True,
        element=StaticMultiSelectElement(
            action_id=Action.FIELD,
            placeholder=texts.PICK,
            options=options,
            initial_options=_pick(options, chosen),
        ),
    )


def slot_modal(
    *, slot: HostSlot | None, host: Participant | None, topics: Sequence[str], season: Season
) -> View:
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=texts.SLOT_INTRO)),
        text_input(
            B.SLOT_WORKPLACE,
            texts.SLOT_WORKPLACE,
            slot.workplace if slot else (host.workplace if host else ""),
            hint=texts.SLOT_WORKPLACE_HINT,
            max_length=150,
        ),
        _sector_select(
            B.SLOT_SECTOR,
            texts.SLOT_SECTOR,
            slot.sector if slot else (host.sector if host else None),
        ),
        _municipality_select(
            B.SLOT_MUNICIPALITY,
            texts.SLOT_MUNICIPALITY,
            slot.municipality if slot else (host.municipality if host else None),
            optional=False,
            hint=texts.SLOT_MUNICIPALITY_HINT,
        ),
        text_input(
            B.SLOT_CAPACITY, texts.SLOT_CAPACITY, str(slot.capacity) if slot else "1", max_length=3
        ),
        _days(B.SLOT_DAYS, texts.SLOT_DAYS, season, slot.days if slot else range(1, 6)),
        _multi(
            B.SLOT_TOPICS, texts.SLOT_TOPICS, [(t, t) for t in topics], slot.topics if slot else []
        ),
        text_input(
            B.SLOT_DESCRIPTION,
            texts.SLOT_DESCRIPTION,
            slot.description if slot else "",
            multiline=True,
            hint=texts.SLOT_DESCRIPTION_HINT,
            max_length=DESCRIPTION_MAX,
        ),
        cohost_input(slot.cohost_user_id if slot else None),
        *notice_link(),
    ]
    return modal_view(
        Callback.SLOT_FORM,
        title=texts.SLOT_TITLE,
        submit=texts.SLOT_SUBMIT,
        close=texts.CANCEL,
        blocks=blocks,
    )


def wish_modal(
    *,
    wish: Wish | None,
    intern: Participant | None,
    topics: Sequence[str],
    season: Season,
    approval_required: bool,
) -> View:
    manager = InputBlock(
        block_id=B.WISH_MANAGER,
        label=texts.WISH_MANAGER,
        optional=not approval_required,
        hint=texts.WISH_MANAGER_HINT if approval_required else texts.WISH_MANAGER_OPTIONAL,
        element=UserSelectElement(
            action_id=Action.FIELD,
            placeholder=texts.PICK,
            initial_user=wish.manager_user_id if wish and wish.manager_user_id else None,
        ),
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=texts.WISH_INTRO)),
        text_input(
            B.WISH_WORKPLACE,
            texts.WISH_WORKPLACE,
            intern.workplace if intern else "",
            max_length=150,
        ),
        _sector_select(B.WISH_SECTOR, texts.WISH_SECTOR, intern.sector if intern else None),
        _municipality_select(
            B.WISH_MUNICIPALITY,
            texts.WISH_MUNICIPALITY,
            intern.municipality if intern else None,
            optional=True,
        ),
        _multi(
            B.WISH_TOPICS, texts.WISH_TOPICS, [(t, t) for t in topics], wish.topics if wish else []
        ),
        _multi(
            B.WISH_SECTORS,
            texts.WISH_SECTORS,
            list(texts.SECTOR_LABELS.items()),
            wish.wanted_sectors if wish else [],
        ),
        _multi(
            B.WISH_REGIONS,
            texts.WISH_REGIONS,
            [(r, r) for r in REGIONS],
            wish.wanted_regions if wish else [],
        ),
        _days(B.WISH_DAYS, texts.WISH_DAYS, season, wish.days if wish else range(1, 6)),
        text_input(
            B.WISH_TEXT,
            texts.WISH_TEXT,
            wish.text if wish else "",
            multiline=True,
            optional=True,
            max_length=WISH_TEXT_MAX,
        ),
        text_input(
            B.WISH_GOALS,
            goal_texts.WISH_GOALS,
            wish.goals if wish else "",
            multiline=True,
            optional=True,
            hint=goal_texts.WISH_GOALS_HINT,
            max_length=GOALS_MAX,
        ),
        manager,
        *notice_link(),
    ]
    return modal_view(
        Callback.WISH_FORM,
        title=texts.WISH_TITLE,
        submit=texts.WISH_SUBMIT,
        close=texts.CANCEL,
        blocks=blocks,
    )


def read_state(state: ViewState) -> Raw:
    """Raw values per block ID from a submitted view's state, as its elements' types say."""
    raw = Raw()
    for block_id, element in state.fields().items():
        kind = element.type
        if kind in ("plain_text_input", "number_input"):
            raw.text[block_id] = element.text
        elif kind in ("static_select", "radio_buttons"):
            raw.choice[block_id] = element.selected
        elif kind == "users_select":
            raw.choice[block_id] = element.user
        elif kind in ("checkboxes", "multi_static_select"):
            raw.choices[block_id] = list(element.selected_options)
    return raw


def keyed(raw: Raw, keys: dict[str, str]) -> Raw:
    """Rename block IDs to the form's field names."""
    back = {block: name for name, block in keys.items()}
    return Raw(
        text={back[k]: v for k, v in raw.text.items() if k in back},
        choice={back[k]: v for k, v in raw.choice.items() if k in back},
        choices={back[k]: v for k, v in raw.choices.items() if k in back},
    )


__all__ = ["SLOT_KEYS", "WISH_KEYS", "Sector", "keyed", "read_state", "slot_modal", "wish_modal"]


class FieldProblem(StrEnum):
    """What is wrong with one field of a sign-up modal (bot.service.forms decides)."""

    NO_DAY = "no_day"
    SECTOR = "sector"
    WORKPLACE_EMPTY = "workplace_empty"
    TOPIC = "topic"
    CENTRAL_ONLY_STATE = "central_only_state"
    MUNICIPALITY = "municipality"
    CAPACITY = "capacity"
    REGION = "region"
    MANAGER = "manager"
    OWN_MANAGER = "own_manager"


@dataclass(frozen=True, slots=True)
class TooLong:
    """A text field over its `limit`, at `length` characters."""

    limit: int
    length: int


_PROBLEMS: Final[Mapping[FieldProblem, str]] = {
    FieldProblem.NO_DAY: texts.ERR_NO_DAY,
    FieldProblem.SECTOR: texts.ERR_SECTOR,
    FieldProblem.WORKPLACE_EMPTY: texts.ERR_WORKPLACE_EMPTY,
    FieldProblem.TOPIC: texts.ERR_TOPIC,
    FieldProblem.CENTRAL_ONLY_STATE: texts.ERR_CENTRAL_ONLY_STATE,
    FieldProblem.MUNICIPALITY: texts.ERR_MUNICIPALITY,
    FieldProblem.CAPACITY: texts.ERR_CAPACITY,
    FieldProblem.REGION: texts.ERR_REGION,
    FieldProblem.MANAGER: texts.ERR_MANAGER,
    FieldProblem.OWN_MANAGER: changes.ERR_OWN_MANAGER,
}


def field_errors(problems: Mapping[str, FieldProblem | TooLong]) -> dict[str, str]:
    """Each field's problem as the sentence Slack shows inline under it, by block id."""
    return {
        key: texts.err_too_long(p.limit, p.length) if isinstance(p, TooLong) else _PROBLEMS[p]
        for key, p in problems.items()
    }
