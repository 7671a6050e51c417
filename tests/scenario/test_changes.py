"""Changes that warn and tell: withdrawing names what it cancels (and the sandbox asks first,
as Slack does), a host cannot edit a slot out from under an agreement."""

from __future__ import annotations

import io
import json
from datetime import date

from bot import texts
from bot.sandbox.console import Console
from bot.sandbox.console_tools import listed
from bot.sandbox.harness import Harness
from bot.texts import changes
from bot.texts import sandbox_confirm as confirm_texts
from bot.views.forms import FormBlock
from tests.conftest import ADMIN
from tests.meaning import before, clause
from tests.orthography import assert_one_full_stop_after_dates
from tests.scenario.console_scripts import HOST_INTERN_ACCEPT, said_after
from tests.scenario.flows import offer, wish
from tests.talk import buttons, last_words, shown


async def test_withdrawing_asks_first_naming_the_placement_and_who_is_told(
    harness: Harness,
) -> None:
    out = io.StringIO()
    lines = [
        *HOST_INTERN_ACCEPT.splitlines(),
        "/som anna",
        "/praktik afmeld",
        "tryk 1",
        "nej",
        "/praktik status",
        "/praktik afmeld",
        "tryk 1",
        "ja",
    ]
    code = await Console(harness, out=out, strict=True).run(listed(lines), echo=True, numbered=True)
    transcript = out.getvalue()
    assert code == 0, transcript

    asked = said_after(transcript, "anna> tryk 1", nth=2)
    assert confirm_texts.HEADING in asked and texts.WITHDRAW_CONFIRM_TITLE in asked
    agreement = changes.agreement_with_host(
        "Ærø Kommune", "Bo Hansen", "man 13. sep., tir 14. sep."
    )
    assert f"{agreement} aflyses" in asked
    assert "Bo Hansen får besked" in asked
    assert confirm_texts.answer_with(texts.WITHDRAW_YES, texts.WITHDRAW_NO) in asked
    assert "→ til Bo Hansen" not in asked  # nothing was sent yet

    assert "Fortrudt" in said_after(transcript, "anna> nej")
    still = said_after(transcript, "anna> /praktik status")
    assert clause(texts.placement_as_intern("Ærø Kommune", "", ["Bo Hansen"])) in still

    done = said_after(transcript, "anna> ja")
    assert "→ til Bo Hansen" in done  # now the host is told


async def test_the_hosts_withdraw_dialog_names_each_intern_workplace_and_days(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna, days=["tor 16. sep.", "fre 17. sep."])
    await anna.press("Anmod")
    await bo.press("Acceptér")
    await bo.command("/praktik", "afmeld")
    confirm = bo.ephemerals[-1].blocks[1]["elements"][0]["confirm"]
    text = confirm["text"]["text"]
    agreement = changes.agreement_with_intern(
        "Anna Jensen", "Styrelsen for Dataforsyning", "tor 16. sep., fre 17. sep."
    )
    assert changes.withdraw_host_agreements([agreement], ["Anna Jensen"]) in text


async def test_a_host_cannot_remove_agreed_days_or_seats_and_is_told_why(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo, capacity="2")
    await wish(anna, days=["tor 16. sep.", "fre 17. sep."])
    await anna.press("Anmod")
    await bo.press("Acceptér")

    await bo.command("/praktik", "tilbyd")
    bo.fill(FormBlock.SLOT_DAYS, ["man 13. sep.", "tir 14. sep.", "ons 15. sep.", "tor 16. sep."])
    outcome = await bo.submit()
    assert outcome.action == "errors"
    assert changes.agreed_days_dropped([date(2027, 9, 17)]) in json.dumps(
        outcome.errors, ensure_ascii=False
    )
    bo.fill(FormBlock.SLOT_DAYS, ["man 13. sep.", "tor 16. sep.", "fre 17. sep."])
    bo.fill(FormBlock.SLOT_CAPACITY, "0")
    outcome = await bo.submit()
    assert outcome.action == "errors"
    bo.fill(FormBlock.SLOT_CAPACITY, "1")  # one seat for the one agreed intern is fine
    assert (await bo.submit()).action == "close"
    await bo.command("/praktik", "status")
    assert "man 13. sep., tor 16. sep., fre 17. sep." in shown(bo.ephemerals[-1])


