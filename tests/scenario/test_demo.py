"""`praktik demo`: a small season end to end, and its report's figures against the database.

The report counts on the participants' side (what they pressed and what Slack showed them);
here the database is asked again with plain SQL, independently of the report's own check.
"""

from __future__ import annotations

import argparse
import io
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from bot.demo.command import main
from bot.demo.report import CHART_FILE, REPORT_FILE, SEASON_PDF_FILE
from bot.demo.run import DemoOptions, dm_kind, run_demo
from bot.domain.timeline import SkipReason
from bot.offline.progress import Progress
from bot.registry.ids import DMKind
from bot.texts import demo as demo_texts
from bot.texts import report as report_texts
from bot.texts.goal_figures import QUOTES_SECTION, ROW_GOALS_MET, ROW_PRACTISED
from models.programme_form import danish_phone

PNG = b"\x89PNG\r\n\x1a\n"


def report_ledger_search(text: str) -> tuple[str, int, int] | None:
    """The network search the report tells of: (query, shown, shown who opted in)."""
    found = re.search(r"En søgning på »(.+?)« viste (\d+)", text)
    if found is None:
        return None
    shown = int(found.group(2))
    return found.group(1), shown, shown


def _row(*cells: object) -> str:
    """A row of the report's Markdown table, or its first cells."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def sql(db_file: Path, query: str) -> list[tuple[object, ...]]:
    engine = create_engine(f"sqlite:///{db_file}")
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def one(db_file: Path, query: str) -> int:
    """The number a `SELECT count(*)` gives."""
    value = sql(db_file, query)[0][0]
    assert isinstance(value, int)
    return value


async def test_a_small_season_reports_what_the_database_holds(tmp_path: Path) -> None:
    stderr = io.StringIO()
    report = await run_demo(
        DemoOptions(participants=20, seed=7, year=2027, out=tmp_path),
        progress=Progress(stderr, tty=False),
    )
    db = tmp_path / "praktik-demo.db"
    seen = report.seen
    assert report.failures == [] and report.mismatches == []

    # Sign-ups: every participant went through a modal, about half as hosts.
    hosts = one(db, "SELECT count(*) FROM hostslot WHERE season_year = 2027")
    interns = one(db, "SELECT count(*) FROM wish WHERE season_year = 2027")
    assert (seen.hosts, seen.interns) == (hosts, interns)
    assert seen.hosts + seen.interns == 20 and 6 <= seen.hosts <= 12
    assert one(db, "SELECT count(*) FROM participant") == 20  # the coordinator signs up for nothing

    # Placements, hosts with interns, interns placed, crossing sector.
    placements = sql(
        db,
        """SELECT p.host_id, p.intern_id, s.sector, i.sector
           FROM placement p JOIN hostslot s ON s.id = p.slot_id
           JOIN participant i ON i.id = p.intern_id
           WHERE p.status = 'confirmed'""",
    )
    assert seen.placements == len(placements) > 0
    assert seen.hosts_with_interns == len({h for h, _, _, _ in placements})
    assert seen.interns_placed == len({i for _, i, _, _ in placements})
    assert seen.cross_sector == sum(1 for _, _, a, b in placements if a != b)
    origins = dict(sql(db, "SELECT origin, count(*) FROM proposal GROUP BY origin"))
    assert set(origins) == {"request", "match"}  # some asked a host themselves, the rest matched
    rounds = {r for (r,) in sql(db, "SELECT DISTINCT round FROM proposal WHERE origin='match'")}
    assert rounds == {1, 2}
    asked = dict(sql(db, "SELECT status, count(*) FROM proposal WHERE origin='request' GROUP BY 1"))
    requests_row = next(r for r in report.text.splitlines() if r.startswith("| Anmodninger til"))
    cells = [c.strip() for c in requests_row.strip("|").split("|")]
    # received, accepted, of those too late (seat gone), declined, left to expire
    assert int(cells[1]) == sum(asked.values())
    assert int(cells[2]) - int(cells[3]) == asked.get("confirmed", 0)
    assert int(cells[3]) == asked.get("full", 0)
    assert int(cells[4]) == asked.get("declined", 0)

    # Check-ins and evaluations, and the two shares the programme reports.
    ratings = [r for (r,) in sql(db, "SELECT rating FROM checkin")]
    assert (seen.checkins, seen.checkin_sum) == (len(ratings), sum(ratings))
    evaluations = sql(db, "SELECT benefit, recommend FROM evaluation")
    assert seen.evaluations == len(evaluations) > 0
    assert seen.benefit_yes == sum(1 for b, _ in evaluations if b == "ja")
    assert seen.recommend == sum(1 for _, r in evaluations if int(str(r)) >= 9)
    # Against the goals: interns who wrote goals answered how far they met them; the
    # follow-up asked what was put into practice.
    met = [int(str(m)) for (m,) in sql(db, "SELECT goals_met FROM evaluation") if m is not None]
    assert (seen.goals_met, seen.goals_met_sum) == (len(met), sum(met)) and met
    assert one(db, "SELECT count(*) FROM placement WHERE goals != ''") > 0
    practised = dict(sql(db, "SELECT practised, count(*) FROM followup GROUP BY practised"))
    assert seen.followups == sum(int(str(n)) for n in practised.values()) > 0
    assert seen.practised_yes == practised.get("ja", 0)

    # Every planned DM was delivered, once, by the dispatcher; none is left.
    statuses = dict(sql(db, "SELECT status, count(*) FROM outboxmessage GROUP BY status"))
    assert set(statuses) <= {"sent", "skipped"} and statuses["sent"] > 0
    sent = dict(
        sql(db, "SELECT kind, count(*) FROM outboxmessage WHERE status='sent' GROUP BY kind")
    )
    assert seen.dms == sent
    # Co-hosts get every DM the host gets, the check-in and the evaluation included.
    shared_placed = one(
        db,
        """SELECT count(*) FROM placement p JOIN hostslot s ON s.id = p.slot_id
           WHERE s.cohost_user_id IS NOT NULL AND p.status = 'confirmed'""",
    )
    each = 2 * len(placements) + shared_placed
    assert sent["checkin"] == sent["evaluation"] == sent["followup"] == each
    # The 20 who signed up, and a co-host who never did: whoever hosts hears from the coordinator.
    assert sent["announcement"] == 21

    # The workshop: everyone invited once; reminders to exactly those who said yes.
    answers = dict(sql(db, "SELECT coming, count(*) FROM workshopanswer GROUP BY coming"))
    assert sent["workshop"] == 21 and (seen.workshop_coming, seen.workshop_not_coming) == (
        answers.get(1, 0),
        answers.get(0, 0),
    )
    assert sent.get("workshop_reminder", 0) == seen.workshop_coming > 0

    # Co-hosts: named in the slot modal, told, and given the host's DMs.
    cohosted = one(db, "SELECT count(*) FROM hostslot WHERE cohost_user_id IS NOT NULL")
    assert seen.cohosted_slots == cohosted > 0

    # The programme for the days: as many placements have one as the hosts saved it for,
    # some once for several interns, some by a co-host; each a Danish phone number.
    written = sql(
        db,
        """SELECT pr.proposal_id, pr.updated_at, pr.updated_by, pr.phone
           FROM programme pr JOIN placement p ON p.proposal_id = pr.proposal_id
           WHERE p.status = 'confirmed'""",
    )
    assert seen.programmes == len(written) > 0
    saves = Counter((at, by) for _, at, by, _ in written)
    assert max(saves.values()) > 1  # "brug også for": one save, several placements
    # Written by the placement's host side only: its host or its co-host (which of them the
    # demo's people choose; a seed whose co-hosted slot got no intern has none by a co-host).
    sides = sql(
        db,
        """SELECT pr.updated_by, h.slack_user_id, s.cohost_user_id
           FROM programme pr JOIN placement p ON p.proposal_id = pr.proposal_id
           JOIN hostslot s ON s.id = p.slot_id JOIN participant h ON h.id = s.host_id
           WHERE p.status = 'confirmed'""",
    )
    assert all(by in (host, cohost) for by, host, cohost in sides)
    colleagues = {cohost for _, _, cohost in sides if cohost is not None}
    assert all(danish_phone(str(phone)) for _, _, _, phone in written)
    # Each intern told once (a save plans one notice); the demo checked that the notice
    # shows the address the host typed (a failure otherwise).
    assert sent[DMKind.PROGRAMME_CHANGED] == len(written)
    # The T−7 reminder went to the host side exactly where the programme was still missing.
    reminders = sql(
        db,
        """SELECT o.status, o.reason, o.sent_at, o.due_at, pr.updated_at
           FROM outboxmessage o JOIN placement p ON p.id = o.placement_id
           LEFT JOIN programme pr ON pr.proposal_id = p.proposal_id
           WHERE o.kind = 'programme_reminder'""",
    )
    assert {s for s, *_ in reminders} == {"sent", "skipped"}
    for status, reason, sent_at, due_at, saved_at in reminders:
        if status == "sent":
            assert saved_at is None or str(saved_at) >= str(sent_at)
        else:
            assert reason == SkipReason.PROGRAMME_WRITTEN and str(saved_at) <= str(due_at)
    # The network: some placed participants chose it from their evaluation DM; a search
    # showed only them, and the report names how many.
    in_network = {u for (u,) in sql(db, "SELECT slack_user_id FROM networkentry")}
    assert seen.network == len(in_network) > 0
    search = report_ledger_search(report.text)
    assert search is not None and search[1] > 0  # the joined person whose topic it was
    assert demo_texts.network(len(in_network), search) in report.text

    # The report as saved: the figures, the DMs, the phases and the coordinator's chart.
    saved = (tmp_path / REPORT_FILE).read_text(encoding="utf-8")
    assert saved == report.text
    assert _row(report_texts.ROW_PARTICIPANTS, report_texts.participants(hosts, interns)) in saved
    assert _row(report_texts.ROW_PLACEMENTS, len(placements)) in saved
    cross = sum(1 for _, _, a, b in placements if a != b)
    crossing = report_texts.share_of(cross, len(placements))
    assert _row(report_texts.ROW_CROSS, crossing, report_texts.CROSS_2017_TEXT) in saved
    # No 2026 season in Praktikbot to compare with.
    assert _row(report_texts.COL_WHAT, 2027, report_texts.YEAR_2017) in saved
    workshop = report_texts.workshop(seen.workshop_coming, seen.workshop_not_coming, 21)
    assert _row(report_texts.ROW_WORKSHOP, workshop, report_texts.DASH) in saved
    assert f"| Evaluering (+3 hverdage) | {sent['evaluation']} | 0 |" in saved
    reminded_at = {
        (str(placement), str(at))
        for placement, at in sql(
            db,
            """SELECT p.proposal_id, o.sent_at FROM outboxmessage o
               JOIN placement p ON p.id = o.placement_id
               WHERE o.kind = 'programme_reminder' AND o.status = 'sent'""",
        )
    }
    programme_line = demo_texts.programmes(
        len(written),
        len(placements),
        saved=len(saves),
        shared=sum(1 for n in saves.values() if n > 1),
        by_cohost=sum(1 for (_, by) in saves if by in colleagues),
        after_reminder=len(
            {(at, by) for p, at, by, _ in written if (str(p), str(at)) in reminded_at}
        ),
        reminded=sent[DMKind.PROGRAMME_REMINDER],
        told=sent[DMKind.PROGRAMME_CHANGED],
    )
    assert programme_line in saved
    assert "Databasen giver de samme tal." in saved and "Ingen planlagte beskeder" in saved
    for phase in ("Tilmelding", "Match, runde 1", "Match, runde 2", "Uge 37 og opfølgning"):
        assert phase in saved
    assert (tmp_path / CHART_FILE).read_bytes().startswith(PNG)
    # The season report the coordinator got from /praktik admin rapport: the same figures.
    first_page = PdfReader(tmp_path / SEASON_PDF_FILE).pages[0].extract_text()
    assert crossing in " ".join(first_page.split())
    assert "årsrapport" in saved and SEASON_PDF_FILE in saved
    mean = f"{sum(met) / len(met):.1f}".replace(".", ",")
    assert f"| {ROW_GOALS_MET} | {mean} af 5 ({len(met)} svar) |" in saved
    assert ROW_PRACTISED in saved and QUOTES_SECTION in saved
    shared = "FROM hostslot s JOIN {} x ON x.slot_id = s.id WHERE s.cohost_user_id IS NOT NULL"
    asks = one(db, "SELECT count(*) " + shared.format("proposal"))
    placed = one(db, "SELECT count(*) " + shared.format("placement") + " AND x.status='confirmed'")
    assert demo_texts.cohosts(cohosted, asks, placed, placed) in saved
    assert "Koordinatorens statistik" in stderr.getvalue()  # the progress, phase by phase


@pytest.mark.slow
async def test_the_same_seed_gives_the_same_season(tmp_path: Path) -> None:
    options = DemoOptions(participants=12, seed=3, year=2027)
    first = await run_demo(replace(options, out=tmp_path / "a"), progress=Progress(None))
    again = await run_demo(replace(options, out=tmp_path / "b"), progress=Progress(None))
    assert first.seen == again.seen and first.failures == again.failures == []


def test_the_command_refuses_bad_options_with_one_danish_line(tmp_path: Path) -> None:
    err = io.StringIO()
    args = argparse.Namespace(participants=1, seed=1, year=2027, out=str(tmp_path))
    assert main(args, stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue() == f"{demo_texts.BAD_PARTICIPANTS}\n"


def test_dm_kinds_come_from_the_outbox_keys() -> None:
    assert dm_kind("p42:welcome:U1:2027-09-13") == "welcome"
    assert dm_kind("besked:2027:abc:U1") == "announcement"
