"""A season has a life: it stays the coordinator's and the participants' season from sign-up
through week 37 until its follow-up and evaluations are over, and the next one opens when the
coordinator opens it (inviting last year's people back) or on its date."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from bot import texts
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.service import seasons as seasons_service
from bot.texts import When
from bot.texts import season as season_texts
from bot.texts.timeline import followup_intern
from models.db import Database
from tests.conftest import ADMIN
from tests.meaning import clause
from tests.orthography import assert_one_full_stop_after_dates
from tests.scenario.flows import offer, wish
from tests.scenario.seasons import dispatcher, local, sign_up_in_may_confirm_in_june
from tests.talk import buttons, shown

PLACED_2027 = "man 13. sep., tir 14. sep., ons 15. sep., tor 16. sep., fre 17. sep."
GOAL = "Jeg vil lære om lokal klimatilpasning."


def anna_at_aero(when: When) -> str:
    return texts.placement_as_intern("Ærø Kommune", PLACED_2027, ["Bo Hansen"], when)


def anna_at_bo(when: When) -> str:
    return texts.placement_as_host("<@UANNA>", PLACED_2027, when)


def export_rows(person: Person) -> list[list[str]]:
    sheet = person.files[-1]
    return list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig")), delimiter=";"))


async def status_of(person: Person, args: str = "") -> str:
    await person.command("/praktik", f"status {args}".strip())
    return shown(person.ephemerals[-1])


async def test_a_placement_is_told_as_to_come_then_under_way_then_over(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    assert anna_at_aero(When.AHEAD) in await status_of(anna)
    assert anna_at_bo(When.AHEAD) in await status_of(bo)

    clock.set(local(9, 15, 12))  # Wednesday of week 37
    assert anna_at_aero(When.NOW) in await status_of(anna)
    assert anna_at_bo(When.NOW) in await status_of(bo)

    clock.set(local(9, 18, 8))  # the day after the last day
    assert anna_at_aero(When.OVER) in await status_of(anna)
    assert anna_at_bo(When.OVER) in await status_of(bo)
    await anna.open_home()
    assert clause(anna_at_aero(When.OVER)) in shown(anna.home)


async def test_the_season_stays_until_its_follow_up_and_the_next_opens_when_opened(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")

    # Week 37 is over; the 90-day follow-up (16/12) and the evaluations (to 15/1) still run.
    clock.set(local(10, 20, 10))
    await dispatcher(harness).run_once(clock.now())  # what fell due meanwhile
    await kim.command("/praktik", "admin stats")
    figures = shown(kim.ephemerals[-1])
    assert "Innovationspraktikken 2027" in figures and "1 bekræftet hos 1 vært" in figures
    await kim.command("/praktik", "admin eksport")
    rows = export_rows(kim)
    assert len(rows) == 2 and "fre 17. sep." in ";".join(rows[1]) and "Ærø Kommune" in rows[1]
    assert anna_at_aero(When.OVER) in await status_of(anna)
    assert anna_at_bo(When.OVER) in await status_of(bo)
    assert "Opfølgning efter 90 dage" in await status_of(anna)

    # Nobody can sign up for a season whose week is over; the next one has not opened.
    eve = harness.workspace.person("UEVE", "eve", "Eve Nielsen")
    await eve.command("/praktik", "tilbyd")
    assert season_texts.signup_not_open(2028, "lør 15. jan. 2028") in shown(eve.modal)

    # The follow-up goes out; the season is still the coordinator's.
    clock.set(local(12, 16, 9))
    assert (await dispatcher(harness).run_once(clock.now())).sent == 2
    assert followup_intern("<@UBO> (Bo Hansen)", "Ærø Kommune") in shown(anna.last_dm)
    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2027" in shown(kim.ephemerals[-1])

    # The coordinator opens 2028 in December: sign-ups go to 2028, last year's people are
    # invited back once, and 2027 is still there by its year.
    clock.set(local(12, 20, 10))
    await kim.command("/praktik", "admin sæson åbn 2027")
    assert season_texts.open_wrong_year(2027, 2028) in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin sæson åbn 2028")
    assert season_texts.opened(2028, 2) in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin sæson åbn 2028")
    assert season_texts.already_open(2028) in shown(kim.ephemerals[-1])
    assert (await dispatcher(harness).run_once(clock.now())).sent == 2
    invite = anna.last_dm
    assert season_texts.invite(2028) in shown(invite)
    assert buttons(invite) == [season_texts.INVITE_AS_INTERN]
    assert buttons(bo.last_dm) == [season_texts.INVITE_AS_HOST]
    assert (await dispatcher(harness).run_once(clock.now())).sent == 0  # one DM each

    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2028" in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin stats 2027")
    old = shown(kim.ephemerals[-1])
    assert "Innovationspraktikken 2027" in old and "1 bekræftet hos 1 vært" in old
    await kim.command("/praktik", "admin eksport 2027")
    assert len(export_rows(kim)) == 2
    await kim.command("/praktik", "admin eksport 2028")
    assert len(export_rows(kim)) == 1  # the header: nobody placed yet
    await kim.command("/praktik", "admin stats 27")
    assert season_texts.err_year(2028) in shown(kim.ephemerals[-1])

    # Last season's placement is shown with its own dates, marked with its year.
    now = await status_of(anna)
    assert season_texts.of_season(anna_at_aero(When.OVER), 2027) in now
    assert "Du har intet praktikønske" in now  # none yet for 2028
    assert f"– {PLACED_2027}" in await status_of(anna, "2027")

    # Saying yes opens the form filled in with last year's answers, saved for 2028.
    await anna.press(season_texts.INVITE_AS_INTERN)
    form = json.dumps(anna.modal, ensure_ascii=False)
    assert f'"initial_value": "{GOAL}"' in form
    assert "fre 15. sep." in form and "fre 17. sep." not in form  # 2028's week 37 now
    outcome = await anna.submit()
    assert outcome.action == "close", outcome.errors
    assert "Dit praktikønske" in await status_of(anna, "2028")
    assert "Emner:* klima" in await status_of(anna, "2028")
    await bo.press(season_texts.INVITE_AS_HOST)
    assert "klimateam" in json.dumps(bo.modal, ensure_ascii=False)
    assert (await bo.submit()).action == "close"
    assert_one_full_stop_after_dates(harness.fake)


async def test_a_season_opens_on_its_planned_date_and_by_default_when_the_last_one_closes(
    harness: Harness, clock: ManualClock
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await offer(bo)
    clock.set(local(11, 2, 10))
    await kim.command("/praktik", "admin sæson åbn 2028 2027-10-01")
    assert season_texts.open_date_past("fre 1. okt. 2027") in shown(kim.ephemerals[-1])
    await kim.command("/praktik", "admin sæson åbn 2028 2028-02-01")
    assert season_texts.open_date_too_late("tir 1. feb. 2028", "lør 15. jan. 2028") in shown(
        kim.ephemerals[-1]
    )
    await kim.command("/praktik", "admin sæson åbn 2028 2027-12-01")
    assert season_texts.opens_planned(2028, "ons 1. dec. 2027", 1) in shown(kim.ephemerals[-1])
    assert (await dispatcher(harness).run_once(clock.now())).sent == 0  # not before that day

    clock.set(local(12, 1, 10))
    assert (await dispatcher(harness).run_once(clock.now())).sent == 1
    assert season_texts.invite(2028) in shown(bo.last_dm)
    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2028" in shown(kim.ephemerals[-1])

    await wish(harness.workspace.person("UANNA", "anna", "Anna Jensen"), days=["man 11. sep."])

    # With no opening at all, a season opens the day the previous one closes.
    clock.set(local(1, 14, 10, y=2029))
    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2028" in shown(kim.ephemerals[-1])
    clock.set(local(1, 15, 10, y=2029))
    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2029" in shown(kim.ephemerals[-1])
    await wish(harness.workspace.person("UEVE", "eve", "Eve Nielsen"), days=["man 10. sep."])


async def test_a_counterpart_who_erased_their_data_is_not_shown_as_a_broken_mention(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    clock.set(local(12, 20, 10))
    await kim.command("/praktik", "admin sæson åbn 2028")
    # In 2028 Anna erases her data; her 2027 placement took place and stays in the figures.
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")
    status = await status_of(bo)
    assert "slettet-" not in status
    assert texts.placement_as_host(season_texts.ERASED_PERSON, PLACED_2027, When.OVER) in status


async def test_season_dates_lie_ahead_and_keep_the_timeline_in_order(
    harness: Harness, clock: ManualClock
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin sæson frist 2020-01-01")
    said = shown(kim.ephemerals[-1])
    assert season_texts.deadline_past("ons 1. jan. 2020", "man 3. maj 2027") in said
    await kim.command("/praktik", "admin sæson frist 2027-08-31")
    assert season_texts.deadline_too_late("tir 31. aug. 2027", "man 30. aug. 2027") in shown(
        kim.ephemerals[-1]
    )
    await kim.command("/praktik", "admin sæson")
    assert "fre 11. jun. 2027" in shown(kim.ephemerals[-1])  # nothing changed
    assert "tilmelding" in shown(kim.ephemerals[-1])

    await kim.command("/praktik", "admin sæson frist 2027-08-20")  # later, still in order
    assert "fre 20. aug. 2027" in shown(kim.ephemerals[-1])

    clock.set(local(9, 1, 10))  # the introductions are out: the phase cannot go back
    await kim.command("/praktik", "admin sæson frist 2027-09-03")
    said = shown(kim.ephemerals[-1])
    assert season_texts.phase_passed("op til uge 37") in said
    await kim.command("/praktik", "admin sæson")
    assert "fre 20. aug. 2027" in shown(kim.ephemerals[-1])


async def test_a_season_nobody_took_part_in_leaves_the_next_one_open_at_once(
    harness: Harness, clock: ManualClock
) -> None:
    # A new deployment in October: there is no 2027 season to finish, so 2028 takes sign-ups.
    clock.set(local(10, 20, 10))
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await bo.command("/praktik", "tilbyd")
    assert "man 11. sep." in json.dumps(bo.modal, ensure_ascii=False)  # 2028's week 37
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin stats")
    assert "Innovationspraktikken 2028" in shown(kim.ephemerals[-1])


async def test_a_pinned_season_year_cannot_be_opened_past(db: Database, clock: ManualClock) -> None:
    pinned = await Harness.start(
        db=db, clock=clock, admins=frozenset({ADMIN}), trigger_ttl=None, praktik_year=2027
    )
    try:
        clock.set(local(10, 20, 10))
        kim = pinned.workspace.person(ADMIN, "kim", "Kim Koordinator")
        await kim.command("/praktik", "admin sæson åbn 2028")
        assert season_texts.pinned(2027) in shown(kim.ephemerals[-1])
        await kim.command("/praktik", "admin stats")
        assert "Innovationspraktikken 2027" in shown(kim.ephemerals[-1])
    finally:
        await pinned.stop()


async def test_a_season_that_opens_on_its_own_date_invites_last_years_people_once(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    job = harness.expiry_job(clock)
    clock.set(local(1, 14, 10, y=2028))
    await job()
    await dispatcher(harness).run_once(clock.now())
    assert "2028 er åben" not in shown(anna.last_dm)  # 2027 still runs its evaluations

    clock.set(local(1, 17, 10, y=2028))  # Monday after 15 January: 2028 opened on its own
    await job()
    await job()  # every few minutes: nothing is planned twice
    assert (await dispatcher(harness).run_once(clock.now())).sent == 2
    assert season_texts.invite(2028) in shown(anna.last_dm)
    assert buttons(bo.last_dm) == [season_texts.INVITE_AS_HOST]


async def test_the_expiry_job_plans_a_seasons_invitations_once_per_process(
    harness: Harness, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    planned: list[int] = []
    plan = seasons_service._plan_invitations

    def counted(session: Session, *, year: int, now: datetime, due: datetime) -> int:
        planned.append(year)
        return plan(session, year=year, now=now, due=due)

    monkeypatch.setattr(seasons_service, "_plan_invitations", counted)
    job = harness.expiry_job(clock)
    clock.set(local(1, 17, 10, y=2028))  # 2028 opened on its own on 15 January
    await job()
    assert planned == [2028]
    # The job runs every five minutes for the 14 days after the opening: nothing more.
    for minutes in (5, 10, 60 * 24):
        clock.set(local(1, 17, 10, y=2028) + timedelta(minutes=minutes))
        await job()
    assert planned == [2028]
    assert (await dispatcher(harness).run_once(clock.now())).sent == 2

    # A restart (a new process, a new job) checks once more; the outbox sends nothing twice.
    restarted = harness.expiry_job(clock)
    await restarted()
    await restarted()
    assert planned == [2028, 2028]
    assert (await dispatcher(harness).run_once(clock.now())).sent == 0
    assert "2028 er åben" in shown(anna.last_dm) and buttons(bo.last_dm)
