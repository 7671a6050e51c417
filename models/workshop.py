"""The season's kick-off workshop: saving it, planning its DMs in the outbox, the answers.

Invitations and reminders are outbox rows with their content fixed at planning time (like
the coordinators' announcements), so the dispatcher's guarantees hold for them: each is sent
once, within the send window, through rate limits and restarts. An answer and the reminder
row it implies change in one transaction: a *Jeg kommer* plans the reminder for the working
day before, a *Jeg kommer ikke* cancels it, so only those who said yes are reminded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import partial
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.domain.timeline import fixed_until
from models.fixed_dms import plan_fixed
from models.tables import OutboxMessage, OutboxStatus, Participant, Workshop, WorkshopAnswer
from models.types import changed

KIND_INVITE = "workshop"
KIND_REMINDER = "workshop_reminder"
KIND_MOVED = "workshop_moved"


def invite_key(workshop_id: int, user: str) -> str:
    return f"workshop:{workshop_id}:invite:{user}"


def reminder_key(workshop_id: int, user: str) -> str:
    return f"workshop:{workshop_id}:reminder:{user}"


def moved_key(workshop_id: int, change: datetime, user: str) -> str:
    # One key per change (its time), so a second move tells everyone again but a retried
    # transaction of the same change does not.
    return f"workshop:{workshop_id}:moved:{change:%Y%m%dT%H%M%S%f}:{user}"


@dataclass(frozen=True, slots=True)
class WorkshopDetails:
    day: date
    time: str
    place: str
    note: str


def workshop_of(session: Session, *, year: int) -> Workshop | None:
    return session.exec(select(Workshop).where(Workshop.season_year == year)).first()


def save_workshop(
    session: Session, *, year: int, details: WorkshopDetails, actor: str, now: datetime
) -> tuple[Workshop, bool]:
    """Create or change the season's workshop; (workshop, created)."""
    found = workshop_of(session, year=year)
    created = found is None
    workshop = found or Workshop(
        season_year=year,
        day=details.day,
        time=details.time,
        place=details.place,
        created_by=actor,
        created_at=now,
    )
    workshop.day, workshop.time = details.day, details.time
    workshop.place, workshop.note, workshop.updated_at = details.place, details.note, now
    session.add(workshop)
    session.flush()
    return workshop, created


def plan_dms(
    session: Session,
    *,
    kind: str,
    workshop_id: int,
    recipients: list[str],
    payload: dict[str, Any],
    now: datetime,
    due: datetime,
) -> int:
    """One row of `kind` (an invitation, or the news that the workshop moved) per recipient
    not planned one before; returns how many were added."""
    keys: Callable[[str], str] = (
        partial(moved_key, workshop_id, now)
        if kind == KIND_MOVED
        else partial(invite_key, workshop_id)
    )
    return plan_fixed(
        session,
        rows={keys(user): (user, payload) for user in recipients},
        kind=kind,
        now=now,
        due=due,
    )


def refresh_planned_invitations(
    session: Session, *, workshop_id: int, payload: dict[str, Any]
) -> list[str]:
    """The workshop changed (any detail, the note too): invitations not sent yet show the
    new details. Returns those who were already invited (their invitation went out), to be
    told if it moved."""
    rows = session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.key).startswith(f"workshop:{workshop_id}:invite:"))
        .order_by(col(OutboxMessage.recipient))
    ).all()
    told: list[str] = []
    for row in rows:
        if row.status == OutboxStatus.PLANNED:
            row.payload = payload
            session.add(row)
        elif row.status in (OutboxStatus.SENDING, OutboxStatus.SENT):
            told.append(row.recipient)
    return told


