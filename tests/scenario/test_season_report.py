"""The season report: `/praktik admin rapport` over the real HTTP path, and offline."""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from bot.sandbox.harness import Harness
from bot.texts import report as report_texts
from models.db import Database
from tests.conftest import ADMIN
from tests.scenario.seasons import placed_and_declined
from tests.talk import shown


def _stats_figures(text: str) -> dict[str, str]:
    """The figures as `/praktik admin stats` shows them."""

    def find(pattern: str) -> str:
        found = re.search(pattern, text)
        assert found, pattern
        return found.group(1)

    return {
        "placements": find(r"\*Aftaler\*\n(\d+) bekræftet"),
        "cross": find(r"\*På tværs af sektor\*\n(\S+ % \(\d+ af \d+\))"),
        "accepted": find(r"\*Forslag accepteret\*\n(\S+ % \(\d+ af \d+)"),
        "checkin": find(r"\*Check-in\*\n(\S+ af 5 \(\d+ svar\))"),
        "benefit": find(r"\*Konkret udbytte\*\nja (\S+ %)"),
        "recommend": find(r"\*Vil anbefale det \(9–10\)\*\n(\S+ % )"),
        "nps": find(r"(NPS [+-]\d+)"),
    }


def _pdf_pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text() for page in reader.pages]


async def test_admin_rapport_uploads_a_pdf_whose_first_page_shows_the_stats_figures(
    harness: Harness,
) -> None:
    await placed_and_declined(harness)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin stats")
    figures = _stats_figures(shown(kim.ephemerals[-1]))

    before = len(kim.files)
    await kim.command("/praktik", "admin rapport")
    assert "Årsrapporten for 2027 er sendt" in shown(kim.ephemerals[-1])
    sent = {f.name: f for f in kim.files[before:]}
    assert set(sent) == {
        "innovationspraktik-2027-rapport.pdf",
        "innovationspraktik-2027-rapport.md",
        "innovationspraktik-2027-rapport.png",
    }
    pdf = sent["innovationspraktik-2027-rapport.pdf"]
    assert pdf.content.startswith(b"%PDF-")
    pages = _pdf_pages(pdf.content)
    assert len(pages) == 3  # the figures, the chart, the figures against the goals
    first = " ".join(pages[0].split())  # line breaks of wrapped cells as spaces
    assert "Innovationspraktikken 2027 – årsrapport" in first
    for name, value in figures.items():
        assert value.strip() in first, (name, value, first)
    assert "4 (2 værter, 2 praktikanter)" in first
    assert "28 %" in first and "3 ud af 4" in first and "over 9 ud af 10" in first
    # Page 2 is the chart, drawn as text and vectors: its headings can be read.
    assert report_texts.CHART_FIT in " ".join(pages[1].split())

    markdown = sent["innovationspraktik-2027-rapport.md"].text()
    assert f"| {'På tværs af sektor'} | {figures['cross']} |" in markdown
    assert "![" in markdown and "(innovationspraktik-2027-rapport.png)" in markdown


async def test_admin_rapport_refuses_a_bad_year_and_reports_an_earlier_one(
    harness: Harness,
) -> None:
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    await kim.command("/praktik", "admin rapport sidste år")
    assert "Skriv året som fire cifre" in shown(kim.ephemerals[-1])
    assert kim.files == []
    await kim.command("/praktik", "admin rapport 2026")
    assert "Årsrapporten for 2026 er sendt" in shown(kim.ephemerals[-1])
    assert {f.name for f in kim.files} >= {"innovationspraktik-2026-rapport.pdf"}


async def test_rapport_is_for_coordinators_only(harness: Harness) -> None:
    bo = harness.workspace.person("UBO", "bo", "Bo Hansen")
    await bo.command("/praktik", "admin rapport")
    assert bo.files == []
    assert "koordinator" in shown(bo.ephemerals[-1]).casefold()


async def test_praktik_rapport_writes_the_same_report_offline(
    harness: Harness, db: Database, tmp_path: Path
) -> None:
    await placed_and_declined(harness)
    out = tmp_path / "rapport"
    done = await asyncio.to_thread(
        subprocess.run,  # the command as a coordinator runs it
        [sys.executable, "-m", "bot.cli", "rapport", "--year", "2027", "--out", str(out)],
        env={**os.environ, "DATABASE_URL": db.url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Årsrapporten for 2027 er gemt" in done.stdout
    pages = _pdf_pages((out / "innovationspraktik-2027-rapport.pdf").read_bytes())
    assert "100,0 % (1 af 1)" in " ".join(pages[0].split())
    markdown = (out / "innovationspraktik-2027-rapport.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Innovationspraktikken 2027 – årsrapport")
    assert (out / "innovationspraktik-2027-rapport.png").read_bytes().startswith(b"\x89PNG")
