"""The season report (`/praktik admin rapport`, `praktik rapport`, `praktik demo`) and its
chart's labels, in Danish."""

from __future__ import annotations

from typing import Final

from bot.texts.grammar import plural
from bot.texts.rounds import number, pct

# The programme's own figures from 2017 (docs/product.md), the yardstick in every report.
YEAR_2017: Final = 2017
PARTICIPANTS_2017: Final = "131"
PLACEMENTS_2017: Final = "82"
HOSTS_2017: Final = "51"
INTERNS_2017: Final = "72"
CROSS_2017: Final = 28.0  # per cent
BENEFIT_2017: Final = 75.0  # 3 in 4
RECOMMEND_2017: Final = 90.0  # more than 9 in 10
CROSS_2017_TEXT: Final = "28 %"
BENEFIT_2017_TEXT: Final = "3 ud af 4"
RECOMMEND_2017_TEXT: Final = "over 9 ud af 10"
DASH: Final = "–"


def title(year: int) -> str:
    return f"Innovationspraktikken {year} – årsrapport"


def subtitle(made: str) -> str:
    return f"Center for Offentlig Innovation · lavet af Praktikbot {made} ud fra sæsonens data"


FIGURES: Final = "## Nøgletal"
COL_WHAT: Final = "Hvad"
ROW_PARTICIPANTS: Final = "Deltagere"
ROW_SECTORS: Final = "Fra stat / region / kommune"
ROW_PLACEMENTS: Final = "Aftaler (bekræftede praktikker)"
ROW_HOSTS: Final = "Værter med praktikanter"
ROW_INTERNS: Final = "Praktikanter i praktik"
ROW_CROSS: Final = "På tværs af sektor"
ROW_ACCEPTED: Final = "Forslag accepteret"
ROW_CHECKIN: Final = "Check-in (1–5)"
ROW_EVALUATIONS: Final = "Evalueringer"
ROW_BENEFIT: Final = "Fik konkret udbytte (ja)"
ROW_RECOMMEND: Final = "Vil anbefale det (9–10)"
ROW_WORKSHOP: Final = "Workshop: kommer / kommer ikke / inviteret"
NO_WORKSHOP: Final = "ingen workshop i Praktikbot"


def workshop(coming: int, not_coming: int, invited: int) -> str:
    return f"{coming} / {not_coming} / {invited}"


def participants(hosts: int, interns: int) -> str:
    return (
        f"{hosts + interns} ({plural(hosts, 'vært', 'værter')}, "
        f"{plural(interns, 'praktikant', 'praktikanter')})"
    )


def of(part: int, whole: int) -> str:
    return f"{part} af {whole}"


def share_of(part: int, whole: int) -> str:
    """The way `/praktik admin stats` shows a share: "28,6 % (8 af 28)"."""
    return f"{pct(100 * part / whole)} ({part} af {whole})" if whole else DASH


def checkin(average: float | None, count: int) -> str:
    return f"{number(average)} af 5 ({count} svar)" if average is not None else DASH


def recommend(part: int, whole: int, nps: float | None) -> str:
    shown = share_of(part, whole)
    return f"{shown} · NPS {nps:+.0f}" if nps is not None and whole else shown


COMPARISON: Final = (
    "Til sammenligning: i 2017 var 131 med (51 værter tog 72 praktikanter), 28 % krydsede "
    "sektor, 3 ud af 4 fik konkret udbytte, og over 9 ud af 10 ville anbefale det."
)
CHART: Final = "## Diagram"
CHART_ALT: Final = (
    "Nøgletal mod sidste år og 2017, sektorstrømme, udfald, hvor godt aftalen passer til "
    "ønsket, og hvor langt praktikanterne nåede deres mål og omsatte dem til praksis"
)
NO_PREVIOUS: Final = "Ingen data for sidste år i Praktikbot."

# Slack ------------------------------------------------------------------------------------


def filename(year: int, suffix: str) -> str:
    return f"innovationspraktik-{year}-rapport.{suffix}"


def sent(year: int) -> str:
    return f"Årsrapporten for {year} er sendt til dig som besked (PDF og Markdown)."


FAILED: Final = "Rapporten kunne ikke sendes lige nu. Prøv igen om lidt."


def comment(year: int) -> str:
    return f"Årsrapport for Innovationspraktikken {year}"


# `praktik rapport` ---------------------------------------------------------------------


def written(pdf: str, markdown: str, year: int) -> str:
    return f"Årsrapporten for {year} er gemt: {pdf} og {markdown}"


def not_written(path: str, reason: str) -> str:
    return f"Kunne ikke skrive {path}: {reason}"


# The chart -------------------------------------------------------------------------------


def chart_title(year: int) -> str:
    return f"Innovationspraktikken {year} på et øjeblik"


CHART_KEYS: Final = "Nøgletal i procent"
KEY_LABELS: Final = ("På tværs af sektor", "Konkret udbytte (ja)", "Vil anbefale (9–10)")
PROGRAMME_2017: Final = "2017 (programmets tal)"
NO_ANSWERS: Final = "ingen svar"
CHART_FLOWS: Final = "Aftaler fra sektor → til sektor"
CHART_FROM: Final = "Praktikantens sektor"
CHART_TO: Final = "Værtens sektor"
SAME_SECTOR: Final = "samme sektor"
CHART_OUTCOMES: Final = "Hvordan gik forslag og anmodninger?"
OUTCOMES: Final = {
    "confirmed": "Bekræftet",
    "declined": "Afslået",
    "expired": "Ikke besvaret",
    "full": "Pladsen blev fuld",
    "pending": "Venter på svar",
    "withdrawn": "Trukket tilbage",
}
CHART_FIT: Final = "Hvor godt passer aftalen til praktikantens ønske?"
CHART_FIT_AXIS: Final = "Andel af ønsket (emner, sektor, region), som pladsen opfylder"
FIT_WORDS: Final = ("Lidt", "Noget", "Meget", "Det meste")
COUNT_AXIS: Final = "Aftaler"


def fit_label(word: str, low: int, high: int) -> str:
    return f"{word}\n{low}–{high} %"


def percent(value: float) -> str:
    return f"{value:.0f} %"
