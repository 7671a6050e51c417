"""`/praktik admin log [antal | @person]`: who did what as a coordinator, newest first.

Exports of personal data record what went out (`record_export`), so the log can say it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.domain.commands import HELP_WORDS
from bot.service import Env
from bot.service.admin import audit
from bot.slack.message import Message
from bot.views import audit as views
from bot.views.audit import DEFAULT_COUNT, MAX_COUNT, SLACK_USER
from models import audit as audit_log

# A user mention as it arrives in a slash command's text: `<@U123|kim>` or `<@U123>`.
MENTION = re.compile(r"<@([UW][A-Z0-9]{1,31})(?:\|[^<>]*)?>")
COUNT = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True, slots=True)
class LogQuery:
    count: int = DEFAULT_COUNT
    actor: str | None = None


def parse_log_args(args: str) -> LogQuery | Message:
    """The count and the person asked for, or the answer saying why the text is neither."""
    actors = MENTION.findall(args)
    words = MENTION.sub(" ", args).split()
    counts: list[int] = []
    for word in words:
        if word.casefold() in HELP_WORDS:
            return views.log_usage()
        if SLACK_USER.fullmatch(word):
            actors.append(word)
        elif COUNT.fullmatch(word):
            # Six digits at most: int() of a long enough string is refused, not just large.
            number = int(word) if len(word) <= 6 else 0
            if not 1 <= number <= MAX_COUNT:
                return views.count_range()
            counts.append(number)
        else:
            return views.not_a_person(word)
    if len(actors) > 1 or len(counts) > 1:
        return views.log_usage()
    return LogQuery(
        count=counts[0] if counts else DEFAULT_COUNT, actor=actors[0] if actors else None
    )


async def log_command(env: Env, *, args: str) -> Message:
    query = parse_log_args(args)
    if isinstance(query, Message):
        return query
    who = f"<@{query.actor}>" if query.actor else None
    found = await env.db.read(audit_log.entries, actor=query.actor, limit=query.count)
    if not found:
        return views.nothing_logged(who)
    total = await env.db.read(audit_log.count, actor=query.actor)
    return views.log_message(found, total=total, who=who, tz=env.settings.tz)


async def record_export(env: Env, *, actor: str, what: str, **counts: Any) -> None:
    """A coordinator's export of personal data from Slack: what, and how much, went out."""
    await audit(
        env,
        actor=actor,
        action=audit_log.EXPORT_ACTION,
        allowed=True,
        what=what,
        format="csv",
        **counts,
    )
