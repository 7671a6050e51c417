"""The people who take part: a participant's row, created or refreshed from what Slack
tells us about them.

Every function takes the session first and the rest by keyword; handlers call them through
`Database.run`, so they never hold a session themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.tables import Participant


@dataclass(frozen=True, slots=True)
class Profile:
    """What Slack tells us about a user (users.info), refreshed when they act."""

    slack_user_id: str
    name: str
    title: str = ""


def ensure_participant(
    session: Session, *, profile: Profile, now: datetime, lock: bool = False
) -> Participant:
    """`lock`: hold the person's row until commit (a row this inserts is theirs alone)."""
    wanted = select(Participant).where(Participant.slack_user_id == profile.slack_user_id)
    if lock:
        wanted = wanted.with_for_update()
    person = session.exec(wanted).first()
    if person is None:
        person = Participant(
            slack_user_id=profile.slack_user_id,
            name=profile.name,
            title=profile.title,
            created_at=now,
            updated_at=now,
        )
        try:
            # A new user's first two gestures at once (a double click, two processes): the
            # one that loses the unique index takes the winner's row instead of failing.
            with session.begin_nested():
                session.add(person)
            return person
        except IntegrityError:
            person = session.exec(wanted).one()
    if (person.name, person.title) != (profile.name, profile.title):
        person.name, person.title, person.updated_at = profile.name, profile.title, now
    session.add(person)
    session.flush()
    return person


def participant(session: Session, *, slack_user_id: str) -> Participant | None:
    return session.exec(
        select(Participant).where(Participant.slack_user_id == slack_user_id)
    ).first()
