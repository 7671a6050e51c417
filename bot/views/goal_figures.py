"""The figures against the learning goals as `/praktik admin stats` shows them, and the
quotes their writers allowed (without names): shared by the statistics and the report."""

from __future__ import annotations

from collections.abc import Sequence

from bot.texts import goal_figures as t
from bot.views.mrkdwn import fit, literal
from models.goal_figures import Crossing, GoalFigures, Quote

QUOTES_SHOWN = 5
QUOTE_CHARS = 400


def stats_fields(goals: GoalFigures) -> list[str]:
    met = {g.value: (goals.mean_met(g), len(goals.met(g))) for g in Crossing}
    practised = {g.value: (goals.practised_shares(g), goals.answered_followup(g)) for g in Crossing}
    return [
        fit(t.goals_met(met, goals.distribution()), 2000),
        fit(t.practised(practised), 2000),
    ]


def quote_lines(quotes: Sequence[Quote], shown: int = QUOTES_SHOWN) -> list[str]:
    """Each allowed quote escaped and clipped as Slack counts it, with the side it came from."""
    return [t.quote(literal(q.text, QUOTE_CHARS), q.role) for q in quotes[:shown]]


def quotes_text(goals: GoalFigures) -> str:
    lines = quote_lines(goals.quotes) or [t.QUOTES_GONE if goals.anonymised else t.NO_QUOTES]
    return fit("\n".join([t.QUOTES_HEADER, *lines]), 3000)
