"""Changes that warn and tell: withdrawing, editing a slot under an agreement, the agreed
days, the manager's part, and why there are no suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from bot.texts.dates import day as day_label


def agreed_days_dropped(days: Sequence[date]) -> str:
    listed = ", ".join(day_label(d) for d in days)
    return (
        f"Du har en aftale med en praktikant {listed}, så de dage skal blive i pladsen. "
        "Meld aftalen fra med `/praktik afmeld` først, hvis den ikke kan gennemføres."
    )


# Withdrawing: the confirm dialog names what is cancelled and who is told ----------------


def withdraw_host_agreements(agreements: Sequence[str], told: Sequence[str]) -> str:
    return (
        f"Din værtsplads lukkes, og {_and(agreements)} aflyses. "
        f"{_and(told)} får besked og bliver tilbudt andre pladser."
    )


def withdraw_intern_agreement(agreement: str, told: str) -> str:
    return (
        f"Dit ønske trækkes tilbage, og {agreement} aflyses. {told} får besked, og pladsen "
        "bliver ledig for andre."
    )


def agreement_with_intern(name: str, workplace: str, days: str) -> str:
    return f"aftalen med {name} ({workplace}) {days}" if workplace else f"aftalen med {name} {days}"


def agreement_with_host(workplace: str, name: str, days: str) -> str:
    return f"din aftale hos {workplace} ({name}) {days}"


def open_requests(count: int) -> str:
    one = "Din åbne forespørgsel trækkes"
    many = f"Dine {count} åbne forespørgsler trækkes"
    return f" {one if count == 1 else many} også tilbage, og modparten får besked."


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


# The agreed days: the overlap of the slot's and the intern's days, shown alike to both --


def agreed_days(days: str) -> str:
    return f"*Dage i praktik:* {days} _(de dage, både værten og praktikanten kan)_"


# The manager in the loop ---------------------------------------------------------------
ERR_OWN_MANAGER: Final = (
    "Du kan ikke være din egen leder. Vælg den leder, der godkender din praktik."
)


def waiting_for_manager(workplace: str, manager: str) -> str:
    return (
        f"Værten hos *{workplace}* har sagt ja. Nu mangler kun din leders godkendelse – "
        f"{manager} har fået en besked. Du hører fra mig, så snart hen har svaret."
    )


def manager_told(intern: str, workplace: str, days: str) -> str:
    return (
        f"{intern} har aftalt at komme i praktik hos *{workplace}* i uge 37 ({days}) og har "
        "angivet dig som leder. Det er bare til orientering – du skal ikke gøre noget."
    )


def manager_approved_confirmed(intern: str, workplace: str, days: str) -> str:
    return f"Tak for din godkendelse. {intern}s praktik hos *{workplace}* ({days}) er nu bekræftet."


# Why there are no suggestions ----------------------------------------------------------


def suggestions_all_asked(count: int) -> str:
    slots = "Den ledige plads" if count == 1 else f"De {count} ledige pladser"
    return (
        f"{slots}, der passer til dine dage, har du allerede anmodet om – du kan se, hvordan "
        "det står til, med `/praktik status`. Dit ønske er gemt, og du får besked, når "
        "koordinatoren har lavet match."
    )
