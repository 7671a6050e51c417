"""The Danish sentences of the season's timeline: the scheduled DMs before and after the
placement. The check-in and evaluation forms are in `bot.texts.feedback`."""

from __future__ import annotations

from typing import Final

from bot.texts.dates import full_stop
from bot.texts.grammar import genitive, noun


# Field labels shared by the DMs ---------------------------------------------------------
def your_hosts(count: int) -> str:
    return noun(count, "Din vært", "Dine værter")


YOUR_INTERN: Final = "Din praktikant"
WORKPLACE: Final = "Arbejdsplads"
TITLE_AND_WORKPLACE: Final = "Stilling og arbejdsplads"
PLACE: Final = "Sted"
DAYS: Final = "Dage"
FIRST_DAY: Final = "Første dag"
CONTACT: Final = "Kontakt"
INTERN_WISH: Final = "Praktikantens ønske"
HOST_DESCRIPTION: Final = "Det skriver værten om pladsen"

# T−14 days: introduce each other -------------------------------------------------------


def intro_intern(workplace: str, days: str, hosts: int = 1) -> str:
    here = noun(hosts, "Her er din vært.", "Her er dine værter.")
    return (
        f"👋 Om to uger er du i praktik hos *{workplace}* – {full_stop(days)} {here} "
        "Tag kontakt, sig hej, og aftal programmet og de dage, I ses."
    )


def intro_host(intern: str, days: str) -> str:
    return (
        f"👋 Om to uger kommer {intern} i praktik hos dig – {full_stop(days)} Her er din praktikant. "
        "Tag kontakt, sig hej, og aftal programmet og de dage, I ses."
    )


INTRO_TIP: Final = (
    "Et godt program blander det daglige arbejde med møder, hvor praktikanten kan spørge løs. "
    "Skriv gerne til hinanden her i Slack."
)

# Two working days before: the practical details ----------------------------------------


def practical_intern(workplace: str, first_day: str) -> str:
    return (
        f"🧭 Nu nærmer det sig: din praktik hos *{workplace}* begynder {full_stop(first_day)} "
        "Her er det praktiske."
    )


def practical_host(intern: str, first_day: str) -> str:
    return f"🧭 Nu nærmer det sig: {intern} begynder i praktik hos dig {full_stop(first_day)} Her er det praktiske."


PRACTICAL_ARRIVAL_INTERN: Final = (
    "Aftal mødetid og adresse med din vært, hvis I ikke allerede har gjort det – "
    "og husk at give besked hjemme på din egen arbejdsplads."
)
PRACTICAL_ARRIVAL_HOST: Final = "Send gerne praktikanten adresse, mødetid og hvem der tager imod, hvis I ikke allerede har aftalt det."
AGREEMENT_LINK: Final = "Hele aftalen kan I altid se med `/praktik status`."

# First day, 08:30: welcome -------------------------------------------------------------


def welcome_intern(workplace: str) -> str:
    return (
        f"🌱 God praktik i dag hos *{workplace}*! Vær nysgerrig, stil spørgsmål og tag noter "
        "– på sidste dag spørger jeg, hvordan det gik."
    )


def welcome_host(intern: str) -> str:
    return f"🌱 I dag kommer {intern} i praktik hos dig. Tak, fordi du er vært – god fornøjelse!"


# Last day, 15:00: the check-in ---------------------------------------------------------


def checkin_intern(workplace: str) -> str:
    return f"🙌 Din praktik hos *{workplace}* slutter i dag. *Hvordan gik det?* Giv praktikken en karakter fra 1 til 5."


def checkin_host(name: str, mention: str) -> str:
    return (
        f"🙌 {genitive(name)} praktik hos dig slutter i dag ({mention}). *Hvordan gik det?* "
        "Giv praktikken en karakter fra 1 til 5."
    )


CHECKIN_SCALE: Final = "1 = dårligt · 5 = rigtig godt"
ADD_COMMENT: Final = "Tilføj kommentar"
EDIT_COMMENT: Final = "Ret kommentar"


def checkin_answered(rating: int, until: str) -> str:
    return f"✅ Du har svaret *{rating}* – tak! Du kan ændre dit svar indtil {full_stop(until)}"


# Three working days after: the evaluation ----------------------------------------------


def evaluation_intern(workplace: str) -> str:
    return (
        f"📝 Tak for din praktik hos *{workplace}*! Hjælp os med at gøre Innovationspraktikken "
        "bedre: et par korte spørgsmål om dine mål, udbytte, anbefaling og hvad du tager med hjem."
    )


def evaluation_host(intern: str) -> str:
    return (
        f"📝 Tak, fordi du var vært for {intern}! Hjælp os med at gøre Innovationspraktikken "
        "bedre: et par korte spørgsmål om udbytte, anbefaling og hvad besøget gav jer."
    )


EVALUATE: Final = "Evaluér"
EDIT_EVALUATION: Final = "Ret evaluering"


def evaluation_answered(until: str) -> str:
    return f"✅ Tak for din evaluering! Du kan rette den indtil {full_stop(until)}"


# 90 days after: follow-up ---------------------------------------------------------------


def followup_intern(host: str, workplace: str) -> str:
    return (
        f"🔁 Det er tre måneder siden din praktik hos *{workplace}*. Har du brugt det, du lærte? "
        f"Hold kontakten med {host} – netværket på tværs er noget af det bedste, praktikken giver."
    )


# The other side has erased their data: no name, no mention, no "keep in touch". The intern
# knows where she was; her DMs ("God praktik i dag hos *…*", "Tak for din praktik hos *…*")
# say it without a name rather than dwell on the erasure.
ERASED_SIDE: Final = "en deltager, der har slettet sine data"
ERASED_WORKPLACE: Final = "din værts arbejdsplads"
FOLLOWUP_INTERN_ALONE: Final = (
    "🔁 Det er tre måneder siden din praktik. Har du brugt det, du lærte? Netværket på tværs "
    "er noget af det bedste, praktikken giver: find andre deltagere med `/praktik netværk`."
)
FOLLOWUP_HOST_ALONE: Final = (
    "🔁 Det er tre måneder siden, du var vært i Innovationspraktikken. Har du brugt det, du "
    "lærte af at være vært? Netværket på tværs er noget af det bedste, praktikken giver: find "
    "andre deltagere med `/praktik netværk`."
)


def followup_host(intern: str) -> str:
    return (
        f"🔁 Det er tre måneder siden, {intern} var i praktik hos dig. Har du brugt det, du lærte "
        "af at være vært? Hold kontakten – netværket på tværs er noget af det bedste, praktikken giver."
    )
