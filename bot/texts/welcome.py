"""Texts of the welcome to someone new in the workspace while a season is open (the DM, and
App Home of someone with neither a slot nor a wish)."""

from __future__ import annotations

from datetime import date
from typing import Final

from bot.texts.dates import day

OFFER: Final = "Tilbyd en plads"
FIND: Final = "Find en praktik"


def welcome(monday: date, friday: date, deadline: date) -> str:
    return (
        "*Velkommen til Innovationspraktikken!* I uge 37 "
        f"({day(monday)}–{day(friday, year=True)}) er offentligt ansatte fra stat, regioner og "
        "kommuner i praktik hos hinanden i 1–5 dage for at lære på tværs og få nyt netværk.\n"
        f"Tilmeld dig senest {day(deadline, year=True)}: tilbyd en plads på din arbejdsplads, "
        "eller find en praktik hos en anden. Skriv `/praktik hjælp` for at se, hvad jeg kan."
    )
