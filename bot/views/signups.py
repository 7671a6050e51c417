"""`praktik eksport --tilmeldinger`: the season's sign-ups as the two CSV files that
`praktik import --hosts … --interns …` reads, so a list can go out to Excel and back."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain import geo
from bot.sheets.csvio import write_sheet
from bot.sheets.layout import HOST_COLUMNS, INTERN_COLUMNS, SLOT_EXTRAS
from bot.texts import WEEKDAY_SHORT
from bot.texts import csvio as t
from models.tables import HostSlot, Participant, Wish

HOSTS_FILE = "værter.csv"
INTERNS_FILE = "praktikanter.csv"
HOST_HEADER = (*HOST_COLUMNS, "topics", *SLOT_EXTRAS)
# The intern's municipality (optional when read) is written where a host's stands.
INTERN_HEADER = (
    *INTERN_COLUMNS[:4],
    "municipality",
    *INTERN_COLUMNS[4:],
    "topics",
    "wanted_sectors",
    "wanted_regions",
)
STAND_IN_PREFIXES = (
    "csvh:",
    "csvi:",
)  # bot.offline.commands's keys for people known only by a list


def list_id(slack_user_id: str) -> str:
    """The id as the list had it: a Slack user ID, or the list's own id behind a stand-in."""
    for prefix in STAND_IN_PREFIXES:
        if slack_user_id.startswith(prefix):
            return slack_user_id.removeprefix(prefix)
    return slack_user_id


def place_name(code: str | None) -> str:
    """What a person reads for a stored municipality: its name ("Ærø", where the code
    "0492" would lose its zero in Excel), "Centraladministrationen", or "" when unknown."""
    if code == geo.CENTRAL_ADMINISTRATION:
        return t.CENTRAL_NAME
    found = geo.municipality(code) if code else None
    return found.name if found else ""


def _list(items: Sequence[object]) -> str:
    return ";".join(str(item) for item in items)


def _days(days: Sequence[int]) -> str:
    return _list([WEEKDAY_SHORT[d - 1] for d in sorted(days) if 1 <= d <= len(WEEKDAY_SHORT)])


def _header(columns: Sequence[str]) -> list[str]:
    return [t.COLUMN_LABELS[c] for c in columns]


def hosts_sheet(rows: Sequence[tuple[Participant, HostSlot]]) -> bytes:
    return write_sheet(
        _header(HOST_HEADER),
        (
            (
                list_id(person.slack_user_id),
                person.name,
                slot.workplace,
                slot.sector,
                place_name(slot.municipality),
                slot.capacity,
                _days(slot.days),
                _list(slot.topics),
                slot.description,
                slot.cohost_user_id,
            )
            for person, slot in rows
        ),
    )


def interns_sheet(rows: Sequence[tuple[Participant, Wish]]) -> bytes:
    return write_sheet(
        _header(INTERN_HEADER),
        (
            (
                list_id(person.slack_user_id),
                person.name,
                person.workplace,
                person.sector or "",
                place_name(person.municipality),
                _days(wish.days),
                _list(wish.topics),
                _list(sorted(wish.wanted_sectors)),
                _list(sorted(wish.wanted_regions)),
            )
            for person, wish in rows
        ),
    )
