"""The audit log as people read it: `/praktik admin log` in Slack and `praktik audit`'s CSV.
One sentence per entry says what was done, from the action and its stored detail."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject

from bot.domain.season import to_local
from bot.sheets import csvio
from bot.slack.message import Message
from bot.texts import audit as t
from bot.texts import dates
from bot.texts.audit import DEFAULT_COUNT as DEFAULT_COUNT  # the usage names the counts
from bot.texts.audit import MAX_COUNT as MAX_COUNT
from bot.views.common import md, message, notice
from bot.views.mrkdwn import SECTION_TEXT, literal
from models.audit import CLI_ACTOR_PREFIX, EXPORT_ACTION
from models.tables import AuditEntry

SLACK_USER = re.compile(r"[UW][A-Z0-9]{1,31}")
LINE_MAX = 400  # one entry's line in Slack, escaped; a section holds several
MAX_BLOCKS = 50  # Slack's limit for a message


def _int(detail: Mapping[str, Any], key: str) -> int:
    value = detail.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _export(detail: Mapping[str, Any]) -> str:
    what = str(detail.get("what", ""))
    counts: list[str] = []
    if "placements" in detail:
        counts.append(t.placements(_int(detail, "placements")))
    if "people" in detail:
        counts.append(t.people(_int(detail, "people")))
    if "entries" in detail:
        counts.append(t.entries(_int(detail, "entries")))
    if detail.get("since"):
        counts.append(t.since(str(detail["since"])))
    year = detail.get("year")
    return t.exported(
        t.EXPORTED_WHAT.get(what, what),
        year if isinstance(year, int) else None,
        str(detail.get("format", "csv")),
        counts,
    )


def _steer(detail: Mapping[str, Any]) -> str:
    if "clear" in detail:
        return t.steer_cleared(detail["clear"])
    return t.steered(str(detail.get("kind", "")), detail.get("wish"), detail.get("slot"))


def _match_send(entry: AuditEntry) -> str:
    d = entry.detail
    if not entry.allowed:
        return t.MATCH_SEND_REFUSED
    return t.match_sent(
        d.get("year"), d.get("round"), d.get("mode"), _int(d, "proposals"), _int(d, "unplaced")
    )


def _workshop(entry: AuditEntry) -> str:
    return t.workshop_invited(_int(entry.detail, "invited")) if entry.allowed else t.WORKSHOP


def _announce(entry: AuditEntry) -> str:
    if not entry.allowed:
        return t.ANNOUNCE
    years = entry.detail.get("years")
    shown = [str(y) for y in years] if isinstance(years, list) else []
    return t.announced(_int(entry.detail, "recipients"), shown)


_DESCRIBE: dict[str, Callable[[AuditEntry], str]] = {
    EXPORT_ACTION: lambda e: _export(e.detail),
    "match steer": lambda e: _steer(e.detail),
    "match send": _match_send,
    "match page": lambda e: t.MATCH_PAGE,
    "workshop": _workshop,
    "announce": _announce,
    "topic add": lambda e: t.topic_added(
        str(e.detail.get("topic", "")), e.detail.get("added") is True
    ),
    "season set": lambda e: t.setting_changed(
        str(e.detail.get("field", "")), str(e.detail.get("value", ""))
    ),
    "season open": lambda e: t.season_opened(e.detail.get("year"), e.detail.get("opens_on")),
}


def describe(entry: AuditEntry) -> str:
    """What the entry records, in plain Danish (not yet escaped for Slack)."""
    if entry.action == "admin" or entry.action.startswith("admin "):
        return t.used_command(entry.action.removeprefix("admin").strip())
    found = _DESCRIBE.get(entry.action)
    return found(entry) if found else entry.action


def actor_label(actor: str, *, mention: bool) -> str:
    """Who: a Slack user as a mention (Slack shows the name), or the account that ran an
    offline command."""
    if actor.startswith(CLI_ACTOR_PREFIX):
        account = actor.removeprefix(CLI_ACTOR_PREFIX)
        return t.cli_actor(literal(account, 40) if mention else account)
    if mention and SLACK_USER.fullmatch(actor):
        return f"<@{actor}>"
    return literal(actor, 40) if mention else actor


def log_line(entry: AuditEntry, tz: tzinfo) -> str:
    when = dates.moment(to_local(entry.at, tz), year=True)
    verdict = t.ALLOWED if entry.allowed else f"*{t.REFUSED}*"
    what = literal(describe(entry), LINE_MAX)
    return f"{when} · {actor_label(entry.actor, mention=True)} · {what} · {verdict}"


def _sections(lines: Sequence[str]) -> list[Block]:
    """The lines in as few sections as fit Slack's 3,000 characters each."""
    blocks: list[Block] = []
    chunk: list[str] = []
    for line in lines:
        if chunk and len("\n".join([*chunk, line])) > SECTION_TEXT:
            blocks.append(md("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(md("\n".join(chunk)))
    return blocks


def log_message(
    entries: Sequence[AuditEntry], *, total: int, who: str | None, tz: tzinfo
) -> Message:
    summary = t.summary(len(entries), total, who)
    blocks: list[Block] = [
        HeaderBlock(text=t.TITLE),
        ContextBlock(elements=[MarkdownTextObject(text=summary)]),
    ]
    blocks += _sections([log_line(e, tz) for e in entries])
    return message(f"{t.TITLE}: {summary}", blocks[:MAX_BLOCKS])


def audit_sheet(entries: Sequence[AuditEntry], tz: tzinfo) -> bytes:
    """The entries as `praktik audit` writes them: the columns of the log in Slack, the
    action and its detail as stored beside them."""
    rows = [
        [
            f"{to_local(e.at, tz):%Y-%m-%d %H:%M:%S}",
            actor_label(e.actor, mention=False),
            e.action,
            t.YES if e.allowed else t.NO,
            describe(e),
            json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
        ]
        for e in entries
    ]
    return csvio.write_sheet(t.CSV_HEADER, rows)


def log_usage() -> Message:
    return notice(t.USAGE)


def count_range() -> Message:
    return notice(t.COUNT_RANGE)


def not_a_person(word: str) -> Message:
    """`word` in `/praktik admin log …` is neither a count nor a person."""
    return notice(t.not_a_person(literal(word, 60)))


def nothing_logged(who: str | None) -> Message:
    """No entries at all, or none by `who`."""
    return notice(t.nothing_by(who) if who else t.EMPTY)
