"""The check-in and evaluation modals, reading their answers back, and what `/praktik
checkin` and the answers' receipts say.

Both are one modal built from a `Form`: only the questions differ; how they are asked,
prefilled with the stored answer and read back is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    InputInteractiveElement,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.placement import Role
from bot.domain.season import day_label
from bot.registry.ids import Action, FeedbackCallback, GoalsCallback
from bot.slack.message import Message
from bot.slack.view_state import ViewState
from bot.texts import err_too_long
from bot.texts import feedback as texts
from bot.texts import goals as goal_texts
from bot.views.common import md, modal_view, notice, user_text
from bot.views.goals import GoalsBlock
from bot.views.mrkdwn import plain
from bot.views.timeline import date_text, name_of, workplace_of
from models.feedback import PlacementContext
from models.forms import clean_text
from models.tables import CheckIn, Evaluation, FollowUp


class FeedbackBlock(StrEnum):
    PLACEMENT = "feedback_placement"
    RATING = "checkin_rating"
    COMMENT = "checkin_comment_text"
    BENEFIT = "evaluation_benefit"
    RECOMMEND = "evaluation_recommend"
    TEXT = "evaluation_text"


COMMENT_MAX = 2000
TEXT_MAX = 3000

Value = int | str | bool  # an answer as stored: ratings are numbers, consent a yes or no


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

    block_id: FeedbackBlock | GoalsBlock
    column: str
    label: str
    options: Mapping[int, str] | Mapping[str, str]  # stored value → label, in order shown
    error: str  # when nothing (or a value not offered) was picked
    hint: str | None = None
    placeholder: str | None = None


@dataclass(frozen=True, slots=True)
class FreeText:
    """An optional multiline text; a longer one is refused, never cut short."""

    block_id: FeedbackBlock | GoalsBlock
    column: str
    label: str
    hint: str
    max_length: int


@dataclass(frozen=True, slots=True)
class Consent:
    """An optional tick box: unticked (or left out) is no."""

    block_id: GoalsBlock
    column: str
    label: str
    option: str
    hint: str


Question = Choice | FreeText | Consent
Stored = CheckIn | Evaluation | FollowUp
Asked = Callable[[PlacementContext, Role], tuple[Question, ...]]


@dataclass(frozen=True, slots=True)
class Form:
    """One feedback modal: its callback ID, title and questions, where the user's stored
    answer is read from, and whether it may offer a select of which placement it is about."""

    callback_id: FeedbackCallback | GoalsCallback
    title: str
    questions: tuple[Question, ...]  # asked of everyone (a refusal is shown under the first)
    stored: Callable[[PlacementContext], Mapping[str, Stored]]
    may_pick: bool = False
    # The questions for one side of one placement, when they differ (the evaluation asks
    # the intern about her goals and the host about the visit); None: `questions`.
    asked: Asked | None = None
    shows_goals: bool = False  # the intern reads her goals above the questions

    def questions_for(self, ctx: PlacementContext, role: Role) -> tuple[Question, ...]:
        return self.asked(ctx, role) if self.asked is not None else self.questions


def _checkins(ctx: PlacementContext) -> Mapping[str, Stored]:
    return ctx.checkins


def _evaluations(ctx: PlacementContext) -> Mapping[str, Stored]:
    return ctx.evaluations


def _followups(ctx: PlacementContext) -> Mapping[str, Stored]:
    return ctx.followups


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
GOALS_MET = Choice(
    GoalsBlock.GOALS_MET,
    "goals_met",
    goal_texts.GOALS_MET,
    goal_texts.GOALS_MET_LABELS,
    goal_texts.ERR_GOALS_MET,
)
TAKE_HOME = FreeText(
    GoalsBlock.TAKE_HOME, "take_home", goal_texts.TAKE_HOME, goal_texts.TAKE_HOME_HINT, TEXT_MAX
)
INSPIRATION = FreeText(
    GoalsBlock.INSPIRATION,
    "inspiration",
    goal_texts.INSPIRATION,
    goal_texts.INSPIRATION_HINT,
    TEXT_MAX,
)
QUOTE = Consent(
    GoalsBlock.QUOTE, "quote_ok", goal_texts.QUOTE_LABEL, goal_texts.QUOTE_OK, goal_texts.QUOTE_HINT
)


def _evaluation_asked(ctx: PlacementContext, role: Role) -> tuple[Question, ...]:
    """The intern is asked how far she met her goals (when she wrote any) and what she
    takes home; the host side what the visit gave them."""
    if role.hosts:
        return (BENEFIT, RECOMMEND, INSPIRATION, TEXT, QUOTE)
    against = (GOALS_MET,) if ctx.placement.goals else ()
    return (*against, BENEFIT, RECOMMEND, TAKE_HOME, TEXT, QUOTE)


EVALUATION_FORM = Form(
    FeedbackCallback.EVALUATION,
    texts.EVALUATION_TITLE,
    (BENEFIT, RECOMMEND, TEXT),
    _evaluations,
    asked=_evaluation_asked,
    shows_goals=True,
)

PRACTISED = Choice(
    GoalsBlock.PRACTISED,
    "practised",
    goal_texts.PRACTISED,
    goal_texts.PRACTISED_LABELS,
    goal_texts.ERR_PRACTISED,
)
PRACTISED_WHAT = FreeText(
    GoalsBlock.PRACTISED_WHAT,
    "what",
    goal_texts.PRACTISED_WHAT,
    goal_texts.PRACTISED_WHAT_HINT,
    TEXT_MAX,
)
FOLLOWUP_FORM = Form(
    GoalsCallback.FOLLOWUP,
    goal_texts.FOLLOWUP_TITLE,
    (PRACTISED, PRACTISED_WHAT, QUOTE),
    _followups,
)


# Building the modal -----------------------------------------------------------------------


# What the commands and buttons answer ----------------------------------------------------


def not_over_yet() -> str:
    """The evaluation or follow-up of a visit that has not ended."""
    return texts.NOT_OVER_YET


def answer_saved(until: date) -> Message:
    """After `/praktik checkin`'s modal closed: stored, and changeable `until`."""
    return notice(texts.answer_saved(date_text(until)))


