"""Texts for `/praktik privatliv`: what Praktikbot stores, why, who sees it, for how long.

The README's section for the data protection officer says the same, field by field
(tests/unit/test_privacy_readme.py holds the two together)."""

from __future__ import annotations

from typing import Final

TITLE: Final = "Sådan behandler Praktikbot dine data"
MODAL_TITLE: Final = "Om dine data"  # a modal's title: at most 24 characters
CLOSE: Final = "Luk"
LINK_TEXT: Final = "Læs om, hvad Praktikbot gemmer om dig, og hvor længe: `/praktik privatliv`."
LINK_BUTTON: Final = "Om dine data"

STORED_HEADING: Final = "Hvad gemmes"
STORED: Final = (
    "Når du tilbyder en værtsplads eller registrerer et praktikønske: dit navn og din "
    "stilling, som Slack kender dem, din arbejdsplads, sektor og kommune, de dage, emner, "
    "sektorer og regioner, du vælger, din beskrivelse eller fritekst, hvad du gerne vil lære "
    "eller se, en medvært og din leder, hvis du nævner dem. Desuden dine anmodninger, forslag "
    "og aftaler, ændringer af dagene, praktikantens mål for praktikken, det program for "
    "dagene, som værten skriver (hvad der sker, hvornår og hvor, adresse, mødested og et "
    "telefonnummer), dine svar på check-in, evaluering og opfølgning (og om vi må citere dig "
    "anonymt), dit svar om workshoppen og de beskeder, Praktikbot sender dig.\n"
    "Kun hvis du selv vælger at være med i netværket (`/praktik netværk til`): en kopi af dit "
    "navn, din stilling, arbejdsplads, sektor, kommune og emner, og hvad du har lavet i "
    "Innovationspraktikken."
)
WHY_HEADING: Final = "Hvorfor"
WHY: Final = (
    "For at finde praktikpladser, der passer, og sætte værter og praktikanter sammen, for at "
    "sende jer beskederne før, under og efter uge 37, og for at koordinatorerne kan følge op "
    "og opgøre programmet i anonyme tal. Netværket findes, så senere deltagere kan finde "
    "nogen at spørge."
)
WHO_HEADING: Final = "Hvem ser dem"
# The README's "Who reads it" says the same; the goals and the programme are both sides'.
WHO_BOTH_SIDES: Final = "Praktikantens mål og værtens program for dagene ser I begge."
WHO_NETWORK: Final = (
    "• *Alle, der søger i netværket,* ser dit navn, din stilling, arbejdsplads og hvad du har "
    "lavet i Innovationspraktikken – men kun hvis du selv har valgt at være med."
)
WHO: Final = (
    "• *Koordinatorerne* ser sæsonens tilmeldinger, aftaler og evalueringer – også i "
    "eksport og rapport. Hvad de gør med dem, bliver logget. Statistik og rapport citerer "
    "kun dem, der har sagt ja, og uden navn.\n"
    "• *Din modpart* (værten og en medvært, eller praktikanten) ser dit navn, din "
    f"arbejdsplads og det, der hører til jeres anmodning, forslag eller aftale. {WHO_BOTH_SIDES}\n"
    "• *Praktikanter, der søger,* ser en åben værtsplads: arbejdsplads, kommune, dage, emner "
    f"og beskrivelse.\n{WHO_NETWORK}\n"
    "• *Din leder* ser forslaget, hvis sæsonen kræver lederens godkendelse.\n"
    "Andre deltagere ser ikke dit ønske eller dine svar."
)
HOW_LONG_HEADING: Final = "Hvor længe"
PROCESSORS_HEADING: Final = "Hvem behandler dem for os"
# Each processor's name is in the README's section too.
HOSTED_AT: Final = "den server og database, Praktikbot kører på, hos"
PROCESSORS: Final = (
    ("Slack", "viser beskederne, knapperne og filerne i jeres Slack-arbejdsområde"),
    ("driften", f"{HOSTED_AT} koordinatorernes driftsleverandør"),
)
RIGHTS_HEADING: Final = "Se og slet dine data"
RIGHTS: Final = (
    "`/praktik mine-data` sender dig alt, Praktikbot har om dig, som en fil. "
    "`/praktik slet-mine-data` sletter det (du bliver bedt om at bekræfte): en aftale, der ikke "
    "er begyndt, bliver meldt fra, og tilbage bliver kun anonyme tal til statistikken."
)


def months(count: int) -> str:
    return f"{count} måned" if count == 1 else f"{count} måneder"


# The network entry is the one thing the retention rule leaves: the person chose it.
NETWORK_KEPT: Final = (
    "Dit opslag i netværket er en undtagelse, fordi du selv har valgt det: det bliver, til du "
    "fjerner det med `/praktik netværk fra` eller sletter dine data."
)


def how_long(count: int, year: int, closes: str, anonymised: str) -> str:
    return (
        f"En sæsons personoplysninger bliver gjort anonyme {months(count)} efter, at sæsonens "
        f"evaluering er lukket ({closes}). For sæson {year} sker det {anonymised}. Tilbage "
        f"bliver kun anonyme tal til statistikken. {NETWORK_KEPT}"
    )


def processors(hosting: str = "") -> str:
    """`hosting`: who runs the server and database (PRAKTIK_HOSTING), when it is set."""
    named = [
        (name, f"{HOSTED_AT} {hosting}" if hosting and name == PROCESSORS[1][0] else what)
        for name, what in PROCESSORS
    ]
    return "\n".join(f"• *{name}* – {what}" for name, what in named)


RESPONSIBLE_HEADING: Final = "Hvem er ansvarlig"
COMPLAIN: Final = "Du kan også klage til Datatilsynet (datatilsynet.dk)."
RESPONSIBLE_UNNAMED: Final = (
    "Den organisation, der står for Innovationspraktikken, er dataansvarlig for "
    "oplysningerne i Praktikbot: spørg koordinatorerne, hvis du har spørgsmål til, hvordan "
    "dine data bliver behandlet."
)


def responsible(controller: str) -> str:
    """`controller`: who is responsible and how to reach them (PRAKTIK_CONTROLLER), or ""."""
    if not controller:
        return f"{RESPONSIBLE_UNNAMED} {COMPLAIN}"
    return (
        f"*{controller}* er dataansvarlig for oplysningerne i Praktikbot. Skriv dertil, hvis du "
        f"har spørgsmål til, hvordan dine data bliver behandlet. {COMPLAIN}"
    )
