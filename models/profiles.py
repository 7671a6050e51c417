"""Profiles read from Slack (users.info), kept with their fetch time (see SlackProfile)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session, col

from models.db import insert_unless_present
from models.participants import Profile
from models.tables import DmChannel, SlackProfile


def stored_profile(session: Session, *, user_id: str, fresh_since: datetime) -> Profile | None:
    """The stored profile if it was read from Slack at or after `fresh_since`."""
    found = session.get(SlackProfile, user_id)
    if found is None or found.fetched_at < fresh_since:
        return None
    return Profile(slack_user_id=user_id, name=found.name, title=found.title)


def store_profile(session: Session, *, profile: Profile, now: datetime) -> None:
    """Insert or refresh. Two presses of one person (in two processes) may read Slack at the
    same moment: the insert then does nothing for the second, and the update keeps one."""
    values = {"name": profile.name, "title": profile.title, "fetched_at": now}
    insert_unless_present(session, SlackProfile, slack_user_id=profile.slack_user_id, **values)
    session.execute(
        update(SlackProfile)
        .where(col(SlackProfile.slack_user_id) == profile.slack_user_id)
        .values(**values)
    )


def dm_channel_of(session: Session, *, user_id: str) -> str | None:
    found = session.get(DmChannel, user_id)
    return None if found is None else found.channel_id


def remember_dm_channel(session: Session, *, user_id: str, channel_id: str) -> None:
    """Two uploads at once may both have opened the channel: Slack names the same one."""
    insert_unless_present(session, DmChannel, slack_user_id=user_id, channel_id=channel_id)


def forget(session: Session, *, user_id: str) -> bool:
    session.execute(delete(DmChannel).where(col(DmChannel.slack_user_id) == user_id))
    gone = session.execute(delete(SlackProfile).where(col(SlackProfile.slack_user_id) == user_id))
    return bool(getattr(gone, "rowcount", 0))
