"""The coordinator's hand on a round: locked, forbidden and hand-placed pairs (Slack and
the `praktik match` CSV columns `locked` and `forbidden`)."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural

# praktik match: the interns file's optional columns --------------------------------------
LOCKED_ONE_HOST: Final = "'locked' må kun nævne én vært"
LOCKED_AND_FORBIDDEN: Final = "værten i 'locked' står også i 'forbidden'"


def locked_over_capacity(host: str, count: int, capacity: int) -> str:
    return (
        f"{plural(count, 'praktikant', 'praktikanter')} er låst til vært '{host}', "
        f"som kun har {plural(capacity, 'plads', 'pladser')}"
    )


def steering_line(locked: int, forbidden: int) -> str:
    return f"Låst af koordinatoren: {locked} · forbudte par: {forbidden}"


# /praktik admin match lås|forbyd|placér|fjern -----------------------------------------
STEER_USAGE: Final = (
    "Styr næste runde med numrene fra oversigten: `/praktik admin match lås P12 V5` (behold "
    "parret), `… forbyd P12 V5` (foreslå aldrig parret), `… placér P12 V5` (placér "
    "praktikanten dér, også uden for ønskerne) og `… fjern P12` (glem det, du har sagt om P12)."
)


def not_waiting(wish: str) -> str:
    return f"{wish} venter ikke på en plads i denne runde (har en aftale, et forslag, eller findes ikke)."


def no_free_seat(slot: str) -> str:
    return f"{slot} har ingen ledige pladser i denne runde."


def seats_all_fixed(slot: str, free: int) -> str:
    if free == 1:
        return f"{slot} har 1 ledig plads, og den er allerede låst til en anden praktikant."
    return f"{slot} har {free} ledige pladser, og de er allerede låst til andre praktikanter."


def excluded_pair(wish: str, slot: str) -> str:
    return (
        f"{wish} kan ikke få {slot}: praktikanten har allerede anmodet om eller fået forslag om "
        "pladsen, eller det er praktikantens egen plads."
    )


AGAIN: Final = "Her er runden igen:"


def steered(verb: str, wish: str, slot: str | None) -> str:
    what = {
        "lock": f"{wish} → {slot} er låst",
        "place": f"{wish} er placeret hos {slot}",
        "forbid": f"{wish} → {slot} bliver aldrig foreslået",
        "clear": f"Det, du har sagt om {wish}, er glemt",
    }[verb]
    return f"{what}. {AGAIN}"


def replaced(wish: str, was: tuple[str, str], now: tuple[str, str]) -> str:
    """What a steer replaced, `was` and `now` as (verb, slot): "P12 → V5 var låst; nu er
    parret forbudt i stedet." """
    (old_verb, old_slot), (verb, slot) = was, now
    before = {
        "lock": f"{wish} → {old_slot} var låst",
        "place": f"{wish} var placeret hos {old_slot}",
        "forbid": f"{wish} → {old_slot} var forbudt",
    }[old_verb]
    if old_slot == slot:
        after = {
            "lock": "nu er parret låst",
            "place": f"nu er {wish} placeret dér",
            "forbid": "nu er parret forbudt",
        }[verb]
    else:
        after = {
            "lock": f"nu er {wish} låst til {slot}",
            "place": f"nu er {wish} placeret hos {slot}",
            "forbid": f"nu er {wish} → {slot} forbudt",
        }[verb]
    return f"{before}; {after} i stedet."


def steered_instead(lines: list[str]) -> str:
    return f"{' '.join(lines)} {AGAIN}"


# The named preview ---------------------------------------------------------------------
PAIRS_TITLE: Final = {"stabil": "Parrene (stabil)", "flest": "Parrene (flest)"}
UNPLACED_TITLE: Final = "Ikke placeret"
NOTHING_PLACED: Final = "Ingen par i denne måde."
LOCKED_MARK: Final = "🔒 låst"
PLACED_MARK: Final = "✋ placeret af dig"
CROSSES: Final = "på tværs"
SAME_SECTOR: Final = "samme sektor"
OFF_LIST: Final = "uden for ønskerne"
FORBIDDEN_TITLE: Final = "Forbudte par"
NEXT_PAGE: Final = "Næste side"
PREVIOUS_PAGE: Final = "Forrige side"


def named_intern(wish: str, name: str, workplace: str) -> str:
    return f"`{wish}` *{name}* ({workplace})"


def named_pair(intern: str, slot: str, workplace: str) -> str:
    """A pair in the preview: `intern` from named_intern, then the slot it gets."""
    return f"{intern} → `{slot}` *{workplace}*"


def named_forbidden(wish: str, name: str, slot: str, workplace: str) -> str:
    return f"`{wish}` *{name}* ↛ `{slot}` *{workplace}*"


def named_unplaced(intern: str, reason: str) -> str:
    return f"{intern} – {reason}"


def show_mode(mode: str) -> str:
    return f"Vis parrene for {mode}"


def nth_option(rank: int) -> str:
    return f"{rank}. ønske"


def page_of(page: int, pages: int) -> str:
    return f"Side {page} af {pages}"


def csv_sent(pairs: int) -> str:
    return f"Hele oversigten ({pairs} par i de to måder og de ikke placerede) er sendt til dig som CSV."


CSV_FAILED: Final = "Oversigten kunne ikke sendes som CSV lige nu."
CSV_HEADER: Final = (
    "måde",
    "praktikant-nr",
    "praktikant",
    "praktikantens arbejdsplads",
    "plads-nr",
    "værtens arbejdsplads",
    "dage",
    "ønske nr.",
    "på tværs af sektor",
    "styret",
    "årsag, hvis ikke placeret",
)


def csv_filename(year: int, round_no: int) -> str:
    return f"match-{year}-runde-{round_no}.csv"


def csv_title(year: int, round_no: int) -> str:
    return f"Match – runde {round_no} (sæson {year})"
