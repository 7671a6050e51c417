"""The options of `praktik outbox`, kept apart from bot.offline.outbox_cli so that `praktik --help`
builds them without loading the database layer."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

from bot.texts import cli as h


def _value(
    what: str, names: dict[str, str], groups: Mapping[str, tuple[str, ...]] | None = None
) -> Callable[[str], tuple[str, ...]]:
    """--kind/--status: the Danish name or the stored English value -> the stored values
    (one, or a group's: `invitation` is both kinds of invitation)."""
    accepted = (
        {v: (v,) for v in names}
        | {danish: (v,) for v, danish in names.items()}
        | dict(groups or {})
    )

    def parse(text: str) -> tuple[str, ...]:
        found = accepted.get(text.strip().casefold())
        if found is None:
            raise argparse.ArgumentTypeError(h.unknown_value(what, text, list(names.values())))
        return found

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds, statuses = h.KIND_NAMES, h.STATUS_NAMES
    parser.add_argument("--user", metavar="SLACK_ID", help=h.OUTBOX_USER)
    parser.add_argument(
        "--kind",
        action="append",
        type=_value("slags", kinds, h.KIND_GROUPS),
        metavar="{" + ",".join(kinds.values()) + "}",
        help=h.OUTBOX_KIND,
    )
    parser.add_argument(
        "--status",
        action="append",
        type=_value("status", statuses),
        metavar="{" + ",".join(statuses.values()) + "}",
        help=h.OUTBOX_STATUS,
    )
    parser.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.OUTBOX_YEAR)
    parser.add_argument("--limit", type=int, metavar="N", help=h.OUTBOX_LIMIT)
    parser.add_argument("--url", help=h.DB_URL)
