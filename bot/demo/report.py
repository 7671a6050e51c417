"""The demo's report: the season's figures as the participants saw them, checked against the
database, with the DMs, the failures, the time per phase and the coordinator's chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from sqlmodel import Session, col, func, select

from bot.demo.ledger import Ledger
from bot.demo.people import Persona
from bot.registry.ids import DMKind
from bot.report.build import (
    SeasonReport,
    figures_section,
    goals_section,
    load_report,
    markdown_table,
    workshop_figures,
)
from bot.texts import demo as t
from bot.texts import socket_mode as over_socket
from models.db import Database
from models.feedback import PROMOTER_FROM, feedback_answers
from models.goal_figures import Crossing, goal_figures
from models.rounds import KIND_EXPIRED
from models.stats import season_stats
from models.tables import (
    HostSlot,
    OutboxMessage,
    OutboxStatus,
    Placement,
    PlacementStatus,
    Programme,
)
from models.workshop import KIND_INVITE, KIND_REMINDER

REPORT_FILE = "rapport.md"
CHART_FILE = "praktik-stats.png"
SEASON_PDF_FILE = "aarsrapport.pdf"  # what /praktik admin rapport sent the coordinator
DM_ORDER = (
    *(k.value for k in DMKind),
    "announcement",
    KIND_INVITE,
    KIND_REMINDER,
    KIND_EXPIRED,
)


@dataclass(frozen=True)
class Played:
    """What a finished demo run hands the report: who took part and what they saw."""

    year: int
    seed: int
    socket: bool
    personas: list[Persona]
    ledger: Ledger
    cohost_mail: tuple[int, int, int]
    chart: bytes | None
    season_pdf: bytes | None


@dataclass(frozen=True)
class Figures:
    """The season's figures, the way the programme reports them."""

    hosts: int
    interns: int
    placements: int
    hosts_with_interns: int
    interns_placed: int
    cross_sector: int
    checkins: int
    checkin_sum: int
    evaluations: int
    benefit_yes: int
    recommend: int
    workshop_coming: int
    workshop_not_coming: int
    cohosted_slots: int
    goals_met: int  # interns who answered how far they met their goals
    goals_met_sum: int
    practised_yes: int  # 90 days on: something was put into practice
    followups: int
    programmes: int  # placements with a programme for the days
    network: int  # findable as sparring partners
    dms: dict[str, int] = field(default_factory=dict)  # delivered, by kind


@dataclass(frozen=True)
class Report:
    text: str
    path: Path
    chart: Path | None
    year: int
    seen: Figures
    stored: Figures
    mismatches: list[str]
    failures: list[str]


def observed(ledger: Ledger, personas: dict[str, Persona]) -> Figures:
    """From the participants' side: what they did, and what Slack showed them."""
    pairs = ledger.placements.items()
    return Figures(
        hosts=ledger.signed_up["host"],
        interns=ledger.signed_up["intern"],
        placements=len(ledger.placements),
        hosts_with_interns=len(set(ledger.placements.values())),
        interns_placed=len(ledger.placements),
        cross_sector=sum(
            1
            for intern, host in pairs
            if personas[intern].workplace.sector != personas[host].workplace.sector
        ),
        checkins=len(ledger.checkins),
        checkin_sum=sum(ledger.checkins),
        evaluations=len(ledger.evaluations),
        benefit_yes=sum(1 for benefit, _ in ledger.evaluations if benefit == "ja"),
        recommend=sum(1 for _, score in ledger.evaluations if score >= PROMOTER_FROM),
        workshop_coming=ledger.workshop[True],
        workshop_not_coming=ledger.workshop[False],
        cohosted_slots=len(ledger.cohosts),
        goals_met=len(ledger.goals_met),
        goals_met_sum=sum(ledger.goals_met),
        practised_yes=ledger.practised["ja"],
        followups=sum(ledger.practised.values()),
        programmes=len(ledger.programmes),
        network=len(ledger.network),
        dms=dict(ledger.dms),
    )


