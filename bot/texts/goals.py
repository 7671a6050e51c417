"""The Danish sentences of the learning goals: the wish modal's question, where the host
side reads them, refining them for a placement, and the evaluation and follow-up against
them. The figures' words are in `bot.texts.goal_figures`."""

from __future__ import annotations

from typing import Final

from bot.texts.dates import full_stop

# The wish modal, the request and the proposal -------------------------------------------
WISH_GOALS: Final = "Hvad vil du gerne lære eller se?"
WISH_GOALS_HINT: Final = (
    "Valgfrit. Værten ser det, når du anmoder om en plads eller får et forslag, og du kan "
    "rette det for din praktik, når den er aftalt."
)
INTERN_GOALS: Final = "Praktikantens mål"
YOUR_GOALS: Final = "Dine mål"
NO_GOALS: Final = "Ingen mål skrevet endnu."

# Refining them -----------------------------------------------------------------------------
EDIT_GOALS: Final = "Ret mine mål"
GOALS_TITLE: Final = "Mine mål"
GOALS_SAVE: Final = "Gem"
GOALS_CANCEL: Final = "Annullér"
GOALS_LABEL: Final = "Hvad vil du gerne lære eller se?"
GOALS_HINT: Final = "Dine værter får besked, når du har rettet dine mål."
ERR_GOALS_EMPTY: Final = "Skriv mindst ét mål – eller luk vinduet for at beholde de gamle."


def goals_about(workplace: str) -> str:
    return f"Dine mål for din praktik hos *{workplace}*."


GOALS_SAVED: Final = (
    "✅ Dine mål er gemt, og dine værter får besked. Du kan rette dem, indtil du har "
    "evalueret praktikken."
)


GOALS_UNCHANGED: Final = "Dine mål er de samme som før – der er ikke sendt noget til værten."
GOALS_TOO_LATE: Final = (
    "Du har evalueret praktikken ud fra dine mål, så de kan ikke længere rettes."
)
GOALS_NOT_PLACED: Final = "Målene hører til en aftalt praktik – den her er ikke aftalt (længere)."
GOALS_NOT_YOURS: Final = "Det er kun praktikanten, der kan rette sine mål."


def goals_changed_host(intern: str, workplace: str) -> str:
    return f"🎯 {intern} har rettet sine mål for praktikken hos *{workplace}*:"


# The evaluation against the goals --------------------------------------------------------
GOALS_MET: Final = "Hvor langt nåede du dine mål?"
GOALS_MET_LABELS: Final = {
    5: "5 – helt",
    4: "4 – for det meste",
    3: "3 – delvist",
    2: "2 – lidt",
    1: "1 – slet ikke",
}
ERR_GOALS_MET: Final = "Vælg fra 1 til 5, hvor langt du nåede dine mål."
TAKE_HOME: Final = "Hvad tager du med hjem?"
TAKE_HOME_HINT: Final = "Valgfrit: en idé, en arbejdsgang, et menneske, du vil holde kontakten med."
INSPIRATION: Final = "Hvad gav besøget jer? (gensidig inspiration)"
INSPIRATION_HINT: Final = "Valgfrit: hvad I selv lærte eller fik øje på, mens I viste frem."
QUOTE_LABEL: Final = "Citat"
QUOTE_OK: Final = "COI må citere mit svar anonymt"
QUOTE_HINT: Final = "Uden navn og arbejdsplads, fx i sæsonrapporten."


def goals_shown(goals: str) -> str:
    return f"*Dine mål:*\n{goals}"


# The 90-day follow-up ---------------------------------------------------------------------
FOLLOWUP_TITLE: Final = "Opfølgning"
FOLLOWUP_ANSWER: Final = "Svar"
FOLLOWUP_EDIT: Final = "Ret svar"
PRACTISED: Final = "Har du omsat noget fra praktikken til praksis?"
PRACTISED_LABELS: Final = {"ja": "Ja", "delvist": "Delvist", "nej": "Nej"}
ERR_PRACTISED: Final = "Vælg ja, delvist eller nej."
PRACTISED_WHAT: Final = "Hvad?"
PRACTISED_WHAT_HINT: Final = "Valgfrit: hvad har du gjort anderledes, eller hvad er på vej?"


def followup_answered(until: str) -> str:
    return f"✅ Tak for dit svar! Du kan rette det indtil {full_stop(until)}"


# The goals' columns as `/praktik mine-data` names them.
EXPORT_KEYS: Final = {
    "goals": "mål",
    "goals_updated_at": "mål rettet",
    "goals_met": "mål nået (1–5)",
}
