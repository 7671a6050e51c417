"""Retention of personal data: the coordinators' warning and `praktik retention`."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural

# What the tables' rows are called in `praktik retention`'s list.
TABLE_NAMES: Final = {
    "participant": "deltagere",
    "hostslot": "værtspladser",
    "wish": "praktikønsker",
    "proposal": "anmodninger og forslag",
    "checkin": "check-ins",
    "evaluation": "evalueringer",
    "outboxmessage": "DM'er",
    "auditentry": "logposter",
    "seasonsettings": "sæsonindstillinger",
    "matchsteer": "styringer af matchrunder",
    "workshop": "workshops",
    "workshopanswer": "workshopsvar",
    "dayschange": "dagsændringer",
    "topic": "emner (hvem der tilføjede)",
    "slackprofile": "profiler fra Slack",
    "dmchannel": "DM-kanaler",
    "homeopened": "åbnede Hjem-faner",
}


def warning(year: int, day: str) -> str:
    return (
        f"*Persondata fra sæson {year} anonymiseres {day}.* Navne, Slack-id'er, titler, "
        "fritekster, kommentarer, beskeder og workshopsvar fra sæsonen slettes; tallene "
        "bliver (antal efter sektor, region og udfald, vurderinger), så `admin stats "
        f"{year}` og årsrapporten virker som før. Se hvad der forsvinder med "
        "`praktik retention --dry-run`, og eksportér i dag, hvad I skal gemme."
    )


def season_line(year: int, day: str, state: str) -> str:
    return f"Sæson {year}: anonymiseres {day} – {state}"


def due_in(days: int) -> str:
    return f"om {plural(days, 'dag', 'dage')}"


DUE_NOW: Final = "dato nået, sker ved næste kørsel"


def done_on(day: str) -> str:
    return f"anonymiseret {day}"


def would_go(counts: str) -> str:
    return f"  forsvinder: {counts}"


NOTHING_LEFT: Final = "  intet personligt tilbage"
NO_SEASONS: Final = "Databasen har ingen sæsoner endnu."


def row_count(n: int, name: str) -> str:
    return f"{name}: {n}"


def anonymised(year: int, rows: int) -> str:
    return f"Sæson {year} er anonymiseret ({plural(rows, 'række', 'rækker')} ændret)."


NOTHING_DUE: Final = "Ingen sæson har nået sin dato for anonymisering; intet er ændret."
