"""Changing a confirmed placement's days when both sides agree, in Danish."""

from __future__ import annotations

from typing import Final

BUTTON: Final = "Ret dage"
TITLE: Final = "Ret praktikdagene"
SUBMIT: Final = "Send forslag"
CANCEL: Final = "Annullér"
DAYS_LABEL: Final = "Dage i praktik"
DAYS_HINT: Final = (
    "Kun de dage, værtspladsen tilbyder. Den anden part skal acceptere, før dagene ændres."
)
ACCEPT: Final = "Acceptér"
DECLINE: Final = "Afslå"


def intro(other: str, days: str) -> str:
    return f"Jeres aftalte dage nu: *{days}*. Vælg de nye dage; {other} bliver spurgt."


def asked(proposer: str, old: str, new: str) -> str:
    return (
        f"<@{proposer}> foreslår at ændre dagene til *{new}* (nu: {old}). "
        "Acceptér, så ændres aftalen og jeres kalendere; afslå, så gælder de aftalte dage."
    )


def sent(other: str, new: str) -> str:
    return f"Dit forslag om at ændre dagene til *{new}* er sendt til {other}. Du får besked, når der er svar."


def accepted_line(user: str) -> str:
    return f"✅ Accepteret af <@{user}> – dagene er ændret."


def declined_line(user: str) -> str:
    return f"Afslået af <@{user}> – de aftalte dage gælder."


def changed(new: str, old: str) -> str:
    return (
        f"✅ Jeres praktikdage er ændret til *{new}* (før: {old}). "
        "En opdatering til din kalender er vedhæftet, og påmindelserne følger de nye dage."
    )


def declined(user: str, old: str) -> str:
    return f"<@{user}> har afslået at ændre dagene. De aftalte dage gælder stadig: *{old}*."


THE_HOST: Final = "værten"

# The sentences of models.days_change.DaysRefusal, paired with its members in bot.views.refusals.
REFUSED_NOT_CONFIRMED: Final = "Aftalen er ikke længere bekræftet, så dagene kan ikke ændres."
REFUSED_NOT_YOURS: Final = "Det er ikke din aftale, så du kan ikke ændre dens dage."
REFUSED_NO_DAY: Final = "Vælg mindst én dag."
REFUSED_OUTSIDE_SLOT: Final = "Vælg kun dage, som værtspladsen tilbyder."
REFUSED_SAME_DAYS: Final = "Det er de dage, I allerede har aftalt – vælg andre dage eller annullér."
REFUSED_OWN_PROPOSAL: Final = "Det er dit eget forslag – den anden part skal svare på det."
REFUSED_SUPERSEDED: Final = (
    "Forslaget er erstattet af et nyere eller af en ændring af aftalen, så intet er ændret."
)
REFUSED_BEGUN: Final = "Praktikken er allerede begyndt eller overstået, så dagene kan ikke ændres."

COMMENT_UPDATE: Final = (
    "Opdatering: jeres praktikdage er ændret. Åbn filen, så viser din kalender de nye dage, "
    "og de dage, der ikke længere er praktikdage, står som aflyst."
)


def filename_update(year: int) -> str:
    return f"innovationspraktik-{year}-opdatering.ics"
