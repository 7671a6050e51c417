"""Changes that warn and tell: withdrawing, editing a slot under an agreement, the agreed
days, the manager's part, and why there are no suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.season import day_label


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
    return f"aftalen med {name} ({workplace}) {days}"


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
