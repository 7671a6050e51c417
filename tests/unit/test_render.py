"""Block Kit as console text: what a sandbox user reads, and the numbers they act on."""

from __future__ import annotations

import copy
from typing import Any

from bot.sandbox.fake_slack import Message, StoredFile
from bot.sandbox.render import Target, mrkdwn, render_blocks, render_message, render_view


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text}, "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], **extra: Any) -> dict[str, Any]:
    block = {"type": "input", "block_id": block_id, "element": {"action_id": "v", **element}}
    return {**block, "label": {"type": "plain_text", "text": label}, **extra}


MODAL: dict[str, Any] = {
    "type": "modal",
    "callback_id": "slot",
    "title": {"type": "plain_text", "text": "Værtsplads"},
    "submit": {"type": "plain_text", "text": "Gem"},
    "close": {"type": "plain_text", "text": "Annullér"},
    "blocks": [
        _input("workplace", "Arbejdsplads", {"type": "plain_text_input"}),
        _input(
            "seats",
            "Pladser",
            {"type": "number_input", "is_decimal_allowed": False},
            hint={"type": "plain_text", "text": "1-3"},
        ),
        _input(
            "sector",
            "Sektor",
            {"type": "static_select", "options": [_option("Kommune", "k"), _option("Stat", "s")]},
        ),
        _input(
            "days",
            "Dage",
            {
                "type": "checkboxes",
                "options": [_option("Mandag", "mon"), _option("Tirsdag", "tue")],
            },
        ),
        _input("start", "Start", {"type": "datepicker"}, optional=True),
        _input(
            "mode",
            "Form",
            {
                "type": "radio_buttons",
                "initial_option": _option("Fysisk", "onsite"),
                "options": [_option("Fysisk", "onsite"), _option("Online", "online")],
            },
        ),
    ],
}

PROPOSAL: list[dict[str, Any]] = [
    {"type": "header", "text": {"type": "plain_text", "text": "Nyt forslag"}},
    {
        "type": "section",
        "block_id": "intro",
        "text": {"type": "mrkdwn", "text": "*Ida Holm* &amp; <@U0BO|bo> &lt;3"},
        "fields": [
            {"type": "mrkdwn", "text": "*Kommune*\nOdense"},
            {"type": "mrkdwn", "text": "*Dage*\nman–ons"},
            {"type": "mrkdwn", "text": "*Sektor*\nKommune"},
        ],
        "accessory": {
            "type": "button",
            "action_id": "profile",
            "text": {"type": "plain_text", "text": "Profil"},
            "value": "u1",
        },
    },
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "Svar senest fredag"}]},
    {"type": "divider"},
    {
        "type": "actions",
        "block_id": "answer",
        "elements": [
            {
                "type": "button",
                "action_id": "accept",
                "style": "primary",
                "text": {"type": "plain_text", "text": "Acceptér"},
                "value": "p1",
            },
            {
                "type": "button",
                "action_id": "decline",
                "style": "danger",
                "text": {"type": "plain_text", "text": "Afslå"},
                "value": "p1",
            },
        ],
    },
]


def test_a_message_reads_as_text_with_numbered_buttons() -> None:
    rendered = render_blocks(PROPOSAL)

    assert rendered.text.splitlines() == [
        "Nyt forslag",
        "═══════════",
        "*Ida Holm* & @bo <3",
        "Kommune: Odense                     Dage: man–ons",
        "Sektor: Kommune",
        "  [1] Profil",
        "  › Svar senest fredag",
        "─" * 40,
        "[2] Acceptér  [3] Afslå",
    ]
    assert rendered.targets[3] == Target("button", "decline", "answer", "Afslå", "button", "p1")
    kind, action_id, block_id, *_ = rendered.targets[2]
    assert (kind, action_id, block_id) == ("button", "accept", "answer")


def test_numbering_can_continue_across_surfaces_and_ansi_is_optional() -> None:
    rendered = render_blocks(PROPOSAL, start=10, ansi=True)
    assert sorted(rendered.targets) == [10, 11, 12]
    assert "\x1b[32mAcceptér\x1b[0m" in rendered.text
    assert "\x1b[1mIda Holm\x1b[0m" in rendered.text


def test_a_modal_shows_inputs_with_their_values_options_and_errors() -> None:
    view = copy.deepcopy(MODAL)
    view["state"] = {
        "values": {
            "workplace": {"v": {"type": "plain_text_input", "value": "Odense Kommune"}},
            "days": {
                "v": {
                    "type": "checkboxes",
                    "selected_options": [
                        {"text": {"type": "plain_text", "text": "Mandag"}, "value": "mon"}
                    ],
                }
            },
        }
    }

    rendered = render_view(view, errors={"seats": "Skriv et tal"})

    assert rendered.text.splitlines() == [
        "══ Værtsplads ══",
        "[1] Arbejdsplads (plain_text_input): Odense Kommune",
        "[2] Pladser (number_input): —",
        "      1-3",
        "      ! Skriv et tal",
        "[3] Sektor (static_select): —",
        "      [ ] Kommune  = k",
        "      [ ] Stat  = s",
        "[4] Dage (checkboxes): Mandag",
        "      [x] Mandag  = mon",
        "      [ ] Tirsdag  = tue",
        "[5] Start (datepicker, optional): —",
        "[6] Form (radio_buttons): Fysisk",  # its initial option
        "      [x] Fysisk  = onsite",
        "      [ ] Online  = online",
        "(submit: Gem)  ·  (close: Annullér)",
    ]
    assert rendered.targets[3] == Target("input", "v", "sector", "Sektor", "static_select")


def test_a_home_tab_and_a_plain_message() -> None:
    home = {"type": "home", "blocks": [PROPOSAL[-1]]}
    assert render_view(home).text == "══ App Home ══\n[1] Acceptér  [2] Afslå"
    assert render_message({"text": "Hej &lt;Ida&gt;", "blocks": []}).text == "Hej <Ida>"
    export = StoredFile("F1", "data.csv", "Dine data", b"a;b\n", "text/csv", created=0)
    shared = Message(ts="1.0", channel="D1", text="Her er dine data", files=[export])
    assert render_message(shared).text == "Her er dine data\n📎 data.csv (4 bytes)"


def test_mrkdwn_spells_out_links_mentions_and_dates() -> None:
    text = "<https://x.dk|se mere> <#C1|praktik> <!here> <!date^1|13. sep> *fed* \u200b"
    assert mrkdwn(text) == "se mere (https://x.dk) #praktik @here 13. sep *fed* "
    assert mrkdwn("*fed* og _skrå_", strip=True) == "fed og skrå"
