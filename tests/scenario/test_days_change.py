"""Changing a confirmed placement's days when both sides agree: the placement, its DM plan
and both sides' calendars follow; a decline, a second press and bad input change nothing."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime

from icalendar import Calendar
from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.registry.ids import Action
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.sandbox.wire import view_submission_payload
from bot.texts import days_change as days_texts
from bot.views.cohosts import CohostBlock
from bot.views.days_change import DaysBlock
from models.tables import OutboxMessage, OutboxStatus, Placement, Proposal
from tests.scenario.flows import ALL_DAYS, offer, wish
from tests.talk import buttons, last_words, press_as, shown

SLOT_DAYS = list(ALL_DAYS[:4])
AGREED = "tir 14. sep., ons 15. sep."
NEW = "ons 15. sep., tor 16. sep."


def _ics(person: Person) -> list[Calendar]:
    return [Calendar.from_ical(f.content) for f in person.files if f.name.endswith(".ics")]


def _events(cal: Calendar) -> dict[date, tuple[str, int, str]]:
    return {
        e.decoded("dtstart"): (str(e["uid"]), int(e["sequence"]), str(e["status"]))
        for e in cal.walk("VEVENT")
    }


def _days(session: Session) -> tuple[list[int], list[int]]:
    placement = session.exec(select(Placement)).one()
    proposal = session.exec(select(Proposal)).one()
    return sorted(placement.days), sorted(proposal.days)


def _outbox(session: Session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


async def _placed(harness: Harness) -> tuple[Person, Person, Person]:
    """Bo (co-host Cille) offers Mon–Thu; Anna is agreed for Tue–Wed."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, days=SLOT_DAYS)
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    await bo.submit()
    await wish(anna, days=[ALL_DAYS[1], ALL_DAYS[2]])
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    await bo.press("Acceptér", where="message")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    return bo, cille, anna


async def _forged(person: Person, values: list[str]) -> dict[str, str]:
    """Submit the open modal with these checkbox values, as a forged payload would."""
    view = copy.deepcopy(person.modal)
    assert view is not None
    state = view["state"]["values"].setdefault(DaysBlock.DAYS, {})
    state[Action.FIELD] = {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}
    fake = person.ws.fake
    payload = view_submission_payload(
        actor=person.actor, view=view, trigger_id=fake.issue_trigger(person.id)
    )
    res = await person.ws.wire.interactive(payload)
    _, errors = fake.apply_submission_response(person.id, res.body)
    return dict(errors)


async def _propose(person: Person, days: list[str]) -> None:
    await person.command("/praktik", "status")
    await person.press("Ret dage")
    person.fill(DaysBlock.DAYS, days)
    outcome = await person.submit()
    assert outcome.action == "close", outcome.errors


