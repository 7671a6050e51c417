"""The season's life: choosing a season by year, opening the next one, inviting people back,
and the season settings' checks."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural


# A year after a command: `/praktik admin stats 2027`, `/praktik status 2027`.
def err_year(example: int) -> str:
    """`example` is a year the command would take: the season in force, or the next one."""
    return f"Skriv året som fire cifre, fx `{example}`."


def no_such_season(year: int) -> str:
    return f"Der er ingen sæson {year} i Praktikbot."


ERASED_PERSON: Final = "En deltager, der har slettet sine data,"


def of_season(line: str, year: int) -> str:
    """A placement line from another season than the one shown."""
    return f"{line} _(sæson {year})_"


# Sign-ups between seasons --------------------------------------------------------------


def signup_not_open(year: int, opens: str) -> str:
    return (
        f"Tilmeldingen til Innovationspraktikken {year} er ikke åbnet endnu. "
        f"Den åbner senest {opens} – du får besked, hvis du var med i år."
    )


# /praktik admin sæson åbn ÅR [ÅÅÅÅ-MM-DD] ----------------------------------------------
OPEN_USAGE: Final = (
    "Åbn næste sæson med `/praktik admin sæson åbn ÅR` (i dag) "
    "eller `/praktik admin sæson åbn ÅR ÅÅÅÅ-MM-DD` (på en dato)."
)


def open_wrong_year(year: int, expected: int) -> str:
    return f"Den næste sæson er {expected}, ikke {year}."


def pinned(year: int) -> str:
    return (
        f"Praktikbot er sat til altid at køre sæson {year} (indstillingen PRAKTIK_YEAR). "
        "Ret indstillingen for at åbne en ny sæson."
    )


def already_open(year: int) -> str:
    return f"Sæson {year} er allerede åben."


def open_date_past(day: str) -> str:
    return f"Åbningsdatoen {day} er passeret. Vælg i dag eller en senere dato."


def open_date_too_late(day: str, latest: str) -> str:
    return (
        f"Åbningsdatoen {day} ligger efter {latest}, hvor sæsonen åbner af sig selv, "
        "fordi den forrige sæsons evaluering er slut."
    )


def opened(year: int, invited: int) -> str:
    return (
        f"Sæson {year} er åben for tilmelding. {plural(invited, 'deltager', 'deltagere')} fra sidste år "
        "får en invitation til at være med igen."
    )


def opens_planned(year: int, day: str, invited: int) -> str:
    return (
        f"Sæson {year} åbner for tilmelding {day}. {plural(invited, 'deltager', 'deltagere')} fra sidste år "
        "får en invitation den dag."
    )


# The invitation DM ---------------------------------------------------------------------


def invite(year: int) -> str:
    return (
        f"*Innovationspraktikken {year} er åben for tilmelding.* Du var med sidste år – "
        "vil du være med igen? Vi har udfyldt formularen med det, du skrev sidst, så du kun "
        "skal rette det, der er nyt."
    )


INVITE_AS_HOST: Final = "Ja, tilbyd en plads igen"
INVITE_AS_INTERN: Final = "Ja, registrér et ønske igen"


# Season settings: dates in the future and in the timeline's order ----------------------


def deadline_past(day: str, today: str) -> str:
    return f"Tilmeldingsfristen {day} er passeret (i dag er {today}). Vælg en senere dato."


def deadline_too_late(day: str, intros: str) -> str:
    return (
        f"Tilmeldingsfristen {day} ligger for sent: match og forslag skal være færdige, før "
        f"introduktionerne går ud {intros} (14 dage før uge 37)."
    )


def phase_passed(phase: str) -> str:
    return (
        f"Sæsonen er allerede i fasen »{phase}«: tilmeldingsfristen kan ikke længere flyttes, "
        "for det ville sende sæsonen en fase tilbage."
    )


SIGNUP_CLOSED_TITLE: Final = "Ikke åbnet endnu"
