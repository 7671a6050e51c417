"""The season's life in the database: when a season opens, who its interns are, and who
took part in one (to be invited back to the next)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from models.anonymise import is_stand_in
from models.tables import (
    HostSlot,
    Participant,
    Placement,
    PlacementStatus,
    Proposal,
    SeasonSettings,
    Wish,
    WishStatus,
)


def season_interns(year: int) -> SelectOfScalar[int | None]:
    """The ids of season `year`'s interns, the one definition behind its figures, its
    announcements and its workshop: an active wish, or a request or proposal of the season
    (any Proposal row: an intern may find a place with *Anmod* and never register a wish),
    or a confirmed placement. Erased people are in it (their rows stay, anonymous, for the
    figures); a caller who writes to people leaves them out."""
    wishing = select(Wish.intern_id).where(
        Wish.season_year == year, Wish.status == WishStatus.ACTIVE
    )
    proposed = select(Proposal.intern_id).where(Proposal.season_year == year)
    placed = select(Placement.intern_id).where(
        Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED
    )
    return select(col(Participant.id)).where(
        col(Participant.id).in_(wishing)
        | col(Participant.id).in_(proposed)
        | col(Participant.id).in_(placed)
    )


def season_cohosts(year: int) -> SelectOfScalar[str | None]:
    """The Slack IDs of season `year`'s co-hosts, the hosts' companions in `season_interns`'
    sense: a co-host need not have signed up, yet is written to as the host is."""
    return select(col(HostSlot.cohost_user_id)).where(
        HostSlot.season_year == year, col(HostSlot.cohost_user_id).is_not(None)
    )


def returning(session: Session, *, year: int) -> dict[str, tuple[bool, bool]]:
    """Season `year`'s participants by Slack ID: (was a host, was an intern). People who
    withdrew count too (they may well come back): the season's interns (season_interns),
    and those whose wish or placement was withdrawn; people who erased their data do not."""
    hosts = select(HostSlot.host_id).where(HostSlot.season_year == year)
    interns = season_interns(year)
    withdrew = select(Wish.intern_id).where(Wish.season_year == year)
    unplaced = select(Placement.intern_id).where(Placement.season_year == year)
    found: dict[str, tuple[bool, bool]] = {}
    for role, ids in (
        ("host", hosts),
        ("intern", interns),
        ("intern", withdrew),
        ("intern", unplaced),
    ):
        for user in session.exec(
            select(Participant.slack_user_id).where(col(Participant.id).in_(ids))
        ).all():
            if is_stand_in(user):
                continue
            host, intern = found.get(user, (False, False))
            found[user] = (host or role == "host", intern or role == "intern")
    return found


def set_opening(session: Session, *, year: int, day: date, actor: str, now: datetime) -> None:
    """Store the day season `year` opens for sign-ups, and who chose it."""
    settings = session.get(SeasonSettings, year) or SeasonSettings(year=year)
    settings.opens_on, settings.updated_by, settings.updated_at = day, actor, now
    session.add(settings)


def season_settings(session: Session, *, year: int) -> SeasonSettings:
    found = session.get(SeasonSettings, year)
    return found if found is not None else SeasonSettings(year=year)


def season_has_participants(session: Session, *, year: int) -> bool:
    """Whether anyone offered a slot or registered a wish for season `year`."""
    slot = session.exec(select(HostSlot.id).where(HostSlot.season_year == year).limit(1)).first()
    if slot is not None:
        return True
    return (
        session.exec(select(Wish.id).where(Wish.season_year == year).limit(1)).first() is not None
    )
