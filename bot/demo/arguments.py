"""The options of `praktik demo`, kept apart from bot.demo.command so that `praktik --help`
builds them without loading the app."""

from __future__ import annotations

import argparse

from bot.texts import cli as h


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--participants", type=int, default=131, metavar="N", help=h.DEMO_PARTICIPANTS
    )
    parser.add_argument("--seed", type=int, default=37, metavar="S", help=h.DEMO_SEED)
    parser.add_argument("--year", type=int, metavar=h.METAVAR_YEAR, help=h.DEMO_YEAR)
    parser.add_argument("--socket", action="store_true", help=h.SOCKET_TRANSPORT)
    parser.add_argument("--out", metavar=h.METAVAR_FOLDER, help=h.DEMO_OUT)
