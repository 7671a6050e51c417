"""The kick-off workshop: the coordinator invites, participants answer (and change their
minds), those who come are reminded the day before, and the coordinator sees who comes."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import workshop as workshop_texts
from bot.views.workshop import WorkshopBlock
from models.tables import OutboxMessage
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, shown

# The workshop most tests plan, as the messages name it.
JUNE_10 = "tor 10. jun. kl. 13.00"


def local(mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(2027, mo, d, h, mi, tzinfo=COPENHAGEN)


def workshop_rows(session: Session) -> list[tuple[str, str, str, str]]:
    rows = session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.key).startswith("workshop:"))
        .order_by(col(OutboxMessage.id))
    ).all()
    return [(r.kind, r.recipient, r.status, r.reason) for r in rows]


def people(harness: Harness) -> tuple[Person, Person, Person, Person]:
    """Bo, Anna, Emil and Kim the coordinator."""
    ws = harness.workspace
    return (
        ws.person("UBO", "bo", "Bo Hansen"),
        ws.person("UANNA", "anna", "Anna Jensen"),
        ws.person("UEMIL", "emil", "Emil Krog"),
        ws.person(ADMIN, "kim", "Kim Koordinator"),
    )


async def plan_workshop(kim: Person, day: str, time: str, place: str) -> None:
    await kim.command("/praktik", "admin workshop")
    kim.fill(WorkshopBlock.DAY, day)
    kim.fill(WorkshopBlock.TIME, time)
    kim.fill(WorkshopBlock.PLACE, place)
    await kim.submit()


async def test_invitation_answers_a_changed_mind_the_reminder_and_the_count(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna, emil, kim = people(harness)
    await offer(bo)
    await wish(anna)
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")

    # The coordinator creates the workshop: a modal with date, time, place and a note.
    await kim.command("/praktik", "admin workshop")
    kim.fill(WorkshopBlock.DAY, "2027-06-10")
    kim.fill(WorkshopBlock.TIME, "13:00")
    kim.fill(WorkshopBlock.PLACE, "Slotsholmsgade 4, lokale 2.12")
    kim.fill(WorkshopBlock.NOTE, "Tag gerne en kollega med.")
    await kim.submit()
    assert "3 deltagere får en invitation" in shown(kim.last_dm)

    # The invitations go out through the outbox, once.
    report = await dispatcher.run_once(clock.now())
    assert report.sent == 3
    assert (await dispatcher.run_once(clock.now())).sent == 0
    invitation = anna.last_dm
    assert "Du er inviteret" in shown(invitation) and "Slotsholmsgade 4" in shown(invitation)
    assert "tor 10. jun. kl. 13.00" in shown(invitation) and "Tag gerne en kollega med" in shown(
        invitation
    )
    assert buttons(invitation) == ["Jeg kommer", "Jeg kommer ikke"]

    # Answers: Anna and Bo come, Emil does not; then Bo changes his mind.
    await anna.press("Jeg kommer", where="message")
    assert "Dit svar: *Jeg kommer*" in shown(anna.last_dm)
    assert buttons(anna.last_dm) == ["Jeg kommer", "Jeg kommer ikke"]  # still changeable
    await bo.press("Jeg kommer", where="message")
    await emil.press("Jeg kommer ikke", where="message")
    clock.set(local(6, 1, 10))
    await bo.press("Jeg kommer ikke", where="message")
    assert "Dit svar: *Jeg kommer ikke*" in shown(bo.last_dm)

    # The coordinator's count and list.
    await kim.command("/praktik", "admin workshop status")
    status = shown(kim.ephemerals[-1])
    assert workshop_texts.overview(JUNE_10, "Slotsholmsgade 4, lokale 2.12", 1, 2, 0) in status
    assert "*Kommer:* <@UANNA>" in status and "<@UBO>" in status and "<@UEMIL>" in status

    # The reminder: the working day before (Wednesday 9 June, 09:00), to Anna only.
    clock.set(local(6, 9, 8, 59))
    assert (await dispatcher.run_once(clock.now())).sent == 0
    clock.set(local(6, 9, 9, 0))
    anna_before, bo_before, emil_before = len(anna.dms), len(bo.dms), len(emil.dms)
    assert (await dispatcher.run_once(clock.now())).sent == 1
    assert len(anna.dms) == anna_before + 1 and "Påmindelse: workshop i morgen" in shown(
        anna.last_dm
    )
    assert (len(bo.dms), len(emil.dms)) == (bo_before, emil_before)
    rows = await harness.db.run(workshop_rows)
    reminders = [(who, status, why) for kind, who, status, why in rows if kind != "workshop"]
    assert sorted(reminders) == [("UANNA", "sent", ""), ("UBO", "cancelled", "not_coming")]

    # On the day, answers can no longer change.
    clock.set(local(6, 10, 8))
    await emil.press("Jeg kommer", where="message")
    assert "kan ikke ændres længere" in shown(emil.ephemerals[-1])

    # The export gives the list as well.
    await kim.command("/praktik", "admin eksport")
    sheet = next(f for f in kim.files if f.name == "innovationspraktik-2027-workshop.csv")
    lines = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:3] == ["Slack-id", "Navn", "Svar"]
    assert {line[0]: line[2] for line in lines[1:]} == {
        "UANNA": "kommer",
        "UBO": "kommer ikke",
        "UEMIL": "kommer ikke",
    }

    # Her answer is data held about Anna: mine-data shows it.
    await anna.command("/praktik", "mine-data")
    held = json.loads(next(f for f in anna.files if f.name.endswith(".json")).text())
    assert [a["svar"] for a in held["dine svar om workshoppen"]] == ["kommer"]


async def test_bad_workshop_input_is_refused_in_the_modal(harness: Harness) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin workshop")
    kim.fill(WorkshopBlock.DAY, "2027-05-01")  # before today (3 May)
    kim.fill(WorkshopBlock.PLACE, "   ")
    await kim.submit()
    assert "efter i dag" in kim.modal_errors[WorkshopBlock.DAY]
    assert "Skriv, hvor" in kim.modal_errors[WorkshopBlock.PLACE]
    await kim.command("/praktik", "admin workshop status")
    assert "ingen workshop" in shown(kim.ephemerals[-1])


async def test_a_moved_workshop_tells_those_invited_once_and_no_one_else(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna, emil, kim = people(harness)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    await offer(bo)
    await wish(anna)

    async def plan(day: str, time: str = "13:00", place: str = "Slotsholmsgade 4") -> None:
        await plan_workshop(kim, day, time, place)

    await plan("2027-06-10")
    assert (await dispatcher.run_once(clock.now())).sent == 2
    await anna.press("Jeg kommer", where="message")

    # Emil signs up after the invitations went out; then Bo erases his data.
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    await bo.command("/praktik", "slet-mine-data")
    await bo.press("Slet mine data")
    anna_before, emil_before = len(anna.dms), len(emil.dms)

    # The coordinator moves the workshop: Anna is told the new date, time and place.
    clock.set(local(5, 4, 10))
    await plan("2027-06-17", "14:30", "Christiansborg, lokale 1")
    assert (await dispatcher.run_once(clock.now())).sent == 2
    assert len(anna.dms) == anna_before + 1
    moved = shown(anna.last_dm)
    assert "Workshoppen er flyttet" in moved
    assert "tor 17. jun. kl. 14.30" in moved and "Christiansborg, lokale 1" in moved
    # Emil was not invited before: his invitation has the new details, not a notice.
    assert len(emil.dms) == emil_before + 1
    assert "Du er inviteret" in shown(emil.last_dm) and "17. jun." in shown(emil.last_dm)
    assert "Workshoppen er flyttet" not in shown(emil.last_dm)
    assert not any("Workshoppen er flyttet" in shown(dm) for dm in bo.dms)
    # Once per change: running again or saving the same details tells no one again.
    assert (await dispatcher.run_once(clock.now())).sent == 0
    await plan("2027-06-17", "14:30", "Christiansborg, lokale 1")
    assert (await dispatcher.run_once(clock.now())).sent == 0
    rows = await harness.db.run(workshop_rows)
    assert [(who, status) for kind, who, status, _ in rows if kind == "workshop_moved"] == [
        ("UANNA", "sent")
    ]

    # A second move is a second change: told again. Anna's reminder follows it.
    clock.set(local(5, 5, 10))
    await plan("2027-06-24")
    assert (await dispatcher.run_once(clock.now())).sent == 2  # Anna and Emil
    assert "tor 24. jun." in shown(anna.last_dm) and "Workshoppen er flyttet" in shown(anna.last_dm)
    reminder = await harness.db.run(
        lambda s: s.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "workshop_reminder")
        ).one()
    )
    assert reminder.due_at.astimezone(COPENHAGEN) == local(6, 23, 9)


async def test_an_answer_reads_the_workshop_once(harness: Harness, clock: ManualClock) -> None:
    """The answer's refusal, reminder time and content all come from one read, under the lock."""
    ws = harness.workspace
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await wish(anna)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    await plan_workshop(kim, "2027-06-10", "13:00", "Slotsholmsgade 4")
    await dispatcher.run_once(clock.now())

    reads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if re.match(r"\s*SELECT\b.*\bFROM workshop\b", statement, re.S | re.I):
            reads.append(statement)

    event.listen(harness.db.engine, "before_cursor_execute", seen)
    try:
        await anna.press("Jeg kommer", where="message")
    finally:
        event.remove(harness.db.engine, "before_cursor_execute", seen)
    assert "Dit svar: *Jeg kommer*" in shown(anna.last_dm)
    assert len(reads) == 1, reads


