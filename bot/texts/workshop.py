"""The kick-off workshop: the coordinator's modal and overview, the invitation, the reminder."""

from __future__ import annotations

from datetime import time as dt_time
from typing import Final

from bot.texts import dates
from bot.texts.grammar import plural

MODAL_TITLE: Final = "Workshop"
MODAL_SUBMIT: Final = "Send invitation"
MODAL_CLOSE: Final = "Annullér"
MODAL_INTRO: Final = (
    "Årets praktikanter og værter mødes til workshop. Alle deltagere får en invitation med "
    "*Jeg kommer* / *Jeg kommer ikke*, og dem, der kommer, får en påmindelse dagen før."
)
LABEL_DAY: Final = "Dato"
LABEL_TIME: Final = "Tidspunkt"
LABEL_PLACE: Final = "Sted"
LABEL_NOTE: Final = "Til deltagerne (valgfrit)"
HINT_PLACE: Final = "Adresse og lokale, fx Slotsholmsgade 4, lokale 2.12"
ERR_DAY: Final = "Vælg en dato."
ERR_DAY_PAST: Final = "Datoen skal ligge efter i dag."


def err_day_late(week_begins: str) -> str:
    return f"Workshoppen skal ligge før praktikugen, der begynder {dates.full_stop(week_begins)}"


ERR_TIME: Final = "Vælg et tidspunkt."
ERR_PLACE: Final = "Skriv, hvor workshoppen er (højst 200 tegn)."
ERR_NOTE: Final = "Teksten må højst være 1.000 tegn."

COMING: Final = "Jeg kommer"
NOT_COMING: Final = "Jeg kommer ikke"


def when(day: str, time: str) -> str:
    """ "tor 10. jun. kl. 13.00": the workshop's "HH:MM" in the one date style."""
    return f"{day} {dates.clock(dt_time.fromisoformat(time))}"


def invitation(when_text: str, place: str) -> str:
    return (
        f"*Du er inviteret til Innovationspraktikkens workshop*\n"
        f"Årets praktikanter og værter mødes: {when_text}, {place}."
    )


def answered(coming: bool, until: str) -> str:
    said = COMING if coming else NOT_COMING
    return f"Dit svar: *{said}*. Du kan ændre det indtil {dates.full_stop(until)}"


def ask(until: str) -> str:
    return f"Kommer du? Du kan svare og ændre dit svar indtil {dates.full_stop(until)}"


def reminder(when_text: str, place: str) -> str:
    return f"*Påmindelse: workshop i morgen*\nVi ses {when_text}, {place}."


def moved(when_text: str, place: str) -> str:
    return (
        f"*Workshoppen er flyttet*\n"
        f"Ny tid og sted: {when_text}, {place}. Dit svar gælder stadig, og du kan ændre det i "
        f"invitationen."
    )


CLOSED: Final = "Workshoppen er i dag eller allerede holdt, så svaret kan ikke ændres længere."
UNKNOWN: Final = "Den workshop findes ikke længere."
NOT_INVITED: Final = "Invitationen var ikke til dig."


def _participants(count: int, new: str = "") -> str:
    return plural(count, f"{new}deltager", f"{new}deltagere")


def saved(invited: int, when_text: str) -> str:
    return f"Workshoppen {when_text} er gemt, og {_participants(invited)} får en invitation."


def updated(invited: int, when_text: str) -> str:
    new = (
        f" {_participants(invited, 'ny ' if invited == 1 else 'nye ')} får en invitation."
        if invited
        else ""
    )
    return f"Workshoppen er rettet til {when_text}.{new}"


NO_PARTICIPANTS: Final = "Ingen deltagere at invitere endnu – workshoppen er gemt."
NONE_YET: Final = "Der er ingen workshop for sæsonen endnu. `/praktik admin workshop` opretter den."


def overview_title(year: int) -> str:
    return f"Workshop {year}"


def overview(when_text: str, place: str, yes: int, no: int, waiting: int) -> str:
    return (
        f"*{when_text}, {place}*\n*{yes}* kommer · *{no}* kommer ikke · *{waiting}* har ikke svaret"
    )


def names(label: str, people: str) -> str:
    return f"*{label}:* {people or '–'}"


YES_LABEL: Final = "Kommer"
NO_LABEL: Final = "Kommer ikke"
WAITING_LABEL: Final = "Har ikke svaret"
STATUS_USAGE: Final = (
    "`/praktik admin workshop` – opret eller ret workshoppen · "
    "`/praktik admin workshop status` – hvem kommer"
)
USAGE: Final = "Skriv `/praktik admin workshop` eller `/praktik admin workshop status`."

# The export (one extra sheet) -------------------------------------------------------------
EXPORT_HEADER: Final = ("Slack-id", "Navn", "Svar", "Svaret")


def export_filename(year: int) -> str:
    return f"innovationspraktik-{year}-workshop.csv"


ANSWER_WORDS: Final = {True: "kommer", False: "kommer ikke", None: "ikke svaret"}


# Status and App Home --------------------------------------------------------------------
STATUS_HEADING: Final = "Workshop"


def status_line(when_text: str, place: str, answer: str) -> str:
    return f"{when_text}, {place}. Dit svar: *{answer}*."
