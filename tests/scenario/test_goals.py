"""The intern's learning goals over the real HTTP path: asked in the wish, shown to the host
side in the request and the proposal, refined per placement with one DM to the hosts for
edits close together, and the evaluation and follow-up against them in the figures."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader
from sqlmodel import Session, col, select

from bot.domain.season import COPENHAGEN
from bot.process.clock import ManualClock
from bot.registry.ids import GOALS_CHANGED_KIND, FeedbackAction, GoalsAction, PrivacyAction
from bot.report import charts
from bot.report.build import goals_panel, load_report
from bot.report.charts import ChartData
from bot.sandbox.harness import Harness
from bot.sandbox.person import Person
from bot.texts import err_too_long
from bot.texts import goal_figures as figure_texts
from bot.texts import goals as goal_texts
from bot.texts.goal_figures import ROLE_WORDS
from bot.views.feedback import FeedbackBlock
from bot.views.forms import FormBlock as B
from bot.views.goals import GoalsBlock
from bot.views.mrkdwn import escape
from models.forms import GOALS_MAX
from models.goals import GOALS_QUIET
from models.tables import OutboxMessage, OutboxStatus, Placement, Wish
from tests.conftest import ADMIN
from tests.scenario.flows import name_cohost, offer, wish
from tests.scenario.seasons import dispatcher
from tests.talk import buttons, shown, submit_raw

GOALS = "Se hvordan I inddrager borgerne i klimatilpasning & lære jeres metode <trin for trin>"
BETTER = "Lære jeres borgerpaneler at kende og tage metoden med hjem."
BEST = "Borgerpaneler, kystsikring og hvordan I måler effekten."
ANNA_SAYS = "Borgerpanelet starter hos os i januar."
BO_SAYS = "Bos hemmelige tanker, som ikke må citeres."
HOSTS_TOLD = goal_texts.goals_changed_host("Anna Jensen", "Ærø Kommune")


def _outbox(session: Session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def _goals_rows(session: Session) -> list[OutboxMessage]:
    return [r for r in _outbox(session) if r.kind == GOALS_CHANGED_KIND]


def _placement(session: Session) -> Placement:
    return session.exec(select(Placement)).one()


def _wish(session: Session) -> Wish:
    return session.exec(select(Wish)).one()


async def _wish_with_goals(anna: Person, goals: str = GOALS) -> None:
    await wish(anna)
    await anna.command("/praktik", "find")
    anna.fill(B.WISH_GOALS, goals)
    outcome = await anna.submit()
    assert outcome.action == "close", outcome.errors


async def _placed(harness: Harness) -> tuple[Person, Person, Person]:
    """Bo (co-host Cille) hosts Anna, who wrote her goals in the wish."""
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cille = ws.person("UCILLE", "cille", "Cille Dahl")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await name_cohost(bo, "UCILLE")
    await _wish_with_goals(anna)
    await anna.command("/praktik", "find ærø")
    await anna.press("Anmod")
    return bo, cille, anna


async def _refine(anna: Person, goals: str) -> dict[str, str]:
    await anna.command("/praktik", "status")
    await anna.press(GoalsAction.EDIT)
    anna.fill(GoalsBlock.GOALS, goals)
    outcome = await anna.submit()
    return dict(outcome.errors or {})


async def test_the_host_reads_the_goals_in_the_request_and_refinements_reach_the_hosts_once(
    harness: Harness, clock: ManualClock
) -> None:
    bo, cille, anna = await _placed(harness)
    request = shown(bo.last_dm)
    assert goal_texts.INTERN_GOALS in request
    # Escaped as Slack shows it: the & and <> arrive as text, not markup.
    assert escape(GOALS) in request
    assert "&amp; lære" in request and "&lt;trin for trin&gt;" in request
    await bo.press("Acceptér", where="message")
    placement = await harness.db.run(_placement)
    assert placement.goals == GOALS  # the placement starts with the wish's goals

    # Two quick edits: one DM to each of the host side, with the latest goals.
    assert await _refine(anna, BETTER) == {}
    clock.advance(timedelta(minutes=1))
    assert await _refine(anna, BEST) == {}
    assert goal_texts.GOALS_SAVED in shown(anna.last_dm)
    rows = await harness.db.run(_goals_rows)
    assert sorted(r.recipient for r in rows) == ["UBO", "UCILLE"]
    worker = dispatcher(harness)
    assert (await worker.run_once(clock.now())).sent == 0  # still gathering edits
    clock.advance(GOALS_QUIET)
    await worker.run_once(clock.now())
    for host in (bo, cille):
        told = [m for m in host.dms if HOSTS_TOLD in shown(m)]
        assert len(told) == 1
        assert BEST in shown(told[0]) and BETTER not in shown(told[0])
    assert {r.status for r in await harness.db.run(_goals_rows)} == {OutboxStatus.SENT}
    assert (await harness.db.run(_placement)).goals == BEST
    # The same goals again change nothing and tell nobody.
    assert await _refine(anna, BEST) == {}
    assert goal_texts.GOALS_UNCHANGED in shown(anna.last_dm)
    assert len(await harness.db.run(_goals_rows)) == 2
    # The hosts see her goals in their status; only she has the button.
    await bo.command("/praktik", "status")
    assert BEST in shown(bo.ephemerals[-1])
    assert goal_texts.EDIT_GOALS not in buttons(bo.ephemerals[-1])


async def test_the_proposal_to_the_host_shows_the_goals(
    harness: Harness, clock: ManualClock
) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo = ws.person("UBO", "bo", "Bo Hansen")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await _wish_with_goals(anna, BETTER)
    await kim.command("/praktik", "admin match")
    await kim.press("Send forslag (stabil)")
    proposal = shown(bo.last_dm)
    assert "Koordinatoren foreslår" in proposal
    assert goal_texts.INTERN_GOALS in proposal and BETTER in proposal


async def test_hostile_goals_get_inline_errors_and_change_nothing(
    harness: Harness, clock: ManualClock
) -> None:
    bo, _, anna = await _placed(harness)
    await bo.press("Acceptér", where="message")
    hostile = "&<>" * 3334
    # The wish: too long (as a client without Slack's own check would send it) is refused.
    await anna.command("/praktik", "find")
    anna.fill(B.WISH_GOALS, hostile)
    status, action, errors = await submit_raw(anna)
    assert status == 200 and action == "errors"
    assert errors == {B.WISH_GOALS: err_too_long(GOALS_MAX, len(hostile))}
    assert (await harness.db.run(_wish)).goals == GOALS
    # Refining: too long, empty and only spaces are refused inline.
    await anna.command("/praktik", "status")
    for bad, error in (
        (hostile, err_too_long(GOALS_MAX, len(hostile))),
        ("", goal_texts.ERR_GOALS_EMPTY),
        ("   \n  ", goal_texts.ERR_GOALS_EMPTY),
    ):
        await anna.press(GoalsAction.EDIT)
        anna.fill(GoalsBlock.GOALS, bad)
        status, action, errors = await submit_raw(anna)
        assert status == 200 and action == "errors" and errors == {GoalsBlock.GOALS: error}
        await anna.close()
    # A forged modal whose metadata is thousands of digits names no placement: answered,
    # nothing changed (int() of such a string raises).
    await anna.press(GoalsAction.EDIT)
    anna.fill(GoalsBlock.GOALS, "Andre mål")
    anna.modal["private_metadata"] = "9" * 5000
    status, action, errors = await submit_raw(anna)
    assert status == 200 and action == "errors"
    assert errors == {GoalsBlock.GOALS: goal_texts.GOALS_NOT_PLACED}
    await anna.close()
    assert (await harness.db.run(_placement)).goals == GOALS
    assert await harness.db.run(_goals_rows) == []
    # Goals at the limit, all `&`, are shown clipped to Slack's limits, and nothing crashes.
    assert await _refine(anna, "&" * GOALS_MAX) == {}
    await bo.command("/praktik", "status")
    assert "&amp;" in shown(bo.ephemerals[-1])


async def test_evaluation_and_follow_up_against_the_goals_in_stats_report_and_chart(
    harness: Harness, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    bo, _, anna = await _placed(harness)
    await bo.press("Acceptér", where="message")
    worker = dispatcher(harness)
    clock.set(datetime(2027, 9, 22, 9, 0, tzinfo=COPENHAGEN))
    await worker.run_once(clock.now())
    await anna.press(FeedbackAction.EVALUATE)
    assert GOALS.split(" &")[0] in json.dumps(anna.modal, ensure_ascii=False)
    anna.fill(GoalsBlock.GOALS_MET, "4 – for det meste")
    anna.fill(FeedbackBlock.BENEFIT, "Ja")
    anna.fill(FeedbackBlock.RECOMMEND, "10")
    anna.fill(GoalsBlock.TAKE_HOME, "Idéen om borgerpaneler.")
    anna.fill(GoalsBlock.QUOTE, [goal_texts.QUOTE_OK])
    assert (await anna.submit()).action == "close"
    await bo.press(FeedbackAction.EVALUATE)
    modal = json.dumps(bo.modal, ensure_ascii=False)
    assert GoalsBlock.INSPIRATION in modal and GoalsBlock.GOALS_MET not in modal
    bo.fill(FeedbackBlock.BENEFIT, "delvist")
    bo.fill(FeedbackBlock.RECOMMEND, "8")
    bo.fill(GoalsBlock.INSPIRATION, BO_SAYS)
    assert (await bo.submit()).action == "close"
    # Evaluated: her goals are fixed now.
    await anna.command("/praktik", "status")
    assert goal_texts.EDIT_GOALS not in buttons(anna.ephemerals[-1])

    clock.set(datetime(2027, 12, 16, 9, 0, tzinfo=COPENHAGEN))
    await worker.run_once(clock.now())
    for person, practised, said, quote in (
        (anna, "Ja", ANNA_SAYS, True),
        (bo, "Delvist", BO_SAYS, False),
    ):
        await person.press(GoalsAction.FOLLOWUP)
        person.fill(GoalsBlock.PRACTISED, practised)
        person.fill(GoalsBlock.PRACTISED_WHAT, said)
        if quote:
            person.fill(GoalsBlock.QUOTE, [goal_texts.QUOTE_OK])
        assert (await person.submit()).action == "close"
        assert goal_texts.FOLLOWUP_EDIT in buttons(person.last_dm)

    drawn: list[ChartData] = []  # what the chart is drawn from, in `stats` and `rapport`

    def season_figure(data: ChartData) -> Figure:
        drawn.append(data)
        return draw(data)

    draw = charts.season_figure
    monkeypatch.setattr(charts, "season_figure", season_figure)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin stats 2027")
    stats = shown(kim.ephemerals[-1])
    assert "4,0 af 5 (1 svar)" in stats  # goals met, all and across sectors (stat → kommune)
    assert "1: 0 · 2: 0 · 3: 0 · 4: 1 · 5: 0" in stats
    assert "ja 50,0 %" in stats and "delvist 50,0 %" in stats
    assert ANNA_SAYS in stats and "Idéen om borgerpaneler." in stats
    assert BO_SAYS not in stats and "Anna" not in stats.split("Citater")[1]

    await kim.command("/praktik", "admin rapport 2027")
    pdf = next(f for f in reversed(kim.files) if f.name.endswith(".pdf"))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages]
    goals_page = " ".join(pages[2].split())
    assert "4,0 af 5 (1 svar)" in goals_page
    assert "50,0 % / 50,0 % / 0,0 % (2 svar)" in goals_page
    assert ANNA_SAYS in goals_page and ROLE_WORDS["intern"] in goals_page
    assert BO_SAYS not in goals_page and "Anna" not in goals_page
    # The chart (the PNG in `stats` and `rapport`, page 2 of the PDF) shows the same figures.
    chart_page = " ".join(pages[1].split())
    assert figure_texts.CHART_MET in chart_page and figure_texts.CHART_PRACTISED in chart_page
    assert figure_texts.chart_met("all", 4.0, 1) in chart_page
    assert len(drawn) == 3  # the stats' PNG, the report's PDF page and its PNG
    goals = (await harness.db.read(load_report, year=2027)).stats.goals
    assert goals is not None and all(d.goals == goals_panel(goals) for d in drawn)
    _chart_shows_the_goals(draw(drawn[-1]))


def _chart_shows_the_goals(figure: Figure) -> None:
    """Anna (state, hosted by a municipality) met her goals 4 of 5; she put it into
    practice, Bo partly: the bars are those answers, for all and across sectors."""
    axes = {ax.get_title(loc="left"): ax for ax in figure.axes}
    met = axes[figure_texts.CHART_MET]
    heights = [[round(bar.get_height()) for bar in group] for group in met.containers]
    assert heights == [[0, 0, 0, 1, 0], [0, 0, 0, 0, 0], [0, 0, 0, 1, 0]]  # all, same, across
    legend = met.get_legend()
    assert legend is not None
    assert [x.get_text() for x in legend.get_texts()] == [
        figure_texts.chart_met("all", 4.0, 1),
        figure_texts.chart_met("same", None, 0),
        figure_texts.chart_met("across", 4.0, 1),
    ]
    practised = axes[figure_texts.CHART_PRACTISED]
    # One row of bars per answer (ja, delvist, nej); in each, one bar per group.
    widths = [[round(bar.get_width()) for bar in word] for word in practised.containers]
    assert widths == [[50, 0, 50], [50, 0, 50], [0, 0, 0]]
    rows = [label.get_text() for label in practised.get_yticklabels()]
    answered = (("all", 2), ("same", 0), ("across", 2))
    assert rows == [figure_texts.chart_practised(group, n) for group, n in answered]


async def test_mine_data_holds_the_goals_and_erasure_removes_them(
    harness: Harness, clock: ManualClock
) -> None:
    bo, _, anna = await _placed(harness)
    await bo.press("Acceptér", where="message")
    assert await _refine(anna, BETTER) == {}
    await anna.command("/praktik", "mine-data")
    data = json.loads(anna.files[-1].content)
    held = json.dumps(data, ensure_ascii=False)
    assert GOALS in held and BETTER in held
    await anna.command("/praktik", "slet-mine-data")
    await anna.press(PrivacyAction.DELETE_MY_DATA)
    assert (await harness.db.run(_wish)).goals == ""
    assert (await harness.db.run(_placement)).goals == ""
    rows = await harness.db.run(_outbox)
    assert not any(GOALS in json.dumps(r.payload) or BETTER in json.dumps(r.payload) for r in rows)
