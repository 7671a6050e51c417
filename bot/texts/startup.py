"""What the operator reads when a command cannot start: a setting that cannot work, a
database that does not answer, Slack refusing a token; and the lines of a start."""

from __future__ import annotations

from typing import Final

# --- settings (bot.process.config) ----------------------------------------------------------


def setting_missing(name: str) -> str:
    return f"Konfigurationsfejl: {name} mangler (sæt den i miljøet eller i .env)"


def setting_malformed(name: str, reason: str) -> str:
    return f"Konfigurationsfejl: {name} er ugyldig: {reason}"


NOT_A_WHOLE_NUMBER: Final = "skal være et helt tal"
NOT_TRUE_OR_FALSE: Final = "skal være true eller false"
BAD_VALUE: Final = "værdien kan ikke bruges"


def too_long(limit: int) -> str:
    return f"højst {limit} tegn"


def at_least(limit: object) -> str:
    return f"skal være mindst {limit}"


def at_most(limit: object) -> str:
    return f"skal være højst {limit}"


def not_a_user_id(user_id: str) -> str:
    return f"'{user_id}' er ikke et Slack-bruger-ID (U… eller W…)"


def unknown_time_zone(value: str) -> str:
    return f"ukendt tidszone '{value}' (fx Europe/Copenhagen)"


API_URL_SCHEME: Final = "skal begynde med http:// eller https://"
NOT_A_DATABASE_URL: Final = (
    "ikke en database-URL (fx postgresql://bruger@vært/db eller sqlite:///praktik.db)"
)


def unsupported_database(backend: str) -> str:
    return f"{backend}:// understøttes ikke (brug postgresql://… eller sqlite:///…)"


def driver_missing(driver: str, backend: str) -> str:
    return f"driveren {driver} er ikke installeret (brug {backend}://…)"


def sqlite_folder_missing(folder: str) -> str:
    return f"mappen {folder} til SQLite-filen findes ikke"


XOXB_EXPECTED: Final = "et bot-token begynder med xoxb- (OAuth & Permissions)"
XAPP_EXPECTED: Final = "et app-token begynder med xapp- (Basic Information)"
SIGNING_SHAPE: Final = "ikke Slacks signing secret (32 bogstaver og cifre, Basic Information)"
XAPP_MISSING: Final = "Konfigurationsfejl: SLACK_APP_TOKEN mangler (Socket Mode har brug for den)"
WORKERS_NEED_POSTGRES: Final = (
    "Flere serverprocesser kræver PostgreSQL (DATABASE_URL): SQLite lader kun én skrive ad gangen."
)


def app_token_refused(error: str) -> str:
    return (
        f"Konfigurationsfejl: Slack afviste SLACK_APP_TOKEN ({error}): der skal bruges et "
        "app-token (xapp-…) med connections:write"
    )


# --- the database (bot.process.startup, `praktik db upgrade`) -----------------------------------


def database_silent(url: str, reason: str) -> str:
    return f"Databasen {url} svarer ikke: {reason}"


def database_upgraded(url: str) -> str:
    return f"Databasen {url} er opdateret."


# Log lines while `serve` and `socket` wait for the database (%-style: the logging module
# formats them only when they are written).
DATABASE_RETRY: Final = "Databasen %s svarer ikke (%s); prøver igen om %g s"
DATABASE_ANSWERS: Final = "Databasen %s svarer"

# A start without coordinators (PRAKTIK_ADMINS empty): nobody can run a round or see the
# figures, and the app would otherwise say nothing about it.
NO_COORDINATORS: Final = (
    "Ingen koordinator: PRAKTIK_ADMINS er tom, så ingen kan bruge /praktik admin (sæt "
    "koordinatorernes Slack-bruger-ID'er, adskilt af komma)"
)

# `praktik socket` while Slack cannot be reached: one log line per try (%-style, as above).
SLACK_UNREACHABLE: Final = "Slack svarer ikke (%s); prøver igen om %g s"
SOCKET_RETRY: Final = "Forbindelsen til Slack mislykkedes (%s); prøver igen om %g s"
