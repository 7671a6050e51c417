"""The coordinator's figures: /praktik admin stats with its chart, App Home, and the export."""

from __future__ import annotations

import csv
import io

from PIL import Image
from sqlmodel import Session, col, func, select

from bot.sandbox.harness import Harness
from bot.texts import stats as stats_texts
from models.tables import Placement, Proposal, ProposalStatus
from tests.conftest import ADMIN
from tests.scenario.seasons import placed_and_declined
from tests.talk import shown

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _from_db(session: Session) -> dict[str, int]:
    def count(model: type, *where: object) -> int:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())

    return {
        "placements": count(Placement),
        "confirmed": count(Proposal, col(Proposal.status) == ProposalStatus.CONFIRMED),
        "decided": count(
            Proposal,
            col(Proposal.status).in_(["confirmed", "declined", "expired", "full"]),
        ),
    }


async def test_stats_chart_home_and_export_agree_with_the_database(harness: Harness) -> None:
    bo, _ = await placed_and_declined(harness)
    kim = harness.workspace.person(ADMIN, "kim", "Kim Koordinator")
    truth = await harness.db.run(_from_db)
    assert truth == {"placements": 1, "confirmed": 1, "decided": 2}

    await kim.command("/praktik", "admin stats")
    figures = shown(kim.ephemerals[-1])
    assert stats_texts.title(2027) in figures
    assert stats_texts.signups(2, 3, "Kommune 1, Region 1", 2, "Stat 1, Kommune 1") in figures
    assert "1 bekræftet hos 1 vært" in figures and truth["placements"] == 1
    assert "100,0 % (1 af 1)" in figures and "2017: 28 %" in figures
    assert f"50,0 % ({truth['confirmed']} af {truth['decided']} afgjorte)" in figures
    assert "4,5 af 5 (2 svar)" in figures
    assert "ja 50,0 %, delvist 50,0 % (2 svar)" in figures
    assert "50,0 % · NPS +50" in figures
    assert stats_texts.CHART_SENT in figures

    chart = kim.files[-1]
    assert chart.name.endswith(".png") and chart.content.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(chart.content)) as image:
        image.verify()
        assert image.format == "PNG" and image.size[0] > 600
    upload = harness.fake.calls_to("files.getUploadURLExternal")[-1]
    assert upload.params.get("alt_txt")

    # App Home: coordinators get the programme's figures; others do not.
    await kim.open_home()
    assert "Koordinator" in shown(kim.home) and "*1* aftale ·" in shown(kim.home)
    await bo.open_home()
    assert "Koordinator" not in shown(bo.home)

    await kim.command("/praktik", "admin eksport")
    assert stats_texts.export_sent(1) in shown(kim.ephemerals[-1])
    sheet = kim.files[-1]
    assert sheet.name == "innovationspraktik-2027-aftaler.csv"
    assert sheet.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig")), delimiter=";"))
    header, line = rows
    assert header[:3] == ["Aftale", "Status", "Oprindelse"] and len(line) == len(header)
    cell = dict(zip(header, line, strict=True))
    assert cell["Praktikantens Slack-id"] == "UANNA" and cell["Værtens Slack-id"] == "UBO"
    assert cell["På tværs af sektor"] == "ja" and cell["Oprindelse"] == "anmodning"
    assert cell["Check-in vært (1-5)"] == "4" and cell["Anbefaling praktikant (0-10)"] == "10"
    assert cell["Evaluering praktikant"] == "'=Meget lærerigt"  # never a formula in Excel
    assert sheet.content.count(b"\r\n") == 2
