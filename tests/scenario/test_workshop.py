"""The kick-off workshop: the coordinator invites, participants answer (and change their
minds), those who come are reminded the day before, and the coordinator sees who comes."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from sqlmodel import Session, col, select

from bot.clock import ManualClock
from bot.outbox.dispatcher import Dispatcher
from bot.sandbox.harness import Harness
from bot.season import COPENHAGEN
from models.tables import OutboxMessage
from tests.conftest import ADMIN
from tests.scenario.flows import offer, wish
from tests.talk import buttons, shown


def local(mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(2027, mo, d, h, mi, tzinfo=COPENHAGEN)


def workshop_rows(session: Session) -> list[tuple[str, str, str, str]]:
    rows = session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.key).startswith("workshop:"))
        .order_by(col(OutboxMessage.id))
    ).all()
    return [(r.kind, r.recipient, r.status, r.reason) for r in rows]


async def test_invitation_answers_a_changed_mind_the_reminder_and_the_count(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    emil = ws.person("UEMIL", "emil", "Emil Krog")
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    await offer(bo)
    await wish(anna)
    await wish(emil, workplace="Viborg Kommune", sector="Kommune")
    dispatcher = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")

    # The coordinator creates the workshop: a modal with date, time, place and a note.
    await kim.command("/praktik", "admin workshop")
    kim.fill("workshop_day", "2027-06-10")
    kim.fill("workshop_time", "13:00")
    kim.fill("workshop_place", "Slotsholmsgade 4, lokale 2.12")
    kim.fill("workshop_note", "Tag gerne en kollega med.")
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
    assert "*1* kommer · *2* kommer ikke · *0* har ikke svaret" in status
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
    assert [a["coming"] for a in held["workshop_answers"]] == [True]


async def test_bad_workshop_input_is_refused_in_the_modal(harness: Harness) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin workshop")
    kim.fill("workshop_day", "2027-05-01")  # before today (3 May)
    kim.fill("workshop_place", "   ")
    await kim.submit()
    assert "efter i dag" in kim.modal_errors["workshop_day"]
    assert "Skriv, hvor" in kim.modal_errors["workshop_place"]
    await kim.command("/praktik", "admin workshop status")
    assert "ingen workshop" in shown(kim.ephemerals[-1])
