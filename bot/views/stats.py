"""The season's figures: `/praktik admin stats` and the coordinators' section of App Home."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import texts
from bot.slack.message import Message
from bot.texts import network as network_texts
from bot.texts import stats as t
from bot.texts.rounds import pct
from bot.views.common import message
from bot.views.goal_figures import quotes_text, stats_fields
from models.stats import SeasonStats


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
