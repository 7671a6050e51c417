"""The coordinator's hand on a round: locked, forbidden and hand-placed pairs (Slack and
the `praktik match` CSV columns `locked` and `forbidden`)."""

from __future__ import annotations

from typing import Final

# praktik match: the interns file's optional columns --------------------------------------
LOCKED_ONE_HOST: Final = "'locked' må kun nævne én vært"
LOCKED_AND_FORBIDDEN: Final = "værten i 'locked' står også i 'forbidden'"


def locked_over_capacity(host: str, count: int, capacity: int) -> str:
    return f"{count} praktikanter er låst til vært '{host}', som kun har {capacity} pladser"


def steering_line(locked: int, forbidden: int) -> str:
    return f"Låst af koordinatoren: {locked} · forbudte par: {forbidden}"
