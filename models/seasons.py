"""The season's life in the database: when a season opens, and who took part in one (to be
invited back to the next)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from models.privacy import ERASED
from models.tables import HostSlot, Participant, Placement, SeasonSettings, Wish


def returning(session: Session, *, year: int) -> dict[str, tuple[bool, bool]]:
    """Season `year`'s participants by Slack ID: (was a host, was an intern). People who
    withdrew count too (they may well come back); people who erased their data do not."""
    hosts = select(HostSlot.host_id).where(HostSlot.season_year == year)
    interns = select(Wish.intern_id).where(Wish.season_year == year)
    placed = select(Placement.intern_id).where(Placement.season_year == year)
    found: dict[str, tuple[bool, bool]] = {}
    for role, ids in (("host", hosts), ("intern", interns), ("intern", placed)):
        for user in session.exec(
            select(Participant.slack_user_id).where(col(Participant.id).in_(ids))
        ).all():
            if user.startswith(f"{ERASED}-"):
                continue
            host, intern = found.get(user, (False, False))
            found[user] = (host or role == "host", intern or role == "intern")
    return found


def set_opening(session: Session, *, year: int, day: date, actor: str, now: datetime) -> None:
    """Store the day season `year` opens for sign-ups, and who chose it."""
    settings = session.get(SeasonSettings, year) or SeasonSettings(year=year)
    settings.opens_on, settings.updated_by, settings.updated_at = day, actor, now
    session.add(settings)
