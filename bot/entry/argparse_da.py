"""argparse in Danish: its messages go through gettext, so the `praktik` command gives
argparse a gettext that answers from the catalogue (bot.texts.cli). No locale files and no
LANGUAGE variable: the command is Danish wherever it runs."""

from __future__ import annotations

import argparse

from bot.texts import cli as t


def gettext(message: str) -> str:
    return t.ARGPARSE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = t.ARGPARSE_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """argparse looks `_` and `ngettext` up in its module at each call: replace them."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
