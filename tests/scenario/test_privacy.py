"""mine-data returns only the caller's data; slet-mine-data withdraws, erases and keeps figures."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from bot.sandbox.harness import Harness
from bot.texts.privacy import EXPORT_KEYS
from models.privacy import export
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
    assert data["dig"]["Slack-bruger-id"] == "UANNA"
    assert data["praktikønsker"][0]["tekst"] == "Annas eget ønske"
    assert len(data["aftaler"]) == 1 and len(data["beskeder til dig"]) == 6
    raw = files[0].text()
    assert "Bos hemmelige beskrivelse" not in raw and "Klimakoordinator" not in raw
    assert "UBO" not in raw and "Bo Hansen" not in raw
    assert data["fanen Hjem første gang åbnet"].startswith("20")


async def test_mine_data_speaks_danish_in_words_a_person_reads_and_keeps_every_field(
    harness: Harness,
) -> None:
    bo, anna = await _placed_pair(harness)
    await anna.command("/praktik", "afmeld")
    await anna.press("Træk mit praktikønske tilbage")
    await anna.command("/praktik", "mine-data")
    await bo.command("/praktik", "mine-data")
    mine = json.loads(next(f for f in anna.files if f.name.endswith(".json")).text())
    his = json.loads(next(f for f in bo.files if f.name.endswith(".json")).text())

    placement = mine["aftaler"][0]
    assert placement["status"] == "trukket tilbage" and placement["sæson"] == 2027
    assert placement["dage"] == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"]
    asked = mine["anmodninger og forslag"][0]
    assert asked["opstået ved"] == "din anmodning" and asked["praktikantens svar"] == "ja"
    assert "værtens svar" not in asked  # the other person's answer is theirs
    wish = mine["praktikønsker"][0]
    assert wish["status"] == "trukket tilbage" and wish["dage"][0] == "mandag"
    dms = mine["beskeder til dig"]
    assert {m["status"] for m in dms} == {"aflyst"}
    assert {m["årsag"] for m in dms} == {"aftalen blev trukket tilbage"}
    assert "Introduktion til hinanden" in {m["slags"] for m in dms}
    slot = his["værtspladser"][0]
    assert (slot["kommune"], slot["sektor"], slot["status"]) == ("Ærø", "Kommune", "åben")
    assert slot["oprettet"].startswith("2027-")  # times stay ISO 8601

    # Every field the export holds is there, under a Danish key.
    for user, shown_data in (("UANNA", mine), ("UBO", his)):
        held = await harness.db.read(export, user_id=user)
        assert held is not None
        assert _keys(held) <= set(EXPORT_KEYS)
        assert len(_keys(shown_data)) == len(_keys(held))
        assert not _keys(shown_data) & (set(EXPORT_KEYS) - set(EXPORT_KEYS.values()))


def _keys(data: object) -> set[str]:
    """Every key, at any depth, of what the export built (not the stored payloads)."""
    if isinstance(data, dict):
        return {
            k
            for key, value in data.items()
            for k in {key}
            | (set() if key in ("payload", "detail", "indhold", "detaljer") else _keys(value))
        }
    if isinstance(data, list):
        return {k for item in data for k in _keys(item)}
    return set()


async def test_having_only_opened_the_home_tab_is_data_held_too(harness: Harness) -> None:
    eva = harness.workspace.person("UEVA", "eva", "Eva Lund")
    await eva.open_home()
    await eva.command("/praktik", "mine-data")
    assert list(json.loads(eva.files[0].text())) == ["fanen Hjem første gang åbnet"]
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
    assert data["samtalen med Praktikbot i Slack"] == harness.fake.dm_channel("UANNA")
    await anna.command("/praktik", "slet-mine-data")
    await anna.press("Slet mine data")
    await anna.command("/praktik", "mine-data")
    assert "ingen data om dig" in shown(anna.ephemerals[-1])
