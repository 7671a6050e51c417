"""Danish municipalities and regions, from the package's copy of kommuner.csv."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


class Sector(StrEnum):
    STAT = "stat"
    REGION = "region"
    KOMMUNE = "kommune"


# The "municipality" of a state workplace in several places (the slot modal's
# "Centraladministrationen"): stored where a kommunekode would be.
CENTRAL_ADMINISTRATION = "stat"

REGIONS: tuple[str, ...] = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    official_name: str
    region: str


@cache
def municipalities() -> tuple[Municipality, ...]:
    text = resources.files("bot.domain").joinpath("kommuner.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter=";")
    return tuple(
        Municipality(r["kode"], r["kommune"], r["officielt_navn"], r["region"]) for r in rows
    )


# Names people still write for a municipality: the spellings before 2011 (Aa became Å and
# back), the forms without a hyphen, and the names without the genitive s.
OLD_NAMES: dict[str, str] = {
    "Århus": "Aarhus",
    "Ålborg": "Aalborg",
    "Åbenrå": "Aabenraa",
    "Høje Taastrup": "Høje-Taastrup",
    "Lyngby": "Lyngby-Taarbæk",
    "Lyngby Taarbæk": "Lyngby-Taarbæk",
    "Nordfyn": "Nordfyns",
    "Vesthimmerland": "Vesthimmerlands",
}


@cache
def _by_key() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for m in municipalities():
        for key in (m.code, m.name, m.official_name):
            index[fold(key)] = m
    for old, name in OLD_NAMES.items():
        index.setdefault(fold(old), index[fold(name)])
        index.setdefault(fold(f"{old} Kommune"), index[fold(name)])
    return index


def fold(text: str) -> str:
    """Case-insensitive key that keeps æ, ø and å (NFC, casefolded)."""
    return unicodedata.normalize("NFC", text).casefold().strip()


def municipality(key: str) -> Municipality | None:
    """Look up by code, short name or official name; None when unknown."""
    return _by_key().get(fold(key))


def region_of(key: str) -> str | None:
    found = municipality(key)
    return found.region if found else None


def by_region() -> dict[str, list[Municipality]]:
    grouped: dict[str, list[Municipality]] = {r: [] for r in REGIONS}
    for m in municipalities():
        grouped[m.region].append(m)
    return grouped