async def test_both_sides_agree_on_other_days_and_the_plan_and_calendars_follow(
    harness: Harness, clock: ManualClock
) -> None:
    bo, cille, anna = await _placed(harness)
    first = {p.id: _events(_ics(p)[-1]) for p in (bo, cille, anna)}
    assert sorted(first["UANNA"]) == [date(2027, 9, 14), date(2027, 9, 15)]
    planned_before = {
        r.key for r in await harness.db.run(_outbox) if r.status == OutboxStatus.PLANNED
    }

    # Anna opens *Ret dage* from status: only the slot's days, the agreed ones ticked.
    await anna.command("/praktik", "status")
    await anna.press("Ret dage")
    options = anna.modal["blocks"][1]["element"]["options"]
    assert [o["value"] for o in options] == ["1", "2", "3", "4"]  # no Friday: the slot has none
    anna.fill(DaysBlock.DAYS, ["3", "4"])
    assert (await anna.submit()).action == "close"
    assert days_texts.sent("<@UBO> / <@UCILLE>", NEW) in shown(anna.last_dm)
    # Both hosts are asked; nothing has changed yet.
    for host in (bo, cille):
        assert days_texts.asked("UANNA", AGREED, NEW) in shown(host.last_dm)
        assert buttons(host.last_dm) == ["Acceptér", "Afslå"]
    assert await harness.db.run(_days) == ([2, 3], [2, 3])
    # Anna cannot accept her own proposal.
    await press_as(anna, bo.last_dm, "Acceptér")
    assert "dit eget forslag" in shown(anna.ephemerals[-1])
    bo_copy, cille_copy = copy.deepcopy(bo.last_dm), copy.deepcopy(cille.last_dm)

    clock.set(datetime(2027, 6, 1, 10, tzinfo=COPENHAGEN))
    await cille.press("Acceptér", where="message")
    # The placement and the proposal (what status and calendars show) took the new days.
    assert await harness.db.run(_days) == ([3, 4], [3, 4])
    for person in (bo, cille, anna):
        assert days_texts.changed(NEW, AGREED) in shown(last_words(person))
    asked = next(m for m in bo.dms if m.ts == bo_copy.ts)
    assert buttons(asked) == [] and "Accepteret af <@UCILLE>" in shown(asked)

    # The DM plan moved: first-day DMs to Wednesday, last-day DMs to Thursday; the old rows
    # are cancelled and every (person, kind) is planned exactly once.
    rows = await harness.db.run(_outbox)
    planned = [r for r in rows if r.status == OutboxStatus.PLANNED]
    assert len({(r.recipient, r.kind) for r in planned}) == len(planned)
    anchors = {r.kind: r.key.rsplit(":", 1)[1] for r in planned if r.recipient == "UANNA"}
    assert anchors == {
        "intro": "2027-09-15",
        "practical": "2027-09-15",
        "welcome": "2027-09-15",
        "checkin": "2027-09-16",
        "evaluation": "2027-09-16",
        "followup": "2027-09-16",
    }
    cancelled = {r.key for r in rows if r.status == OutboxStatus.CANCELLED}
    assert cancelled == planned_before - {r.key for r in planned}
    assert all(r.reason == "days changed" for r in rows if r.status == OutboxStatus.CANCELLED)
    assert {r.recipient for r in planned if r.kind == "intro"} == {"UBO", "UCILLE", "UANNA"}

    # Calendars, one file each, after the news: the kept day keeps its UID with a higher
    # SEQUENCE, the added day is new, the removed day is cancelled with its own UID.
    for person in (bo, cille, anna):
        assert len(_ics(person)) == 2  # the confirmation's and the change's
        assert person.dms[-1].files and not person.dms[-2].files
        update = _ics(person)[-1]
        old = first[person.id]
        assert str(update["method"]) == "PUBLISH"
        events = _events(update)
        assert sorted(events) == [date(2027, 9, 14), date(2027, 9, 15), date(2027, 9, 16)]
        kept = {day: e for day, e in events.items() if e[2] == "CONFIRMED"}
        assert sorted(kept) == [date(2027, 9, 15), date(2027, 9, 16)]
        assert kept[date(2027, 9, 15)][0] == old[date(2027, 9, 15)][0]
        assert kept[date(2027, 9, 16)][0] not in {uid for uid, _, _ in old.values()}
        assert all(seq == 1 for _, seq, _ in kept.values())
        assert events[date(2027, 9, 14)] == (old[date(2027, 9, 14)][0], 1, "CANCELLED")

    # A second press (Bo's stale copy, a retried payload) changes nothing twice.
    files = {p.id: len(p.files) for p in (bo, cille, anna)}
    dms = {p.id: len(p.dms) for p in (bo, cille, anna)}
    await press_as(bo, bo_copy, "Acceptér")
    await press_as(cille, cille_copy, "Acceptér")
    assert {p.id: len(p.files) for p in (bo, cille, anna)} == files
    assert {p.id: len(p.dms) for p in (bo, cille, anna)} == dms
    assert await harness.db.run(_days) == ([3, 4], [3, 4])
    assert len(await harness.db.run(_outbox)) == len(rows)

    # Status shows the new days; a withdrawal cancels the current events one SEQUENCE up.
    await bo.command("/praktik", "status")
    assert "ons 15. sep., tor 16. sep." in shown(bo.ephemerals[-1])
    await anna.command("/praktik", "afmeld")
    await anna.press("Træk mit praktikønske tilbage")
    for person in (bo, anna):
        cancel = _events(_ics(person)[-1])
        assert sorted(cancel) == [date(2027, 9, 15), date(2027, 9, 16)]
        assert all(seq == 2 and status == "CANCELLED" for _, seq, status in cancel.values())


