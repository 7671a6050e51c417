"""`/praktik find` reads Danish the way it is typed: inflected, compounded, without æ/ø/å."""

from __future__ import annotations

from bot.sandbox.harness import Harness
from bot.texts import find as find_texts
from bot.texts import search_none
from tests.scenario.flows import offer, wish
from tests.talk import buttons, shown


async def test_find_reads_inflected_forms_compounds_and_letters_typed_without_ae_oe_aa(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    await offer(
        bo,
        workplace="Odense Kommune, Ældre og Handicap",
        municipality="Odense",
        topics=("sundhed",),
        description="Du følger hverdagen på et lille plejehjem og vores demensteam.",
    )
    await offer(
        cas,
        workplace="Jobcenter Køge",
        municipality="Køge",
        topics=("beskæftigelse",),
        description="Samtaler med ledige og virksomheder.",
    )

    await anna.command("/praktik", "find plejehjemmene")
    found = shown(anna.ephemerals[-1])
    assert "Odense Kommune, Ældre og Handicap" in found and "Jobcenter Køge" not in found
    assert find_texts.SOME_WORDS not in found
    assert buttons(anna.ephemerals[-1]) == ["Anmod"]

    await anna.command("/praktik", "find koge")
    found = shown(anna.ephemerals[-1])
    assert "Jobcenter Køge" in found and "Odense" not in found

    await anna.command("/praktik", "find aeldre i odense")
    assert "Odense Kommune, Ældre og Handicap" in shown(anna.ephemerals[-1])

    await anna.command("/praktik", "find demens jobcentre")  # no slot has both words
    found = shown(anna.ephemerals[-1])
    assert "*2 ledige pladser*" in found and find_texts.SOME_WORDS in found
    # a word in the workplace's name ranks above a part of a word in a description
    assert found.index("Jobcenter Køge") < found.index("Odense Kommune")

    await anna.command("/praktik", "find og i")  # only stop words: nothing, said kindly
    assert search_none("og i") in shown(anna.ephemerals[-1])


async def test_the_wish_text_orders_slots_of_equal_score_read_the_same_danish_way(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo = ws.person("UBO", "bo", "Bo Hansen")
    cas = ws.person("UCAS", "cas", "Cas Holm")
    anna = ws.person("UANNA", "anna", "Anna Jensen")
    dan = ws.person("UDAN", "dan", "Dan Berg")
    await offer(bo, workplace="Ærø Kommune, Havnen", description="Færgerne og havnens drift.")
    await offer(
        cas,
        workplace="Ærø Kommune, Veje og Trafik",
        description="Vi planlægger cykelstier og trafiksikkerhed omkring skolerne.",
    )

    # Same topics, sector, place and days: the score ties, and the free text decides.
    await wish(anna, text="Jeg vil gerne se trafikplanlægningen i en lille ø-kommune.")
    told = shown(anna.last_dm)
    assert told.index("Veje og Trafik") < told.index("Havnen")

    await wish(dan, text="Noget med faergen, gerne i havnen")
    told = shown(dan.last_dm)
    assert told.index("Havnen") < told.index("Veje og Trafik")
