"""`praktik demo`: the progress line and the season report, in Danish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.texts.grammar import genitive, plural

COORDINATOR_NAME: Final = "Karin Lund"
COORDINATOR_TITLE: Final = "Koordinator, Center for Offentlig Innovation"
ANNOUNCEMENT: Final = (
    "Om en måned er det uge 37. Tak fordi I er med i Innovationspraktikken – aftal gerne "
    "programmet med hinanden allerede nu."
)

WORKSHOP_TIME: Final = "13:00"
WORKSHOP_PLACE: Final = "Center for Offentlig Innovation, Slotsholmsgade 4, København K"
WORKSHOP_NOTE: Final = "Årets praktikanter og værter mødes: mød din vært eller praktikant, og hør, hvordan andre har grebet praktikken an."

# Phases (progress line and the timing table) ---------------------------------------------
PHASES: Final = {
    "start": "Start: ny database og appen over HTTP",
    "signup": "Tilmelding (/praktik tilbyd og /praktik find)",
    "requests": "Søgning og anmodninger",
    "round1": "Match, runde 1",
    "round2": "Match, runde 2",
    "workshop": "Workshop: invitation og svar",
    "season": "Uge 37 og opfølgning (dispatcher)",
    "network": "Netværket: tilvalg og en søgning",
    "stats": "Koordinatorens statistik og årsrapport",
}


def progress(phase: str, done: int, total: int, seconds: float) -> str:
    return f"{phase}: {done}/{total} ({seconds:.1f} s)"


def finished(seconds: float, report: str) -> str:
    return f"Færdig på {seconds:.1f} s. Rapporten er gemt i {report}"


BAD_PARTICIPANTS: Final = "--participants skal være et helt tal fra 2 til 100000."
BAD_YEAR: Final = "--year skal være et årstal fra 2000 til 2100."


def out_not_folder(path: str) -> str:
    return f"--out {path} findes og er ikke en mappe."


# The report ------------------------------------------------------------------------------


def title(year: int) -> str:
    return f"# Innovationspraktikken {year} – en hel sæson i Praktikbot (demo)"


def intro(participants: int, seed: int, started: str, ended: str) -> str:
    return (
        f"{participants} simulerede deltagere (frø {seed}), fra tilmeldingen {started} til "
        f"opfølgningen {ended}. Alt gik gennem appens rigtige HTTP-endepunkt med signerede "
        "forespørgsler, en ny SQLite-database og dispatcheren – som i drift, med en lokal "
        "Slack i stedet for den rigtige."
    )


def via(request: int, round1: int, round2: int) -> str:
    return f"Aftalerne kom i stand via egen anmodning / runde 1 / runde 2: {request} / {round1} / {round2}."


def participants(total: int, hosts: int, interns: int) -> str:
    return (
        f"{total} ({plural(hosts, 'vært', 'værter')}, "
        f"{plural(interns, 'praktikant', 'praktikanter')})"
    )


def colleague(host: str) -> str:
    return f"{genitive(host)} kollega"


def cohosts(slots: int, asks: int, confirmations: int, calendars: int) -> str:
    return (
        f"Medværter: {slots} værtspladser blev delt med en kollega. Medværterne fik {asks} "
        f"anmodninger og forslag med knapper, {confirmations} bekræftelser og {calendars} "
        "kalenderfiler – de samme beskeder som værten."
    )


def programmes(
    written: int,
    placements: int,
    *,
    saved: int,
    shared: int,
    by_cohost: int,
    after_reminder: int,
    reminded: int,
    told: int,
) -> str:
    return (
        f"Programmet for dagene: {written} af {placements} aftaler fik et program. Værtssiden "
        f"gemte det {plural(saved, 'gang', 'gange')}: {plural(shared, 'gang', 'gange')} for "
        f"flere praktikanter på én gang, {by_cohost} af medværten og {after_reminder} efter "
        f"påmindelsen (T−7), som gik {plural(reminded, 'gang', 'gange')} til værtssiden; "
        f"{plural(told, 'praktikant', 'praktikanter')} fik besked med programmet."
    )


def phone_slips(count: int) -> str:
    return (
        f"{plural(count, 'vært', 'værter')} skrev først et telefonnummer, der ikke er dansk, "
        "og fik det at vide i formularen."
    )


def workshop(coming: int, not_coming: int, invited: int, reminded: int) -> str:
    return (
        f"Workshoppen: {invited} fik en invitation, {coming} svarede *Jeg kommer* og "
        f"{not_coming} *Jeg kommer ikke*; {reminded} fik en påmindelse dagen før – kun dem, "
        "der kom."
    )


def reminders_wrong(reminded: int) -> str:
    return f"workshop: {reminded} påmindelser, men ikke til netop dem, der sagde ja"


ANSWERS: Final = "## Anmodninger og forslag"
COL_KIND: Final = "Slags"
COL_SENT: Final = "Modtaget"
COL_ACCEPT: Final = "Accepteret"
COL_FULL: Final = "Heraf for sent (pladsen var fuld)"
COL_DECLINE: Final = "Afslået"
COL_IGNORE: Final = "Ikke besvaret (udløber)"
ROW_REQUESTS: Final = "Anmodninger til værter"


def row_round(number: int) -> str:
    return f"Forslag, runde {number} (svar pr. side)"


def searches(searched: int, requested: int, refused: Mapping[str, int], told: int) -> str:
    why = "; ".join(f"{n} × «{reason}»" for reason, n in sorted(refused.items()))
    return (
        f"- Praktikanter, der selv søgte: {searched}\n"
        f"- Tryk på *Anmod*: {requested}"
        + (f", heraf afvist af appen med en forklaring: {why}" if refused else "")
        + "\n"
        f"- Praktikanter, der fik besked om, at de ikke fik et forslag i en runde "
        f"(med de pladser, der stadig var ledige): {told}"
    )


DMS: Final = "## Beskeder fra Praktikbot (DM'er fra udbakken)"
COL_DM: Final = "Besked"
COL_RECEIVED: Final = "Modtaget i Slack"
COL_SKIPPED: Final = "Sprunget over"
DM_LABELS: Final = {
    "intro": "Introduktion (T−14)",
    "practical": "Praktiske detaljer",
    "welcome": "God praktik (første dag)",
    "checkin": "Hvordan gik det? (sidste dag)",
    "evaluation": "Evaluering (+3 hverdage)",
    "followup": "Opfølgning (+90 dage)",
    "programme_reminder": "Påmindelse om programmet (T−7, værtssiden)",
    "programme_changed": "Programmet er skrevet eller ændret (til praktikanten)",
    "announcement": "Besked fra koordinatoren",
    "workshop": "Invitation til workshop",
    "workshop_reminder": "Påmindelse om workshop (dagen før)",
    "expired": "Fristen for at svare udløb (til hver side)",
}
TOTAL: Final = "I alt"
NOTHING_LEFT: Final = "Ingen planlagte beskeder står tilbage: alle er leveret."


def left_over(count: int) -> str:
    return f"{plural(count, 'planlagt besked', 'planlagte beskeder')} blev ikke leveret."


FAILURES: Final = "## Fejl"
NO_FAILURES: Final = (
    "Ingen: ingen fejl i appen, ingen afviste handlinger, ingen mislykkede beskeder."
)


def app_errors(count: int) -> str:
    return f"Appen loggede {count} fejl (se stderr)."


CHECK: Final = "## Kontrol mod databasen"
CHECK_OK: Final = (
    "Tallene ovenfor er talt på deltagernes side – det, de gjorde og så i Slack. Databasen "
    "giver de samme tal."
)


def mismatch(what: str, seen: object, stored: object) -> str:
    return f"{what}: deltagerne så {seen}, databasen siger {stored}"


TIMING: Final = "## Tid pr. fase"
COL_PHASE: Final = "Fase"
COL_SIMULATED: Final = "Simuleret tid"
COL_SECONDS: Final = "Sekunder"
COL_REQUESTS: Final = "Forespørgsler til appen"
COL_CALLS: Final = "Kald til Slack"


def per_second(requests: int, seconds: float) -> str:
    return f"{requests / seconds:.0f}/s" if seconds > 0 else "–"


CHART: Final = "## Koordinatorens diagram"
CHART_ALT: Final = "Statistik fra /praktik admin stats"
NO_CHART: Final = "Der kom intet diagram fra `/praktik admin stats`."


def season_report(name: str) -> str:
    return (
        f"Koordinatoren bad om årsrapporten med `/praktik admin rapport` og fik den som PDF "
        f"(gemt som {name}) og Markdown; dens nøgletal er afsnittet *Nøgletal* ovenfor."
    )


NO_SEASON_REPORT: Final = "Der kom ingen årsrapport fra `/praktik admin rapport`."
NOTES: Final = "## Bemærkninger"


def nothing_to_match(round_no: int) -> str:
    return f"Runde {round_no}: ingen praktikønsker ventede på en plads, så intet blev sendt."


SLOW: Final = "## Lange svar"
SLOW_INTRO: Final = (
    "Appen kvitterede straks (Slack venter højst 3 s), men arbejdede videre i mere end 30 s, "
    "før personen så resultatet:"
)


def slow(what: str, seconds: float) -> str:
    return f"{what}: {seconds:.0f} s"


# The network ---------------------------------------------------------------------------------


def network(opted_in: int, search: tuple[str, int, int] | None) -> str:
    line = f"**Netværket:** {opted_in} deltagere valgte at kunne findes som sparringspartnere."
    if search is None:
        return line
    query, found, members = search
    return (
        f"{line} En søgning på »{query}« viste {found}, alle med i netværket."
        if found == members
        else f"{line} En søgning på »{query}« viste {found}, heraf {members} med i netværket."
    )


def network_not_joined(user: str) -> str:
    return f"{user} bekræftede netværket, men fik ikke at vide, at det lykkedes"


def network_no_answer(query: str) -> str:
    return f"netværkssøgningen »{query}« fik intet svar"


def network_shown_outsiders(query: str, count: int) -> str:
    return f"netværkssøgningen »{query}« viste {count}, der ikke har valgt netværket"
