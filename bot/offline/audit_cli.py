"""`praktik audit --out FILE [--since DATO]`: the coordinators' actions as CSV, oldest first,
in the columns `/praktik admin log` shows; the export is itself recorded in the log."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.domain.season import start_of_day
from bot.offline.commands import _query, record_export
from bot.texts import audit as t
from bot.texts import csvio as csv_texts
from bot.views.audit import audit_sheet
from models.audit import entries


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    tz = ZoneInfo(os.environ.get("PRAKTIK_TZ") or "Europe/Copenhagen")
    since = start_of_day(args.since, tz) if args.since else None
    found = _query(args.url, entries, err, limit=None, since=since, oldest_first=True)
    if found is None:
        return 2
    try:
        Path(args.out).write_bytes(audit_sheet(found, tz))
    except OSError as error:
        print(csv_texts.file_unreadable(args.out, error.strerror or str(error)), file=err)
        return 1
    from_day = args.since.isoformat() if args.since else None
    if not record_export(args.url, err, "audit", entries=len(found), since=from_day):
        return 2
    print(t.written(args.out, len(found)), file=out)
    return 0
