"""Every sentence a Slack user reads, in Danish. Nothing user-facing is written elsewhere."""

from __future__ import annotations

from typing import Final

APP_NAME: Final = "Praktikbot"

# Help: one line per subcommand of PRODUCT.md ("Slack surfaces").
HELP_TITLE: Final = "Praktikbot – Innovationspraktikken i uge 37"
HELP_INTRO: Final = (
    "Offentligt ansatte er i praktik hos hinanden på tværs af stat, regioner og kommuner. "
    "Sådan bruger du mig:"
)
HELP_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("/praktik hjælp", "vis denne hjælp"),
    ("/praktik tilbyd", "opret eller ret din værtsplads"),
    ("/praktik find", "registrér dit praktikønske og se de pladser, der passer bedst"),
    ("/praktik find <søgeord>", "søg blandt de ledige værtspladser"),
    ("/praktik status", "se din plads, dit ønske, dine forslag, din aftale og næste beskeder"),
    ("/praktik afmeld", "meld dig fra – du bliver bedt om at bekræfte"),
    ("/praktik checkin", "fortæl, hvordan praktikken gik"),
    ("/praktik mine-data", "få alle de data, Praktikbot har om dig, som fil"),
    ("/praktik slet-mine-data", "slet dine data – du bliver bedt om at bekræfte"),
    ("/praktik admin …", "koordinatorer: match, stats, eksport, sæson og besked"),
)
HELP_FOOTER: Final = "Du kan også åbne Praktikbot under *Apps* og se din oversigt på fanen *Hjem*."


def unknown_subcommand(word: str) -> str:
    return f"Jeg kender ikke kommandoen »{word}«. Her er det, jeg kan:"


INTERNAL_ERROR: Final = (
    "Beklager, noget gik galt hos Praktikbot, og din handling blev ikke gennemført. "
    "Prøv igen om lidt – og kontakt koordinatoren, hvis det bliver ved."
)
INTERNAL_ERROR_TITLE: Final = "Noget gik galt"
CLOSE: Final = "Luk"
