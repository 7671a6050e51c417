"""One way to write a day and a time in every message: "fre 17. sep.", "fre 17. sep. kl. 09.00",
and with the year where it may be another: "fre 11. jun. 2027"."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Final

WEEKDAYS: Final = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
# Danish abbreviations: a full stop where letters are left out (so "maj" has none).
MONTHS: Final = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def day(when: date, *, year: bool = False) -> str:
    """ "fre 17. sep.", or "fre 17. sep. 2027" with year."""
    text = f"{WEEKDAYS[when.weekday()]} {when.day}. {MONTHS[when.month - 1]}"
    return f"{text} {when.year}" if year else text


def clock(when: time | datetime) -> str:
    """ "kl. 09.00" (Danish writes the time with a full stop)."""
    return f"kl. {when.hour:02d}.{when.minute:02d}"


def moment(when: datetime, *, year: bool = False) -> str:
    """ "fre 17. sep. kl. 09.00" in the datetime's own time zone (convert to local first)."""
    return f"{day(when.date(), year=year)} {clock(when)}"


def full_stop(text: str) -> str:
    """The text ending a sentence, with one full stop: "fre 17. sep." stays as it is (in Danish
    the abbreviation's full stop ends the sentence too), "kl. 09.00" becomes "kl. 09.00."."""
    return text if text.endswith(".") else f"{text}."
