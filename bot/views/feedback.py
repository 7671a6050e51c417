"""The check-in and evaluation modals, and reading their answers back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import Action, FeedbackBlock, FeedbackCallback
from bot.texts import err_too_long
from bot.texts import timeline as texts
from bot.views.mrkdwn import plain
from bot.views.timeline import name_of, workplace_of
from models.feedback import Benefit, FeedbackRole, PlacementContext
from models.forms import clean_text

COMMENT_MAX = 2000
TEXT_MAX = 3000


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


def _about(ctx: PlacementContext, role: FeedbackRole) -> SectionBlock:
    if role is FeedbackRole.HOST:
        text = texts.checkin_about_host(name_of(ctx.deal.intern))
    else:
        text = texts.checkin_about_intern(workplace_of(ctx))
    return SectionBlock(text=MarkdownTextObject(text=text))


def _option_label(ctx: PlacementContext, user_id: str) -> str:
    if ctx.role_of(user_id) is FeedbackRole.HOST:
        return plain(texts.placement_option_host(ctx.deal.intern.name or "?"), 75)
    return plain(texts.placement_option_intern(ctx.deal.slot.workplace), 75)


def checkin_modal(
    choices: Sequence[PlacementContext], user_id: str, where: Where
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
        current = ctx.checkins.get(role)
    else:
        options = [Option(value=str(c.id), text=_option_label(c, user_id)) for c in choices]
        blocks.append(
            InputBlock(
                block_id=FeedbackBlock.PLACEMENT,
                label=texts.WHICH_PLACEMENT,
                element=StaticSelectElement(action_id=Action.FIELD, options=options[:100]),
            )
        )
    rating_options = [Option(value=str(n), text=label) for n, label in texts.RATING_LABELS.items()]
    initial = next((o for o in rating_options if current and o.value == str(current.rating)), None)
    blocks += [
        InputBlock(
            block_id=FeedbackBlock.RATING,
            label=texts.CHECKIN_RATING,
            element=RadioButtonsElement(
                action_id=Action.FIELD, options=rating_options, initial_option=initial
            ),
        ),
        InputBlock(
            block_id=FeedbackBlock.COMMENT,
            label=texts.CHECKIN_COMMENT,
            hint=texts.CHECKIN_COMMENT_HINT,
            optional=True,
            element=PlainTextInputElement(
                action_id=Action.FIELD,
                multiline=True,
                max_length=COMMENT_MAX,
                initial_value=(current.comment if current and current.comment else None),
            ),
        ),
    ]
    view = View(
        type="modal",
        callback_id=FeedbackCallback.CHECKIN,
        title=texts.CHECKIN_TITLE,
        submit=texts.SAVE,
        close=texts.CANCEL,
        private_metadata=where.encode(),
        blocks=blocks,
    )
    return view.to_dict()


def evaluation_modal(ctx: PlacementContext, role: FeedbackRole, where: Where) -> dict[str, Any]:
    current = ctx.evaluations.get(role)
    benefit_options = [Option(value=b, text=label) for b, label in texts.BENEFIT_LABELS.items()]
    recommend_options = [Option(value=str(n), text=str(n)) for n in range(10, -1, -1)]
    benefit = next((o for o in benefit_options if current and o.value == current.benefit), None)
    recommend = next(
        (o for o in recommend_options if current and o.value == str(current.recommend)), None
    )
    blocks: list[Block] = [
        _about(ctx, role),
        InputBlock(
            block_id=FeedbackBlock.BENEFIT,
            label=texts.BENEFIT_QUESTION,
            element=RadioButtonsElement(
                action_id=Action.FIELD, options=benefit_options, initial_option=benefit
            ),
        ),
        InputBlock(
            block_id=FeedbackBlock.RECOMMEND,
            label=texts.RECOMMEND_QUESTION,
            hint=texts.RECOMMEND_HINT,
            element=StaticSelectElement(
                action_id=Action.FIELD,
                placeholder=texts.RECOMMEND_PLACEHOLDER,
                options=recommend_options,
                initial_option=recommend,
            ),
        ),
        InputBlock(
            block_id=FeedbackBlock.TEXT,
            label=texts.EVALUATION_TEXT,
            hint=texts.EVALUATION_TEXT_HINT,
            optional=True,
            element=PlainTextInputElement(
                action_id=Action.FIELD,
                multiline=True,
                max_length=TEXT_MAX,
                initial_value=(current.text if current and current.text else None),
            ),
        ),
    ]
    view = View(
        type="modal",
        callback_id=FeedbackCallback.EVALUATION,
        title=texts.EVALUATION_TITLE,
        submit=texts.SAVE,
        close=texts.CANCEL,
        private_metadata=where.encode(),
        blocks=blocks,
    )
    return view.to_dict()


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
class CheckInAnswer:
    rating: int
    comment: str
    placement_id: int | None  # from the select, when the modal had one


@dataclass(frozen=True, slots=True)
class EvaluationAnswer:
    benefit: Benefit
    recommend: int
    text: str


def read_checkin(view: dict[str, Any]) -> CheckInAnswer | dict[str, str]:
    """The answer, or Danish errors per block for `response_action: errors`."""
    values = _values(view)
    rating = _selected(values.get(FeedbackBlock.RATING))
    errors: dict[str, str] = {}
    if rating not in {"1", "2", "3", "4", "5"}:
        errors[FeedbackBlock.RATING] = texts.ERR_RATING
    picked: int | None = None
    if FeedbackBlock.PLACEMENT in values:
        chosen = _selected(values[FeedbackBlock.PLACEMENT])
        if chosen.isdigit() and len(chosen) < 12:
            picked = int(chosen)
        else:
            errors[FeedbackBlock.PLACEMENT] = texts.UNKNOWN_PLACEMENT
    # Slack's max_length stops the client; a longer text is refused, never cut short.
    comment = clean_text(_text(values.get(FeedbackBlock.COMMENT)))
    if len(comment) > COMMENT_MAX:
        errors[FeedbackBlock.COMMENT] = err_too_long(COMMENT_MAX, len(comment))
    if errors:
        return errors
    return CheckInAnswer(rating=int(rating), comment=comment, placement_id=picked)


def read_evaluation(view: dict[str, Any]) -> EvaluationAnswer | dict[str, str]:
    values = _values(view)
    benefit = _selected(values.get(FeedbackBlock.BENEFIT))
    recommend = _selected(values.get(FeedbackBlock.RECOMMEND))
    errors: dict[str, str] = {}
    if benefit not in {b.value for b in Benefit}:
        errors[FeedbackBlock.BENEFIT] = texts.ERR_BENEFIT
    if recommend not in {str(n) for n in range(11)}:
        errors[FeedbackBlock.RECOMMEND] = texts.ERR_RECOMMEND
    text = clean_text(_text(values.get(FeedbackBlock.TEXT)))
    if len(text) > TEXT_MAX:
        errors[FeedbackBlock.TEXT] = err_too_long(TEXT_MAX, len(text))
    if errors:
        return errors
    return EvaluationAnswer(benefit=Benefit(benefit), recommend=int(recommend), text=text)
