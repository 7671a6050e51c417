"""The `praktik` command line in Danish: argparse's own messages and every option's help."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural

# argparse's messages (Python 3.11's msgids), routed through bot.entry.argparse_da. Every msgid
# argparse passes to gettext is here; tests/unit/test_cli_danish.py checks that against the
# argparse in use, so a new Python cannot bring an English sentence back unnoticed.
ARGPARSE: Final = {
    "usage: ": "brug: ",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    ".__call__() not defined": ".__call__() er ikke defineret",
    "conflicting subparser: %s": "kommandoen findes allerede: %s",
    "conflicting subparser alias: %s": "kommandonavnet findes allerede: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)"
    ),
    'argument "-" with mode %r': 'argumentet "-" i tilstanden %r',
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "cannot merge actions - two groups are named %r": (
        "kan ikke slå tilvalg sammen – to grupper hedder %r"
    ),
    "'required' is an invalid argument for positionals": (
        "'required' kan ikke bruges til argumenter uden navn"
    ),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "ugyldigt tilvalg %(option)r: skal begynde med tegnet %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "dest= skal angives for tilvalg som %r",
    "invalid conflict_resolution value: %r": "ugyldig værdi af conflict_resolution: %r",
    "mutually exclusive arguments must be optional": (
        "argumenter, der udelukker hinanden, skal være tilvalg"
    ),
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og stop",
    "cannot have multiple subparser arguments": "der kan kun være ét sæt kommandoer",
    "subcommands": "kommandoer",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "tager ingen værdi, men fik %r",
    "the following arguments are required: %s": "disse argumenter skal angives: %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "expected one argument": "mangler en værdi",
    "expected at most one argument": "tager højst én værdi",
    "expected at least one argument": "mangler mindst én værdi",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan være %(matches)s"
    ),
    "unexpected option string: %s": "uventet tilvalg: %s",
    "%r is not callable": "%r kan ikke kaldes",
    "invalid %(type)s value: %(value)r": "ugyldig værdi (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
}
# (singular, plural) -> (Danish singular, Danish plural)
ARGPARSE_PLURAL: Final = {
    ("conflicting option string: %s", "conflicting option strings: %s"): (
        "tilvalget findes allerede: %s",
        "tilvalgene findes allerede: %s",
    ),
    ("expected %s argument", "expected %s arguments"): (
        "mangler %s værdi",
        "mangler %s værdier",
    ),
}

# `praktik --help` and the commands' help -------------------------------------------------
# The placeholders argparse shows for a value (metavar).
METAVAR_COMMAND: Final = "KOMMANDO"
METAVAR_COUNT: Final = "N"
METAVAR_FILE: Final = "FIL"
METAVAR_DATE: Final = "DATO"
METAVAR_PATH: Final = "STI"
METAVAR_FOLDER: Final = "MAPPE"
METAVAR_YEAR: Final = "ÅR"
METAVAR_NOW: Final = "'ÅÅÅÅ-MM-DD TT:MM'"
METAVAR_HOSTS: Final = "VÆRTER.csv"
METAVAR_INTERNS: Final = "PRAKTIKANTER.csv"
METAVAR_WEIGHT: Final = "0-100"
DESCRIPTION: Final = "Praktikbot – Innovationspraktikken"
SERVE: Final = "kør appen over HTTP (POST /slack/events, GET /healthz)"
SERVE_WORKERS: Final = (
    "antal serverprocesser på samme port, kun med PostgreSQL "
    "(standard: PRAKTIK_WORKERS eller 1; én pr. kerne er en god start)"
)
WORKERS_RANGE: Final = "et helt tal fra 1 til 64"
SOCKET: Final = "kør appen i Socket Mode (SLACK_APP_TOKEN)"
SANDBOX: Final = "den rigtige app og et lokalt Slack i en tekstkonsol"
SANDBOX_SCRIPT: Final = "læs linjerne fra FIL ('-': stdin)"
SANDBOX_DB: Final = (
    "SQLite-fil, der gemmes mellem kørsler, eller en database-URL; migreres ved start "
    "(standard: en ny SQLite-fil i en midlertidig mappe, slettet til sidst)"
)
SANDBOX_YEAR: Final = "sæsonens år (standard: næste uge 37)"
SANDBOX_NOW: Final = (
    "starttidspunkt, dansk tid (standard: første hverdag fra 3. maj i sæsonen, kl. 10.00)"
)
SANDBOX_STRICT: Final = "stop med kode 1 ved en linje, der fejler"
SOCKET_TRANSPORT: Final = "appen over Socket Mode (som `praktik socket`) i stedet for HTTP"
DB: Final = "vedligehold af databasen"
REPORT: Final = "sæsonens rapport som PDF og Markdown (med diagram)"
RETENTION: Final = (
    "anonymisér sæsoner, hvis opbevaringsperiode er udløbet (PRAKTIK_RETENTION_MONTHS)"
)
RETENTION_DRY_RUN: Final = "vis hvad der forsvinder og hvornår, uden at ændre noget"
AUDIT: Final = "koordinatorernes handlinger (tilladte og afviste) som CSV, ældste først"
AUDIT_OUT: Final = "filen"
AUDIT_SINCE: Final = "kun handlinger fra denne dag (ÅÅÅÅ-MM-DD)"
AUDIT_SINCE_FORMAT: Final = "skal være en dato som 2027-09-01"
REPORT_OUT: Final = "mappe til filerne (standard: den aktuelle mappe)"
DB_URL: Final = "database-URL (standard: DATABASE_URL eller SQLite-filen)"
YEAR: Final = "sæsonens år (standard: PRAKTIK_YEAR eller næste uge 37)"
EXPORT: Final = "aftaler og evalueringer som CSV (til Excel: BOM og ';')"
EXPORT_OUT: Final = "filen (med --tilmeldinger: mappen)"
EXPORT_SIGNUPS: Final = (
    "tilmeldingerne i stedet: --out er en mappe, der får værter.csv og praktikanter.csv "
    "i det format, `praktik import` læser"
)
IMPORT: Final = "indlæs tilmeldingslister (CSV) med værter og praktikanter"
IMPORT_HOSTS: Final = "værternes liste"
IMPORT_INTERNS: Final = "praktikanternes liste"
MATCH: Final = "match tilmeldingslister (CSV) offline, uden databasen"
MATCH_MODE: Final = "stabil: ingen par, der hellere vil hinanden; flest: flest placerede"
MATCH_JSON: Final = "skriv resultatet som JSON"
MATCH_WEIGHT: Final = "vægt på tværgående match 0-100 (standard: 6)"
MATCH_PROGRESS: Final = "vis altid fremdrift på stderr"
DEMO: Final = "en hel sæson i sandkassen, med rapport"
DEMO_PARTICIPANTS: Final = "antal deltagere (standard 131)"
DEMO_SEED: Final = "startværdi for tilfældighederne"
DEMO_YEAR: Final = "sæsonens år (standard: næste uge 37)"
DEMO_OUT: Final = (
    "mappe til rapporten, diagrammet (PNG) og databasen (standard: en midlertidig mappe)"
)
OUTBOX: Final = "vis planlagte, sendte, fejlede og sprungne DM'er over (kræver kun databasen)"
OUTBOX_USER: Final = "kun DM'er til denne Slack-bruger (id)"
OUTBOX_KIND: Final = "kun denne slags (kan gentages)"
OUTBOX_STATUS: Final = "kun denne status (kan gentages)"
OUTBOX_YEAR: Final = "kun aftaler fra denne sæson"
OUTBOX_LIMIT: Final = "højst så mange linjer"

# `praktik outbox`: its table, and the Danish names of --kind and --status (English accepted)
OUTBOX_COLUMNS: Final = ("planlagt til", "sendt", "modtager", "slags", "status", "forsøg", "grund")
KIND_NAMES: Final = {
    "intro": "introduktion",
    "practical": "praktisk",
    "welcome": "velkomst",
    "checkin": "checkin",
    "evaluation": "evaluering",
    "followup": "opfølgning",
    "programme_reminder": "programpåmindelse",  # T−7, to the host side, if none is written
    "programme_changed": "programændring",  # the intern is told the programme changed
    "announcement": "besked",
    "invitation": "sæsoninvitation",  # invited back when the next season opens
    "workshop": "workshopinvitation",  # stored under the workshop's own name
    "workshop_reminder": "workshoppåmindelse",
    "workshop_moved": "workshopflytning",
    "expired": "udløbet",
    "request": "anmodning",
    "proposal": "forslag",
    "manager_request": "ledergodkendelse",
    "retention": "anonymisering",  # the coordinators' warning 14 days before
    "goals_changed": "mål",
    "newcomer": "nyankommen",  # the welcome to someone new in the workspace
}
# What a coordinator means by "invitation": both kinds (the table's column tells them apart).
KIND_GROUPS: Final = {
    "invitation": ("invitation", "workshop"),
    "invitationer": ("invitation", "workshop"),
}
STATUS_NAMES: Final = {
    "planned": "planlagt",
    "sending": "sendes",
    "sent": "sendt",
    "failed": "fejlet",
    "skipped": "oversprunget",
    "cancelled": "annulleret",
}


def unknown_value(what: str, value: str, names: list[str]) -> str:
    return f"ukendt {what} '{value}' (vælg mellem {', '.join(names)})"


def thousands(n: int) -> str:
    """1231 -> "1.231", as Danish writes it."""
    return f"{n:,}".replace(",", ".")


def outbox_total(count: int, summary: str, total: int | None = None) -> str:
    """The last line: how many are shown, per status; and of how many, when a limit cut the
    list short."""
    shown = plural(count, "DM", "DM'er")
    if total is not None and total > count:
        shown = f"{count} af {thousands(total)} DM'er vist (--limit {count})"
    return shown + (f": {summary}" if summary else "")


def outbox_unreadable(first: str) -> str:
    return f"Kan ikke læse udbakken ({first}); kør først `praktik db upgrade`?"
