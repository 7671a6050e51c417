"""Texts for someone who presses an old button after /praktik slet-mine-data."""

from __future__ import annotations

from typing import Final

OLD_BUTTON: Final = (
    "Dine data i Praktikbot er slettet, så den knap virker ikke længere, og ingen har fået "
    "besked. Vil du være med igen, så meld dig til på ny: `/praktik find` for et "
    "praktikønske eller `/praktik tilbyd` for en værtsplads."
)