async def test_a_declined_change_tells_the_proposer_and_changes_nothing(
    harness: Harness,
) -> None:
    bo, _, anna = await _placed(harness)
    rows = [(r.key, r.status) for r in await harness.db.run(_outbox)]
    files = len(anna.files)
    # Bo proposes from App Home this time.
    await bo.open_home()
    assert "Ret dage" in buttons(bo.home)
    await bo.press("Ret dage", where="home")
    bo.fill(DaysBlock.DAYS, ["1", "2", "3"])
    assert (await bo.submit()).action == "close"
    wanted = "man 13. sep., tir 14. sep., ons 15. sep."
    assert days_texts.asked("UBO", AGREED, wanted) in shown(anna.last_dm)
    question = copy.deepcopy(anna.last_dm)
    await anna.press("Afslå", where="message")
    assert days_texts.declined("UANNA", AGREED) in shown(bo.last_dm)
    assert buttons(anna.dms[-1]) == [] and "Afslået af <@UANNA>" in shown(anna.dms[-1])
    assert await harness.db.run(_days) == ([2, 3], [2, 3])
    assert [(r.key, r.status) for r in await harness.db.run(_outbox)] == rows
    assert len(anna.files) == files
    # Pressing *Acceptér* afterwards changes nothing either.
    told = len(bo.dms)
    await press_as(anna, question, "Acceptér")
    assert await harness.db.run(_days) == ([2, 3], [2, 3])
    assert len(bo.dms) == told
    # The proposal is Bo's data: in his mine-data, with what became of it.
    await bo.command("/praktik", "mine-data")
    held = json.loads([f for f in bo.files if f.name.endswith(".json")][-1].text())
    [change] = held["ændringer af dage, du har foreslået"]
    assert (change["dage"], change["status"]) == (["mandag", "tirsdag", "onsdag"], "afslået")


async def test_bad_input_gets_a_danish_message_and_changes_nothing(harness: Harness) -> None:
    bo, _, anna = await _placed(harness)
    eve = harness.workspace.person("UEVE", "eve", "Eve Nielsen")
    await anna.command("/praktik", "status")
    await anna.press("Ret dage")

    anna.fill(DaysBlock.DAYS, [])  # no day: Slack's own required-field check first
    assert (await anna.submit()).action == "client_errors"
    anna.fill(DaysBlock.DAYS, ["2", "3"])
    await anna.submit()
    assert "allerede har aftalt" in anna.modal_errors[DaysBlock.DAYS]
    # Forged submissions (past Slack's own checks): a day the slot does not offer (Friday),
    # something that is no day, no day at all.
    for forged, said in (
        (["4", "5"], "Vælg kun dage, som værtspladsen tilbyder"),
        (["x"], "Vælg kun dage, som værtspladsen tilbyder"),
        ([], "Vælg mindst én dag"),
    ):
        assert said in (await _forged(anna, forged))[DaysBlock.DAYS]
    assert await harness.db.run(_days) == ([2, 3], [2, 3])

    # A stranger pressing the host's question.
    await _propose(anna, ["3"])
    question = copy.deepcopy(bo.last_dm)
    await press_as(eve, question, "Acceptér")
    assert "ikke din aftale" in shown(eve.ephemerals[-1])
    # The placement ends before the host answers: the answer changes nothing.
    await anna.command("/praktik", "status")
    status = copy.deepcopy(anna.ephemerals[-1])
    await anna.command("/praktik", "afmeld")
    await anna.press("Træk mit praktikønske tilbage")
    for _ in range(2):
        await press_as(bo, question, "Acceptér")
        assert "ikke længere bekræftet" in shown(bo.ephemerals[-1])
    assert await harness.db.run(_days) == ([2, 3], [2, 3])
    # And *Ret dage* on the ended placement says so instead of opening the modal.
    await press_as(anna, status, "Ret dage")
    assert "ikke længere bekræftet" in shown(anna.ephemerals[-1])


async def test_a_dm_already_sent_is_not_sent_again_when_the_first_day_moves(
    harness: Harness, clock: ManualClock
) -> None:
    bo, _, anna = await _placed(harness)
    worker = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    intro = datetime(2027, 8, 31, 9, tzinfo=COPENHAGEN)  # T−14 from Tue 14/9
    clock.set(intro)
    await worker.run_once(intro)
    assert "Om to uger" in shown(anna.last_dm)
    await _propose(anna, ["1", "2"])
    await bo.press("Acceptér", where="message")
    assert days_texts.changed("man 13. sep., tir 14. sep.", AGREED) in shown(last_words(anna))
    rows = await harness.db.run(_outbox)
    intros = [r for r in rows if r.kind == "intro" and r.status == OutboxStatus.PLANNED]
    assert intros == []  # the intro was sent for the old first day: not again
    practical = [r for r in rows if r.kind == "practical" and r.status == OutboxStatus.PLANNED]
    assert {r.key.rsplit(":", 1)[1] for r in practical} == {"2027-09-13"}
    # Through the rest of the season each person gets each DM once.
    for moment in (datetime(2027, 9, 9, 9), datetime(2027, 9, 13, 9), datetime(2027, 12, 20, 9)):
        now = moment.replace(tzinfo=COPENHAGEN)
        clock.set(now)
        await worker.run_once(now)
    sent = [(r.recipient, r.kind) for r in await harness.db.run(_outbox) if r.sent_at]
    assert len(sent) == len(set(sent))
    assert sent.count(("UANNA", "intro")) == 1
