"""The coordinators' matching round: preview, sending, expiry, and the unplaced interns' DM."""

from __future__ import annotations

from typing import Final

from bot.texts.dates import full_stop
from bot.texts.grammar import noun, plural


def number(value: float, decimals: int = 1) -> str:
    """A Danish decimal number: 12,5."""
    return f"{value:.{decimals}f}".replace(".", ",")


def pct(value: float) -> str:
    return f"{number(value)} %"


MODE_LABELS: Final = {"stabil": "stabil", "flest": "flest"}
MODE_TITLES: Final = {"stabil": "Stabil", "flest": "Flest"}
MODES_EXPLAINED: Final = (
    "*Stabil*: ingen praktikant og vært ville hellere have hinanden end det, de får – og det "
    "bedste for en praktikant er at ønske ærligt. *Flest*: så mange som muligt får en plads, "
    "og derefter så gode placeringer som muligt."
)


def preview_title(round_no: int, year: int) -> str:
    return f"Match – runde {round_no} (sæson {year})"


def preview_intro(wishes: int, seats: int, slots: int) -> str:
    return (
        f"*{wishes}* {noun(wishes, 'praktikønske venter', 'praktikønsker venter')} på en plads, "
        f"og der er *{seats}* {noun(seats, 'ledig plads', 'ledige pladser')} "
        f"hos *{slots}* {noun(slots, 'vært', 'værter')}. "
        "Sådan ville de to måder at matche på fordele dem:"
    )


def preview_held(pending: int, placed: int) -> str:
    parts = []
    if placed:
        parts.append(f"{plural(placed, 'praktikant', 'praktikanter')} har allerede en aftale")
    if pending:
        parts.append(
            f"{pending} forslag fra tidligere runder venter stadig på svar (de pladser og "
            "praktikanter er ikke med i denne runde)"
        )
    return "_" + "; ".join(parts) + "._" if parts else ""


PLACED: Final = "Placeret"
CROSS_SECTOR: Final = "På tværs af sektor"
FIRST_CHOICE: Final = "Førstevalg"
TOP3: Final = "Blandt top 3"
MEAN_RANK: Final = "Gns. placering på ønskelisten"
BLOCKING: Final = "Blokerende par"
UNPLACED: Final = "Ikke placeret"
SEATS_LEFT: Final = "Ledige pladser bagefter"
REASONS: Final = {
    "no_compatible_slot": "ingen plads på deres dage",
    "compatible_slots_full": "passende pladser er optaget",
}
NONE_SHOWN: Final = "–"


def placed(share: str, count: int) -> str:
    return f"{share} ({count})"


def weight_line(
    weight: int, other: int, cross: tuple[str, str], other_cross: tuple[str, str]
) -> str:
    return (
        f"*Vægt på tværgående match: {weight}* (ret med `/praktik admin sæson vægt <0–100>`). "
        f"Andelen på tværs af sektor er {cross[0]} (stabil) og {cross[1]} (flest); "
        f"med vægt {other} ville den være {other_cross[0]} og {other_cross[1]}."
    )


def unplaced_names(mode: str, names: list[str], more: int) -> str:
    tail = f" og {more} flere" if more else ""
    return f"*{UNPLACED} ({MODE_LABELS[mode]}):* {', '.join(names)}{tail}"


NOTHING_TO_MATCH: Final = "Der er ingen praktikønsker, der venter på en plads, lige nu."
NO_SEATS: Final = (
    "Der er ingen ledige pladser lige nu. Sender du alligevel, får praktikanterne besked om, "
    "at de ikke har fået en plads i denne runde."
)


def send_button(mode: str) -> str:
    return f"Send forslag ({MODE_LABELS[mode]})"


CONFIRM_TITLE: Final = "Send forslag?"
CONFIRM_YES: Final = "Ja, send"
CONFIRM_NO: Final = "Fortryd"


def confirm_text(mode: str, proposals: int, unplaced: int, deadline: str) -> str:
    return (
        f"Runden sendes som *{MODE_LABELS[mode]}*: {proposals} forslag til værter og "
        f"praktikanter med svarfrist {full_stop(deadline)} "
        f"{plural(unplaced, 'praktikant', 'praktikanter')} uden forslag får "
        "besked med de ledige pladser. Det kan ikke fortrydes."
    )


def sent(round_no: int, mode: str, proposals: int, deadline: str, unplaced: int) -> str:
    return (
        f"✅ Runde {round_no} er sendt ({MODE_LABELS[mode]}): {proposals} forslag er sendt til "
        f"værter og praktikanter med svarfrist {full_stop(deadline)} "
        f"{plural(unplaced, 'praktikant', 'praktikanter')} uden forslag "
        "har fået besked med de pladser, der stadig er ledige. Kør `/praktik admin match` igen, "
        "når svarene er kommet, for at se næste runde."
    )


def already_sent(round_no: int) -> str:
    return (
        f"Runde {round_no} er allerede sendt, så intet er sendt igen. Kør `/praktik admin match` "
        "for at se næste runde."
    )


BAD_BUTTON: Final = "Den knap kan jeg ikke læse. Kør `/praktik admin match` igen."


# A page button posted before its buttons carried the round (they say round 0): no number
# to name, round 0 never existed.
PREVIEW_OUTDATED: Final = (
    "Den forhåndsvisning er forældet. Skriv `/praktik admin match` for at se den aktuelle runde."
)


def preview_outdated(shown_round: int, current_round: int) -> str:
    return (
        f"Den forhåndsvisning er forældet: den viser runde {shown_round}, men nu er det runde "
        f"{current_round}. Kør `/praktik admin match` for at få en ny."
    )


# The intern who got no proposal this round -------------------------------------------------
UNPLACED_FULL: Final = (
    "Du har desværre ikke fået et forslag til en praktikplads i denne runde. Der var flere "
    "ønsker end pladser, der passede – det er ikke en vurdering af dig. Her er ledige pladser, "
    "der stadig har plads; tryk *Anmod* for at spørge værten direkte:"
)
UNPLACED_NO_DAY: Final = (
    "Du har desværre ikke fået et forslag til en praktikplads i denne runde: ingen af de ledige "
    "pladser har de dage, du kan. Måske kan du udvide dine dage med `/praktik find`? Her er "
    "ledige pladser, der stadig har plads:"
)
UNPLACED_NONE_LEFT: Final = (
    "Du har desværre ikke fået et forslag til en praktikplads i denne runde. Der var flere "
    "ønsker end pladser – det er ikke en vurdering af dig. Lige nu er der ingen ledige pladser, "
    "der passer til dig, men dit ønske er stadig med, hvis der kommer nye pladser, og når "
    "koordinatoren laver næste runde."
)
