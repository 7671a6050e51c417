"""The season's figures: `/praktik admin stats` and the coordinators' section of App Home,
and the export's sheets (the placements and the workshop's answers as CSV)."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.domain.season import Season, to_local
from bot.sheets import csvio
from bot.slack.message import Message
from bot.texts import goal_figures as goal_figure_texts
from bot.texts import network as network_texts
from bot.texts import stats as t
from bot.texts import workshop as workshop_texts
from bot.texts.rounds import pct
from bot.views.common import message, notice
from bot.views.files import FileWords
from bot.views.goal_figures import quotes_text, stats_fields
from bot.views.signups import place_name
from models.stats import ExportRow, SeasonStats
from models.workshop import Attendance


def share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _pct_or_dash(value: float | None) -> str:
    return pct(value) if value is not None else "–"


def stats_message(stats: SeasonStats, note: str = "") -> Message:
    title = t.title(stats.year)
    crossing, known = stats.cross_sector
    confirmed, decided = stats.acceptance
    fields = [
        t.signups(
            stats.hosts,
            stats.seats,
            t.by_sector(stats.hosts_by_sector),
            stats.interns,
            t.by_sector(stats.interns_by_sector),
        ),
        t.placements(stats.placed, stats.hosts_placed, stats.pending),
        t.cross_sector(share(crossing, known), crossing, known),
        t.acceptance(share(confirmed, decided), confirmed, decided),
    ]
    feedback = stats.feedback
    if feedback is not None:
        fields += [
            t.checkin(feedback.checkin_average, feedback.checkins),
            t.benefit(
                _scaled(feedback.benefit_share),
                _scaled(feedback.partly_share),
                feedback.evaluations,
            ),
            t.recommend(_scaled(feedback.recommend_share), feedback.nps),
        ]
    if stats.goals is not None:
        fields += stats_fields(stats.goals)
    blocks: list[Block] = [
        HeaderBlock(text=title),
        SectionBlock(fields=[MarkdownTextObject(text=f) for f in fields]),
    ]
    if stats.goals is not None:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=quotes_text(stats.goals))))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=network_texts.opted_in(stats.network))))
    if stats.failed_dms:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_failed_text(stats))))
    if note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return message(title, blocks)


def _failed_text(stats: SeasonStats) -> str:
    failed = stats.failed_dms
    lines = [t.failed_header(len(failed))]
    lines += [
        t.failed_line(f.recipient, texts.DM_KIND_LABELS.get(f.kind, f.kind), f.reason)
        for f in failed[: t.FAILED_SHOWN]
    ]
    if len(failed) > t.FAILED_SHOWN:
        lines.append(t.failed_more(len(failed) - t.FAILED_SHOWN))
    return "\n".join(lines)


def _scaled(fraction: float | None) -> float | None:
    """models.feedback gives shares as 0..1; the texts show per cent."""
    return None if fraction is None else 100 * fraction


def home_blocks(stats: SeasonStats) -> list[Block]:
    crossing, known = stats.cross_sector
    confirmed, decided = stats.acceptance
    nps = stats.feedback.nps if stats.feedback is not None else None
    return [
        DividerBlock(),
        HeaderBlock(text=t.HOME_HEADER),
        SectionBlock(
            text=MarkdownTextObject(
                text=t.home_summary(
                    stats.hosts, stats.seats, stats.interns, stats.placed, stats.pending
                )
            )
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t.home_figures(
                        _pct_or_dash(share(crossing, known)),
                        _pct_or_dash(share(confirmed, decided)),
                        f"{nps:+.0f}" if nps is not None else "–",
                    )
                ),
                MarkdownTextObject(text=t.HOME_HINT),
                *(
                    [MarkdownTextObject(text=t.home_failed(len(stats.failed_dms)))]
                    if stats.failed_dms
                    else []
                ),
            ]
        ),
    ]


# The coordinator's answers and the files' words -----------------------------------------


def chart_note(uploaded: bool) -> str:
    """Under the figures: whether the chart reached the coordinator's DM."""
    return t.CHART_SENT if uploaded else t.CHART_FAILED


def chart_file(year: int, placed: int) -> FileWords:
    return FileWords(
        f"innovationspraktik-{year}-statistik.png",
        t.title(year),
        comment=t.chart_comment(year),
        alt_txt=t.chart_alt(year, placed),
    )


def export_file(year: int) -> FileWords:
    return FileWords(t.export_filename(year), t.export_title(year))


def workshop_file(year: int) -> FileWords:
    return FileWords(workshop_texts.export_filename(year), workshop_texts.overview_title(year))


def export_sent(placements: int, *, uploaded: bool) -> Message:
    return notice(t.export_sent(placements) if uploaded else t.EXPORT_FAILED)


# The export's sheets ------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return t.YES if value else t.NO


def export_line(row: ExportRow, season: Season) -> list[object]:
    p, slot, host, intern = row.placement, row.slot, row.host, row.intern
    proposal = row.proposal
    crossing = bool(intern.sector) and intern.sector != slot.sector
    c, e = row.checkins, row.evaluations
    return [
        p.id,
        t.STATUS.get(p.status, p.status),
        t.ORIGIN.get(proposal.origin, proposal.origin) if proposal else "",
        proposal.round if proposal and proposal.round else "",
        f"{to_local(p.confirmed_at, season.tz):%Y-%m-%d}",
        ", ".join(season.weekday_label(d) for d in sorted(p.days) if 1 <= d <= 5),
        host.name,
        host.slack_user_id,
        slot.workplace,
        t.SECTORS.get(slot.sector, slot.sector),
        place_name(slot.municipality) or slot.municipality,
        slot.region or "",
        intern.name,
        intern.slack_user_id,
        intern.workplace,
        t.SECTORS.get(intern.sector or "", intern.sector or ""),
        _yes_no(crossing),
        c["host"].rating if "host" in c else None,
        c["intern"].rating if "intern" in c else None,
        e["host"].benefit if "host" in e else None,
        e["intern"].benefit if "intern" in e else None,
        e["host"].recommend if "host" in e else None,
        e["intern"].recommend if "intern" in e else None,
        e["host"].text if "host" in e else None,
        e["intern"].text if "intern" in e else None,
        *goal_columns(row),
    ]


def goal_columns(row: ExportRow) -> list[object]:
    """The intern's goals, how far she met them, what each side took from it and whether
    it was put into practice (the columns of bot.texts.goal_figures.EXPORT_COLUMNS)."""
    e, f = row.evaluations, row.followups
    intern, host = e.get("intern"), e.get("host")
    return [
        row.placement.goals,
        intern.goals_met if intern is not None else None,
        intern.take_home if intern is not None else None,
        host.inspiration if host is not None else None,
        f["intern"].practised if "intern" in f else None,
        f["intern"].what if "intern" in f else None,
        f["host"].practised if "host" in f else None,
        f["host"].what if "host" in f else None,
    ]


def export_csv(rows: Sequence[ExportRow], season: Season) -> bytes:
    header = (*t.EXPORT_HEADER, *goal_figure_texts.EXPORT_COLUMNS)
    return csvio.write_sheet(header, [export_line(r, season) for r in rows])


def workshop_sheet(found: Attendance, season: Season) -> bytes:
    rows: list[list[object]] = []
    for user, name, given in found.people:
        answered = f"{to_local(given.answered_at, season.tz):%Y-%m-%d %H:%M}" if given else ""
        word = workshop_texts.ANSWER_WORDS[given.coming if given else None]
        rows.append([user, name, word, answered])
    return csvio.write_sheet(workshop_texts.EXPORT_HEADER, rows)
