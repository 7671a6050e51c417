"""mine-data returns only the caller's data; slet-mine-data withdraws, erases and keeps figures."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from models.tables import HomeOpened, HostSlot, Participant, Placement, PlacementStatus
from tests.scenario.flows import offer, wish
from tests.talk import shown


async def _placed_pair(harness: Harness) -> tuple[object, object]:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen", title="Klimakoordinator")
    anna = ws.person("UANNA", "anna", "Anna Jensen", title="Udviklingskonsulent")
    await offer(bo, description="Bos hemmelige beskrivelse")
    await wish(anna, text="Annas eget ønske")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    return bo, anna


async def test_mine_data_is_a_file_with_everything_about_me_and_nothing_about_others(
    harness: Harness,
) -> None:
    _, anna = await _placed_pair(harness)
    await anna.open_home()
    await anna.command("/praktik", "mine-data")

    # Besides the placement's calendar file (.ics), one file: all data held about her.
    files = [f for f in anna.files if not f.name.endswith(".ics")]
    assert len(files) == 1 and files[0].name == "praktikbot-mine-data.json"
    data = json.loads(files[0].text())
    assert data["person"]["slack_user_id"] == "UANNA"
    assert data["wishes"][0]["text"] == "Annas eget ønske"
    assert len(data["placements"]) == 1 and len(data["messages_to_you"]) == 6
    raw = files[0].text()
    assert "Bos hemmelige beskrivelse" not in raw and "Klimakoordinator" not in raw
    assert "UBO" not in raw and "Bo Hansen" not in raw
    assert data["home_tab_first_opened_at"].startswith("20")


async def test_having_only_opened_the_home_tab_is_data_held_too(harness: Harness) -> None:
    eva = harness.workspace.person("UEVA", "eva", "Eva Lund")
    await eva.open_home()
    await eva.command("/praktik", "mine-data")
    assert list(json.loads(eva.files[0].text())) == ["home_tab_first_opened_at"]
    await eva.command("/praktik", "slet-mine-data")
    await eva.press("Slet mine data")
    assert "Dine data er slettet" in shown(eva.ephemerals[-1])
    await eva.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(eva.ephemerals[-1])


async def test_slet_mine_data_withdraws_tells_the_host_and_keeps_only_anonymous_figures(
    harness: Harness,
) -> None:
    bo, anna = await _placed_pair(harness)
    await anna.open_home()
    assert "Du skal i praktik hos" in shown(anna.home)
    await anna.command("/praktik", "slet-mine-data")
    assert "Vil du slette dine data?" in shown(anna.ephemerals[-1])
    await anna.press("Slet mine data")
    assert "Dine data er slettet" in shown(anna.ephemerals[-1])
    assert "har meldt fra" in shown(bo.last_dm)

    def check(session: Session) -> None:
        people = {p.slack_user_id: p for p in session.exec(select(Participant)).all()}
        assert "UANNA" not in people
        erased = next(p for k, p in people.items() if k.startswith("slettet-"))
        assert (erased.name, erased.title, erased.workplace) == ("", "", "")
        assert erased.sector == "stat"  # the anonymous figure the statistics need
        placement = session.exec(select(Placement)).one()
        assert placement.status == PlacementStatus.WITHDRAWN
        assert session.exec(select(HostSlot)).one().confirmed == 0
        assert session.get(HomeOpened, "UANNA") is None  # nor that she opened the Home tab

    await harness.db.run(check)
    assert "Du skal i praktik hos" not in shown(anna.home)  # the open tab was redrawn empty
    await anna.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(anna.ephemerals[-1])


async def test_files_open_a_persons_dm_channel_once_and_it_is_data_held(
    harness: Harness,
) -> None:
    """conversations.open is Tier 3: a file upload reuses the channel stored the first time
    (a calendar file, then mine-data twice), and erasing forgets it with the rest."""
    _, anna = await _placed_pair(harness)
    await anna.command("/praktik", "mine-data")
    await anna.command("/praktik", "mine-data")
    opened = [
        c for c in harness.fake.calls_to("conversations.open") if c.params["users"] == "UANNA"
    ]
    assert len(opened) == 1
    data = json.loads([f for f in anna.files if f.name.endswith(".json")][-1].text())
    assert data["dm_channel_with_praktikbot"] == harness.fake.dm_channel("UANNA")
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")
    await anna.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(anna.ephemerals[-1])