def supersede_moved(session: Session, *, workshop_id: int) -> int:
    """Cancel the news of an earlier move that has not gone out yet: a newer move's DM tells
    the same people the latest details, so they get one DM, never an outdated one first.
    Returns how many were cancelled."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.key).startswith(f"workshop:{workshop_id}:moved:"),
            col(OutboxMessage.status) == OutboxStatus.PLANNED,
        )
        .values(status=OutboxStatus.CANCELLED, reason="superseded")
    )
    return changed(result)


def reschedule_reminders(
    session: Session, *, workshop_id: int, payload: dict[str, Any], due: datetime
) -> None:
    """The workshop moved: planned reminders follow it, with the new details."""
    rows = session.exec(
        select(OutboxMessage).where(
            col(OutboxMessage.key).startswith(f"workshop:{workshop_id}:reminder:"),
            OutboxMessage.status == OutboxStatus.PLANNED,
        )
    ).all()
    for row in rows:
        row.due_at, row.payload = due, payload
        row.send_until = fixed_until(row.kind, due)
        session.add(row)


class AnswerRefusal(StrEnum):
    UNKNOWN = "unknown"
    NOT_INVITED = "not_invited"
    CLOSED = "closed"


def answer(
    session: Session,
    *,
    workshop_id: int,
    user_id: str,
    coming: bool,
    now: datetime,
    today: date,
    reminder_due: Callable[[date], datetime],
    reminder_payload: Callable[[Workshop], dict[str, Any]],
) -> tuple[Workshop, WorkshopAnswer] | AnswerRefusal:
    """Store the answer (the newest counts) and plan or cancel the reminder with it. The
    reminder's time and content come from the workshop as read here (the one read of the
    press), under its lock."""
    workshop = session.exec(
        select(Workshop).where(Workshop.id == workshop_id).with_for_update()
    ).first()
    if workshop is None:
        return AnswerRefusal.UNKNOWN
    invited = session.exec(
        select(OutboxMessage.id).where(OutboxMessage.key == invite_key(workshop_id, user_id))
    ).first()
    if invited is None:
        return AnswerRefusal.NOT_INVITED
    if today >= workshop.day:
        return AnswerRefusal.CLOSED
    stored = session.exec(
        select(WorkshopAnswer).where(
            WorkshopAnswer.workshop_id == workshop_id, WorkshopAnswer.slack_user_id == user_id
        )
    ).first() or WorkshopAnswer(workshop_id=workshop_id, slack_user_id=user_id, coming=coming)
    stored.coming, stored.answered_at = coming, now
    session.add(stored)
    key = reminder_key(workshop_id, user_id)
    reminder = session.exec(select(OutboxMessage).where(OutboxMessage.key == key)).first()
    due, payload = reminder_due(workshop.day), reminder_payload(workshop)
    if coming and reminder is None:
        session.add(
            OutboxMessage(
                key=key,
                recipient=user_id,
                kind=KIND_REMINDER,
                due_at=max(due, now),
                send_until=fixed_until(KIND_REMINDER, due),
                created_at=now,
                payload=payload,
            )
        )
    elif coming and reminder is not None and reminder.status == OutboxStatus.CANCELLED:
        reminder.status, reminder.reason = OutboxStatus.PLANNED, ""
        reminder.due_at, reminder.payload = max(due, now), payload
        reminder.send_until = fixed_until(KIND_REMINDER, due)
        session.add(reminder)
    elif not coming and reminder is not None and reminder.status == OutboxStatus.PLANNED:
        reminder.status, reminder.reason = OutboxStatus.CANCELLED, "not_coming"
        session.add(reminder)
    session.flush()
    return workshop, stored


def own_answer(
    session: Session, *, user_id: str, year: int
) -> tuple[Workshop, WorkshopAnswer | None] | None:
    """The season's workshop and the person's answer (None: not yet), if they have been
    sent an invitation to it."""
    workshop = workshop_of(session, year=year)
    if workshop is None or workshop.id is None:
        return None
    invited = session.exec(
        select(OutboxMessage.id).where(
            OutboxMessage.key == invite_key(workshop.id, user_id),
            OutboxMessage.status == OutboxStatus.SENT,
        )
    ).first()
    if invited is None:
        return None
    given = session.exec(
        select(WorkshopAnswer).where(
            WorkshopAnswer.workshop_id == workshop.id, WorkshopAnswer.slack_user_id == user_id
        )
    ).first()
    return workshop, given


@dataclass(frozen=True)
class Attendance:
    """Who was invited and what they answered: (Slack ID, name, answer or None)."""

    workshop: Workshop
    people: list[tuple[str, str, WorkshopAnswer | None]]

    def with_answer(self, coming: bool | None) -> list[tuple[str, str]]:
        return [
            (user, name)
            for user, name, given in self.people
            if (given.coming if given is not None else None) is coming
        ]


def attendance(session: Session, *, year: int) -> Attendance | None:
    workshop = workshop_of(session, year=year)
    if workshop is None or workshop.id is None:
        return None
    prefix = f"workshop:{workshop.id}:invite:"
    invited = session.exec(
        select(OutboxMessage.recipient)
        .where(col(OutboxMessage.key).startswith(prefix))
        .order_by(col(OutboxMessage.recipient))
    ).all()
    names = {
        p.slack_user_id: p.name
        for p in session.exec(
            select(Participant).where(col(Participant.slack_user_id).in_(list(invited)))
        )
    }
    answers = {
        a.slack_user_id: a
        for a in session.exec(
            select(WorkshopAnswer).where(WorkshopAnswer.workshop_id == workshop.id)
        )
    }
    people = [(u, names.get(u, "") or u, answers.get(u)) for u in invited]
    return Attendance(workshop, people)
