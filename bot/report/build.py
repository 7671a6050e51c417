"""The season report COI writes each year, built from the season's real data.

One builder for everyone who shows it: `/praktik admin rapport` (PDF and Markdown in the
coordinator's DM), `praktik rapport --year Y` offline, and `praktik demo`'s own report. The
figures are read the way `/praktik admin stats` reads them (models.stats.season_stats), so
the report and the statistics cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.matching import fit
from bot.report import charts
from bot.texts import goal_figures as g
from bot.texts import report as t
from bot.texts import stats as stats_texts
from models.goal_figures import PRACTISED_ORDER, Crossing, GoalFigures, Quote
from models.stats import UNKNOWN_SECTOR, SeasonStats, season_stats
from models.tables import ProposalStatus
from models.workshop import attendance

SECTOR_ORDER = ("stat", "region", "kommune")
OUTCOME_ORDER = (
    ProposalStatus.CONFIRMED,
    ProposalStatus.DECLINED,
    ProposalStatus.EXPIRED,
    ProposalStatus.FULL,
    ProposalStatus.PENDING,
)


@dataclass(frozen=True)
class KeyFigures:
    """One season's figures as the programme reports them."""

    year: int
    hosts: int
    interns: int
    by_sector: dict[str, int]  # participants: hosts by their slot, interns by their own
    placements: int
    hosts_with_interns: int
    interns_placed: int
    crossing: int
    known: int  # placements whose intern's sector is known
    confirmed: int
    decided: int
    checkins: int
    checkin_average: float | None
    evaluations: int
    benefit_yes: int
    recommend: int  # answered 9–10
    nps: float | None
    workshop: tuple[int, int, int] | None = None  # coming, not coming, invited

    @property
    def participants(self) -> int:
        return self.hosts + self.interns

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return 100 * part / whole if whole else None

    @property
    def key_shares(self) -> tuple[float | None, float | None, float | None]:
        """Per cent crossing sector, with concrete benefit, who would recommend it."""
        return (
            self.share(self.crossing, self.known),
            self.share(self.benefit_yes, self.evaluations),
            self.share(self.recommend, self.evaluations),
        )


def workshop_figures(session: Session, *, year: int) -> tuple[int, int, int] | None:
    found = attendance(session, year=year)
    if found is None:
        return None
    return (
        len(found.with_answer(True)),
        len(found.with_answer(False)),
        len(found.people),
    )


def key_figures(stats: SeasonStats, workshop: tuple[int, int, int] | None = None) -> KeyFigures:
    feedback = stats.feedback
    n = feedback.evaluations if feedback else 0

    def count(share: float | None) -> int:
        return round((share or 0.0) * n)

    crossing, known = stats.cross_sector
    confirmed, decided = stats.acceptance
    return KeyFigures(
        year=stats.year,
        hosts=stats.hosts,
        interns=stats.interns,
        by_sector=dict(Counter(stats.hosts_by_sector) + Counter(stats.interns_by_sector)),
        placements=stats.placed,
        hosts_with_interns=stats.hosts_placed,
        interns_placed=len({p.intern.id for p in stats.placements}),
        crossing=crossing,
        known=known,
        confirmed=confirmed,
        decided=decided,
        checkins=feedback.checkins if feedback else 0,
        checkin_average=feedback.checkin_average if feedback else None,
        evaluations=n,
        benefit_yes=count(feedback.benefit_share if feedback else None),
        recommend=count(feedback.recommend_share if feedback else None),
        nps=feedback.nps if feedback else None,
        workshop=workshop,
    )


@dataclass(frozen=True)
class SeasonReport:
    stats: SeasonStats
    figures: KeyFigures
    previous: KeyFigures | None  # last year's, when Praktikbot ran it


def load_report(session: Session, *, year: int) -> SeasonReport:
    stats = season_stats(session, year=year)
    this = key_figures(stats, workshop_figures(session, year=year))
    before = key_figures(
        season_stats(session, year=year - 1), workshop_figures(session, year=year - 1)
    )
    return SeasonReport(stats, this, before if before.participants else None)


# Markdown ------------------------------------------------------------------------------------


def figure_rows(f: KeyFigures) -> list[tuple[str, str]]:
    sectors = " / ".join(str(f.by_sector.get(s, 0)) for s in SECTOR_ORDER)
    return [
        (t.ROW_PARTICIPANTS, t.participants(f.hosts, f.interns)),
        (t.ROW_SECTORS, sectors),
        (t.ROW_PLACEMENTS, str(f.placements)),
        (t.ROW_HOSTS, t.of(f.hosts_with_interns, f.hosts)),
        (t.ROW_INTERNS, t.of(f.interns_placed, f.interns)),
        (t.ROW_CROSS, t.share_of(f.crossing, f.known)),
        (t.ROW_ACCEPTED, t.share_of(f.confirmed, f.decided)),
        (t.ROW_CHECKIN, t.checkin(f.checkin_average, f.checkins)),
        (t.ROW_EVALUATIONS, str(f.evaluations)),
        (t.ROW_BENEFIT, t.share_of(f.benefit_yes, f.evaluations)),
        (t.ROW_RECOMMEND, t.recommend(f.recommend, f.evaluations, f.nps)),
        (t.ROW_WORKSHOP, t.workshop(*f.workshop) if f.workshop else t.NO_WORKSHOP),
    ]