def no_placement() -> Message:
    return notice(texts.NO_PLACEMENT)


def not_started(starts: date) -> Message:
    return notice(texts.not_started(day_label(starts)))


def season_closed(closed_on: date) -> Message:
    return notice(texts.season_closed(date_text(closed_on)))


def _about(ctx: PlacementContext, role: Role) -> SectionBlock:
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


def _consent(question: Consent, current: Stored | None) -> InputBlock:
    option = Option(value="yes", text=question.option)
    ticked = bool(getattr(current, question.column, False))
    return InputBlock(
        block_id=question.block_id,
        label=question.label,
        hint=question.hint,
        optional=True,
        element=CheckboxesElement(
            action_id=Action.FIELD, options=[option], initial_options=[option] if ticked else None
        ),
    )


def _input(question: Question, current: Stored | None) -> InputBlock:
    if isinstance(question, Consent):
        return _consent(question, current)
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
) -> View:
    """One placement: about it, with the stored answer filled in. Several (a host with more
    interns, from `/praktik checkin`): a select of which placement first."""
    blocks: list[Block] = []
    current = None
    questions = form.questions
    if len(choices) == 1:
        ctx = choices[0]
        role = ctx.role_of(user_id)
        assert role is not None
        blocks.append(_about(ctx, role))
        if form.shows_goals and not role.hosts and ctx.placement.goals:
            blocks.append(md(goal_texts.goals_shown(user_text(ctx.placement.goals, 1500))))
        current = form.stored(ctx).get(role)
        questions = form.questions_for(ctx, role)
    else:
        options = [Option(value=str(c.id), text=_option_label(c, user_id)) for c in choices]
        blocks.append(
            InputBlock(
                block_id=FeedbackBlock.PLACEMENT,
                label=texts.WHICH_PLACEMENT,
                element=StaticSelectElement(action_id=Action.FIELD, options=options[:100]),
            )
        )
    blocks += [_input(question, current) for question in questions]
    return modal_view(
        form.callback_id,
        title=form.title,
        submit=texts.SAVE,
        close=texts.CANCEL,
        private_metadata=where.encode(),
        blocks=blocks,
    )


# Reading the answers back -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    values: dict[str, Value]  # per column, typed as stored: the check-in's rating is an int
    placement_id: int | None  # from the select, when the modal had one


def read_answer(
    form: Form, state: ViewState, questions: Sequence[Question] | None = None
) -> Answer | dict[str, str]:
    """The answer to `questions` (default: the form's), or Danish errors per block for
    `response_action: errors`."""
    errors: dict[str, str] = {}
    answer: dict[str, Value] = {}
    for question in form.questions if questions is None else questions:
        block = question.block_id
        if isinstance(question, Consent):
            answer[question.column] = "yes" in state.selected_all(block)
        elif isinstance(question, Choice):
            offered = {str(value): value for value in question.options}
            picked = state.selected_text(block)
            if picked in offered:
                answer[question.column] = offered[picked]
            else:
                errors[block] = question.error
        else:
            # Slack's max_length stops the client; a longer text is refused, never cut short.
            text = clean_text(state.text(block))
            if len(text) > question.max_length:
                errors[block] = err_too_long(question.max_length, len(text))
            answer[question.column] = text
    placement_id: int | None = None
    if form.may_pick and state.element(FeedbackBlock.PLACEMENT) is not None:
        chosen = state.selected_text(FeedbackBlock.PLACEMENT)
        if chosen.isdigit() and len(chosen) < 12:
            placement_id = int(chosen)
        else:
            errors[FeedbackBlock.PLACEMENT] = texts.UNKNOWN_PLACEMENT
    if errors:
        return errors
    return Answer(values=answer, placement_id=placement_id)
