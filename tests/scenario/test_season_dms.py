"""A whole season through the real app and the local Slack: sign-up in May, confirmation in
June, then every scheduled DM of the timeline (docs/product.md), the check-in and the
evaluation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.domain import timeline as plan
from bot.domain.season import COPENHAGEN, to_local
from bot.process.clock import ManualClock
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import feedback as feedback_texts
from bot.texts import goals as goal_texts
from bot.texts import network as network_texts
from bot.texts import programme as programme_texts
from bot.texts import timeline
from bot.views.feedback import FeedbackBlock
from models.db import Database
from models.feedback import feedback_summary
from models.tables import CheckIn, Evaluation, OutboxMessage, OutboxStatus
from tests.orthography import assert_one_full_stop_after_dates
from tests.scenario.flows import ALL_DAYS, offer
from tests.scenario.seasons import dispatcher, local, sign_up_in_may_confirm_in_june
from tests.talk import buttons, press_as, shown

CPH = COPENHAGEN
WEEK_37 = ", ".join(ALL_DAYS)
IDEA = "Jeg tager idéen om borgerpaneler med hjem."


# docs/product.md's example for a placement on Monday–Friday 13–17 September 2027.
TIMELINE = [
    (local(8, 30, 9), "intro"),
    (local(9, 6, 9), "programme_reminder"),  # to the host side only: no programme yet
    (local(9, 9, 9), "practical"),
    (local(9, 13, 8, 30), "welcome"),
    (local(9, 17, 15), "checkin"),
    (local(9, 22, 9), "evaluation"),
    (local(12, 16, 9), "followup"),
]


def posted(harness: Harness) -> list[Any]:
    return [c for c in harness.fake.calls_to("chat.postMessage") if c.error is None]


def latest(person: Person) -> Any:
    """What the person was shown last: an ephemeral or a DM."""
    return max([*person.ephemerals, *person.dms], key=lambda message: message.seq)


def outbox(session: Session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


async def test_a_whole_season_sends_exactly_the_timeline_to_the_right_people(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    worker = dispatcher(harness)
    expected = dict(TIMELINE)
    seen: dict[str, dict[str, str]] = {}
    pressable: dict[str, dict[str, list[str]]] = {}
    before_season = len(posted(harness))
    # Every day from the confirmation to Christmas: at noon, and a minute before and at
    # each moment of the timeline. Only the moments send, and only their DMs: to both, or
    # to the host alone.
    for day in days(date(2027, 6, 14), date(2027, 12, 23)):
        moments = [m for m in expected if to_local(m, CPH).date() == day]
        checks: list[tuple[datetime, str | None]] = [(datetime.combine(day, time(12), CPH), None)]
        checks += [(m - timedelta(minutes=1), None) for m in moments]
        checks += [(m, expected[m]) for m in moments]
        for now, kind in sorted(checks, key=lambda check: check[0]):
            clock.set(now)
            before = len(posted(harness))
            report = await worker.run_once(now)
            new = posted(harness)[before:]
            if kind is None:
                assert new == [], f"unexpected DM at {now:%d/%m %H:%M}"
                continue
            to = [bo] if kind in plan.HOST_ONLY else [bo, anna]
            assert report.sent == len(to) and report.claimed == len(to), (now, report)
            channels = sorted(c.params["channel"] for c in new)
            assert channels == sorted(p.id for p in to)  # to the user ID: one call per DM
            seen[kind] = {p.name: shown(p.last_dm) for p in to}
            pressable[kind] = {p.name: buttons(p.last_dm) for p in to}
    everyone = [(to_local(m, CPH), k) for m, k in TIMELINE]
    everyone += [(to_local(m, CPH), k) for m, k in TIMELINE if k not in plan.HOST_ONLY]
    assert len(posted(harness)) - before_season == len(everyone)  # nothing else, all season
    rows = await harness.db.run(outbox)
    assert len(rows) == len(everyone) and {r.status for r in rows} == {OutboxStatus.SENT}
    assert sorted((to_local(r.sent_at, CPH), r.kind) for r in rows if r.sent_at) == sorted(everyone)

    assert [k for _, k in TIMELINE] == list(plan.TIMELINE)  # every kind the plan has
    assert programme_texts.reminder("<@UANNA> (Anna Jensen)") in seen["programme_reminder"]["bo"]
    assert pressable["programme_reminder"]["bo"] == [programme_texts.WRITE]
    # The intro asks both to agree goals and programme, each with the button to their form:
    # the host side writes the programme, the intern refines her goals.
    assert programme_texts.WRITE in pressable["intro"]["bo"]
    assert goal_texts.EDIT_GOALS not in pressable["intro"]["bo"]
    assert pressable["intro"]["anna"] == [goal_texts.EDIT_GOALS]
    intro = seen["intro"]
    assert timeline.intro_host("<@UANNA> (Anna Jensen)", WEEK_37) in intro["bo"]
    assert "Udviklingskonsulent" in intro["bo"] and "lokal klimatilpasning" in intro["bo"]
    assert timeline.intro_intern("Ærø Kommune", WEEK_37) in intro["anna"]
    assert "<@UBO> (Bo Hansen)" in intro["anna"] and "klimateam" in intro["anna"]
    assert "aftal programmet" in intro["anna"]
    practical = seen["practical"]
    assert timeline.practical_intern("Ærø Kommune", "man 13. sep.") in practical["anna"]
    assert "<@UBO>" in practical["anna"] and "/praktik status" in practical["anna"]
    assert timeline.practical_host("<@UANNA> (Anna Jensen)", "man 13. sep.") in practical["bo"]
    assert timeline.welcome_intern("Ærø Kommune") in seen["welcome"]["anna"]
    assert timeline.welcome_host("<@UANNA> (Anna Jensen)") in seen["welcome"]["bo"]
    assert "Hvordan gik det?" in seen["checkin"]["anna"]
    assert "Fik du" not in seen["evaluation"]["anna"] and "Evaluér" in seen["evaluation"]["anna"]
    assert timeline.followup_intern("<@UBO> (Bo Hansen)", "Ærø Kommune") in seen["followup"]["anna"]
    assert timeline.followup_host("<@UANNA> (Anna Jensen)") in seen["followup"]["bo"]
    assert_one_full_stop_after_dates(harness.fake)


async def test_check_in_comment_and_evaluation_change_until_the_season_closes(
    harness: Harness, clock: ManualClock
) -> None:
    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    eve = harness.workspace.person("UEVE", "eve", "Eve Mallory")
    worker = dispatcher(harness)
    clock.set(local(9, 17, 15))
    assert (await worker.run_once(clock.now())).sent == 2  # the earlier ones are past use
    assert buttons(anna.last_dm) == ["1", "2", "3", "4", "5", "Tilføj kommentar"]

    await anna.press("4")
    assert await harness.db.run(_checkins) == {"intern": (4, "")}
    assert timeline.checkin_answered(4, "lør 15. jan. 2028") in shown(anna.last_dm)
    assert harness.fake.calls_to("chat.update")[-1].params["channel"] == anna.screen.dm_channel

    await anna.press("Tilføj kommentar")
    anna.fill(FeedbackBlock.COMMENT, "Rigtig god dag på havnen.")
    assert (await anna.submit()).action == "close"
    assert await harness.db.run(_checkins) == {"intern": (4, "Rigtig god dag på havnen.")}
    assert "Rigtig god dag på havnen." in shown(anna.last_dm)
    assert buttons(anna.last_dm)[-1] == "Ret kommentar"

    assert await press_as(eve, anna.last_dm, "1") == 200
    assert feedback_texts.NOT_YOURS in shown(latest(eve))
    await bo.press("5")
    assert await harness.db.run(_checkins) == {
        "intern": (4, "Rigtig god dag på havnen."),
        "host": (5, ""),
    }

    clock.set(local(9, 22, 9))
    assert (await worker.run_once(clock.now())).sent == 2
    await anna.press("Evaluér")
    assert anna.modal is not None and "Fik du konkret udbytte?" in shown(anna.modal)
    anna.fill(FeedbackBlock.BENEFIT, "Ja")
    anna.fill(FeedbackBlock.RECOMMEND, "10")
    anna.fill(FeedbackBlock.TEXT, IDEA)
    assert (await anna.submit()).action == "close"
    assert buttons(anna.last_dm) == ["Ret evaluering", network_texts.JOIN]
    await bo.press("Evaluér")
    bo.fill(FeedbackBlock.BENEFIT, "delvist")
    bo.fill(FeedbackBlock.RECOMMEND, "8")
    assert (await bo.submit()).action == "close"
    assert await harness.db.run(_evaluations) == {
        "intern": ("ja", 10, IDEA),
        "host": ("delvist", 8, ""),
    }

    clock.set(local(1, 14, 16, y=2028))  # the last day before the season closes
    await anna.press("3")
    assert (await harness.db.run(_checkins))["intern"][0] == 3
    summary = await harness.db.run(feedback_summary, 2027)
    assert (summary.checkins, summary.checkin_average) == (2, 4.0)
    assert (summary.evaluations, summary.benefit_share, summary.recommend_share) == (2, 0.5, 0.5)
    assert summary.nps == 50.0

    clock.set(local(1, 15, 9, y=2028))  # closed
    await anna.press("5")
    assert feedback_texts.season_closed("lør 15. jan. 2028") in shown(latest(anna))
    assert (await harness.db.run(_checkins))["intern"][0] == 3
    await anna.press("Ret evaluering")
    assert "Sæsonen lukkede" in shown(latest(anna))
    assert_one_full_stop_after_dates(harness.fake)


async def test_praktik_checkin_opens_the_form_during_and_after_and_explains_otherwise(
    harness: Harness, clock: ManualClock
) -> None:
    carl = harness.workspace.person("UCARL", "carl", "Carl Nielsen")
    await carl.command("/praktik", "checkin")
    assert "Du har ingen bekræftet praktik" in shown(carl.ephemerals[-1])

    bo, anna = await sign_up_in_may_confirm_in_june(harness, clock)
    await anna.command("/praktik", "checkin")
    assert "Din praktik begynder man 13. sep." in shown(anna.ephemerals[-1])
    assert anna.modal is None

    clock.set(local(9, 14, 12))
    await anna.command("/praktik", "checkin")
    about = feedback_texts.checkin_about_intern("Ærø Kommune")
    assert anna.modal is not None and about in shown(anna.modal)
    outcome = await anna.submit()
    assert outcome.action == "client_errors"  # the rating is required
    anna.fill(FeedbackBlock.RATING, "5 – rigtig godt")
    anna.fill(FeedbackBlock.COMMENT, "Allerede nu en god uge.")
    assert (await anna.submit()).action == "close"
    assert await harness.db.run(_checkins) == {"intern": (5, "Allerede nu en god uge.")}
    assert "Tak! Dit svar er gemt" in shown(anna.ephemerals[-1])

    clock.set(local(10, 1, 12))  # after the week, when the app's season year is 2028
    await bo.command("/praktik", "checkin")
    about = feedback_texts.checkin_about_host("Anna Jensen")
    assert bo.modal is not None and about in shown(bo.modal)
    await bo.close()

    clock.set(local(2, 1, 12, y=2028))
    await anna.command("/praktik", "checkin")
    assert feedback_texts.season_closed("lør 15. jan. 2028") in shown(anna.ephemerals[-1])


async def test_a_restart_mid_season_sends_every_due_dm_once(
    db: Database, clock: ManualClock
) -> None:
    first = await Harness.start(db=db, clock=clock)
    try:
        await sign_up_in_may_confirm_in_june(first, clock)
        assert (await dispatcher(first, "old").run_once(local(8, 30, 9))).sent == 2
        sent_before = [c.params["metadata"]["event_payload"]["key"] for c in posted(first)
                       if "metadata" in c.params]  # fmt: skip
    finally:
        await first.stop()
    # The old process died while sending Bo's practical DM on 9 Sep: its claim stays.
    await db.run(_die_mid_send, user="UBO", kind="practical", at=local(9, 9, 9))

    # Down since the intro: the host's programme reminder (6/9) and the practical DMs are
    # late, still useful.
    clock.set(local(9, 10, 10))
    second = await Harness.start(db=db, clock=clock)
    try:
        second.workspace.person("UBO", "bo", "Bo Hansen")
        second.workspace.person("UANNA", "anna", "Anna Jensen")
        worker = dispatcher(second, "new")
        report = await worker.run_once(clock.now())
        assert (report.sent, report.claimed) == (3, 3)
        assert (await worker.run_once(clock.now() + timedelta(minutes=30))).claimed == 0
        assert (await worker.run_once(local(9, 13, 8, 30))).sent == 2
        keys = [c.params["metadata"]["event_payload"]["key"] for c in posted(second)]
    finally:
        await second.stop()
    everything = sent_before + keys
    assert len(everything) == len(set(everything)) == 7
    rows = await db.run(outbox)
    assert sorted(r.kind for r in rows if r.status == OutboxStatus.SENT) == sorted(
        ["intro", "practical", "welcome"] * 2 + ["programme_reminder"]
    )


def _die_mid_send(session: Session, *, user: str, kind: str, at: datetime) -> None:
    row = session.exec(
        select(OutboxMessage).where(OutboxMessage.recipient == user, OutboxMessage.kind == kind)
    ).one()
    row.status, row.claimed_by, row.claimed_at, row.attempts = "sending", "old", at, 1
    session.add(row)


def _checkins(session: Session) -> dict[str, tuple[int, str]]:
    return {c.role: (c.rating, c.comment) for c in session.exec(select(CheckIn)).all()}


def _evaluations(session: Session) -> dict[str, tuple[str, int, str]]:
    return {
        e.role: (e.benefit, e.recommend, e.text) for e in session.exec(select(Evaluation)).all()
    }


async def test_a_host_with_two_interns_picks_which_placement_to_check_in_on(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    await offer(bo, capacity="2")
    for intern in (anna, dan):
        await intern.command("/praktik", "find ærø")
        await intern.press("Anmod")
        await bo.press("Acceptér")
    clock.set(local(9, 16, 10))
    await bo.command("/praktik", "checkin")
    assert bo.modal is not None and "Hvilken praktik?" in shown(bo.modal)
    bo.fill(FeedbackBlock.PLACEMENT, "Dan Berg hos dig")
    bo.fill(FeedbackBlock.RATING, "4")
    assert (await bo.submit()).action == "close"
    rows = await harness.db.run(_checkins_by_placement)
    assert rows == [(2, "host", 4)]


def _checkins_by_placement(session: Session) -> list[tuple[int, str, int]]:
    return [(c.placement_id, c.role, c.rating) for c in session.exec(select(CheckIn)).all()]
