"""The programme for a placement's days: the host side writes it (a co-host too, the intern
not), the intern reads it in status and is told once for a burst of edits, the calendars
are updated by UID, a missing programme brings one reminder at T−7, and one programme can
serve several interns. Hostile input is answered inline and saves nothing."""

from __future__ import annotations

import copy
from datetime import date, datetime

from icalendar import Calendar
from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.domain.timeline import SkipReason
from bot.outbox.dispatcher import Dispatcher
from bot.process.clock import ManualClock
from bot.registry.ids import Action, DMKind, ProgrammeAction
from bot.sandbox.fake_slack import Message
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.sandbox.wire import view_submission_payload
from bot.texts import programme as t
from bot.views.cohosts import CohostBlock
from bot.views.days_change import DaysBlock
from bot.views.mrkdwn import SECTION_TEXT
from bot.views.programme import ProgrammeBlock, day_block
from bot.views.refusals import refusal_text
from models.programme import ProgrammeRefusal
from models.programme_form import DAY_TEXT_MAX
from models.tables import OutboxMessage, OutboxStatus, Placement, Programme
from tests.scenario.flows import ALL_DAYS, offer, wish
from tests.talk import last_words, press_as, shown

TUESDAY, WEDNESDAY = 2, 3


def _ics(person: Person) -> list[Calendar]:
    return [Calendar.from_ical(f.content) for f in person.files if f.name.endswith(".ics")]


def _events(cal: Calendar) -> dict[date, tuple[str, int, str, str]]:
    return {
        e.decoded("dtstart"): (
            str(e["uid"]),
            int(e["sequence"]),
            str(e["description"]),
            str(e.get("location", "")),
        )
        for e in cal.walk("VEVENT")
    }


def _programmes(session: Session) -> list[Programme]:
    return list(session.exec(select(Programme).order_by(col(Programme.id))).all())


def _rows(kind: DMKind):  # type: ignore[no-untyped-def]
    def read(session: Session) -> list[OutboxMessage]:
        query = select(OutboxMessage).where(OutboxMessage.kind == kind.value)
        return list(session.exec(query.order_by(col(OutboxMessage.id))).all())

    return read


