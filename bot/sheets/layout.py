"""The sign-up lists' layout: which columns each list has, the names a column goes by, and
the words a cell may hold. Shared by the reader (bot.sheets.csvio) and the writer that produces
what the reader reads (bot.views.signups)."""

from __future__ import annotations

import re

from bot.domain import geo
from bot.domain.geo import Sector
from bot.texts import csvio as t

HOST_COLUMNS = ("id", "name", "organisation", "sector", "municipality", "capacity", "days")
# Stored on the slot by `import` (when the column is there) and written by `eksport
# --tilmeldinger`; `match` does not read them.
SLOT_EXTRAS = ("description", "cohost")
HOST_OPTIONAL = ("topics", "ranking", *SLOT_EXTRAS)
INTERN_COLUMNS = ("id", "name", "organisation", "sector", "days")
# An intern's own municipality is optional, as in the wish modal.
INTERN_OPTIONAL = ("municipality", "topics", "wanted_sectors", "wanted_regions", "choices")

# Besides its Danish name (t.COLUMN_LABELS, the one `eksport --tilmeldinger` writes) and its
# English key, a column answers to these.
_MORE_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("slack_id",),
    "organisation": ("organization", "arbejdsplads", "workplace"),
    "capacity": ("kapacitet", "antal_pladser"),
    "wanted_sectors": ("oenskede_sektorer",),
    "wanted_regions": ("oenskede_regioner",),
    "choices": ("ønsker",),
    "cohost": ("co_host", "medvaert"),
}
HEADER_ALIASES: dict[str, str] = {
    name: key
    for key, danish in t.COLUMN_LABELS.items()
    for name in (danish, key, *_MORE_NAMES.get(key, ()))
}
SECTOR_ALIASES = {
    "stat": Sector.STAT,
    "staten": Sector.STAT,
    "statslig": Sector.STAT,
    "centraladministrationen": Sector.STAT,
    "region": Sector.REGION,
    "regionen": Sector.REGION,
    "regional": Sector.REGION,
    "kommune": Sector.KOMMUNE,
    "kommunen": Sector.KOMMUNE,
    "kommunal": Sector.KOMMUNE,
}
# Written in `kommune` for a state workplace in several places, as the slot modal offers it.
CENTRAL_NAMES = frozenset(
    {"centraladministrationen", "centraladministration", "centraladministrationen (flere steder)"}
    | {geo.CENTRAL_ADMINISTRATION}
)
CENTRAL = geo.Municipality(geo.CENTRAL_ADMINISTRATION, t.CENTRAL_NAME, t.CENTRAL_NAME, "")
DELIMITERS = (";", ",", "\t")
# Free text, where a line break and a column separator in one quoted cell are the writer's
# (Alt+Enter and a `;` in a description), not a quote that swallowed the next rows.
FREE_TEXT = ("description",)
# What write_sheet puts before a cell that starts like a formula (read back without it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,31}")

DAYS = {"man": 1, "tir": 2, "ons": 3, "tor": 4, "fre": 5}
DAYS |= {"mandag": 1, "tirsdag": 2, "onsdag": 3, "torsdag": 4, "fredag": 5}
REGION_KEYS = {geo.fold(r): r for r in geo.REGIONS} | {
    geo.fold(r.removeprefix("Region ")): r for r in geo.REGIONS
}


def delimiter_of(text: str) -> str:
    """`;` (Danish Excel), `,` or a tab: whichever the header row has most of."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def column_key(name: str) -> str:
    """A header cell's column: any case, spaces or hyphens for "_", Danish or English."""
    folded = "_".join(geo.fold(name).replace("-", " ").split())
    return HEADER_ALIASES.get(folded, folded)