def stored(session: Session, *, year: int) -> Figures:
    """The same figures from the database, as the coordinators' statistics read them: a
    difference is a fault in the app's figures or in what people were shown."""
    stats = season_stats(session, year=year, with_feedback=False)
    ratings, answers = feedback_answers(session, year)
    workshop = workshop_figures(session, year=year)
    goals = goal_figures(session, year)
    sent = session.exec(
        select(OutboxMessage.kind, func.count())
        .where(OutboxMessage.status == OutboxStatus.SENT)
        .group_by(col(OutboxMessage.kind))
    ).all()
    return Figures(
        hosts=stats.hosts,
        interns=stats.interns,
        placements=stats.placed,
        hosts_with_interns=stats.hosts_placed,  # one slot per host and season
        interns_placed=len({p.intern.id for p in stats.placements}),
        cross_sector=stats.cross_sector[0],
        checkins=len(ratings),
        checkin_sum=sum(ratings),
        evaluations=len(answers),
        benefit_yes=sum(1 for benefit, _ in answers if benefit == "ja"),
        recommend=sum(1 for _, score in answers if score >= PROMOTER_FROM),
        workshop_coming=workshop[0] if workshop else 0,
        workshop_not_coming=workshop[1] if workshop else 0,
        cohosted_slots=session.exec(
            select(func.count()).where(
                HostSlot.season_year == year, col(HostSlot.cohost_user_id).is_not(None)
            )
        ).one(),
        goals_met=len(goals.met()),
        goals_met_sum=sum(goals.met()),
        practised_yes=goals.practised.get(Crossing.ALL, Counter())["ja"],
        followups=goals.answered_followup(),
        programmes=session.exec(
            select(func.count())
            .select_from(Programme)
            .join(Placement, col(Placement.proposal_id) == col(Programme.proposal_id))
            .where(Placement.season_year == year, Placement.status == PlacementStatus.CONFIRMED)
        ).one(),
        network=stats.network,
        dms={kind: int(n) for kind, n in sent},
    )


def outbox_outcomes(session: Session) -> Counter[tuple[str, str, str]]:
    """(kind, status, reason) → rows, for what was not simply sent."""
    rows = session.exec(
        select(OutboxMessage.kind, OutboxMessage.status, OutboxMessage.reason, func.count())
        .where(OutboxMessage.status != OutboxStatus.SENT)
        .group_by(col(OutboxMessage.kind), col(OutboxMessage.status), col(OutboxMessage.reason))
    ).all()
    return Counter({(k, s, r): int(n) for k, s, r, n in rows})


def compare(seen: Figures, stored_figures: Figures) -> list[str]:
    wrong = []
    for item in fields(Figures):
        a, b = getattr(seen, item.name), getattr(stored_figures, item.name)
        if a != b:
            wrong.append(t.mismatch(item.name, a, b))
    return wrong


async def build_report(
    *, played: Played, db: Database, folder: Path, left: int, app_errors: int
) -> Report:
    year = played.year
    personas = {p.user_id: p for p in played.personas}
    seen = observed(played.ledger, personas)
    from_db = await db.run(stored, year=year)
    outcomes = await db.run(outbox_outcomes)
    mismatches = compare(seen, from_db)
    if seen.dms.get("workshop_reminder", 0) != seen.workshop_coming:
        mismatches.append(t.reminders_wrong(seen.dms.get("workshop_reminder", 0)))
    season = await db.run(load_report, year=year)
    chart = None
    if played.chart is not None:
        chart = folder / CHART_FILE
        chart.write_bytes(played.chart)
    pdf = None
    if played.season_pdf is not None:
        pdf = folder / SEASON_PDF_FILE
        pdf.write_bytes(played.season_pdf)
    failures = list(played.ledger.failures)
    if app_errors:
        failures.append(t.app_errors(app_errors))
    failed = sum(n for (_, status, _), n in outcomes.items() if status == OutboxStatus.FAILED)
    if left:
        failures.append(t.left_over(left))
    text = render(played, season, seen, outcomes, mismatches, failures, failed, left, chart, pdf)
    path = folder / REPORT_FILE
    path.write_text(text, encoding="utf-8")
    return Report(text, path, chart, year, seen, from_db, mismatches, failures)


