"""The Danish words of the figures against the interns' learning goals: `/praktik admin
stats`, the season report with its chart, and the export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from bot.texts.rounds import number, pct

GROUPS: Final = {"all": "alle", "same": "samme sektor", "across": "på tværs"}
PRACTISED_WORDS: Final = {"ja": "ja", "delvist": "delvist", "nej": "nej"}
ROLE_WORDS: Final = {"intern": "praktikant", "host": "vært"}
DASH: Final = "–"


def mean(value: float | None) -> str:
    return f"{number(value)} af 5" if value is not None else DASH


def distribution(counts: Sequence[int]) -> str:
    """ "1: 0 · 2: 1 · 3: 2 · 4: 5 · 5: 3" – how many answered each step."""
    return " · ".join(f"{step}: {n}" for step, n in enumerate(counts, start=1))


def goals_met(by_group: Mapping[str, tuple[float | None, int]], counts: Sequence[int]) -> str:
    """by_group: group -> (mean, answers)."""
    lines = [f"{GROUPS[g]} {mean(m)} ({n} svar)" for g, (m, n) in by_group.items()]
    return "*Mål nået (1–5)*\n" + "\n".join(lines) + f"\n_{distribution(counts)}_"


def practised_shares(shares: Mapping[str, float | None]) -> str:
    return ", ".join(
        f"{PRACTISED_WORDS[k]} {pct(100 * v) if v is not None else DASH}" for k, v in shares.items()
    )


def practised(by_group: Mapping[str, tuple[Mapping[str, float | None], int]]) -> str:
    """by_group: group -> (ja/delvist/nej shares 0..1, answers)."""
    lines = [f"{GROUPS[g]}: {practised_shares(s)} ({n} svar)" for g, (s, n) in by_group.items()]
    return "*Omsat til praksis efter 90 dage*\n" + "\n".join(lines)


QUOTES_HEADER: Final = "*Citater (anonyme, med tilladelse)*"
NO_QUOTES: Final = "Ingen har givet lov til at blive citeret endnu."
QUOTES_GONE: Final = "Sæsonens citater er slettet sammen med dens persondata."


def quote(text: str, role: str) -> str:
    return f"> {text}\n— _{ROLE_WORDS.get(role, role)}_"


# The season report -------------------------------------------------------------------------
ROW_GOALS_MET: Final = "Mål nået (1–5), gennemsnit"
ROW_GOALS_MET_SAME: Final = "… i samme sektor"
ROW_GOALS_MET_ACROSS: Final = "… på tværs af sektorer"
ROW_GOALS_DISTRIBUTION: Final = "Mål nået, fordeling 1–5"
ROW_PRACTISED: Final = "Omsat til praksis (ja / delvist / nej)"
ROW_PRACTISED_SAME: Final = "… i samme sektor"
ROW_PRACTISED_ACROSS: Final = "… på tværs af sektorer"
QUOTES_SECTION: Final = "## Det siger deltagerne"
QUOTES_NOTE: Final = "Kun svar fra dem, der gav lov til at blive citeret – uden navne."


def report_met(value: float | None, answers: int) -> str:
    return f"{mean(value)} ({answers} svar)" if answers else DASH


def report_practised(shares: Mapping[str, float | None], answers: int) -> str:
    if not answers:
        return DASH
    return " / ".join(pct(100 * (shares[k] or 0.0)) for k in PRACTISED_WORDS) + f" ({answers} svar)"


# The season's chart ----------------------------------------------------------------------
CHART_MET: Final = "Hvor langt nåede praktikanterne deres mål?"
CHART_MET_AXIS: Final = "Mål nået, fra 1 (slet ikke) til 5 (helt)"
CHART_ANSWERS: Final = "Svar"
CHART_PRACTISED: Final = "Omsat til praksis efter 90 dage"


def chart_met(group: str, value: float | None, answers: int) -> str:
    """A legend entry: "på tværs: 4,0 af 5 (3 svar)"."""
    return f"{GROUPS[group]}: {report_met(value, answers)}"


def chart_practised(group: str, answers: int) -> str:
    """A bar's label: "på tværs (3 svar)"."""
    return f"{GROUPS[group]} ({answers} svar)"


# The export's columns ------------------------------------------------------------------------
EXPORT_COLUMNS: Final = (
    "praktikantens mål",
    "mål nået (1–5)",
    "praktikanten tager med hjem",
    "værten: det gav besøget",
    "praktikanten: omsat til praksis",
    "praktikanten: hvad",
    "værten: omsat til praksis",
    "værten: hvad",
)
