"""The `praktik` commands that run offline tools: each imports its implementation when it
runs, so that building the parser (`praktik --help`) stays light (bench/cli_help.py)."""

from __future__ import annotations

import argparse
from datetime import date

from bot.texts import cli as h


def cmd_export(args: argparse.Namespace) -> int:
    from bot.offline.commands import run_export

    return run_export(args)


def cmd_import(args: argparse.Namespace) -> int:
    from bot.offline.commands import run_import

    return run_import(args)


def cmd_match(args: argparse.Namespace) -> int:
    from bot.offline.commands import run_match

    return run_match(args)


def cmd_outbox(args: argparse.Namespace) -> int:
    from bot.offline.outbox_cli import run

    return run(args)


def cmd_retention(args: argparse.Namespace) -> int:
    from bot.offline.retention_cli import run

    return run(args)


def cmd_audit(args: argparse.Namespace) -> int:
    from bot.offline.audit_cli import run

    return run(args)


def since(text: str) -> date:
    """--since: a calendar day (ISO 8601), from its local midnight in PRAKTIK_TZ."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(h.AUDIT_SINCE_FORMAT) from None


def cmd_report(args: argparse.Namespace) -> int:
    from bot.offline.report_cli import run

    return run(args)
