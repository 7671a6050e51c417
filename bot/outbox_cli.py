"""`praktik outbox`: the planned, sent, failed and skipped DMs, for coordinators and operators.

Needs only the database (DATABASE_URL or --url), never the Slack tokens.

    praktik outbox                       # everything, by due time
    praktik outbox --status failed       # what did not go out, and why
    praktik outbox --user U0123 --kind checkin --kind evaluation
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.outbox import DMKind
from models.tables import OutboxMessage, OutboxStatus
from models.workshop import KIND_INVITE, KIND_REMINDER

KINDS = [k.value for k in DMKind] + ["announcement", KIND_INVITE, KIND_REMINDER]
STATUSES = [s.value for s in OutboxStatus]
COLUMNS = ("due (local)", "sent (local)", "recipient", "kind", "status", "tries", "reason")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `outbox` to the `praktik` command's subparsers (argparse's _SubParsersAction)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "outbox", help="list planned, sent, failed and skipped DMs (needs only the database)"
    )
    parser.add_argument("--user", metavar="SLACK_ID", help="only DMs to this Slack user ID")
    parser.add_argument(
        "--kind", action="append", choices=KINDS, help="only this kind (repeatable)"
    )
    parser.add_argument(
        "--status", action="append", choices=STATUSES, help="only this status (repeatable)"
    )
    parser.add_argument("--year", type=int, help="only placements of this season year")
    parser.add_argument("--limit", type=int, help="at most this many rows")
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.set_defaults(run=run)
    return parser


def _tz() -> tzinfo:
    try:
        return ZoneInfo(os.environ.get("PRAKTIK_TZ") or "Europe/Copenhagen")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Copenhagen")


def _when(instant: datetime | None, tz: tzinfo) -> str:
    return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M") if instant else "-"


def table(rows: Sequence[OutboxMessage], tz: tzinfo) -> list[str]:
    """The rows as aligned text lines, a header first and a count per status last."""
    cells = [
        (
            _when(r.due_at, tz),
            _when(r.sent_at, tz),
            r.recipient,
            r.kind,
            r.status,
            str(r.attempts),
            r.reason or "",
        )
        for r in rows
    ]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(COLUMNS)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(COLUMNS), line(["-" * w for w in widths])]
    lines += [line(c) for c in cells]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    summary = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
    lines.append(f"{len(rows)} DMs" + (f": {summary}" if summary else ""))
    return lines


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from bot.config import DEFAULT_DATABASE_URL
    from models.db import Database
    from models.outbox_repo import outbox_report

    stream = out or sys.stdout
    url = args.url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    db = Database(url)
    try:
        rows = db.call(
            outbox_report,
            user=args.user,
            kinds=args.kind or (),
            statuses=args.status or (),
            year=args.year,
            limit=args.limit,
        )
    except (OperationalError, ProgrammingError) as error:
        first = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        sys.stderr.write(f"Cannot read the outbox ({first}); run `praktik db upgrade` first?\n")
        return 2
    finally:
        db.dispose()
    stream.write("\n".join(table(rows, _tz())) + "\n")
    return 0
