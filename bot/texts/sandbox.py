"""What `praktik sandbox` says to the person at the console, in Danish.

The app's own sentences live in `bot.texts`; these are the console's: its banner, help,
headings around what the bot shows, and its explanations when a line cannot be carried out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from bot.texts.dates import full_stop


class Preset(NamedTuple):
    handle: str
    real_name: str
    title: str
    coordinator: bool = False


# People who exist from the start; `/som <navn>` creates anyone else on first use.
PRESETS: Final[tuple[Preset, ...]] = (
    Preset("anna", "Anna Jensen", "Udviklingskonsulent"),
    Preset("bo", "Bo Hansen", "Klimakoordinator"),
    Preset("cecilie", "Cecilie Nielsen", "Bibliotekar"),
    Preset("dorte", "Dorte Madsen", "Kontorchef"),
    Preset("erik", "Erik Larsen", "Kommunaldirektør"),
    Preset("kim", "Kim Sørensen", "Koordinator, Center for Offentlig Innovation", True),
)
DEFAULT_PERSON: Final = "anna"
DEFAULT_TITLE: Final = "Offentligt ansat"

# --- start and stop ----------------------------------------------------------------------
TITLE: Final = "Praktikbot-sandkasse – den rigtige app over HTTP med et lokalt Slack"
DB_TEMPORARY: Final = "midlertidig, slettes når du afslutter"


def banner_details(year: str, now: str, database: str) -> str:
    return f"Sæson {year} · tid: {now} · database: {database}"


def banner_start(who: str) -> str:
    return (
        f"Du er {who}. Skift person med `/som bo`, skriv `/praktik hjælp` til appen "
        "eller `hjælp` for sandkassens kommandoer."
    )


BYE: Final = "Farvel."
STOPPED_STRICT: Final = "Stoppet (--strict): linjen ovenfor fejlede."

# --- console help ------------------------------------------------------------------------
HELP_TITLE: Final = "Sandkassens kommandoer"
HELP_LINES: Final[tuple[tuple[str, str], ...]] = (
    ("/som <navn>[, <titel>]", "vær en anden person (oprettes første gang)"),
    ("/praktik …", "send kommandoen til appen som den person, du er"),
    ("tryk <nr> [valg]", "tryk på knap nummer <nr> (eller vælg i en menu)"),
    ("udfyld <nr> <værdi>", "udfyld felt <nr> i den åbne dialog; flere valg adskilles med komma"),
    ("valg <nr>", "vis alle valgmuligheder i felt <nr>"),
    ("send", "send den åbne dialog"),
    ("luk", "luk den åbne dialog uden at sende"),
    ("hjem", "åbn appens fane Hjem"),
    (
        "vis [<n> | alle]",
        "vis de seneste beskeder igen (3, n eller alle) – også ældre knapper kan så trykkes",
    ),
    ("tid [<ÅÅÅÅ-MM-DD TT:MM> | +<n>d | +<n>t]", "vis eller flyt uret (planlagte beskeder sendes)"),
    ("hvem", "vis personerne i sandkassen"),
    ("ja / nej", "svar på en bekræftelse, som en knap beder om, før trykket sendes"),
    ("hjælp eller ?", "vis denne hjælp"),
    ("afslut", "afslut sandkassen (også Ctrl-D)"),
)
HELP_NOTES: Final[tuple[str, ...]] = (
    "Mens en dialog er åben, gælder numrene dialogens felter og knapper – ligesom i Slack.",
    "Valg skrives med deres tekst eller værdi, fx `udfyld 3 Ærø` eller `udfyld 5 man 13. sep., tir 14. sep.`.",
    "Skriv \\n for linjeskift i en tekst. Linjer, der starter med #, er kommentarer.",
)

# --- what the bot shows ------------------------------------------------------------------
HEADING_DM: Final = "── Besked fra Praktikbot ──"
HEADING_DM_UPDATED: Final = "── Besked fra Praktikbot (opdateret) ──"
HEADING_EPHEMERAL: Final = "── Kun synlig for dig ──"
HEADING_EPHEMERAL_UPDATED: Final = "── Kun synlig for dig (opdateret) ──"
MODAL_CLOSED: Final = "(Dialogen er lukket.)"
MODAL_HINT: Final = "Udfyld med `udfyld <nr> <værdi>`, send med `send`, luk med `luk`."
FOREIGN_BUTTON: Final = "[·] "  # a button only its recipient can press
NOTHING_ON_SCREEN: Final = "Der er intet på skærmen endnu."
FIELD_REQUIRED: Final = "Feltet skal udfyldes."
# What the Slack client itself says of a field before it sends the form (in Danish, as a
# Danish workspace's client does).
ENTER_NUMBER: Final = "Skriv et tal."
ENTER_WHOLE_NUMBER: Final = "Skriv et helt tal."


def at_least_characters(n: object) -> str:
    return f"Skal være mindst {n} tegn."


def at_most_characters(n: object) -> str:
    return f"Må højst være {n} tegn."


def at_least(low: object) -> str:
    return f"Skal være {low} eller mere."


def at_most(high: object) -> str:
    return f"Skal være {high} eller mindre."


MODAL_ERRORS: Final = "Dialogen blev ikke sendt – ret dette og send igen:"


def heading_to_other(name: str, *, updated: bool) -> str:
    return f"→ til {name} (opdateret):" if updated else f"→ til {name}:"


def long_select(count: int, number: int) -> str:
    return f"{count} valgmuligheder – skriv navnet, fx `udfyld {number} …`; `valg {number}` viser dem alle."


def filled(line: str) -> str:
    return f"✓ {line}"


def now_is(moment: str) -> str:
    return f"Tiden er nu {full_stop(moment)}"


def dispatching_at(moment: str) -> str:
    return f"⏰ {moment}"


NO_DISPATCHER: Final = (
    "(Ingen afsendelse af planlagte beskeder i denne version – kun uret er flyttet.)"
)


def dispatcher_unusable(reason: str) -> str:
    return f"(Afsendelsen af planlagte beskeder kunne ikke startes: {reason} – kun uret flyttes.)"


def you_are(name: str, title: str) -> str:
    return f"Du er nu {name} ({title})."


def new_person(name: str, handle: str, user_id: str) -> str:
    return f"Ny person i sandkassen: {name} (@{handle}, {user_id})."


def unread(count: int) -> str:
    return "1 ulæst:" if count == 1 else f"{count} ulæste:"


WHO_TITLE: Final = "Personer i sandkassen (* er dig, K er koordinator):"
MODAL_STILL_OPEN: Final = "Du har en åben dialog – skriv `vis` for at se den."

# --- explanations when a line cannot be carried out ---------------------------------------


def line_failed(number: int, reason: str) -> str:
    return f"Linje {number}: {reason}"


def unknown_command(word: str) -> str:
    return f"Det forstår jeg ikke: »{word}«. Skriv `hjælp` for at se kommandoerne."


def unknown_slash_command(command: str) -> str:
    return f"Slack kender ikke {command} her – appen har kun /praktik."


NEED_NAME: Final = "Skriv, hvem du vil være, fx `/som bo`."
NEED_NUMBER: Final = "Skriv et nummer fra skærmen, fx `tryk 1`."


def no_such_number(number: int) -> str:
    return f"Der er intet nummer {number} på skærmen. Skriv `vis` for at se numrene."


def not_a_button(number: int) -> str:
    return f"Nummer {number} er et felt – brug `udfyld {number} <værdi>`."


def not_an_input(number: int) -> str:
    return f"Nummer {number} er ikke et felt i dialogen."


def select_needs_choice(number: int) -> str:
    return f"Nummer {number} er en menu – skriv også, hvad du vælger: `tryk {number} <valg>`."


MODAL_IN_THE_WAY: Final = (
    "Du har en åben dialog – send den med `send` eller luk den med `luk` først."
)
NO_MODAL: Final = "Der er ingen åben dialog. Den åbnes fx med `/praktik tilbyd`."
BUTTON_GONE: Final = "Knappen findes ikke længere – beskeden er blevet ændret. Skriv `vis`."


def no_option(wanted: str, label: str, number: int) -> str:
    return f"»{wanted}« er ikke et valg i »{label}«. Skriv `valg {number}` for at se valgene."


def ambiguous_option(wanted: str, candidates: Sequence[str]) -> str:
    return f"»{wanted}« passer på flere valg: {', '.join(candidates)}. Skriv mere af navnet."


def no_options(label: str) -> str:
    return f"»{label}« har ingen valgmuligheder – skriv teksten direkte."


def unknown_person(wanted: str) -> str:
    return f"Ingen person hedder »{wanted}«. Skriv `hvem` for at se personerne, eller opret dem med `/som`."


def bad_date(wanted: str) -> str:
    return f"»{wanted}« er ikke en dato – skriv ÅÅÅÅ-MM-DD, fx 2027-09-13."


def bad_time(wanted: str) -> str:
    return f"»{wanted}« er ikke et tidspunkt – skriv ÅÅÅÅ-MM-DD TT:MM, fx `tid 2027-08-30 09:00`, eller `tid +3d`."


def time_backwards(now: str) -> str:
    return f"Uret kan kun gå frem – det er allerede {full_stop(now)}"


def app_http_error(status: int) -> str:
    return f"Appen svarede HTTP {status}; Slack viser brugeren en fejl (»dispatch_failed«)."


def submit_failed(status: int) -> str:
    return (
        f"Appen svarede HTTP {status} på dialogen; Slack viser en fejl, og dialogen bliver stående."
    )


def app_refused(detail: str) -> str:
    return f"Appens svar ville Slack ikke acceptere: {detail}"


def app_logged_errors(count: int) -> str:
    return f"Appen loggede {count} fejl (se stderr)."


def unexpected(detail: str) -> str:
    return f"Uventet fejl i sandkassen: {detail}"


# --- command line --------------------------------------------------------------------------


def bad_now_option(value: str) -> str:
    return f'--now: »{value}« er ikke et tidspunkt – skriv fx "2027-05-03 10:00".'


def bad_year(year: int) -> str:
    return f"--year: {year} er ikke et sæsonår – skriv fx 2027."


def script_missing(path: str) -> str:
    return f"--script: filen {path} findes ikke eller kan ikke læses."


def db_folder_missing(path: str) -> str:
    return f"--db: mappen til {path} findes ikke."


SHOW_ALL_WORDS: Final = ("alle", "all")


def bad_show(wanted: str) -> str:
    return f"»{wanted}« forstår jeg ikke – skriv `vis`, `vis 10` eller `vis alle`."
