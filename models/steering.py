"""The coordinator's locked, placed and forbidden pairs of a season's next round."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from models.tables import MatchSteer, Participant, SteerKind, Wish

FIXED = (SteerKind.LOCK, SteerKind.PLACE)


def steers(session: Session, *, year: int) -> list[MatchSteer]:
    return list(
        session.exec(
            select(MatchSteer).where(MatchSteer.season_year == year).order_by(col(MatchSteer.id))
        ).all()
    )


def forbidden_slots(session: Session, *, user_id: str, year: int) -> frozenset[int]:
    """The slots never to offer this person as an intern this season: the coordinator
    forbade the pair (by her wish; someone without a wish has no steers)."""
    return frozenset(
        session.exec(
            select(MatchSteer.slot_id)
            .join(Wish, col(Wish.id) == MatchSteer.wish_id)
            .join(Participant, col(Participant.id) == Wish.intern_id)
            .where(
                Participant.slack_user_id == user_id,
                MatchSteer.season_year == year,
                MatchSteer.kind == SteerKind.FORBID,
            )
        ).all()
    )


def set_steer(
    session: Session,
    *,
    year: int,
    wish_id: int,
    slot_id: int,
    kind: SteerKind,
    actor: str,
    now: datetime,
) -> list[tuple[int, SteerKind]]:
    """One pair's steer, replacing what was said of that pair before; a fixed pair also
    replaces the intern's other fixed pair (an intern is placed once). Returns the steers it
    replaced, as (slot, kind), the earliest first."""
    pair = col(MatchSteer.slot_id) == slot_id
    gone = (pair | col(MatchSteer.kind).in_(list(FIXED))) if kind in FIXED else pair
    said_before = (
        col(MatchSteer.season_year) == year,
        col(MatchSteer.wish_id) == wish_id,
        gone,
    )
    replaced = session.exec(
        select(MatchSteer.slot_id, MatchSteer.kind).where(*said_before).order_by(col(MatchSteer.id))
    ).all()
    session.execute(delete(MatchSteer).where(*said_before))
    session.add(
        MatchSteer(
            season_year=year,
            wish_id=wish_id,
            slot_id=slot_id,
            kind=kind,
            actor=actor,
            created_at=now,
        )
    )
    session.flush()
    return [(slot, SteerKind(was)) for slot, was in replaced]


def clear_steers(session: Session, *, year: int, wish_id: int) -> int:
    """Everything said of one intern's pairs; how many there were."""
    result = session.execute(
        delete(MatchSteer).where(
            col(MatchSteer.season_year) == year, col(MatchSteer.wish_id) == wish_id
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
