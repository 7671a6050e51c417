"""`praktik rapport --year Y --out DIR`: the season report offline, the same files
`/praktik admin rapport` sends (PDF, Markdown and chart); needs only the database."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.offline import _database_url, _year
from bot.report import load_report
from bot.report_files import report_files
from bot.season import to_local
from bot.texts import report as t
from models.db import Database


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `rapport` to the `praktik` command's subparsers (argparse's _SubParsersAction)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "rapport", help="the season report as PDF and Markdown (with its chart)"
    )
    parser.add_argument(
        "--year", type=int, help="season year (default: PRAKTIK_YEAR or the next week 37)"
    )
    parser.add_argument(
        "--out", default=".", metavar="DIR", help="folder for the files (default: .)"
    )
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    year = _year(args.year)
    db = Database(args.url or _database_url())
    try:
        report = db.call(load_report, year=year)
    finally:
        db.dispose()
    made = f"{to_local(datetime.now(UTC)):%d/%m/%Y}"
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
