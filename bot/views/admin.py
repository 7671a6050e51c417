"""Block Kit of /praktik admin: help, refusal, the season's settings, announcements, topics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.buttons.values import Announcement
from bot.domain.season import Phase, Season, day_label
from bot.registry.ids import AdminAction
from bot.slack.message import Message
from bot.texts import admin as t
from bot.texts import dates
from bot.texts import season as season_t
from bot.views.common import button, message, notice
from bot.views.mrkdwn import angles, literal


def not_coordinator() -> Message:
    return message(t.NOT_COORDINATOR, [SectionBlock(text=t.NOT_COORDINATOR)])


def admin_help(unknown: str | None) -> Message:
    lines = "\n".join(f"`{angles(command)}` – {angles(what)}" for command, what in t.HELP_LINES)
    head = t.unknown(literal(unknown, 60)) if unknown else f"*{t.HELP_TITLE}*"
    return message(head, [SectionBlock(text=MarkdownTextObject(text=f"{head}\n{lines}"))])


def season_settings(facts: str) -> Message:
    """The season's settings as they stand (`facts`), with how to change them."""
    return message(
        t.SEASON_TITLE,
        [
            SectionBlock(text=MarkdownTextObject(text=facts)),
            ContextBlock(elements=[MarkdownTextObject(text=t.SEASON_USAGE)]),
        ],
    )


def season_facts(season: Season, *, approval: bool, weight: int, phase: Phase) -> str:
    """The season's settings as they stand: `approval` and `weight` as in force now."""
    week = f"{day_label(season.days[0])} – {day_label(season.days[-1])}"
    return t.season_facts(
        season.year,
        week,
        dates.day(season.signup_deadline, year=True),
        season.proposal_days,
        approval,
        weight,
        t.PHASES[phase.value],
    )


def season_saved(facts: str) -> Message:
    return notice(f"{t.SEASON_SAVED}\n{facts}")


def on_off(word: str) -> bool | None:
    """`til` or `fra` of `… godkendelse til|fra`, or None for any other word."""
    return {t.ON: True, t.OFF: False}.get(word)


class SettingProblem(StrEnum):
    """Why `/praktik admin sæson <key> <value>` stored nothing."""

    DATE = "date"
    DAYS = "days"
    ON_OFF = "on_off"
    WEIGHT = "weight"
    UNKNOWN = "unknown"  # no such setting: the usage


_SETTING_PROBLEMS = {
    SettingProblem.DATE: t.ERR_DATE,
    SettingProblem.DAYS: t.ERR_DAYS,
    SettingProblem.ON_OFF: t.ERR_ON_OFF,
    SettingProblem.WEIGHT: t.ERR_WEIGHT,
    SettingProblem.UNKNOWN: t.SEASON_USAGE,
}


def setting_refused(problem: SettingProblem) -> Message:
    return notice(_SETTING_PROBLEMS[problem])


def deadline_phase_passed(phase: Phase) -> Message:
    return notice(season_t.phase_passed(t.PHASES[phase.value]))


def deadline_past(deadline: date, today: date) -> Message:
    return notice(
        season_t.deadline_past(dates.day(deadline, year=True), dates.day(today, year=True))
    )


def deadline_too_late(deadline: date, intros: date) -> Message:
    return notice(
        season_t.deadline_too_late(dates.day(deadline, year=True), dates.day(intros, year=True))
    )


def announcement_blocks(text: str) -> list[Block]:
    # Plain text shows the message as written and stays within Slack's 3,000 characters,
    # where escaping for mrkdwn could make 1,900 characters of "&" five times as long.
    return [
        SectionBlock(text=MarkdownTextObject(text=f"*{t.ANNOUNCE_FROM}*")),
        SectionBlock(text=PlainTextObject(text=text, emoji=False)),
    ]


def announcement(text: str) -> Message:
    """The DM: what the preview showed, the text as written, mentions and links not live
    (the fallback text for notifications is escaped the same way)."""
    return Message.of(angles(text), announcement_blocks(text))


@dataclass(frozen=True)
class AnnounceChoice:
    """One send button of the preview: its label, what it carries and whom it reaches."""

    label: str
    action_id: str
    sends: Announcement
    reaches: str


def announce_preview(text: str, head: str, choices: list[AnnounceChoice]) -> Message:
    """The announcement as its recipients will see it, under `head`, with a send button
    for each choice, whose confirm dialog says whom that button reaches."""
    buttons = [
        button(
            choice.label,
            choice.action_id,
            choice.sends.encode(),
            style="primary" if len(choices) == 1 else None,
            confirm=ConfirmObject(
                title=t.ANNOUNCE_CONFIRM_TITLE,
                text=choice.reaches,
                confirm=t.ANNOUNCE_CONFIRM_YES,
                deny=t.ANNOUNCE_CONFIRM_NO,
            ),
        )
        for choice in choices
    ]
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=head)),
        *announcement_blocks(text),
        ActionsBlock(elements=buttons),
    ]
    return message(head, blocks)


class AnnounceProblem(StrEnum):
    """Why an announcement is neither previewed nor sent."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOBODY = "nobody"


_ANNOUNCE_PROBLEMS = {
    AnnounceProblem.EMPTY: t.ANNOUNCE_EMPTY,
    AnnounceProblem.TOO_LONG: t.ANNOUNCE_TOO_LONG,
    AnnounceProblem.NOBODY: t.ANNOUNCE_NONE,
}


def announce_refused(problem: AnnounceProblem) -> Message:
    return notice(_ANNOUNCE_PROBLEMS[problem])


def announce_to_current(text: str, year: int, count: int) -> Message:
    """The preview with one button: only the season in force has anyone to reach."""
    years = (year,)
    choice = AnnounceChoice(
        t.ANNOUNCE_SEND,
        AdminAction.ANNOUNCE_SEND,
        Announcement(years, text),
        t.announce_recipients(count, years),
    )
    return announce_preview(text, t.announce_preview(count, years), [choice])


def announce_to_choose(
    text: str, *, current: int, count: int, last: Season, last_count: int, both_count: int
) -> Message:
    """The preview while `last` season's evaluations and follow-up still run: a button for
    the season in force, for last season and for both, each that reaches anyone."""
    now, before, both = (current,), (last.year,), (last.year, current)
    head = t.announce_choose(
        current,
        count,
        last.year,
        last_count,
        dates.day(last.close_date - timedelta(days=1), year=True),
    )
    choices = [
        AnnounceChoice(
            t.announce_only(years[0]) if len(years) == 1 else t.ANNOUNCE_BOTH,
            action,
            Announcement(years, text),
            t.announce_recipients(reached, years),
        )
        for years, action, reached in (
            (now, AdminAction.ANNOUNCE_SEND, count),
            (before, AdminAction.ANNOUNCE_SEND_LAST, last_count),
            (both, AdminAction.ANNOUNCE_SEND_BOTH, both_count),
        )
        if reached
    ]
    return announce_preview(text, head, choices)


def announce_season_over(year: int) -> Message:
    return notice(t.announce_season_over(year))


def announce_planned(count: int) -> Message:
    return notice(t.announce_planned(count))


def topic_invalid() -> Message:
    return notice(t.TOPIC_INVALID)


def topics_usage() -> Message:
    return notice(t.TOPICS_USAGE)


def topic_added(name: str, *, added: bool) -> Message:
    """`added` False: the topic was on the list already."""
    shown = literal(name, 200)
    return notice(t.topic_added(shown) if added else t.topic_exists(shown))


def topics_list(names: list[str]) -> Message:
    return notice(t.topics_list(literal(", ".join(names), 2500)))
