"""GDPR: everything held about one person, and erasing it while keeping anonymous figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, SQLModel, col, select

from bot.domain.placement import Role
from models.anonymise import ERASED, PERSONAL, How, values
from models.erasures import mark_erased
from models.goals import forget_goals_dms
from models.programme import erase_of as programme_erase
from models.programme import export_of as programme_export
from models.tables import (
    AuditEntry,
    CheckIn,
    DaysChange,
    DmChannel,
    Evaluation,
    FollowUp,
    HomeOpened,
    HostSlot,
    NetworkEntry,
    OutboxMessage,
    Participant,
    Placement,
    Proposal,
    SlackProfile,
    Wish,
    WorkshopAnswer,
)

__all__ = ["ERASED", "erase", "export"]


def _plain(row: SQLModel, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    data = row.model_dump(mode="json")
    return {k: v for k, v in data.items() if k not in leave_out}


def export(session: Session, *, user_id: str, year: int | None = None) -> dict[str, Any] | None:
    """The caller's own data (of season `year` only, if given). Counterparts appear only as the
    slot or proposal they concern."""
    person = session.exec(select(Participant).where(Participant.slack_user_id == user_id)).first()
    home_tab = session.get(HomeOpened, user_id)
    opened: dict[str, Any] = {}
    if home_tab is not None:
        opened["home_tab_first_opened_at"] = _plain(home_tab)["first_opened_at"]
    read = session.get(SlackProfile, user_id)
    if read is not None:
        opened["profile_read_from_slack"] = _plain(read, leave_out=("slack_user_id",))
    channel = session.get(DmChannel, user_id)
    if channel is not None:
        opened["dm_channel_with_praktikbot"] = channel.channel_id
    cohosted = session.exec(
        select(HostSlot.season_year, HostSlot.workplace).where(HostSlot.cohost_user_id == user_id)
    ).all()
    if cohosted:
        opened["co_host_of"] = [{"season_year": y, "workplace": w} for y, w in cohosted]
    changes = session.exec(select(DaysChange).where(DaysChange.proposer_user_id == user_id)).all()
    if changes:
        opened["days_changes_you_proposed"] = [
            _plain(c, leave_out=("proposer_user_id", "messages")) for c in changes
        ]
    programmes = programme_export(session, user_id=user_id)
    if programmes:
        opened["programmes"] = programmes
    entry = session.exec(select(NetworkEntry).where(NetworkEntry.slack_user_id == user_id)).first()
    if entry is not None:
        opened["network_entry"] = _plain(entry, leave_out=("id", "slack_user_id"))
    if person is None or person.id is None:
        return opened or None
    me = person.id
    slots = [
        s
        for s in session.exec(select(HostSlot).where(HostSlot.host_id == me)).all()
        if year is None or s.season_year == year
    ]
    slot_ids = [s.id for s in slots]
    proposals = [
        p
        for p in session.exec(
            select(Proposal).where(
                (col(Proposal.intern_id) == me) | col(Proposal.slot_id).in_(slot_ids)
            )
        ).all()
        if year is None or p.season_year == year
    ]
    placements = [
        p
        for p in session.exec(
            select(Placement).where(
                (col(Placement.intern_id) == me) | (col(Placement.host_id) == me)
            )
        ).all()
        if year is None or p.season_year == year
    ]
    mine: list[tuple[int, Role]] = [
        (p.id or 0, Role.HOST if p.host_id == me else Role.INTERN) for p in placements
    ]
    checkins = [
        c
        for pid, role in mine
        for c in session.exec(
            select(CheckIn).where(CheckIn.placement_id == pid, CheckIn.role == role)
        ).all()
    ]
    evaluations = [
        e
        for pid, role in mine
        for e in session.exec(
            select(Evaluation).where(Evaluation.placement_id == pid, Evaluation.role == role)
        ).all()
    ]
    followups = [
        f
        for pid, role in mine
        for f in session.exec(
            select(FollowUp).where(FollowUp.placement_id == pid, FollowUp.role == role)
        ).all()
    ]
    return {
        "person": _plain(person),
        "host_slots": [_plain(s) for s in slots],
        "wishes": [
            _plain(w)
            for w in session.exec(select(Wish).where(Wish.intern_id == me)).all()
            if year is None or w.season_year == year
        ],
        # Another person's answer is theirs: only the status and one's own side are shown.
        "proposals": [
            _plain(
                p, leave_out=("messages", "host_answer" if p.intern_id == me else "intern_answer")
            )
            for p in proposals
        ],
        "placements": [_plain(p) for p in placements],
        "checkins": [_plain(c) for c in checkins],
        "evaluations": [_plain(e) for e in evaluations],
        "followups": [_plain(f) for f in followups],
        "messages_to_you": [
            _plain(m, leave_out=("claimed_by", "claimed_at"))
            for m in session.exec(
                select(OutboxMessage).where(OutboxMessage.recipient == user_id)
            ).all()
        ],
        "workshop_answers": [
            _plain(a)
            for a in session.exec(
                select(WorkshopAnswer).where(WorkshopAnswer.slack_user_id == user_id)
            ).all()
        ],
        "coordinator_actions": [
            _plain(a)
            for a in session.exec(select(AuditEntry).where(AuditEntry.actor == user_id)).all()
        ],
        **opened,
    }


def _free_text(table: type[SQLModel]) -> dict[str, Any]:
    return values(table, [c for c, how in PERSONAL[table].items() if how is How.BLANK])


def erase(session: Session, *, user_id: str, now: datetime) -> bool:
    """Remove what identifies the person; keep sector, days and answers' numbers for statistics.

    Run after the person has been withdrawn (so counterparts were told and seats freed).
    """
    mark_erased(session, user_id=user_id)
    # The network entry is the person's own copy: it goes whole.
    network = session.execute(
        delete(NetworkEntry).where(col(NetworkEntry.slack_user_id) == user_id)
    )
    # A co-host's own check-in and evaluation texts go (their ratings stay for the figures).
    cohosted = select(HostSlot.id).where(col(HostSlot.cohost_user_id) == user_id)
    at_cohosted = select(Placement.id).where(col(Placement.slot_id).in_(cohosted))
    for table in (CheckIn, Evaluation, FollowUp):
        session.execute(
            update(table)
            .where(col(table.placement_id).in_(at_cohosted), col(table.role) == Role.COHOST)
            .values(**_free_text(table))
        )
    # A co-host need not have signed up themself: no longer named on anyone's slot.
    cohosting = session.execute(
        update(HostSlot)
        .where(col(HostSlot.cohost_user_id) == user_id)
        .values(**values(HostSlot, ["cohost_user_id"]))
    )
    person = session.exec(
        select(Participant).where(Participant.slack_user_id == user_id).with_for_update()
    ).first()
    # What is stored under their Slack ID goes whether or not they signed up: a co-host gets
    # the host's DMs and the note of an intern's goals (which would otherwise still be sent)
    # and may propose other days.
    keyed = [
        session.execute(delete(OutboxMessage).where(col(OutboxMessage.recipient) == user_id)),
        session.execute(delete(WorkshopAnswer).where(col(WorkshopAnswer.slack_user_id) == user_id)),
        session.execute(delete(DaysChange).where(col(DaysChange.proposer_user_id) == user_id)),
    ]
    if person is None or person.id is None:
        programme_erase(session, user_id=user_id, host_id=None)
        return any(getattr(r, "rowcount", 0) for r in (cohosting, network, *keyed))
    me = person.id
    pseudonym = f"{ERASED}-{me}"
    for column, value in values(Participant, PERSONAL[Participant], person=pseudonym).items():
        setattr(person, column, value)
    person.updated_at = now
    session.add(person)
    session.execute(
        update(HostSlot)
        .where(col(HostSlot.host_id) == me)
        .values(**values(HostSlot, ["workplace", "description"]))
    )
    session.execute(
        update(Wish).where(col(Wish.intern_id) == me).values(**values(Wish, PERSONAL[Wish]))
    )
    session.execute(
        update(Proposal)
        .where(col(Proposal.intern_id) == me)
        .values(**values(Proposal, ["messages"]))
    )
    # Named as someone's manager: the name goes, the approval that was given stays.
    session.execute(
        update(Wish)
        .where(col(Wish.manager_user_id) == user_id)
        .values(**values(Wish, ["manager_user_id"]))
    )
    session.execute(
        update(Proposal)
        .where(col(Proposal.manager_user_id) == user_id)
        .values(**values(Proposal, ["manager_user_id"], person=pseudonym))
    )
    placements = session.exec(
        select(Placement).where((col(Placement.intern_id) == me) | (col(Placement.host_id) == me))
    ).all()
    for placement in placements:
        role = Role.HOST if placement.host_id == me else Role.INTERN
        for table in (CheckIn, Evaluation, FollowUp):
            session.execute(
                update(table)
                .where(col(table.placement_id) == placement.id, col(table.role) == role)
                .values(**_free_text(table))
            )
        if role is Role.INTERN:  # her goals are hers; the figures keep only how far they were met
            placement.goals = ""
            session.add(placement)
    forget_goals_dms(
        session, placement_ids=[p.id for p in placements if p.intern_id == me and p.id is not None]
    )
    programme_erase(session, user_id=user_id, host_id=me)
    session.execute(
        update(AuditEntry)
        .where(col(AuditEntry.actor) == user_id)
        .values(**values(AuditEntry, ["actor"], person=pseudonym))
    )
    session.flush()
    return True