async def test_both_sides_see_the_agreed_days_not_the_slots_days(harness: Harness) -> None:
    ws = harness.workspace
    kim = ws.person(ADMIN, "kim", "Kim Koordinator")
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)  # Monday to Friday
    await wish(anna, days=["tor 16. sep.", "fre 17. sep."])  # Anna can come Thursday and Friday
    await kim.command("/praktik", "admin match")
    await kim.press("Send forslag (stabil)")
    to_anna, to_bo = shown(anna.last_dm), shown(bo.last_dm)
    agreed = "*Dage i praktik:* tor 16. sep., fre 17. sep."
    assert agreed in to_anna and agreed in to_bo
    assert "man 13. sep." not in to_anna and "man 13. sep." not in to_bo
    await anna.press("Acceptér")
    await bo.press("Acceptér")
    # One full stop: the abbreviation's ends the sentence too.
    told = shown(last_words(anna))
    assert "– tor 16. sep., fre 17. sep." in told and "sep.." not in told
    told = shown(last_words(bo))
    assert "– tor 16. sep., fre 17. sep." in told and "sep.." not in told
    assert_one_full_stop_after_dates(harness.fake)


async def test_the_manager_named_is_told_of_the_agreement(harness: Harness) -> None:
    ws = harness.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    mia = ws.person("UMIA", "mia", "Mia Leder")
    await offer(bo)
    await wish(anna, manager="UMIA")
    await anna.press("Anmod")
    assert mia.dms == []  # nothing to tell before there is an agreement
    await bo.press("Acceptér")
    told = shown(mia.last_dm)
    told_of = changes.manager_told("<@UANNA> (Anna Jensen)", "Ærø Kommune", "DAYS")
    assert before(told_of, " (DAYS)") in told
    assert "til orientering" in told and buttons(mia.last_dm) == []


async def test_nobody_is_their_own_manager(harness: Harness) -> None:
    anna = harness.workspace.person("UANNA", "anna", "Anna Jensen")
    await anna.command("/praktik", "find")
    anna.fill(FormBlock.WISH_WORKPLACE, "Styrelsen")
    anna.fill(FormBlock.WISH_SECTOR, "Stat")
    anna.fill(FormBlock.WISH_MANAGER, "UANNA")
    outcome = await anna.submit()
    assert outcome.action == "errors"
    assert outcome.errors[FormBlock.WISH_MANAGER] == changes.ERR_OWN_MANAGER


async def test_with_approval_the_intern_hears_the_host_said_yes_and_the_manager_is_asked(
    approving: Harness,
) -> None:
    ws = approving.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    mia = ws.person("UMIA", "mia", "Mia Leder")
    await offer(bo)
    await wish(anna, manager="UMIA")
    await anna.press("Anmod")
    await bo.press("Acceptér")
    waiting = shown(anna.last_dm)
    assert changes.waiting_for_manager("Ærø Kommune", "<@UMIA>") in waiting
    assert "Godkender du praktikken?" in shown(mia.last_dm)
    assert "*Dage i praktik:*" in shown(mia.last_dm)
    await mia.press("Godkend")
    assert "Din praktik er bekræftet" in shown(last_words(anna))
    assert "Tak for din godkendelse" in shown(mia.last_dm)


async def test_no_suggestions_after_re_registering_says_they_were_already_asked(
    harness: Harness,
) -> None:
    ws = harness.workspace
    bo, anna = ws.person("UBO", "bo", "Bo Hansen"), ws.person("UANNA", "anna", "Anna Jensen")
    await offer(bo)
    await wish(anna)
    await anna.press("Anmod")
    await wish(anna, topics=["klima"], text="Nu med nye ord.")  # re-registering
    said = shown(anna.last_dm)
    assert changes.suggestions_all_asked(1) in said
    assert clause(texts.SUGGESTIONS_NONE) not in said
    await anna.command("/praktik", "find ærø")
    assert "Ærø Kommune" in shown(anna.ephemerals[-1])  # search still finds it