async def _placed(harness: Harness, capacity: str = "1") -> tuple[Person, Person, Person]:
    """Bo (co-host Cille) offers Mon–Thu; Anna is agreed for Tue–Wed."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, days=list(ALL_DAYS[:4]), capacity=capacity)
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, "UCILLE")
    await bo.submit()
    await _agree(bo, anna, [ALL_DAYS[1], ALL_DAYS[2]])
    return bo, cille, anna


async def _agree(host: Person, intern: Person, days: list[str]) -> None:
    await wish(intern, days=days)
    await intern.command("/praktik", "find ærø")
    await intern.press("Anmod")
    await host.press("Acceptér", where="message")


async def _write(person: Person, **fields: str) -> dict[str, str]:
    await person.command("/praktik", "status")
    await person.press(ProgrammeAction.WRITE)
    for block, value in fields.items():
        person.fill(block, value)
    outcome = await person.submit()
    return dict(outcome.errors)


async def _forged(person: Person, values: dict[str, str]) -> dict[str, str]:
    """Submit the open modal with these text values, as a forged payload would (Slack's own
    client would refuse them before sending)."""
    view = copy.deepcopy(person.modal)
    assert view is not None
    for block, text in values.items():
        view["state"]["values"][block] = {Action.FIELD: {"type": "plain_text_input", "value": text}}
    fake = person.ws.fake
    payload = view_submission_payload(
        actor=person.actor, view=view, trigger_id=fake.issue_trigger(person.id)
    )
    res = await person.ws.wire.interactive(payload)
    _, errors = fake.apply_submission_response(person.id, res.body)
    await person.ws.settle()
    return dict(errors)


async def _news_after_the_quiet(
    harness: Harness, clock: ManualClock, intern: Person
) -> list[Message]:
    """The one planned news of the programme goes out after the quiet minutes, once however
    often the dispatcher runs: the DMs telling `intern` the programme changed."""
    rows = await harness.db.run(_rows(DMKind.PROGRAMME_CHANGED))
    assert [(r.recipient, r.status) for r in rows] == [(intern.id, OutboxStatus.PLANNED)]
    worker = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    told = len(intern.dms)
    clock.set(datetime(2027, 5, 3, 10, 30, tzinfo=COPENHAGEN))
    await worker.run_once(clock.now())
    await worker.run_once(clock.now())
    return [m for m in intern.dms[told:] if t.changed("Ærø Kommune") in shown(m)]


async def test_a_cohost_writes_it_the_intern_reads_it_and_calendars_update_by_uid(
    harness: Harness, clock: ManualClock
) -> None:
    bo, cille, anna = await _placed(harness)
    first = _events(_ics(anna)[-1])
    assert {s for _, s, _, _ in first.values()} == {0}

    errors = await _write(
        cille,
        **{
            day_block(ProgrammeBlock.TEXT, TUESDAY): "Havnerundtur med klimateamet",
            day_block(ProgrammeBlock.TIME, TUESDAY): "9.00–15.00",
            day_block(ProgrammeBlock.PLACE, TUESDAY): "Marstal Havn",
            day_block(ProgrammeBlock.TEXT, WEDNESDAY): "Byrådsmøde",
            ProgrammeBlock.PHONE: "+45 12 34 56 78",
        },
    )
    assert errors == {}
    assert t.saved(1) in shown(last_words(cille))
    # The intern reads it in status; the host side sees it with the button to change it.
    await anna.command("/praktik", "status")
    status = shown(anna.ephemerals[-1])
    assert "Havnerundtur med klimateamet" in status and "+45 12 34 56 78" in status
    assert ProgrammeAction.WRITE not in str(anna.ephemerals[-1].blocks)
    # Everyone's calendar: the same UIDs, SEQUENCE up, each day its own programme and place.
    for person in (bo, cille, anna):
        events = _events(_ics(person)[-1])
        assert {d: e[0] for d, e in events.items()} == {
            d: e[0] for d, e in _events(_ics(person)[0]).items()
        }
    updated = _events(_ics(anna)[-1])
    tuesday, wednesday = updated[date(2027, 9, 14)], updated[date(2027, 9, 15)]
    assert tuesday[0] == first[date(2027, 9, 14)][0] and tuesday[1] == 1
    assert "Havnerundtur" in tuesday[2] and tuesday[3] == "Marstal Havn"
    assert "Byrådsmøde" in wednesday[2] and "Havnerundtur" not in wednesday[2]

    # A second edit soon after: the calendar moves on again; the intern is told once.
    assert (
        await _write(bo, **{day_block(ProgrammeBlock.TEXT, WEDNESDAY): "Byrådsmøde kl. 10"}) == {}
    )
    assert _events(_ics(anna)[-1])[date(2027, 9, 15)][1] == 2
    news = await _news_after_the_quiet(harness, clock, anna)
    assert len(news) == 1 and "Byrådsmøde kl. 10" in shown(news[0])
    assert not any(t.changed("Ærø Kommune") in shown(m) for m in bo.dms + cille.dms)


async def test_the_intern_is_still_told_of_a_programme_change_when_days_or_co_host_change(
    harness: Harness, clock: ManualClock
) -> None:
    """A re-plan of the timeline (other days, another co-host) once cancelled the waiting
    news of the programme as "days changed": the intern never heard of the edit."""
    bo, cille, anna = await _placed(harness)
    assert await _write(cille, **{day_block(ProgrammeBlock.TEXT, TUESDAY): "Havnerundtur"}) == {}
    # Within the ten quiet minutes: Anna moves the days and Bo agrees; Bo drops his co-host.
    await anna.command("/praktik", "status")
    await anna.press("Ret dage")
    anna.fill(DaysBlock.DAYS, ["2", "3", "4"])
    assert (await anna.submit()).action == "close"
    await bo.press("Acceptér", where="message")
    assert await harness.db.run(_agreed_days) == [2, 3, 4]
    await bo.command("/praktik", "tilbyd")
    bo.fill(CohostBlock.SLOT_COHOST, None)
    assert (await bo.submit()).action == "close"

    news = await _news_after_the_quiet(harness, clock, anna)
    assert len(news) == 1 and "Havnerundtur" in shown(news[0])


def _agreed_days(session: Session) -> list[int]:
    return list(session.exec(select(Placement)).one().days)


async def test_the_intern_and_a_stranger_cannot_write_it(harness: Harness) -> None:
    _, cille, anna = await _placed(harness)
    eve = harness.workspace.person("UEVE", "eve", "Eve Holm")
    await cille.command("/praktik", "status")
    status = cille.ephemerals[-1]
    for intruder in (anna, eve):
        await press_as(intruder, status, t.WRITE)
        assert refusal_text(ProgrammeRefusal.NOT_YOURS) in shown(intruder.ephemerals[-1])
    # A forged submission of the host's modal by the intern saves nothing.
    await cille.press(ProgrammeAction.WRITE)
    anna.screen.modals.append(copy.deepcopy(cille.modal))
    errors = await _forged(anna, {day_block(ProgrammeBlock.TEXT, TUESDAY): "Mit eget program"})
    assert list(errors.values()) == [refusal_text(ProgrammeRefusal.NOT_YOURS)]
    assert await harness.db.run(_programmes) == []


async def test_the_reminder_at_t_minus_7_goes_once_and_not_when_it_is_written(
    harness: Harness, clock: ManualClock
) -> None:
    bo, cille, anna = await _placed(harness)
    rows = await harness.db.run(_rows(DMKind.PROGRAMME_REMINDER))
    assert sorted(r.recipient for r in rows) == ["UBO", "UCILLE"]  # the host side only
    worker = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    reminder = t.reminder("<@UANNA> (Anna Jensen)")
    for day in (7, 7, 8):  # T−7 for Tuesday 14 September, and again later
        clock.set(datetime(2027, 9, day, 9, 5, tzinfo=COPENHAGEN))
        await worker.run_once(clock.now())
    for person in (bo, cille):
        assert sum(reminder in shown(m) for m in person.dms) == 1
    assert not any(reminder in shown(m) for m in anna.dms)
    # Its button opens the form right there.
    await bo.press(ProgrammeAction.WRITE, where="message")
    assert bo.modal is not None


async def test_the_reminder_is_skipped_once_the_programme_exists(
    harness: Harness, clock: ManualClock
) -> None:
    bo, _, _ = await _placed(harness)
    assert await _write(bo, **{ProgrammeBlock.ADDRESS: "Havnegade 1, 5960 Marstal"}) == {}
    worker = Dispatcher.from_settings(harness.settings, harness.db, worker_id="w1")
    clock.set(datetime(2027, 9, 7, 9, 5, tzinfo=COPENHAGEN))
    await worker.run_once(clock.now())
    rows = await harness.db.run(_rows(DMKind.PROGRAMME_REMINDER))
    assert {(r.status, r.reason) for r in rows} == {
        (OutboxStatus.SKIPPED, SkipReason.PROGRAMME_WRITTEN.value)
    }
    # The T−2 practical DM then carries the practical block instead of the advice.
    clock.set(datetime(2027, 9, 10, 9, 5, tzinfo=COPENHAGEN))
    await worker.run_once(clock.now())
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    assert any("Havnegade 1, 5960 Marstal" in shown(m) for m in anna.dms)


async def test_one_programme_for_several_interns_each_with_her_own_days(
    harness: Harness,
) -> None:
    bo, _, anna = await _placed(harness, capacity="2")
    dan = harness.workspace.person("UDAN", "dan", "Dan Berg")
    await _agree(bo, dan, [ALL_DAYS[0], ALL_DAYS[1]])
    await bo.command("/praktik", "status")
    await bo.press(ProgrammeAction.WRITE, block_id=None)
    options = next(b for b in bo.modal["blocks"] if b.get("block_id") == ProgrammeBlock.ALSO_FOR)[
        "element"
    ]["options"]
    assert len(options) == 1 and "Dan Berg" in options[0]["text"]["text"]
    bo.fill(day_block(ProgrammeBlock.TEXT, TUESDAY), "Fælles dag med klimateamet")
    bo.fill(day_block(ProgrammeBlock.TEXT, WEDNESDAY), "Byrådsmøde")
    bo.fill(ProgrammeBlock.ALSO_FOR, [options[0]["value"]])
    outcome = await bo.submit()
    assert outcome.action == "close", outcome.errors
    assert t.saved(2) in shown(last_words(bo))
    saved = {p.proposal_id: [e["day"] for e in p.days] for p in await harness.db.run(_programmes)}
    assert sorted(saved.values()) == [[TUESDAY], [TUESDAY, WEDNESDAY]]  # Dan: Mon–Tue
    await dan.command("/praktik", "status")
    assert "Fælles dag med klimateamet" in shown(dan.ephemerals[-1])
    assert "Byrådsmøde" not in shown(dan.ephemerals[-1])
    assert anna.id == "UANNA"


async def test_hostile_and_empty_input_is_answered_inline_and_saves_nothing(
    harness: Harness,
) -> None:
    bo, _, anna = await _placed(harness)
    await bo.command("/praktik", "status")
    await bo.press(ProgrammeAction.WRITE)
    hostile = "&<>" * 3334
    text = day_block(ProgrammeBlock.TEXT, TUESDAY)
    errors = await _forged(bo, {text: hostile, ProgrammeBlock.PHONE: hostile})
    assert errors == {text: t.too_long(DAY_TEXT_MAX), ProgrammeBlock.PHONE: t.PHONE_FAULT}
    assert await _forged(bo, {}) == {text: t.EMPTY}
    assert await _forged(bo, {ProgrammeBlock.PHONE: "12 34"}) == {
        ProgrammeBlock.PHONE: t.PHONE_FAULT
    }
    assert await harness.db.run(_programmes) == []
    # The longest text allowed, all of it &<>: shown escaped and within Slack's limits.
    longest = ("&<>" * 400)[:DAY_TEXT_MAX]
    assert await _forged(bo, {text: longest, ProgrammeBlock.PHONE: "1234 5678"}) == {}
    await anna.command("/praktik", "status")
    sections = [b["text"]["text"] for b in anna.ephemerals[-1].blocks if b.get("type") == "section"]
    assert any("&amp;&lt;&gt;" in s for s in sections)
    assert all(len(s) <= SECTION_TEXT for s in sections)
