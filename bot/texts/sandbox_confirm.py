"""The sandbox's version of Slack's confirm dialog on a button."""

from __future__ import annotations

from typing import Final

HEADING: Final = "── Bekræft ──"


def answer_with(yes: str, no: str) -> str:
    return f"Skriv `ja` for »{yes}« eller `nej` for »{no}«."


NOTHING_TO_CONFIRM: Final = "Der er intet at bekræfte – tryk på en knap først."
CANCELLED: Final = "(Fortrudt – der skete ikke noget.)"
