"""`praktik outbox`: the planned, sent, failed and skipped DMs, for coordinators and operators.

Needs only the database (DATABASE_URL or --url), never the Slack tokens.

    praktik outbox                       # everything, by due time
    praktik outbox --status fejlet       # what did not go out, and why
    praktik outbox --user U0123 --kind checkin --kind evaluering

--kind and --status take the Danish names the table shows, or the stored English values.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.registry.ids import GOALS_CHANGED_KIND, AskKind, DMKind
from bot.texts import cli as h
from bot.texts.dates import moment
from models.retention import KIND_RETENTION
from models.rounds import KIND_EXPIRED
from models.tables import OutboxMessage, OutboxStatus
from models.welcome import KIND as NEWCOMER
from models.workshop import KIND_INVITE, KIND_MOVED, KIND_REMINDER

KINDS = (
    [k.value for k in DMKind]
    + [k.value for k in AskKind]
    + [
        "announcement",
        "invitation",
        KIND_INVITE,
        KIND_REMINDER,
        KIND_MOVED,
        KIND_EXPIRED,
        KIND_RETENTION,
        GOALS_CHANGED_KIND,
        NEWCOMER,
    ]
)
STATUSES = [s.value for s in OutboxStatus]


def _tz() -> tzinfo:
    try:
        return ZoneInfo(os.environ.get("PRAKTIK_TZ") or "Europe/Copenhagen")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Copenhagen")


def _when(instant: datetime | None, tz: tzinfo) -> str:
    return moment(instant.astimezone(tz), year=True) if instant else "-"


def table(rows: Sequence[OutboxMessage], tz: tzinfo, total: int | None = None) -> list[str]:
    """The rows as aligned text lines, a header first and a count per status last; `total`
    is how many match in all when a limit cut the list short."""
    cells = [
        (
            _when(r.due_at, tz),
            _when(r.sent_at, tz),
            r.recipient,
            h.KIND_NAMES.get(r.kind, r.kind),
            h.STATUS_NAMES.get(r.status, r.status),
            str(r.attempts),
            r.reason or "",
        )
        for r in rows
    ]
    columns = h.OUTBOX_COLUMNS
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(columns), line(["-" * w for w in widths])]
    lines += [line(c) for c in cells]
    counts: dict[str, int] = {}
    for r in rows:
        status = h.STATUS_NAMES.get(r.status, r.status)
        counts[status] = counts.get(status, 0) + 1
    summary = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
    lines.append(h.outbox_total(len(rows), summary, total))
    return lines


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from bot.process.startup import offline_database
    from models.outbox_repo import outbox_report

    stream = out or sys.stdout
    db = offline_database(args.url)
    try:
        report = db.call(
            outbox_report,
            user=args.user,
            kinds=[kind for kinds in args.kind or () for kind in kinds],
            statuses=[status for statuses in args.status or () for status in statuses],
            year=args.year,
            limit=args.limit,
        )
    except (OperationalError, ProgrammingError) as error:
        first = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        sys.stderr.write(h.outbox_unreadable(first) + "\n")
        return 2
    finally:
        db.dispose()
    stream.write("\n".join(table(report.rows, _tz(), report.total)) + "\n")
    return 0
