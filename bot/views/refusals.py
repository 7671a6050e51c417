"""Every refusal in Danish: one table per refusal enum, keyed by its members, and the one
function that reads them.

A refusal says why a press or a form changed nothing; its enum lives where the decision is
made (the placement machine, a feature's model). The tables live here, one layer above both
those enums and `bot.texts` (which sits below them and cannot name them). Each table holds
every member: `tests/unit/test_refusals.py` finds every `*Refusal` enum and fails on a member
without a sentence, so a new reason cannot reach a user as a KeyError.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final, Literal, overload

from bot import texts
from bot.domain.placement import Refusal
from bot.texts import days_change, erasure, feedback, goals, programme, workshop
from models.days_change import DaysRefusal
from models.feedback import SaveRefusal
from models.goals import GoalsRefusal
from models.programme import ProgrammeRefusal
from models.workshop import AnswerRefusal

PLACEMENT: Final[Mapping[Refusal, str]] = {
    Refusal.NOT_OPEN: texts.REFUSED_NOT_OPEN,
    Refusal.FULL: texts.REFUSED_FULL,
    Refusal.OWN_SLOT: texts.REFUSED_OWN_SLOT,
    Refusal.BOTH_SIDES: texts.REFUSED_BOTH_SIDES,
    Refusal.ALREADY_PLACED: texts.REFUSED_ALREADY_PLACED,
    Refusal.ALREADY_REQUESTED: texts.REFUSED_ALREADY_REQUESTED,
    Refusal.NO_COMMON_DAY: texts.REFUSED_NO_COMMON_DAY,
    Refusal.NEED_MANAGER: texts.REFUSED_NEED_MANAGER,
    Refusal.NOT_YOURS: texts.REFUSED_NOT_YOURS,
    Refusal.ERASED: erasure.OLD_BUTTON,
    Refusal.ALREADY_DECIDED: texts.REFUSED_ALREADY_DECIDED,
    Refusal.TOO_LATE: texts.REFUSED_TOO_LATE,
    Refusal.EXPIRED: texts.REFUSED_EXPIRED,
    Refusal.DAYS_PASSED: texts.REFUSED_DAYS_PASSED,
    Refusal.PLACED_ELSEWHERE: texts.REFUSED_PLACED_ELSEWHERE,
    Refusal.UNKNOWN: texts.REFUSED_UNKNOWN,
}

DAYS: Final[Mapping[DaysRefusal, str]] = {
    DaysRefusal.NOT_CONFIRMED: days_change.REFUSED_NOT_CONFIRMED,
    DaysRefusal.NOT_YOURS: days_change.REFUSED_NOT_YOURS,
    DaysRefusal.NO_DAY: days_change.REFUSED_NO_DAY,
    DaysRefusal.OUTSIDE_SLOT: days_change.REFUSED_OUTSIDE_SLOT,
    DaysRefusal.SAME_DAYS: days_change.REFUSED_SAME_DAYS,
    DaysRefusal.OWN_PROPOSAL: days_change.REFUSED_OWN_PROPOSAL,
    DaysRefusal.SUPERSEDED: days_change.REFUSED_SUPERSEDED,
    # A second press on a decided change is answered with silence (the first press told
    # everyone: bot.service.days_change.answer); should it ever be shown, it says this.
    DaysRefusal.ALREADY_DECIDED: texts.REFUSED_ALREADY_DECIDED,
    DaysRefusal.BEGUN: days_change.REFUSED_BEGUN,
}

PROGRAMME: Final[Mapping[ProgrammeRefusal, str]] = {
    ProgrammeRefusal.NOT_YOURS: programme.REFUSED_NOT_YOURS,
    ProgrammeRefusal.TOO_LATE: programme.REFUSED_TOO_LATE,
    ProgrammeRefusal.NOT_CONFIRMED: programme.REFUSED_NOT_CONFIRMED,
    ProgrammeRefusal.NOT_NOW: programme.REFUSED_NOT_NOW,
}

GOALS: Final[Mapping[GoalsRefusal, str]] = {
    GoalsRefusal.UNKNOWN: goals.GOALS_NOT_PLACED,
    GoalsRefusal.NOT_YOURS: goals.GOALS_NOT_YOURS,
    GoalsRefusal.TOO_LATE: goals.GOALS_TOO_LATE,
}

WORKSHOP: Final[Mapping[AnswerRefusal, str]] = {
    AnswerRefusal.UNKNOWN: workshop.UNKNOWN,
    AnswerRefusal.NOT_INVITED: workshop.NOT_INVITED,
    AnswerRefusal.CLOSED: workshop.CLOSED,
}

# The one templated family: a closed season is told with its close date ({closed_on}).
FEEDBACK: Final[Mapping[SaveRefusal, str]] = {
    SaveRefusal.UNKNOWN: feedback.UNKNOWN_PLACEMENT,
    SaveRefusal.NOT_YOURS: feedback.NOT_YOURS,
    SaveRefusal.CLOSED: feedback.SEASON_CLOSED,
}

# Keyed by the enum first: members of different StrEnums with the same value are equal
# (DaysRefusal.NOT_YOURS == Refusal.NOT_YOURS == "not_yours"), so one merged dict would
# give one of them the other's sentence.
TABLES: Final[Mapping[type[StrEnum], Mapping[Any, str]]] = {
    Refusal: PLACEMENT,
    DaysRefusal: DAYS,
    ProgrammeRefusal: PROGRAMME,
    GoalsRefusal: GOALS,
    AnswerRefusal: WORKSHOP,
    SaveRefusal: FEEDBACK,
}

AnyRefusal = Refusal | DaysRefusal | ProgrammeRefusal | GoalsRefusal | AnswerRefusal | SaveRefusal


# The sentences without a date: every refusal but a closed season's.
Plain = (
    Refusal
    | DaysRefusal
    | ProgrammeRefusal
    | GoalsRefusal
    | AnswerRefusal
    | Literal[SaveRefusal.UNKNOWN, SaveRefusal.NOT_YOURS]
)


@overload
def refusal_text(reason: Plain) -> str: ...


@overload
def refusal_text(reason: SaveRefusal, *, closed_on: str) -> str: ...


def refusal_text(reason: AnyRefusal, *, closed_on: str = "") -> str:
    """The Danish sentence for `reason`. A feedback refusal that may be a closed season's
    needs the close date: mypy holds every caller to it (the overloads)."""
    sentence = TABLES[type(reason)][reason]
    return sentence.format(closed_on=closed_on) if isinstance(reason, SaveRefusal) else sentence
