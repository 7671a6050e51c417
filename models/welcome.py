"""The welcome DM to someone who joined the workspace: one outbox row per person, ever."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from models.fixed_dms import plan_fixed

KIND = "newcomer"


def welcome_key(user_id: str) -> str:
    # Per person, not per season: Slack may send team_join again (a retry, or a second
    # process), and someone who left and rejoined has been welcomed already.
    return f"newcomer:{user_id}"


def plan_welcome(
    session: Session, *, user_id: str, payload: dict[str, Any], now: datetime, due: datetime
) -> bool:
    """Plan the person's welcome unless it was planned before; whether it was added."""
    return bool(
        plan_fixed(
            session, rows={welcome_key(user_id): (user_id, payload)}, kind=KIND, now=now, due=due
        )
    )
