"""*Anmod* in one transaction: the intern's stored profile, the request itself, and whose
App Home to redraw. Each was a transaction of its own (three per press, a third of the
press's CPU spent setting up sessions and round trips)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlmodel import Session, col

from models.deals import Result, request_slot
from models.repo import Profile
from models.tables import HomeOpened, SlackProfile

# The press's two plain reads as Core statements built once (models.profiles.stored_profile
# and models.home.opened_of read the same through the ORM): no entity to load, and the
# statement's cache key is computed once, not per press.
_PROFILE = select(
    col(SlackProfile.name), col(SlackProfile.title), col(SlackProfile.fetched_at)
).where(col(SlackProfile.slack_user_id) == bindparam("user_id"))
_OPENED = select(col(HomeOpened.slack_user_id)).where(
    col(HomeOpened.slack_user_id).in_(bindparam("user_ids", expanding=True))
)


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
        stored = session.connection().execute(_PROFILE, {"user_id": user_id}).first()
        if stored is None or stored.fetched_at < fresh_since:
            return Pressed(None)
        intern = Profile(slack_user_id=user_id, name=stored.name, title=stored.title)
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
    wanted = sorted(u for u in concerned if u)
    opened = session.connection().execute(_OPENED, {"user_ids": wanted}).scalars()
    return Pressed(result, intern, frozenset(opened))
