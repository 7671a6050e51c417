"""*Anmod* in one transaction: the intern's stored profile, the request itself, and whose
App Home to redraw. Each was a transaction of its own (three per press, a third of the
press's CPU spent setting up sessions and round trips)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from models.deals import Result, request_slot
from models.home import opened_of
from models.profiles import stored_profile
from models.repo import Profile


@dataclass(frozen=True)
class Pressed:
    # None: no stored profile read from Slack since `fresh_since`; nothing was written.
    # The caller reads Slack (bot.slack.people) and presses again with the profile.
    result: Result | None
    intern: Profile | None = None
    opened: frozenset[str] = frozenset()  # those concerned who have opened their App Home


def press_request(
    session: Session,
    *,
    slot_id: int,
    user_id: str,
    intern: Profile | None,
    fresh_since: datetime,
    year: int,
    now: datetime,
    approval_required: bool,
) -> Pressed:
    """`intern`: the profile if the process knows it already, else read here when fresh."""
    if intern is None:
        intern = stored_profile(session, user_id=user_id, fresh_since=fresh_since)
        if intern is None:
            return Pressed(None)
    result = request_slot(
        session,
        slot_id=slot_id,
        intern=intern,
        year=year,
        now=now,
        approval_required=approval_required,
    )
    if result.refusal is not None or result.deal is None:
        return Pressed(result, intern)
    deal = result.deal
    concerned = {deal.host.slack_user_id, deal.slot.cohost_user_id, user_id} - {None}
    opened = opened_of(session, user_ids=sorted(u for u in concerned if u))
    return Pressed(result, intern, frozenset(opened))
