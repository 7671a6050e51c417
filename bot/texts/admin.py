"""The coordinators' texts: /praktik admin …"""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import noun, plural

NOT_COORDINATOR: Final = (
    "Kun koordinatorer kan bruge `/praktik admin`. Kontakt Center for Offentlig Innovation, "
    "hvis du skal have adgang."
)
HELP_TITLE: Final = "Koordinatorens kommandoer"
HELP_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("/praktik admin hjælp", "vis koordinatorens kommandoer"),
    ("/praktik admin match", "se forslag til match (stabil og flest) og send dem"),
    ("/praktik admin stats [år]", "tal for sæsonen med diagram"),
    ("/praktik admin eksport [år]", "aftaler og evalueringer som CSV"),
    ("/praktik admin sæson", "se og ret sæsonens datoer og indstillinger"),
    ("/praktik admin sæson åbn <år> [dato]", "åbn næste sæson for tilmelding, nu eller på en dato"),
    (
        "/praktik admin besked <tekst>",
        "send en besked til alle deltagere (også sidste sæsons, mens dens evaluering kører)",
    ),
    ("/praktik admin emner", "se emnelisten, og udvid den med `emne tilføj <navn>`"),
    (
        "/praktik admin workshop",
        "opret workshoppen og invitér alle; `workshop status` viser, hvem der kommer",
    ),
    ("/praktik admin rapport [år]", "årsrapporten som PDF og Markdown"),
    (
        "/praktik admin log [antal | @person]",
        "hvem der har gjort hvad som koordinator – tilladt og afvist, nyeste først",
    ),
)


def unknown(word: str) -> str:
    return f"Koordinatorkommandoen »{word}« findes ikke. Her er dem, der gør:"


# sæson --------------------------------------------------------------------------------
SEASON_TITLE: Final = "Sæsonen"
SEASON_USAGE: Final = (
    "Ret med `/praktik admin sæson frist ÅÅÅÅ-MM-DD`, `… svarfrist <dage>`, "
    "`… godkendelse til|fra` eller `… vægt <0–100>`. Åbn næste sæson med `… åbn ÅR`."
)
PHASES: Final = {
    "signup": "tilmelding",
    "matching": "match og forslag",
    "before_week": "op til uge 37",
    "during_week": "uge 37",
    "after_week": "evaluering og opfølgning",
    "closed": "afsluttet",
}
ON: Final = "til"
OFF: Final = "fra"


def season_facts(
    year: int, week: str, deadline: str, days: int, approval: bool, weight: int, phase: str
) -> str:
    return (
        f"*Sæson {year}* – nu: {phase}\n"
        f"*Uge 37:* {week}\n"
        f"*Tilmeldingsfrist:* {deadline}\n"
        f"*Svarfrist på forslag:* {plural(days, 'dag', 'dage')}\n"
        f"*Lederens godkendelse:* {'til' if approval else 'fra'}\n"
        f"*Vægt på tværgående match:* {weight}"
    )


SEASON_SAVED: Final = "Sæsonen er opdateret."
ERR_DATE: Final = "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-06-11."
ERR_DAYS: Final = "Svarfristen skal være et helt antal dage fra 1 til 60."
ERR_ON_OFF: Final = "Skriv `til` eller `fra`."
ERR_WEIGHT: Final = "Vægten skal være et helt tal fra 0 til 100."

# besked -------------------------------------------------------------------------------
ANNOUNCE_EMPTY: Final = "Skriv beskeden efter `/praktik admin besked`."
ANNOUNCE_TOO_LONG: Final = "Beskeden må højst være 1900 tegn."
ANNOUNCE_SEND: Final = "Send til alle"
ANNOUNCE_CONFIRM_TITLE: Final = "Send beskeden?"
ANNOUNCE_CONFIRM_YES: Final = "Ja, send"
ANNOUNCE_CONFIRM_NO: Final = "Fortryd"
ANNOUNCE_FROM: Final = "Besked fra koordinatoren"


def _seasons(years: tuple[int, ...]) -> str:
    return f"sæson {' og '.join(str(y) for y in sorted(years))}"


def announce_recipients(count: int, years: tuple[int, ...]) -> str:
    """Who one choice reaches, as the confirm dialog and the preview say it."""
    return f"Den sendes til *{count}* {noun(count, 'deltager', 'deltagere')} i {_seasons(years)}."


def announce_preview(count: int, years: tuple[int, ...]) -> str:
    return f"Sådan ser beskeden ud. {announce_recipients(count, years)}"


def announce_choose(
    current: int, current_count: int, last: int, last_count: int, closes: str
) -> str:
    """The preview while last season's evaluations and follow-up still run."""
    return (
        f"Sådan ser beskeden ud. Sæson {current} har *{current_count}* "
        f"{noun(current_count, 'deltager', 'deltagere')}; sæson {last}, hvis evaluering og "
        f"opfølgning løber til {closes}, har *{last_count}*. Vælg, hvem den skal sendes til."
    )


def announce_only(year: int) -> str:
    return f"Kun sæson {year}"


ANNOUNCE_BOTH: Final = "Begge sæsoner"


def announce_season_over(year: int) -> str:
    return (
        f"Sæson {year}s evaluering og opfølgning er slut, så beskeden blev ikke sendt. "
        "Skriv `/praktik admin besked <tekst>` igen for at sende den til den nuværende sæson."
    )


def announce_planned(count: int) -> str:
    return (
        f"Beskeden er lagt i kø til {plural(count, 'deltager', 'deltagere')} og sendes inden "
        "for sendetiden (hverdage 8–17)."
    )


ANNOUNCE_NONE: Final = "Der er ingen deltagere i sæsonen endnu, så beskeden blev ikke sendt."

# emner --------------------------------------------------------------------------------
TOPIC_INVALID: Final = "Skriv emnets navn (højst 60 tegn) efter `/praktik admin emne tilføj`."
TOPICS_USAGE: Final = "Brug `/praktik admin emner` for at se listen og `/praktik admin emne tilføj <navn>` for at udvide den."


def topics_list(names: str) -> str:
    return f"*Emner, værter og praktikanter kan vælge:*\n{names}\n\n{TOPICS_USAGE}"


def topic_added(name: str) -> str:
    return f"Emnet »{name}« er tilføjet. Det kan vælges i `/praktik tilbyd` og `/praktik find` fra nu af."


def topic_exists(name: str) -> str:
    return f"Emnet »{name}« findes allerede."
