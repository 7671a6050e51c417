"""The coordinators' queries: the season's settings they change, who an announcement reaches."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from models.anonymise import STAND_IN
from models.fixed_dms import plan_fixed
from models.seasons import season_cohosts, season_interns
from models.tables import HostSlot, OutboxMessage, Participant, SeasonSettings


def store_setting(
    session: Session, *, year: int, field: str, value: object, actor: str, now: datetime
) -> None:
    current = session.get(SeasonSettings, year) or SeasonSettings(year=year)
    setattr(current, field, value)
    current.updated_by, current.updated_at = actor, now
    session.add(current)


def participants(session: Session, *, year: int) -> list[str]:
    """Everyone with a slot, a wish or a request this season, and the slots' co-hosts, each
    once (an intern may find a place with *Anmod* and never register a wish); not those who
    erased their data (their row is kept, anonymous, for the figures: nobody to write to;
    an erased co-host is no longer named on the slot)."""
    hosts = select(HostSlot.host_id).where(HostSlot.season_year == year)
    rows = session.exec(
        select(Participant.slack_user_id)
        .where(col(Participant.id).in_(hosts) | col(Participant.id).in_(season_interns(year)))
        .where(~col(Participant.slack_user_id).startswith(STAND_IN))
    ).all()
    cohosts = session.exec(season_cohosts(year)).all()
    return sorted({*rows, *(c for c in cohosts if c)})


def plan_announcement(
    session: Session,
    *,
    years: tuple[int, ...],
    text: str,
    payload: dict[str, Any],
    now: datetime,
    due: datetime,
) -> int:
    """One DM of `payload` per participant of `years`, read in the same transaction. The key
    holds a season and a digest of `text`, and a person planned it under any of `years`
    before is left out, so the same announcement planned twice – or to one season, then to
    both – reaches nobody twice."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    people = {u: year for year in sorted(years) for u in participants(session, year=year)}
    planned = set(
        session.exec(
            select(OutboxMessage.recipient)
            .where(col(OutboxMessage.recipient).in_(list(people)))
            .where(
                col(OutboxMessage.key).in_(
                    [f"besked:{y}:{digest}:{u}" for u in people for y in years]
                )
            )
        ).all()
    )
    rows = {
        f"besked:{year}:{digest}:{u}": (u, payload)
        for u, year in people.items()
        if u not in planned
    }
    return plan_fixed(session, rows=rows, kind="announcement", now=now, due=due)
