"""Texts for `/praktik admin log` and `praktik audit`: who did what as a coordinator."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import listing, plural

DEFAULT_COUNT: Final = 20
MAX_COUNT: Final = 100

TITLE: Final = "Koordinatorernes handlinger"
ALLOWED: Final = "tilladt"
REFUSED: Final = "afvist"
EMPTY: Final = "Loggen er tom."
USAGE: Final = (
    f"Skriv `/praktik admin log` for de {DEFAULT_COUNT} nyeste handlinger, "
    f"`/praktik admin log 50` for flere (højst {MAX_COUNT}) eller `/praktik admin log @person` "
    "for én persons handlinger."
)
COUNT_RANGE: Final = (
    f"Antallet skal være et helt tal fra 1 til {MAX_COUNT} – fx `/praktik admin log 50`."
)


def not_a_person(word: str) -> str:
    return (
        f"»{word}« er hverken et antal eller en person. Vælg personen med @ "
        "(fx `/praktik admin log @kim`), eller skriv personens Slack-bruger-id (fx U012ABC)."
    )


def nothing_by(who: str) -> str:
    return f"Loggen har ingen handlinger af {who}."


def summary(shown: int, total: int, who: str | None) -> str:
    by = f" af {who}" if who else ""
    if shown == total:
        return f"Alle {plural(total, 'handling', 'handlinger')}{by}, nyeste først."
    return f"De {shown} nyeste af {plural(total, 'handling', 'handlinger')}{by}."


def cli_actor(account: str) -> str:
    return f"kommandolinjen ({account})"


# What each action was, as a sentence's predicate ("Kim <eksporterede …>"): plain text, as
# the CSV file holds it too; the log in Slack escapes it whole (it carries users' words).


def used_command(command: str) -> str:
    return f"brugte »/praktik admin {command}«" if command else "brugte »/praktik admin«"


EXPORTED_WHAT: Final = {
    "placements": "aftalerne og evalueringerne",
    "signups": "tilmeldingerne",
    "workshop": "workshoppens deltagerliste",
    "audit": "loggen over koordinatorernes handlinger",
}


def exported(what: str, year: int | None, file_format: str, counts: list[str]) -> str:
    season = f" for {year}" if year else ""
    inside = ", ".join([file_format.upper(), *counts])
    return f"eksporterede {what}{season} ({inside})"


def people(n: int) -> str:
    return plural(n, "person", "personer")


def placements(n: int) -> str:
    return plural(n, "aftale", "aftaler")


def entries(n: int) -> str:
    return plural(n, "handling", "handlinger")


def since(day: str) -> str:
    return f"fra {day}"


MODES: Final = {"stabil": "stabil", "flest": "flest"}


def match_sent(year: object, round_no: object, mode: object, proposals: int, unplaced: int) -> str:
    return (
        f"sendte matchrunde {round_no} for {year} ({mode}): "
        f"{plural(proposals, 'forslag', 'forslag')}, {unplaced} uden plads"
    )


STEER_KINDS: Final = {"lock": "låste", "place": "placerede", "forbid": "forbød"}


def steered(kind: str, wish: object, slot: object) -> str:
    verb = STEER_KINDS.get(kind, kind)
    return f"{verb} P{wish} og V{slot} i næste matchrunde"


def steer_cleared(wish: object) -> str:
    return f"fjernede styringen af P{wish} i næste matchrunde"


MATCH_PAGE: Final = "bladrede i matchforslagene"
MATCH_SEND_REFUSED: Final = "trykkede »Send forslag«"
WORKSHOP: Final = "planlagde workshoppen"


def workshop_invited(invited: int) -> str:
    return f"planlagde workshoppen og inviterede {plural(invited, 'deltager', 'deltagere')}"


ANNOUNCE: Final = "trykkede »Send« på en besked"


def announced(recipients: int, years: list[str]) -> str:
    seasons = f" i sæson {listing(years)}" if years else ""
    return f"sendte en besked til {plural(recipients, 'deltager', 'deltagere')}{seasons}"


def topic_added(topic: str, added: bool) -> str:
    return f"tilføjede emnet »{topic}«" if added else f"ville tilføje emnet »{topic}« (fandtes)"


SETTINGS: Final = {
    "signup_deadline": "tilmeldingsfristen",
    "proposal_days": "svarfristen (dage)",
    "manager_approval": "lederens godkendelse",
    "cross_sector_weight": "vægten for match på tværs af sektorer",
}


def setting_changed(field: str, value: str) -> str:
    return f"satte {SETTINGS.get(field, field)} til {value}"


def season_opened(year: object, opens_on: object) -> str:
    return f"åbnede sæson {year} (fra {opens_on})"


# `praktik audit --out FILE`
CSV_HEADER: Final = ("tidspunkt", "udført af", "handling", "tilladt", "beskrivelse", "detaljer")
YES: Final = "ja"
NO: Final = "nej"


def written(path: str, rows: int) -> str:
    return f"{entries(rows)} er skrevet til {path}."
