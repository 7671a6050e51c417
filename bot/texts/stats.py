"""The coordinators' figures: /praktik admin stats, the chart, App Home and the export."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import noun, plural
from bot.texts.rounds import number, pct

SECTORS: Final = {"stat": "Stat", "region": "Region", "kommune": "Kommune", "": "Ikke oplyst"}
CROSS_SECTOR_2017: Final = 28  # per cent of the 2017 participants who crossed sector


def title(year: int) -> str:
    return f"Innovationspraktikken {year} i tal"


def by_sector(counts: dict[str, int]) -> str:
    parts = [f"{SECTORS.get(k, k)} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    return ", ".join(parts) or "ingen endnu"


def signups(hosts: int, seats: int, host_sectors: str, interns: int, intern_sectors: str) -> str:
    return (
        f"*Tilmeldte*\n{plural(hosts, 'vært', 'værter')} med {plural(seats, 'plads', 'pladser')} "
        f"({host_sectors})\n{plural(interns, 'praktikant', 'praktikanter')} ({intern_sectors})"
    )


def placements(placed: int, hosts: int, pending: int) -> str:
    waiting = f"\n{pending} forslag venter på svar" if pending else ""
    confirmed = plural(placed, "bekræftet", "bekræftede")
    return f"*Aftaler*\n{confirmed} hos {plural(hosts, 'vært', 'værter')}{waiting}"


def cross_sector(share: float | None, crossing: int, known: int) -> str:
    shown = pct(share) if share is not None else "–"
    return (
        f"*På tværs af sektor*\n{shown} ({crossing} af {known})\n"
        f"_2017: {CROSS_SECTOR_2017} % af deltagerne_"
    )


def acceptance(share: float | None, confirmed: int, decided: int) -> str:
    shown = pct(share) if share is not None else "–"
    return f"*Forslag accepteret*\n{shown} ({confirmed} af {decided} afgjorte)"


def checkin(average: float | None, count: int) -> str:
    shown = f"{number(average)} af 5" if average is not None else "–"
    return f"*Check-in*\n{shown} ({count} svar)"


def benefit(share: float | None, partly: float | None, count: int) -> str:
    shown = pct(share) if share is not None else "–"
    more = f", delvist {pct(partly)}" if partly is not None else ""
    return f"*Konkret udbytte*\nja {shown}{more} ({count} svar)\n_2017: 3 ud af 4_"


def recommend(share: float | None, nps: float | None) -> str:
    shown = pct(share) if share is not None else "–"
    score = f"{nps:+.0f}" if nps is not None else "–"
    return f"*Vil anbefale det (9–10)*\n{shown} · NPS {score}\n_2017: over 9 ud af 10_"


CHART_SENT: Final = "Diagrammet er sendt til dig som besked."
CHART_FAILED: Final = "Diagrammet kunne ikke sendes lige nu. Prøv igen om lidt."


def chart_alt(year: int, placed: int) -> str:
    return (
        f"Diagram for sæson {year}: nøgletal mod sidste år og 2017, "
        f"{plural(placed, 'aftale', 'aftaler')} fordelt på praktikantens og værtens sektor, "
        "hvordan forslagene endte, hvor godt aftalerne passer til praktikanternes ønsker, "
        "hvor langt praktikanterne nåede deres mål, og hvad der blev omsat til praksis."
    )


def chart_comment(year: int) -> str:
    return f"Statistik for Innovationspraktikken {year}"


# App Home: the coordinators' section --------------------------------------------------------
HOME_HEADER: Final = "Koordinator"


def home_summary(hosts: int, seats: int, interns: int, placed: int, pending: int) -> str:
    return (
        f"*{hosts}* {noun(hosts, 'vært', 'værter')} med *{seats}* {noun(seats, 'plads', 'pladser')}"
        f" · *{interns}* {noun(interns, 'praktikant', 'praktikanter')} · "
        f"*{placed}* {noun(placed, 'aftale', 'aftaler')} · *{pending}* forslag venter på svar"
    )


def home_figures(cross: str, acceptance: str, nps: str) -> str:
    return f"På tværs af sektor: {cross} (2017: {CROSS_SECTOR_2017} %) · Accepteret: {acceptance} · NPS: {nps}"


FAILED_SHOWN = 10  # failed DMs listed by name in /praktik admin stats
FAILED_REASONS: Final = {
    "user_not_found": "findes ikke (længere) i Slack",
    "account_inactive": "kontoen er lukket",
    "user_disabled": "brugeren er deaktiveret",
    "channel_not_found": "samtalen findes ikke",
    "not_prepared": "appen kunne ikke gøre beskeden klar (en fejl i appen; driftsloggen viser den)",
}


def failed_header(count: int) -> str:
    return f"*Beskeder, der ikke kunne leveres: {count}*"


def failed_line(user: str, kind: str, reason: str) -> str:
    # The outbox stores "<reason> (after N attempts)" for a DM that used up its attempts.
    cause, after, tries = reason.partition(" (after ")
    shown = FAILED_REASONS.get(cause, cause)
    if after:
        shown += f" (efter {tries.split(' ')[0]} forsøg)"
    return f"<@{user}> · {kind} · {shown}"


def failed_more(count: int) -> str:
    return f"… og {count} flere (`praktik outbox --status fejlet` viser dem alle)"


def home_failed(count: int) -> str:
    return f":warning: {plural(count, 'besked', 'beskeder')} kunne ikke leveres – se `/praktik admin stats`."


HOME_HINT: Final = (
    "`/praktik admin match` – næste runde · `/praktik admin stats` – tal og diagram · "
    "`/praktik admin eksport` – aftaler som CSV"
)

# Export -------------------------------------------------------------------------------------
EXPORT_HEADER: Final = (
    "Aftale",
    "Status",
    "Oprindelse",
    "Runde",
    "Bekræftet",
    "Dage",
    "Vært",
    "Værtens Slack-id",
    "Arbejdsplads",
    "Værtens sektor",
    "Kommune",
    "Region",
    "Praktikant",
    "Praktikantens Slack-id",
    "Praktikantens arbejdsplads",
    "Praktikantens sektor",
    "På tværs af sektor",
    "Check-in vært (1-5)",
    "Check-in praktikant (1-5)",
    "Udbytte vært",
    "Udbytte praktikant",
    "Anbefaling vært (0-10)",
    "Anbefaling praktikant (0-10)",
    "Evaluering vært",
    "Evaluering praktikant",
)
STATUS: Final = {"confirmed": "bekræftet", "withdrawn": "trukket tilbage"}
ORIGIN: Final = {"request": "anmodning", "match": "match"}
YES: Final = "ja"
NO: Final = "nej"


def export_filename(year: int) -> str:
    return f"innovationspraktik-{year}-aftaler.csv"


def export_title(year: int) -> str:
    return f"Aftaler og evalueringer {year}"


def export_sent(rows: int) -> str:
    return f"Eksporten med {plural(rows, 'aftale', 'aftaler')} er sendt til dig som besked (CSV til Excel)."


EXPORT_FAILED: Final = "Eksporten kunne ikke sendes lige nu. Prøv igen om lidt."
