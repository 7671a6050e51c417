"""The coordinators' CSV files: errors in sign-up lists, and the offline commands' messages."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural

# One sentence per kind of bad cell or row; bot.sheets.csvio prefixes "linje N: ".
ROW_ERRORS: Final = {
    "not_utf8": "filen er ikke gemt som UTF-8 (gem den som 'CSV UTF-8')",
    "empty_file": "filen er tom: første linje skal være overskrifterne",
    "quote": (
        'et anførselstegn (") på linje {line} lukkes ikke (eller først linjer senere) – '
        "ret anførselstegnene, eller fjern dem"
    ),
    "list_separator": "flere værdier i én celle adskilles med semikolon, fx man;tir",
    "semicolon_in_cell": (
        "kolonnerne er adskilt med semikolon, så flere værdier i én celle skal stå i "
        'anførselstegn, fx "man;tir" (det gør Excel selv)'
    ),
    "comma_in_cell": (
        "kolonnerne er adskilt med komma, så et komma i en celle deler den: sæt cellen i "
        "anførselstegn, eller brug semikolon mellem flere værdier (fx man;tir)"
    ),
    "central_only_state": "Centraladministrationen kan kun vælges, når sektoren er stat",
    "missing_columns": "kolonne mangler i overskriften: {names}",
    "duplicate_column": "kolonnen '{name}' står to gange i overskriften",
    "too_many_cells": "linjen har {got} felter, men overskriften har {want}",
    "required": "{label} mangler",
    "duplicate_id": "id '{value}' er allerede brugt på linje {line}",
    "sector": "ukendt sektor '{value}' (brug stat, region eller kommune)",
    "municipality": "ukendt kommune '{value}' (eller skriv Centraladministrationen)",
    "capacity": "pladser skal være et helt tal fra 1 til 10, ikke '{value}'",
    "day": "ukendt dag '{value}' (brug man, tir, ons, tor eller fre)",
    "no_days": "mindst én dag skal angives (man, tir, ons, tor eller fre)",
    "region": "ukendt region '{value}' (brug Hovedstaden, Sjælland, Syddanmark, Midtjylland eller Nordjylland)",
    "repeated": "'{value}' står mere end én gang",
    "unknown_intern": "ukendt praktikant '{value}'",
    "unknown_host": "ukendt vært '{value}'",
    "cohost_id": "medvært skal være et Slack-id (U… eller W…), ikke '{value}'",
    "cohost_self": "værten kan ikke være medvært for sig selv",
    "cohost_ranked": (
        "medvært '{value}' står også som praktikant i rangeringen – ingen kan være på begge "
        "sider af en praktik"
    ),
}
# The columns' Danish names: in error messages, and the header `eksport --tilmeldinger` writes.
COLUMN_LABELS: Final = {
    "id": "id",
    "name": "navn",
    "organisation": "organisation",
    "sector": "sektor",
    "municipality": "kommune",
    "capacity": "pladser",
    "days": "dage",
    "topics": "emner",
    "ranking": "rangering",
    "wanted_sectors": "ønskede_sektorer",
    "wanted_regions": "ønskede_regioner",
    "choices": "valg",
    "description": "beskrivelse",
    "cohost": "medvært",
}
CENTRAL_NAME: Final = "Centraladministrationen"


def line(number: int, message: str) -> str:
    return f"linje {number}: {message}"


# praktik import / eksport / match ----------------------------------------------------------


def file_errors(path: str, count: int) -> str:
    return f"{path}: {count} fejl – intet fra filen er indlæst:"  # "fejl" is both numbers


def file_unreadable(path: str, reason: str) -> str:
    return f"{path}: filen kan ikke læses ({reason})"


def database_unreadable(reason: str) -> str:
    return f"Databasen kan ikke læses ({reason}); kør først `praktik db upgrade`?"


def capacity_below(confirmed: int) -> str:
    return (
        "kapaciteten kan ikke sættes under "
        f"{'den ene aftale' if confirmed == 1 else f'de {confirmed} aftaler'}, "
        "værten allerede har bekræftet"
    )


COHOST_BOTH_SIDES: Final = (
    "medværten har selv anmodet om eller fået en plads hos værten (eller er leder for en, der "
    "har) – ingen kan være på begge sider af en praktik"
)
COHOST_AFTER_CONFIRMATION: Final = (
    "medværten kan ikke skiftes med en liste, når værten har bekræftede aftaler – skift den i "
    "Slack, så aftalernes beskeder følger med"
)

IMPORT_NOTHING: Final = "Intet er indlæst. Ret fejlene og kør kommandoen igen."
IMPORT_NEED_FILE: Final = (
    "Angiv mindst én fil: --hosts VÆRTER.csv og/eller --interns PRAKTIKANTER.csv"
)


def _hosts_and_interns(hosts: int, interns: int) -> str:
    return (
        f"{plural(hosts, 'værtsplads', 'værtspladser')} og "
        f"{plural(interns, 'praktikønske', 'praktikønsker')}"
    )


def imported(year: int, hosts: int, interns: int, created: int, updated: int) -> str:
    return (
        f"Sæson {year}: {_hosts_and_interns(hosts, interns)} er indlæst "
        f"({plural(created, 'ny deltager', 'nye deltagere')}, "
        f"{plural(updated, 'opdateret', 'opdaterede')})."
    )


def without_slack_id(count: int) -> str:
    return (
        f"Bemærk: {plural(count, 'deltager', 'deltagere')} har ikke et Slack-id som id (U… eller W…). De er med i "
        "match og statistik, men kan ikke få beskeder i Slack, før de selv bruger Praktikbot."
    )


RANKINGS_NOT_STORED: Final = (
    "Bemærk: kolonnerne 'rangering' og 'valg' gemmes ikke i databasen; de bruges kun af "
    "`praktik match` direkte på filerne."
)


def exported(path: str, rows: int, year: int) -> str:
    return f"{plural(rows, 'aftale', 'aftaler')} fra sæson {year} er skrevet til {path}."


def exported_signups(
    folder: object, hosts_file: str, interns_file: str, hosts: int, interns: int, year: int
) -> str:
    return (
        f"Sæson {year}: {_hosts_and_interns(hosts, interns)} er skrevet til "
        f"{folder}/{hosts_file} og {folder}/{interns_file}. Læs dem ind igen med "
        f"`praktik import --hosts {folder}/{hosts_file} --interns {folder}/{interns_file}`."
    )


WEIGHT_RANGE: Final = "--weight skal være et helt tal fra 0 til 100"


# The readable result of `praktik match` (without --json).
def match_title(mode: str, placed: int, wishes: int) -> str:
    return f"Match ({mode}): {placed} af {plural(wishes, 'praktikant', 'praktikanter')} placeret"


MATCH_COLUMNS: Final = ("praktikant", "vært", "plads på listen")
MATCH_UNPLACED: Final = "Ikke placeret"
PROGRESS_STEPS: Final = {
    "read": "læser filer",
    "prefs": "beregner ønskelister",
    "solve": "matcher",
    "metrics": "beregner tal",
}
