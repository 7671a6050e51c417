"""The programme for the placement's days, written by the host side, in Danish."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import noun

WRITE: Final = "Skriv programmet"
EDIT: Final = "Ret programmet"
TITLE: Final = "Programmet for dagene"
SUBMIT: Final = "Gem programmet"
CANCEL: Final = "Annullér"


def intro(intern: str, days: str) -> str:
    return (
        f"Skriv, hvad {intern} skal opleve: for hver dag hvad der sker, og gerne hvornår og "
        f"hvor. Dagene: *{days}*. Praktikanten får besked, når du gemmer."
    )


def day_text(day: str) -> str:
    return f"{day}: hvad sker der?"


def day_time(day: str) -> str:
    return f"{day}: tidspunkt"


def day_place(day: str) -> str:
    return f"{day}: sted"


TIME_HINT: Final = "Fx 9.00–15.30"
PRACTICAL: Final = "Det praktiske"
ADDRESS: Final = "Adresse"
MEETING_POINT: Final = "Mødested"
MEETING_POINT_HINT: Final = "Fx receptionen i stueetagen – hvem tager imod?"
PHONE: Final = "Kontakttelefon"
PHONE_HINT: Final = "Et dansk nummer, fx 12 34 56 78 eller +45 12 34 56 78"
ALSO_FOR: Final = "Brug også for"
ALSO_FOR_HINT: Final = (
    "Har du flere praktikanter, kan de få samme program. Hver får kun de dage, hun kommer."
)
ALSO_FOR_PLACEHOLDER: Final = "Vælg praktikanter"


def too_long(limit: int) -> str:
    return f"Højst {limit:,} tegn – forkort teksten.".replace(",", ".")


EMPTY: Final = "Skriv mindst én dags program eller noget praktisk, før du gemmer."
PHONE_FAULT: Final = "Det ligner ikke et dansk telefonnummer: skriv 8 cifre, gerne med +45 foran."
ALSO_FOR_FAULT: Final = "En af de valgte praktikanter kan ikke længere få programmet."

# The sentences of models.programme.ProgrammeRefusal, paired with its members in bot.views.refusals.
REFUSED_NOT_YOURS: Final = "Kun værten og medværten kan skrive programmet for praktikken."
REFUSED_TOO_LATE: Final = (
    "Praktikken er begyndt eller overstået, så programmet kan ikke længere ændres."
)
REFUSED_NOT_CONFIRMED: Final = (
    "Aftalen er ikke længere bekræftet, så der er intet program at skrive."
)
REFUSED_NOT_NOW: Final = "Programmet kan ikke skrives lige nu."


def saved(count: int) -> str:
    which = noun(count, "praktikant", "praktikanter")
    return (
        f"✅ Programmet er gemt for {count} {which}. Praktikanten får besked om lidt, og "
        "kalenderen er opdateret."
    )


def changed(workplace: str) -> str:
    return f"📋 Din vært hos *{workplace}* har skrevet eller ændret programmet for dine dage:"


def reminder(intern: str) -> str:
    return (
        f"📋 Om en uge kommer {intern} i praktik, og programmet for dagene mangler endnu. "
        "Skriv det her, så praktikanten ved, hvad der venter, og kalenderen viser det."
    )


HEADING: Final = "Programmet"
MISSING_INTERN: Final = "Værten har endnu ikke skrevet programmet."
MISSING_HOST: Final = "Programmet er ikke skrevet endnu."
NO_DAY: Final = "Intet program for denne dag."


def day_line(day: str, when: str, where: str) -> str:
    extra = " · ".join(p for p in (when, where) if p)
    return f"*{day}*" + (f" ({extra})" if extra else "")


def practical_line(label: str, value: str) -> str:
    return f"*{label}:* {value}"


# The calendar: each day's programme in its event -----------------------------------------
def calendar_day(text: str, when: str) -> str:
    return f"Program ({when}): {text}" if when else f"Program: {text}"


def calendar_practical(address: str, meeting_point: str, phone: str) -> str:
    parts = [
        f"{label}: {value}"
        for label, value in ((ADDRESS, address), (MEETING_POINT, meeting_point), (PHONE, phone))
        if value
    ]
    return "\n".join(parts)


COMMENT_UPDATE: Final = (
    "Opdatering: programmet for jeres praktikdage er ændret. Åbn filen, så viser din kalender "
    "dagens program og sted."
)


def filename_update(year: int) -> str:
    return f"innovationspraktik-{year}-program.ics"
