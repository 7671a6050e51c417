"""mine-data's file in words a person reads: the codes a scenario does not reach."""

from __future__ import annotations

import json

from bot.views.privacy import readable_export


def test_codes_become_words_and_nothing_is_dropped() -> None:
    raw = {
        "wishes": [{"wanted_sectors": ["stat", "kommune"], "days": [2, 3], "status": "active"}],
        "host_slots": [{"municipality": "stat", "region": None}, {"municipality": "0630"}],
        "workshop_answers": [{"coming": True}, {"coming": False}],
        "coordinator_actions": [{"allowed": False, "detail": {"season_year": 2027}}],
        "messages_to_you": [{"status": "cancelled", "reason": "days changed", "kind": "intro"}],
        "days_changes_you_proposed": [{"proposer_side": "intern", "old_days": [1]}],
        "a_field_added_later": "kept",
    }
    shown = readable_export(raw)
    assert shown["praktikønsker"] == [
        {"ønskede sektorer": ["Stat", "Kommune"], "dage": ["tirsdag", "onsdag"], "status": "aktiv"}
    ]
    slots = shown["værtspladser"]
    assert slots[0] == {"kommune": "Centraladministrationen (flere steder)", "region": None}
    assert slots[1] == {"kommune": "Vejle"}
    assert [a["svar"] for a in shown["dine svar om workshoppen"]] == ["kommer", "kommer ikke"]
    action = shown["dine handlinger som koordinator"][0]
    assert action == {"tilladt": "nej", "detaljer": {"season_year": 2027}}  # as stored
    assert shown["beskeder til dig"] == [
        {"status": "aflyst", "årsag": "dagene blev ændret", "slags": "Introduktion til hinanden"}
    ]
    change = shown["ændringer af dage, du har foreslået"][0]
    assert change == {"foreslået som": "praktikant", "dage før ændringen": ["mandag"]}
    assert shown["a_field_added_later"] == "kept"
    assert json.loads(json.dumps(shown, ensure_ascii=False)) == shown
