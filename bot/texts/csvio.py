"""The coordinators' CSV files: errors in sign-up lists, and the offline commands' messages."""

from __future__ import annotations

from typing import Final

# One sentence per kind of bad cell or row; bot.csvio prefixes "linje N: ".
ROW_ERRORS: Final = {
    "not_utf8": "filen er ikke gemt som UTF-8 (gem den som 'CSV UTF-8')",
    "empty_file": "filen er tom: første linje skal være overskrifterne",
    "semicolon": "kolonnerne skal adskilles med komma, ikke semikolon",
    "missing_columns": "kolonne mangler i overskriften: {names}",
    "duplicate_column": "kolonnen '{name}' står to gange i overskriften",
    "too_many_cells": "linjen har {got} felter, men overskriften har {want}",
    "required": "{label} mangler",
    "duplicate_id": "id '{value}' er allerede brugt på linje {line}",
    "sector": "ukendt sektor '{value}' (brug stat, region eller kommune)",
    "municipality": "ukendt kommune '{value}'",
    "capacity": "kapacitet skal være et helt tal fra 1 til 10, ikke '{value}'",
    "day": "ukendt dag '{value}' (brug man, tir, ons, tor eller fre)",
    "no_days": "mindst én dag skal angives (man, tir, ons, tor eller fre)",
    "region": "ukendt region '{value}' (brug Hovedstaden, Sjælland, Syddanmark, Midtjylland eller Nordjylland)",
    "repeated": "'{value}' står mere end én gang",
    "unknown_intern": "ukendt praktikant '{value}'",
    "unknown_host": "ukendt vært '{value}'",
}
COLUMN_LABELS: Final = {
    "id": "id",
    "name": "navn",
    "organisation": "organisation",
    "sector": "sektor",
    "municipality": "kommune",
    "capacity": "kapacitet",
}


def line(number: int, message: str) -> str:
    return f"linje {number}: {message}"


# praktik import / eksport / match ----------------------------------------------------------


def file_errors(path: str, count: int) -> str:
    return f"{path}: {count} fejl – intet fra filen er indlæst:"


def file_unreadable(path: str, reason: str) -> str:
    return f"{path}: filen kan ikke læses ({reason})"


def capacity_below(confirmed: int) -> str:
    return (
        f"kapaciteten kan ikke sættes under de {confirmed} aftaler, værten allerede har bekræftet"
    )


IMPORT_NOTHING: Final = "Intet er indlæst. Ret fejlene og kør kommandoen igen."
IMPORT_NEED_FILE: Final = (
    "Angiv mindst én fil: --hosts VÆRTER.csv og/eller --interns PRAKTIKANTER.csv"
)


def imported(year: int, hosts: int, interns: int, created: int, updated: int) -> str:
    return (
        f"Sæson {year}: {hosts} værtspladser og {interns} praktikønsker er indlæst "
        f"({created} nye deltagere, {updated} opdaterede)."
    )


def without_slack_id(count: int) -> str:
    return (
        f"Bemærk: {count} deltagere har ikke et Slack-id som id (U… eller W…). De er med i "
        "match og statistik, men kan ikke få beskeder i Slack, før de selv bruger Praktikbot."
    )


RANKINGS_NOT_STORED: Final = (
    "Bemærk: kolonnerne 'ranking' og 'choices' gemmes ikke i databasen; de bruges kun af "
    "`praktik match` direkte på filerne."
)


def exported(path: str, rows: int, year: int) -> str:
    return f"{rows} aftaler fra sæson {year} er skrevet til {path}."


WEIGHT_RANGE: Final = "--weight skal være et helt tal fra 0 til 100"

# The readable result of `praktik match` (without --json).
MATCH_TITLE: Final = "Match ({mode}): {placed} af {wishes} praktikanter placeret"
MATCH_COLUMNS: Final = ("praktikant", "vært", "plads på listen")
MATCH_UNPLACED: Final = "Ikke placeret"
PROGRESS_STEPS: Final = {
    "read": "læser filer",
    "prefs": "beregner ønskelister",
    "solve": "matcher",
    "metrics": "beregner tal",
}