def render(
    played: Played,
    season: SeasonReport,
    seen: Figures,
    outcomes: Counter[tuple[str, str, str]],
    mismatches: list[str],
    failures: list[str],
    failed: int,
    left: int,
    chart: Path | None,
    pdf: Path | None,
) -> str:
    ledger, year = played.ledger, played.year
    timings = [x for x in ledger.timings if x.simulated]
    # From the first sign-up to the last DM of the season (the follow-up).
    weeks = [x for x in timings if x.name == t.PHASES["season"]] or timings
    first, last = timings[0].simulated.split(" – ")[0], weeks[-1].simulated.split(" – ")[-1]
    out = [
        t.title(year),
        "",
        (over_socket.demo_intro if played.socket else t.intro)(
            len(played.personas), played.seed, f"{first}/{year}", f"{last}/{year}"
        ),
        "",
        # The season's figures: the same section /praktik admin rapport puts in its report.
        *figures_section(season),
        *goals_section(season),
        "",
        t.via(*(ledger.placed_via[v] for v in ("request", "round 1", "round 2"))),
        "",
        t.cohosts(seen.cohosted_slots, *played.cohost_mail),
        "",
        t.programmes(
            seen.programmes,
            seen.placements,
            saved=ledger.programme["saved"],
            shared=ledger.programme["shared"],
            by_cohost=ledger.programme["by_cohost"],
            after_reminder=ledger.programme["after_reminder"],
            reminded=seen.dms.get(DMKind.PROGRAMME_REMINDER, 0),
            told=ledger.programme["interns_told"],
        )
        + " "
        + t.phone_slips(ledger.programme["phone_corrected"]),
        "",
        t.workshop(
            seen.workshop_coming,
            seen.workshop_not_coming,
            seen.dms.get("workshop", 0),
            seen.dms.get("workshop_reminder", 0),
        ),
        "",
        t.network(seen.network, ledger.network_search),
        "",
        t.ANSWERS,
        "",
        *markdown_table(
            (t.COL_KIND, t.COL_SENT, t.COL_ACCEPT, t.COL_FULL, t.COL_DECLINE, t.COL_IGNORE),
            [
                (
                    t.ROW_REQUESTS if kind == "request" else t.row_round(int(kind[-1])),
                    sum(ledger.answers[(kind, a)] for a in ("accept", "decline", "ignore")),
                    ledger.answers[(kind, "accept")],
                    ledger.answers[(kind, "full")],
                    ledger.answers[(kind, "decline")],
                    ledger.answers[(kind, "ignore")],
                )
                for kind in ("request", "round 1", "round 2")
            ],
        ),
        "",
        t.searches(ledger.searches, ledger.requests, ledger.requests_refused, ledger.told_unplaced),
        "",
        t.DMS,
        "",
    ]
    kinds = [k for k in DM_ORDER if k in seen.dms or any(o[0] == k for o in outcomes)]
    rows: list[tuple[object, ...]] = []
    for kind in kinds:
        skipped = sum(n for (k, s, _), n in outcomes.items() if k == kind and s != "failed")
        rows.append((t.DM_LABELS.get(kind, kind), seen.dms.get(kind, 0), skipped))
    rows.append((t.TOTAL, sum(seen.dms.values()), sum(r[2] for r in rows)))  # type: ignore[misc]
    out += markdown_table((t.COL_DM, t.COL_RECEIVED, t.COL_SKIPPED), rows)
    reasons = [f"{k}: {s} ({r or '–'}) × {n}" for (k, s, r), n in sorted(outcomes.items())]
    if reasons:
        out += ["", "; ".join(reasons)]
    out += ["", t.NOTHING_LEFT if not left else t.left_over(left), "", t.FAILURES, ""]
    out += [f"- {f}" for f in failures[:50]] if failures or failed else [t.NO_FAILURES]
    out += ["", t.CHECK, ""]
    out += [f"- {m}" for m in mismatches] if mismatches else [t.CHECK_OK]
    out += ["", t.TIMING, ""]
    out += markdown_table(
        (t.COL_PHASE, t.COL_SIMULATED, t.COL_SECONDS, t.COL_REQUESTS, t.COL_CALLS),
        [
            (x.name, x.simulated or "–", f"{x.seconds:.1f}", x.requests, x.slack_calls)
            for x in ledger.timings
        ]
        + [(t.TOTAL, "", f"{sum(x.seconds for x in ledger.timings):.1f}", ledger.gestures, "")],
    )
    out += ["", t.CHART, ""]
    out.append(f"![{t.CHART_ALT}]({chart.name})" if chart else t.NO_CHART)
    out += ["", t.season_report(pdf.name) if pdf else t.NO_SEASON_REPORT]
    if ledger.slow:
        out += ["", t.SLOW, "", t.SLOW_INTRO, ""]
        out += [f"- {t.slow(what, seconds)}" for what, seconds in ledger.slow]
    if ledger.notes:
        out += ["", t.NOTES, "", *[f"- {n}" for n in ledger.notes]]
    return "\n".join(out) + "\n"