async def test_an_intern_placed_by_request_without_a_wish_is_invited_too(
    harness: Harness, clock: ManualClock
) -> None:
    """Found in a walk: Anna searched, pressed *Anmod* and was accepted without ever
    registering a wish, and the workshop invitation (and any announcement) passed her by."""
    bo, anna, _emil, kim = people(harness)
    await offer(bo)
    await anna.command("/praktik", "find Ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    assert "bekræftet" in shown(anna.dms[-2]) or "bekræftet" in shown(anna.last_dm)

    await plan_workshop(kim, "2027-06-10", "13:00", "Slotsholmsgade 4")
    assert "2 deltagere får en invitation" in shown(kim.last_dm)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    assert (await dispatcher.run_once(clock.now())).sent == 2
    assert "Du er inviteret" in shown(anna.last_dm)


async def test_an_intern_placed_by_request_without_a_wish_counts_as_signed_up(
    harness: Harness,
) -> None:
    bo, anna, _emil, kim = people(harness)
    await offer(bo)
    await anna.command("/praktik", "find Ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    await kim.command("/praktik", "admin stats")
    figures = shown(kim.ephemerals[-1])
    assert "1 praktikant" in figures and "0 praktikanter" not in figures


async def test_two_moves_before_the_dispatcher_runs_tell_each_invited_person_once(
    harness: Harness, clock: ManualClock
) -> None:
    """Moved twice before the outbox sends: one "moved" DM each, with the latest details;
    the first move's DM is cancelled, superseded, in the transaction of the second."""
    bo, anna, _emil, kim = people(harness)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    await offer(bo)
    await wish(anna)
    await plan_workshop(kim, "2027-06-10", "13:00", "Slotsholmsgade 4")
    assert (await dispatcher.run_once(clock.now())).sent == 2
    before = {who.name: len(who.dms) for who in (anna, bo)}

    clock.set(local(5, 4, 10))
    await plan_workshop(kim, "2027-06-17", "14:30", "Christiansborg, lokale 1")
    clock.set(local(5, 4, 10, 5))
    await plan_workshop(kim, "2027-06-24", "09:00", "Eigtveds Pakhus")
    assert (await dispatcher.run_once(clock.now())).sent == 2
    for who in (anna, bo):
        assert len(who.dms) == before[who.name] + 1
        moved = shown(who.last_dm)
        assert "Workshoppen er flyttet" in moved
        assert "tor 24. jun. kl. 09.00" in moved and "Eigtveds Pakhus" in moved
        assert "17. jun." not in moved and "Christiansborg" not in moved
    rows = await harness.db.run(workshop_rows)
    assert sorted(
        (who, status, why) for kind, who, status, why in rows if kind == "workshop_moved"
    ) == [
        ("UANNA", "cancelled", "superseded"),
        ("UANNA", "sent", ""),
        ("UBO", "cancelled", "superseded"),
        ("UBO", "sent", ""),
    ]


async def test_a_new_note_reaches_the_invitations_not_sent_yet_and_tells_no_one_else(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna, _emil, kim = people(harness)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")

    async def save(note: str) -> None:
        await kim.command("/praktik", "admin workshop")
        kim.fill(WorkshopBlock.DAY, "2027-06-10")
        kim.fill(WorkshopBlock.TIME, "13:00")
        kim.fill(WorkshopBlock.PLACE, "Slotsholmsgade 4")
        kim.fill(WorkshopBlock.NOTE, note)
        await kim.submit()

    await offer(bo)
    await save("Tag gerne en kollega med.")
    assert (await dispatcher.run_once(clock.now())).sent == 1
    bo_before = len(bo.dms)

    # Anna signs up; saving again invites her, and her invitation waits in the outbox
    # while the coordinator changes only the note.
    await wish(anna)
    await save("Tag gerne en kollega med.")
    await save("Husk at medbringe frokost.")
    assert (await dispatcher.run_once(clock.now())).sent == 1
    invitation = shown(anna.last_dm)
    assert "Du er inviteret" in invitation and "Husk at medbringe frokost" in invitation
    assert "Tag gerne en kollega med" not in invitation
    # Bo's invitation went out with the old note; a new note is no "moved" news.
    assert len(bo.dms) == bo_before
    rows = await harness.db.run(workshop_rows)
    assert not [row for row in rows if row[0] == "workshop_moved"]


async def test_an_intern_who_was_declined_is_both_counted_and_invited(harness: Harness) -> None:
    """One definition of a season's interns: Anna asked Bo with *Anmod* and was declined,
    without a wish. The workshop invites her, so the figures count her too."""
    bo, anna, _emil, kim = people(harness)
    await offer(bo)
    await anna.command("/praktik", "find Ærø")
    await anna.press("Anmod")
    await bo.press("Afslå")

    await kim.command("/praktik", "admin stats")
    figures = shown(kim.ephemerals[-1])
    assert "1 praktikant" in figures and "0 praktikanter" not in figures
    await plan_workshop(kim, "2027-06-10", "13:00", "Slotsholmsgade 4")
    assert "2 deltagere får en invitation" in shown(kim.last_dm)


async def test_a_workshop_must_come_before_week_37(harness: Harness) -> None:
    bo, *_, kim = people(harness)
    await offer(bo)
    await plan_workshop(kim, "2027-09-13", "13:00", "Slotsholmsgade 4")  # week 37's Monday
    assert kim.modal_errors[WorkshopBlock.DAY] == workshop_texts.err_day_late("man 13. sep.")
    await plan_workshop(kim, "2028-03-01", "13:00", "Slotsholmsgade 4")  # after the season
    assert "før praktikugen" in kim.modal_errors[WorkshopBlock.DAY]
    await plan_workshop(kim, "2027-09-10", "13:00", "Slotsholmsgade 4")  # the Friday before
    assert kim.modal_errors == {}
    assert workshop_texts.saved(1, "fre 10. sep. kl. 13.00") in shown(kim.last_dm)


async def test_the_invitation_and_the_answer_name_the_same_last_day_and_status_shows_mine(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna, _, kim = people(harness)
    await offer(bo)
    await wish(anna)
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    await plan_workshop(kim, "2027-06-10", "13:00", "Slotsholmsgade 4")
    await anna.command("/praktik", "status")
    assert "Workshop" not in shown(anna.ephemerals[-1])  # not invited yet: nothing to answer
    await dispatcher.run_once(clock.now())

    invitation = shown(anna.last_dm)
    assert workshop_texts.ask("ons 9. jun.") in invitation
    await anna.command("/praktik", "status")
    said = shown(anna.ephemerals[-1])
    not_answered = workshop_texts.ANSWER_WORDS[None]
    line = workshop_texts.status_line(JUNE_10, "Slotsholmsgade 4", not_answered)
    assert f"*{workshop_texts.STATUS_HEADING}*\n{line}" in said

    await anna.open_home()
    await anna.press("Jeg kommer", where="message")
    assert workshop_texts.answered(True, "ons 9. jun.") in shown(anna.last_dm)
    assert "Dit svar: *kommer*." in shown(anna.home)  # App Home is redrawn with the answer
    await anna.press("Jeg kommer ikke", where="message")
    await anna.command("/praktik", "status")
    assert "Dit svar: *kommer ikke*." in shown(anna.ephemerals[-1])
    assert "Dit svar: *kommer ikke*." in shown(anna.home)
    await bo.command("/praktik", "status")
    assert "Dit svar: *ikke svaret*." in shown(bo.ephemerals[-1])  # each sees their own
