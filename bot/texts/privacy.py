"""Texts for /praktik mine-data and /praktik slet-mine-data."""

from __future__ import annotations

from typing import Final

NOTHING_HELD: Final = "Praktikbot har ingen data om dig."
EXPORT_TITLE: Final = "Dine data i Praktikbot"
EXPORT_SENT: Final = (
    "Her er alle de data, Praktikbot har om dig, som en JSON-fil. Oplysninger om andre "
    "deltagere er ikke med."
)
EXPORT_FAILED: Final = "Filen kunne ikke sendes lige nu. Prøv igen om lidt."
DELETE_PROMPT: Final = (
    "Vil du slette dine data? Din værtsplads, dit ønske og dine aftaler, der ikke er begyndt "
    "endnu, bliver meldt fra, og modparterne får besked. En praktik, der er begyndt eller "
    "overstået, bliver stående – uden dit navn. Alt, der kan pege på dig, bliver slettet. "
    "Tilbage bliver kun anonyme tal til sæsonens statistik."
)
DELETE_BUTTON: Final = "Slet mine data"
DELETE_CONFIRM_TITLE: Final = "Slet dine data?"
DELETE_CONFIRM_TEXT: Final = "Det kan ikke fortrydes."
DELETE_YES: Final = "Ja, slet"
DELETE_NO: Final = "Fortryd"
DELETED: Final = "Dine data er slettet. Tak fordi du var med i Innovationspraktikken."
