"""The check-in and evaluation modals, and reading their answers back.

Both are one modal built from a `Form`: only the questions differ; how they are asked,
prefilled with the stored answer and read back is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    InputInteractiveElement,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)

from bot.ids import Action, FeedbackBlock, FeedbackCallback
from bot.texts import err_too_long
from bot.texts import feedback as texts
from bot.views.common import modal_view
from bot.views.mrkdwn import plain
from bot.views.timeline import name_of, workplace_of
from models.feedback import FeedbackRole, PlacementContext
from models.forms import clean_text
from models.tables import CheckIn, Evaluation

COMMENT_MAX = 2000
TEXT_MAX = 3000

Value = int | str  # an answer as stored: the rating and the recommendation are numbers


@dataclass(frozen=True, slots=True)
class Where:
    """What a modal must remember between opening and submitting (its private_metadata):
    the placement (0 when the modal lets the user pick one) and the DM to redraw, if any."""

    placement_id: int = 0
    channel: str = ""
    ts: str = ""

    def encode(self) -> str:
        return f"{self.placement_id}|{self.channel}|{self.ts}"

    @classmethod
    def decode(cls, raw: object) -> Where:
        parts = str(raw or "").split("|")
        if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) > 12:
            return cls()
        return cls(int(parts[0]), parts[1][:32], parts[2][:32])


# What a form asks -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """A required pick among fixed values: radio buttons, or a select when it has a
    placeholder. `column` names the stored answer it fills in and is prefilled from."""

    block_id: FeedbackBlock
    column: str
    label: str
    options: Mapping[int, str] | Mapping[str, str]  # stored value → label, in order shown
    error: str  # when nothing (or a value not offered) was picked
    hint: str | None = None
    placeholder: str | None = None


@dataclass(frozen=True, slots=True)
class FreeText:
    """An optional multiline text; a longer one is refused, never cut short."""

    block_id: FeedbackBlock
    column: str
    label: str
    hint: str
    max_length: int


Question = Choice | FreeText
Stored = CheckIn | Evaluation


@dataclass(frozen=True, slots=True)
class Form:
    """One feedback modal: its callback ID, title and questions, where the user's stored
    answer is read from, and whether it may offer a select of which placement it is about."""

    callback_id: FeedbackCallback
    title: str
    questions: tuple[Question, ...]
    stored: Callable[[PlacementContext], Mapping[str, Stored]]
    may_pick: bool = False


def _checkins(ctx: PlacementContext) -> Mapping[str, Stored]:
    return ctx.checkins


def _evaluations(ctx: PlacementContext) -> Mapping[str, Stored]:
    return ctx.evaluations


# A question's column is the stored answer it fills in, and is prefilled from.
RATING = Choice(
    FeedbackBlock.RATING, "rating", texts.CHECKIN_RATING, texts.RATING_LABELS, texts.ERR_RATING
)
COMMENT = FreeText(
    FeedbackBlock.COMMENT, "comment", texts.CHECKIN_COMMENT, texts.CHECKIN_COMMENT_HINT, COMMENT_MAX
)
# `/praktik checkin` from a host with several interns asks which placement first.
CHECKIN_FORM = Form(
    FeedbackCallback.CHECKIN, texts.CHECKIN_TITLE, (RATING, COMMENT), _checkins, may_pick=True
)

BENEFIT = Choice(
    FeedbackBlock.BENEFIT,
    "benefit",
    texts.BENEFIT_QUESTION,
    texts.BENEFIT_LABELS,
    texts.ERR_BENEFIT,
)
RECOMMEND = Choice(
    FeedbackBlock.RECOMMEND,
    "recommend",
    texts.RECOMMEND_QUESTION,
    {n: str(n) for n in range(10, -1, -1)},
    texts.ERR_RECOMMEND,
    hint=texts.RECOMMEND_HINT,
    placeholder=texts.RECOMMEND_PLACEHOLDER,
)
TEXT = FreeText(
    FeedbackBlock.TEXT, "text", texts.EVALUATION_TEXT, texts.EVALUATION_TEXT_HINT, TEXT_MAX
)
EVALUATION_FORM = Form(
    FeedbackCallback.EVALUATION,
    texts.EVALUATION_TITLE,
    (BENEFIT, RECOMMEND, TEXT),
    _evaluations,
)


# Building the modal -----------------------------------------------------------------------


def _about(ctx: PlacementContext, role: FeedbackRole) -> SectionBlock:
    if role.hosts:
        text = texts.checkin_about_host(name_of(ctx.deal.intern))
    else:
        text = texts.checkin_about_intern(workplace_of(ctx))
    return SectionBlock(text=MarkdownTextObject(text=text))


def _option_label(ctx: PlacementContext, user_id: str) -> str:
    role = ctx.role_of(user_id)
    if role is not None and role.hosts:
        return plain(texts.placement_option_host(ctx.deal.intern.name or "?"), 75)
    return plain(texts.placement_option_intern(ctx.deal.slot.workplace), 75)


def _input(question: Question, current: Stored | None) -> InputBlock:
    stored = getattr(current, question.column) if current is not None else None
    element: InputInteractiveElement
    if isinstance(question, FreeText):
        element = PlainTextInputElement(
            action_id=Action.FIELD,
            multiline=True,
            max_length=question.max_length,
            initial_value=stored or None,
        )
    else:
        options = [
            Option(value=str(value), text=label) for value, label in question.options.items()
        ]
        initial = next((o for o in options if stored is not None and o.value == str(stored)), None)
        if question.placeholder is None:
            element = RadioButtonsElement(
                action_id=Action.FIELD, options=options, initial_option=initial
            )
        else:
            element = StaticSelectElement(
                action_id=Action.FIELD,
                placeholder=question.placeholder,
                options=options,
                initial_option=initial,
            )
    return InputBlock(
        block_id=question.block_id,
        label=question.label,
        hint=question.hint,
        # Unset rather than false on a required question: Slack reads both as required.
        optional=True if isinstance(question, FreeText) else None,
        element=element,
    )


def feedback_modal(
    form: Form, choices: Sequence[PlacementContext], user_id: str, where: Where
) -> dict[str, Any]:
    """One placement: about it, with the stored answer filled in. Several (a host with more
    interns, from `/praktik checkin`): a select of which placement first."""
    blocks: list[Block] = []
    current = None
    if len(choices) == 1:
        ctx = choices[0]
        role = ctx.role_of(user_id)
        assert role is not None
        blocks.append(_about(ctx, role))
        current = form.stored(ctx).get(role)
    else:
        options = [Option(value=str(c.id), text=_option_label(c, user_id)) for c in choices]
        blocks.append(
            InputBlock(
                block_id=FeedbackBlock.PLACEMENT,
                label=texts.WHICH_PLACEMENT,
                element=StaticSelectElement(action_id=Action.FIELD, options=options[:100]),
            )
        )
    blocks += [_input(question, current) for question in form.questions]
    return modal_view(
        form.callback_id,
        title=form.title,
        submit=texts.SAVE,
        close=texts.CANCEL,
        private_metadata=where.encode(),
        blocks=blocks,
    )


# Reading the answers back -----------------------------------------------------------------


def _values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    values = (view.get("state") or {}).get("values") or {}
    found: dict[str, dict[str, Any]] = {}
    if isinstance(values, dict):
        for block_id, elements in values.items():
            element = elements.get(Action.FIELD) if isinstance(elements, dict) else None
            if isinstance(element, dict):
                found[str(block_id)] = element
    return found


def _selected(element: dict[str, Any] | None) -> str:
    option = (element or {}).get("selected_option") or {}
    return str(option.get("value") or "") if isinstance(option, dict) else ""


def _text(element: dict[str, Any] | None) -> str:
    value = (element or {}).get("value")
    return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Answer:
    values: dict[str, Value]  # per column, typed as stored: the check-in's rating is an int
    placement_id: int | None  # from the select, when the modal had one


def read_answer(form: Form, view: dict[str, Any]) -> Answer | dict[str, str]:
    """The answer, or Danish errors per block for `response_action: errors`."""
    values = _values(view)
    errors: dict[str, str] = {}
    answer: dict[str, Value] = {}
    for question in form.questions:
        element = values.get(question.block_id)
        if isinstance(question, Choice):
            offered = {str(value): value for value in question.options}
            picked = _selected(element)
            if picked in offered:
                answer[question.column] = offered[picked]
            else:
                errors[question.block_id] = question.error
        else:
            # Slack's max_length stops the client; a longer text is refused, never cut short.
            text = clean_text(_text(element))
            if len(text) > question.max_length:
                errors[question.block_id] = err_too_long(question.max_length, len(text))
            answer[question.column] = text
    placement_id: int | None = None
    if form.may_pick and FeedbackBlock.PLACEMENT in values:
        chosen = _selected(values[FeedbackBlock.PLACEMENT])
        if chosen.isdigit() and len(chosen) < 12:
            placement_id = int(chosen)
        else:
            errors[FeedbackBlock.PLACEMENT] = texts.UNKNOWN_PLACEMENT
    if errors:
        return errors
    return Answer(values=answer, placement_id=placement_id)
