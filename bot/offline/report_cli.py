"""`praktik rapport --year Y --out DIR`: the season report offline, the same files
`/praktik admin rapport` sends (PDF, Markdown and chart); needs only the database."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.domain.season import to_local
from bot.offline.commands import _query, _year
from bot.report.build import load_report
from bot.report.files import report_files
from bot.texts import dates
from bot.texts import report as t


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    year = _year(args.year)
    report = _query(args.url, load_report, err, year=year)
    if report is None:
        return 2
    made = dates.day(to_local(datetime.now(UTC)).date(), year=True)
    files = report_files(report, made=made)
    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.all():
            (folder / name).write_bytes(content)
    except OSError as error:
        print(t.not_written(str(folder), error.strerror or str(error)), file=err)
        return 1
    print(t.written(str(folder / files.pdf[0]), str(folder / files.markdown[0]), year), file=out)
    return 0
