"""Texts of the network: being findable as a sparring partner, and searching it."""

from __future__ import annotations

from typing import Final

USAGE: Final = (
    "*Netværket* er tidligere og nuværende deltagere, der gerne vil være sparringspartnere.\n"
    "• `/praktik netværk til` – bliv fundet (du ser først, hvad andre får at se)\n"
    "• `/praktik netværk fra` – meld dig ud igen\n"
    "• `/praktik netværk <søgeord>` – søg på arbejdsplads, sektor, kommune, region, emne "
    "eller årstal, fx `/praktik netværk klima aarhus`"
)
PREVIEW_INTRO: Final = (
    "Sådan vil andre deltagere se dig i netværket – også i kommende sæsoner, indtil du melder "
    "dig ud med `/praktik netværk fra`. Dine oplysninger opdateres, hvis du er med igen."
)
ALREADY_IN: Final = "Du er allerede med i netværket. Bekræft for at opdatere dine oplysninger."
CONFIRM: Final = "Ja, gør mig synlig"
JOIN: Final = "Bliv fundet i netværket"
JOIN_INTRO: Final = (
    "*Vil du være sparringspartner for kommende deltagere?* Så kan de finde dig i netværket "
    "med `/praktik netværk` og skrive til dig."
)
NOT_SIGNED_UP: Final = (
    "Du kan komme med i netværket, når du har tilbudt en værtsplads eller registreret et "
    "praktikønske."
)
JOINED: Final = (
    "Du er nu med i netværket, og andre deltagere kan finde dig som sparringspartner. "
    "Skriv `/praktik netværk fra`, hvis du vil ud igen."
)
LEFT: Final = "Du er ikke længere med i netværket, og ingen kan finde dig der."
NOT_IN: Final = "Du er ikke med i netværket, så der var intet at fjerne."
EMPTY_QUERY: Final = "Skriv et eller flere søgeord efter `/praktik netværk`, fx `klima aarhus`."
NAME: Final = "Navn"
TITLE: Final = "Titel"
WORKPLACE: Final = "Arbejdsplads"
DID: Final = "I Innovationspraktikken"
NOTHING_YET: Final = "ingen praktik endnu"


def did_host(workplace: str, year: int) -> str:
    return f"vært hos {workplace} i {year}"


def did_intern(workplace: str, year: int) -> str:
    return f"praktikant hos {workplace} i {year}"


def found(count: int, query: str) -> str:
    people = "person" if count == 1 else "personer"
    return f"*{count}* {people} i netværket passer på »{query}«."


def none_found(query: str) -> str:
    return f"Ingen i netværket passer på »{query}«. Prøv med færre eller andre ord."


def more(shown: int) -> str:
    return f"Her er de {shown} bedste – skriv flere ord for at finde færre."


def write_to(mention: str) -> str:
    return f"Skriv til {mention}"


def opted_in(count: int) -> str:
    """In the coordinators' figures."""
    if count == 1:
        return "*Netværket:* 1 deltager kan findes som sparringspartner"
    return f"*Netværket:* {count} deltagere kan findes som sparringspartnere"