_COLUMN_2017 = {
    t.ROW_PARTICIPANTS: t.PARTICIPANTS_2017,
    t.ROW_PLACEMENTS: t.PLACEMENTS_2017,
    t.ROW_HOSTS: t.HOSTS_2017,
    t.ROW_INTERNS: t.INTERNS_2017,
    t.ROW_CROSS: t.CROSS_2017_TEXT,
    t.ROW_BENEFIT: t.BENEFIT_2017_TEXT,
    t.ROW_RECOMMEND: t.RECOMMEND_2017_TEXT,
}


def figure_table(report: SeasonReport) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """(header, rows): this season, last season when there is one, and 2017."""
    this = figure_rows(report.figures)
    head = [t.COL_WHAT, str(report.figures.year)]
    columns = [dict(this)]
    if report.previous is not None:
        head.append(str(report.previous.year))
        columns.append(dict(figure_rows(report.previous)))
    head.append(str(t.YEAR_2017))
    columns.append(_COLUMN_2017)
    rows = [(label, *(c.get(label, t.DASH) for c in columns)) for label, _ in this]
    return tuple(head), rows


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def figures_section(report: SeasonReport) -> list[str]:
    """The key figures as Markdown lines; `praktik demo` puts them in its own report."""
    head, rows = figure_table(report)
    out = [t.FIGURES, "", *markdown_table(head, rows), ""]
    if report.previous is None:
        out += [t.NO_PREVIOUS, ""]
    return [*out, t.COMPARISON]


def goal_rows(goals: GoalFigures | None) -> list[tuple[str, str]]:
    """How far the interns met their goals and what was put into practice, by crossing."""
    found = goals or GoalFigures()
    met = [
        (label, g.report_met(found.mean_met(group), len(found.met(group))))
        for label, group in (
            (g.ROW_GOALS_MET, Crossing.ALL),
            (g.ROW_GOALS_MET_SAME, Crossing.SAME),
            (g.ROW_GOALS_MET_ACROSS, Crossing.ACROSS),
        )
    ]
    practised = [
        (label, g.report_practised(found.practised_shares(group), found.answered_followup(group)))
        for label, group in (
            (g.ROW_PRACTISED, Crossing.ALL),
            (g.ROW_PRACTISED_SAME, Crossing.SAME),
            (g.ROW_PRACTISED_ACROSS, Crossing.ACROSS),
        )
    ]
    return [*met, (g.ROW_GOALS_DISTRIBUTION, g.distribution(found.distribution())), *practised]


def quotes_of(report: SeasonReport) -> list[Quote]:
    goals = report.stats.goals
    return list(goals.quotes) if goals is not None else []


def goals_section(report: SeasonReport) -> list[str]:
    """The figures against the goals and the allowed quotes, as Markdown lines."""
    rows = goal_rows(report.stats.goals)
    out = ["", *markdown_table((t.COL_WHAT, str(report.figures.year)), rows), ""]
    out += [g.QUOTES_SECTION, "", g.QUOTES_NOTE, ""]
    quotes = quotes_of(report)
    out += [g.quote(q.text, q.role) + "\n" for q in quotes] or [g.NO_QUOTES]
    return out


def markdown(report: SeasonReport, *, made: str, chart_file: str | None) -> str:
    out = [f"# {t.title(report.figures.year)}", "", t.subtitle(made), "", *figures_section(report)]
    out += goals_section(report)
    if chart_file:
        out += ["", t.CHART, "", f"![{t.CHART_ALT}]({chart_file})"]
    return "\n".join(out) + "\n"


# The chart -----------------------------------------------------------------------------------


def goals_panel(goals: GoalFigures | None) -> charts.GoalsPanel:
    """The chart's share of the figures against the goals: the same GoalFigures the stats
    and the report's goals page read."""
    found = goals or GoalFigures()
    return charts.GoalsPanel(
        met=[
            (g.chart_met(c.value, found.mean_met(c), len(found.met(c))), found.distribution(c))
            for c in Crossing
        ],
        practised=[
            (
                g.chart_practised(c.value, found.answered_followup(c)),
                [100 * (v or 0.0) for v in found.practised_shares(c).values()],
            )
            for c in Crossing
        ],
        practised_words=[g.PRACTISED_WORDS[k] for k in PRACTISED_ORDER],
    )


def chart_data(report: SeasonReport) -> charts.ChartData:
    stats = report.stats
    unknown = any(p.intern_sector == UNKNOWN_SECTOR for p in stats.placements)
    sectors = (*SECTOR_ORDER, UNKNOWN_SECTOR) if unknown else SECTOR_ORDER
    slots = {s.id: s for s in stats.slots}
    shares = [fit.fit(p.wish, slots[p.slot_id]) for p in stats.placements if p.slot_id in slots]
    buckets = zip(t.FIT_WORDS, fit.bucket_bounds(), fit.bucket_counts(shares), strict=True)
    fits = [(t.fit_label(word, lo, hi), n) for word, (lo, hi), n in buckets]
    series = [(str(report.figures.year), report.figures.key_shares)]
    if report.previous is not None:
        series.append((str(report.previous.year), report.previous.key_shares))
    series.append((t.PROGRAMME_2017, (t.CROSS_2017, t.BENEFIT_2017, t.RECOMMEND_2017)))
    return charts.ChartData(
        title=t.chart_title(stats.year),
        key_labels=t.KEY_LABELS,
        key_series=series,
        sectors=[(s, stats_texts.SECTORS.get(s, s)) for s in sectors],
        flows=dict(stats.flows),
        outcomes=[(t.OUTCOMES[s], stats.proposals.get(s, 0)) for s in OUTCOME_ORDER],
        fits=fits,
        goals=goals_panel(stats.goals),
    )
