"""The programme form's data rules: what a host may write for each agreed day and in the
practical block, and a loose check of a Danish phone number. Pure; the refusals are codes
that bot.service.programme words in Danish next to the field."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from models.forms import clean_text

DAY_TEXT_MAX = 1000
DAY_TIME_MAX = 50
DAY_PLACE_MAX = 150
PROGRAMME_FIELD_MAX = 200  # Programme.address and .meeting_point
PROGRAMME_PHONE_MAX = 20  # Programme.phone, as written: "+45 12 34 56 78"

# Spaces, dashes, dots, slashes and brackets are how people group a number; they are no part of it.
_SEPARATORS = re.compile(r"[\s\-./()]+")
# Eight digits, with or without the country code +45 / 0045 (Denmark has no trunk prefix).
_DANISH = re.compile(r"(?:\+45|0045)?\d{8}")


class Fault(StrEnum):
    TOO_LONG = "too_long"
    EMPTY = "empty"  # nothing written at all
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class DayEntry:
    day: int  # ISO weekday 1..5 of week 37
    text: str
    time: str = ""
    place: str = ""

    def stored(self) -> dict[str, object]:
        return {"day": self.day, "text": self.text, "time": self.time, "place": self.place}


@dataclass(frozen=True, slots=True)
class ProgrammeForm:
    days: tuple[DayEntry, ...]
    address: str
    meeting_point: str
    phone: str

    def for_days(self, agreed: list[int]) -> list[dict[str, object]]:
        """The entries for the days a placement has: applied to another intern with other
        days, the days she does not come are left out."""
        return [d.stored() for d in self.days if d.day in agreed]


def danish_phone(raw: str) -> str | None:
    """The number as written, if it is loosely a Danish phone number (8 digits, maybe +45);
    None otherwise."""
    bare = _SEPARATORS.sub("", raw)
    return raw if _DANISH.fullmatch(bare) else None


def parse(
    *,
    days: Mapping[int, Sequence[str | None]],
    address: str | None,
    meeting_point: str | None,
    phone: str | None,
) -> ProgrammeForm | dict[str, Fault]:
    """The form, or the faults by field name ("text:3", "time:3", "place:3", "address",
    "meeting_point", "phone")."""
    faults: dict[str, Fault] = {}
    entries: list[DayEntry] = []
    limits = {"text": DAY_TEXT_MAX, "time": DAY_TIME_MAX, "place": DAY_PLACE_MAX}
    for day in sorted(days):
        given = [*days[day], None, None, None][:3]  # text, time, place
        values = dict(zip(("text", "time", "place"), map(clean_text, given), strict=True))
        for name, value in values.items():
            if len(value) > limits[name]:
                faults[f"{name}:{day}"] = Fault.TOO_LONG
        if any(values.values()):
            entries.append(DayEntry(day, values["text"], values["time"], values["place"]))
    practical = {
        "address": clean_text(address),
        "meeting_point": clean_text(meeting_point),
        "phone": clean_text(phone),
    }
    for name in ("address", "meeting_point"):
        if len(practical[name]) > PROGRAMME_FIELD_MAX:
            faults[name] = Fault.TOO_LONG
    if practical["phone"] and (
        len(practical["phone"]) > PROGRAMME_PHONE_MAX or danish_phone(practical["phone"]) is None
    ):
        faults["phone"] = Fault.PHONE
    if not faults and not entries and not any(practical.values()):
        faults[f"text:{min(days)}" if days else "address"] = Fault.EMPTY
    if faults:
        return faults
    return ProgrammeForm(
        tuple(entries), practical["address"], practical["meeting_point"], practical["phone"]
    )
