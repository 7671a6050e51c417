"""The Danish sentences of the check-in and evaluation forms, `/praktik checkin` and their
refusals. The DMs that carry their buttons are in `bot.texts.timeline`."""

from __future__ import annotations

from typing import Final

from bot.texts.dates import full_stop
from bot.texts.grammar import genitive

# The check-in modal ---------------------------------------------------------------------
CHECKIN_TITLE: Final = "Hvordan gik det?"
SAVE: Final = "Gem"
CANCEL: Final = "Annullér"
CHECKIN_RATING: Final = "Din karakter til praktikken"
RATING_LABELS: Final = {
    5: "5 – rigtig godt",
    4: "4 – godt",
    3: "3 – nogenlunde",
    2: "2 – mindre godt",
    1: "1 – dårligt",
}
CHECKIN_COMMENT: Final = "Kommentar"
CHECKIN_COMMENT_HINT: Final = "Valgfrit: hvad gik godt, og hvad kunne være bedre?"
WHICH_PLACEMENT: Final = "Hvilken praktik?"


def checkin_about_intern(workplace: str) -> str:
    return f"Om din praktik hos *{workplace}*."


def checkin_about_host(name: str) -> str:
    return f"Om {genitive(name)} praktik hos dig."


def placement_option_host(intern: str) -> str:
    return f"{intern} hos dig"


def placement_option_intern(workplace: str) -> str:
    return f"Din praktik hos {workplace}"


# The evaluation modal ------------------------------------------------------------------
EVALUATION_TITLE: Final = "Evaluering"
BENEFIT_QUESTION: Final = "Fik du konkret udbytte?"
BENEFIT_LABELS: Final = {"ja": "Ja", "delvist": "Delvist", "nej": "Nej"}
RECOMMEND_QUESTION: Final = "Vil du anbefale det?"
RECOMMEND_HINT: Final = "0 = slet ikke, 10 = helt sikkert"
RECOMMEND_PLACEHOLDER: Final = "Vælg fra 0 til 10"
EVALUATION_TEXT: Final = "Er der andet, du vil fortælle os?"
EVALUATION_TEXT_HINT: Final = "Valgfrit. Koordinatoren læser alle svar."

# Form errors and refusals --------------------------------------------------------------
ERR_RATING: Final = "Vælg en karakter fra 1 til 5."
ERR_BENEFIT: Final = "Vælg ja, delvist eller nej."
ERR_RECOMMEND: Final = "Vælg et tal fra 0 til 10."
NOT_YOURS: Final = "Den knap er ikke til dig – kun værten og praktikanten kan svare på den."
UNKNOWN_PLACEMENT: Final = "Jeg kan ikke finde den praktik længere – den er måske aflyst."


# A template: the close date is filled in where the season is known (bot.views.refusals).
SEASON_CLOSED: Final = (
    "Sæsonen lukkede {closed_on}, så svarene kan ikke længere ændres. Tak for din hjælp!"
)


def season_closed(closed_on: str) -> str:
    return SEASON_CLOSED.format(closed_on=closed_on)


NO_PLACEMENT: Final = (
    "Du har ingen bekræftet praktik i år, så der er ikke noget at checke ind på. "
    "Find en plads med `/praktik find`, eller tilbyd en med `/praktik tilbyd`."
)


def not_started(first_day: str) -> str:
    return (
        f"Din praktik begynder {full_stop(first_day)} Check-in åbner den dag – og på sidste dag kl. 15 "
        "spørger jeg selv, hvordan det gik."
    )


def answer_saved(until: str) -> str:
    return f"Tak! Dit svar er gemt. Du kan ændre det indtil {until} med `/praktik checkin`."


NOT_OVER_YET: Final = "Praktikken er ikke slut endnu – evalueringen åbner, når den er."
